"""Pure readers and writers over domain objects (no Django)."""
