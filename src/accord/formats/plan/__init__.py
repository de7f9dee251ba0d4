"""Plan outputs: JSON, iCalendar, an SVG Gantt chart, a standalone HTML page and a terminal table.

Import each writer from its own module (``accord.formats.plan.to_ics``…): this package imports
nothing, so asking for one format (e.g. ``accord plan -f json``) does not load the libraries of the
others (icalendar for ICS).
"""
