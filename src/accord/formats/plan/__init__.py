"""Plan outputs: JSON, iCalendar, an SVG Gantt chart, a standalone HTML page and a terminal table."""

from accord.formats.plan.common import go_live_summary
from accord.formats.plan.gantt_svg import plan_to_svg
from accord.formats.plan.to_html import plan_to_html
from accord.formats.plan.to_ics import event_uid, plan_to_calendar, plan_to_ics
from accord.formats.plan.to_json import plan_to_json, plan_to_json_text
from accord.formats.plan.to_text import plan_to_table

__all__ = [
    "event_uid",
    "go_live_summary",
    "plan_to_calendar",
    "plan_to_html",
    "plan_to_ics",
    "plan_to_json",
    "plan_to_json_text",
    "plan_to_svg",
    "plan_to_table",
]
