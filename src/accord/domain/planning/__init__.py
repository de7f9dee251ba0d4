"""Planning: working calendars, the scheduler and the go-live forecast."""
