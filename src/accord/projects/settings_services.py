"""Writes of a project's settings: its name and calendar, its closures, the committed go-live
(with each task's baseline), closing and reopening it, and a task's actual dates.

Each function takes the acting person, checks they may act (vendor admins and managers; for a
task's actual dates also its Responsible), refuses a stale version, changes everything or
nothing, records the change in the activity log and replans when dates may move.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.calendar import CalendarError, WorkingCalendar
from accord.domain.errors import InvalidInput, Problem, StaleWrite
from accord.domain.places import country_code, country_suggestion, zone_name, zone_suggestion
from accord.projects import task_selectors
from accord.projects.access import (
    NotAllowed,
    ProjectAction,
    allowed,
    refuse_if_closed,
    require,
)
from accord.projects.models import Project, ProjectTask
from accord.projects.planning import commit_task_baselines, project_replan, project_today
from accord.projects.services import NAME_MAX_LENGTH, project_locked_for_change

__all__ = [
    "project_close",
    "project_closure_add",
    "project_closure_remove",
    "project_go_live_reset",
    "project_reopen",
    "project_settings_update",
    "task_actual_dates_set",
]

#: The longest closure label and reason kept.
LABEL_MAX_LENGTH = 200


def _bump(project: Project, *fields: str) -> None:
    project.version += 1
    project.updated_at = timezone.now()
    project.save(update_fields=[*fields, "version", "updated_at"])


def _record(actor: User, project: Project, verb: Verb, summary: str, before: Any, after: Any) -> None:
    activity_record(
        actor=actor,
        project=project,
        verb=verb,
        target_type="project",
        target_key=str(project.pk),
        summary=summary,
        before=before,
        after=after,
    )


def country_problem(text: str) -> Problem:
    """A country nobody knows, naming the field and the closest known one."""
    suggestion = country_suggestion(text)
    hint = (
        _("Did you mean %(suggestion)s?") % {"suggestion": suggestion}
        if suggestion
        else _("Choose a country from the list.")
    )
    return Problem(
        "calendar-unknown-country",
        _("Country: “%(value)s” is not a country we know public holidays for. %(hint)s")
        % {"value": text, "hint": hint},
        hint=hint,
        where="country",
    )


def zone_problem(text: str) -> Problem:
    """A time zone the tz database does not know, naming the field and the closest known one."""
    suggestion = zone_suggestion(text)
    hint = (
        _("Did you mean %(suggestion)s?") % {"suggestion": suggestion}
        if suggestion
        else _("Use a name such as Europe/Paris or America/New_York.")
    )
    return Problem(
        "calendar-unknown-timezone",
        _("Time zone: “%(value)s” is not a known time zone. %(hint)s") % {"value": text, "hint": hint},
        hint=hint,
        where="time_zone",
    )


def checked_calendar(country: str, subdivision: str, time_zone: str) -> tuple[str, str, str]:
    """The country code, subdivision and zone name a person typed, or InvalidInput naming each
    field with the closest valid value."""
    code = country_code(country)
    zone = zone_name(time_zone) if time_zone.strip() else None
    problems = []
    if code is None:
        problems.append(country_problem(country))
    if time_zone.strip() and zone is None:
        problems.append(zone_problem(time_zone))
    if problems:
        raise InvalidInput(problems)
    assert code is not None
    try:
        calendar = WorkingCalendar.create(code, subdivision.strip() or None, timezone=zone)
    except CalendarError as error:
        raise InvalidInput(
            [
                Problem(
                    error.code,
                    _("Region: %(value)s is not a region of %(country)s.")
                    % {"value": subdivision, "country": code},
                    hint=error.hint,
                    where="subdivision",
                )
            ]
        ) from error
    return calendar.country, calendar.subdivision or "", calendar.timezone


@transaction.atomic
def project_settings_update(
    *,
    actor: User,
    project: Project,
    expected_version: int,
    name: str,
    country: str,
    subdivision: str = "",
    time_zone: str = "",
    today: dt.date | None = None,
) -> Project:
    """Rename ``project`` and set its calendar (a country name or code, a region, a time zone).
    Records "project.renamed" and "project.calendar_changed" for what changed, and replans when
    the calendar did."""
    project = project_locked_for_change(actor, project, expected_version)
    name = name.strip()
    problems = []
    if not name:
        problems.append(Problem("name-required", _("Name: give the project a name."), where="name"))
    elif len(name) > NAME_MAX_LENGTH:
        problems.append(
            Problem(
                "name-too-long",
                _("Name: keep it to %(count)s characters.") % {"count": NAME_MAX_LENGTH},
                where="name",
            )
        )
    try:
        code, region, zone = checked_calendar(country, subdivision, time_zone or project.time_zone)
    except InvalidInput as error:
        problems.extend(error.problems)
    if problems:
        raise InvalidInput(problems)
    fields = []
    if name != project.name:
        _record(actor, project, Verb.PROJECT_RENAMED, name, {"name": project.name}, {"name": name})
        project.name = name
        fields.append("name")
    calendar_before = {
        "country": project.calendar_country,
        "subdivision": project.calendar_subdivision,
        "time_zone": project.time_zone,
    }
    calendar_after = {"country": code, "subdivision": region, "time_zone": zone}
    if calendar_after != calendar_before:
        _record(
            actor,
            project,
            Verb.PROJECT_CALENDAR_CHANGED,
            f"{code} {region} {zone}".strip(),
            calendar_before,
            calendar_after,
        )
        project.calendar_country, project.calendar_subdivision, project.time_zone = code, region, zone
        fields += ["calendar_country", "calendar_subdivision", "time_zone"]
    if not fields:
        return project
    _bump(project, *fields)
    if fields != ["name"]:
        return project_replan(project=project, today=today)
    return project


def _closure_problems(start: object, end: object, label: str) -> list[Problem]:
    if not isinstance(start, dt.date) or not isinstance(end, dt.date):
        return [
            Problem(
                "closure-invalid",
                _("Closure: give a first and a last day."),
                hint=_("Use YYYY-MM-DD."),
                where="start" if not isinstance(start, dt.date) else "end",
            )
        ]
    if end < start:
        return [
            Problem(
                "closure-ends-before-start",
                _("Last day: the closure ends before it starts."),
                hint=_("The last day is included: give a day on or after the first."),
                where="end",
            )
        ]
    if len(label) > LABEL_MAX_LENGTH:
        return [
            Problem(
                "closure-label-too-long",
                _("Label: keep it to %(count)s characters.") % {"count": LABEL_MAX_LENGTH},
                where="label",
            )
        ]
    return []


@transaction.atomic
def project_closure_add(
    *,
    actor: User,
    project: Project,
    expected_version: int,
    start: dt.date,
    end: dt.date,
    label: str = "",
    today: dt.date | None = None,
) -> Project:
    """Add a closure (a shutdown, a freeze) from ``start`` to ``end``, both days included, and
    replan."""
    project = project_locked_for_change(actor, project, expected_version)
    label = label.strip()
    if problems := _closure_problems(start, end, label):
        raise InvalidInput(problems)
    closure = {"start": start.isoformat(), "end": end.isoformat(), "label": label}
    if closure in project.closures:
        return project
    project.closures = sorted([*project.closures, closure], key=lambda item: (item["start"], item["end"]))
    _record(actor, project, Verb.CLOSURE_ADDED, f"{start} - {end} {label}".strip(), {}, closure)
    _bump(project, "closures")
    return project_replan(project=project, today=today)


@transaction.atomic
def project_closure_remove(
    *, actor: User, project: Project, expected_version: int, index: int, today: dt.date | None = None
) -> Project:
    """Remove the closure at ``index`` (its place in the list the person saw) and replan."""
    project = project_locked_for_change(actor, project, expected_version)
    if not 0 <= index < len(project.closures):
        raise InvalidInput(
            [Problem("closure-unknown", _("No such closure."), hint=_("Reload the page."), where="index")]
        )
    closures = list(project.closures)
    removed = closures.pop(index)
    project.closures = closures
    _record(actor, project, Verb.CLOSURE_REMOVED, f"{removed['start']} - {removed['end']}", removed, {})
    _bump(project, "closures")
    return project_replan(project=project, today=today)


@transaction.atomic
def project_go_live_reset(
    *, actor: User, project: Project, expected_version: int, reason: str, today: dt.date | None = None
) -> Project:
    """Commit again to the latest P80 forecast, for a written ``reason``: the committed go-live
    and every task's baseline dates become today's plan."""
    project = project_locked_for_change(actor, project, expected_version)
    reason = reason.strip()
    if not reason:
        raise InvalidInput(
            [
                Problem(
                    "reason-required",
                    _("Reason: say why the committed go-live changes."),
                    hint=_("e.g. the customer's IT freeze moved the launch"),
                    where="reason",
                )
            ]
        )
    project = project_replan(project=project, today=today)
    before = project.go_live_baseline
    project.go_live_baseline = project.go_live_p80
    commit_task_baselines(project)
    _record(
        actor,
        project,
        Verb.PROJECT_BASELINE_SET,
        f"{before} -> {project.go_live_baseline}",
        {"go_live_baseline": before.isoformat() if before else None},
        {
            "go_live_baseline": project.go_live_baseline.isoformat() if project.go_live_baseline else None,
            "reason": reason[:2000],
        },
    )
    _bump(project, "go_live_baseline")
    return project


@transaction.atomic
def project_close(*, actor: User, project: Project, expected_version: int, reason: str = "") -> Project:
    """Close ``project``: read-only until reopened, and out of the portfolio's default list."""
    project = project_locked_for_change(actor, project, expected_version)
    project.status = Project.Status.CLOSED
    after = {"status": "closed", "reason": reason.strip()[:2000]}
    _record(actor, project, Verb.PROJECT_CLOSED, reason.strip()[:200], {"status": "active"}, after)
    _bump(project, "status")
    return project


@transaction.atomic
def project_reopen(*, actor: User, project: Project, expected_version: int) -> Project:
    """Reopen a closed ``project``: it can change again."""
    project = project_locked_for_change(actor, project, expected_version, even_if_closed=True)
    if project.status != Project.Status.CLOSED:
        return project
    project.status = Project.Status.ACTIVE
    _record(actor, project, Verb.PROJECT_REOPENED, "", {"status": "closed"}, {"status": "active"})
    _bump(project, "status")
    return project


def _actual_problems(
    project: Project, start: dt.date | None, finish: dt.date | None, today: dt.date
) -> list[Problem]:
    problems = []
    for field, label, value in (
        ("actual_start", _("Actual start"), start),
        ("actual_finish", _("Actual finish"), finish),
    ):
        if value is None:
            continue
        if value > today:
            problems.append(
                Problem(
                    "actual-date-in-the-future",
                    _("%(field)s: %(date)s is in the future.") % {"field": label, "date": value.isoformat()},
                    hint=_("Give the day it really happened, today at the latest."),
                    where=field,
                )
            )
        elif value < project.start_date:
            problems.append(
                Problem(
                    "actual-date-before-project",
                    _("%(field)s: %(date)s is before the project started (%(start)s).")
                    % {"field": label, "date": value.isoformat(), "start": project.start_date.isoformat()},
                    hint=_("Give a day on or after the project's start."),
                    where=field,
                )
            )
    return problems


def _order_problem() -> Problem:
    return Problem(
        "actual-finish-before-start",
        _("Actual finish: the task cannot finish before it started."),
        hint=_("Check the two dates."),
        where="actual_finish",
    )


@transaction.atomic
def task_actual_dates_set(
    *,
    actor: User,
    task: ProjectTask,
    expected_version: int,
    actual_start: dt.date | None = None,
    actual_finish: dt.date | None = None,
    today: dt.date | None = None,
) -> ProjectTask:
    """Give ``task``'s actual start and finish ("it finished last Tuesday"): its Responsible or
    a vendor manager, never in the future (in the project's time zone), never before the
    project's start. Blank dates keep what is recorded. Then the project is replanned."""
    task = ProjectTask.objects.select_for_update(of=("self",)).select_related("project").get(pk=task.pk)
    project = task.project
    require(actor, ProjectAction.VIEW, project)
    refuse_if_closed(project)
    responsible = actor in task_selectors.task_people(task)["R"]
    if not responsible and not allowed(actor, ProjectAction.MOVE_ANY_TASK, project):
        raise NotAllowed(
            _("Only the task's Responsible or a vendor manager can give its actual dates."),
            hint=_("Ask the Responsible of this task."),
        )
    if task.version != expected_version:
        raise StaleWrite(
            _("“%(task)s” changed while you were looking at it; nothing was changed.") % {"task": task.name},
            hint=_("Reload the task to see the change, then try again."),
        )
    start = actual_start or task.actual_start
    finish = actual_finish or task.actual_finish
    problems = _actual_problems(project, actual_start, actual_finish, today or project_today(project))
    if not problems and start and finish and finish < start:
        problems.append(_order_problem())
    if problems:
        raise InvalidInput(problems)
    before = {
        "actual_start": task.actual_start.isoformat() if task.actual_start else None,
        "actual_finish": task.actual_finish.isoformat() if task.actual_finish else None,
    }
    task.actual_start, task.actual_finish = start, finish
    task.version += 1
    task.updated_at = timezone.now()
    task.save(update_fields=["actual_start", "actual_finish", "version", "updated_at"])
    after = {
        "actual_start": start.isoformat() if start else None,
        "actual_finish": finish.isoformat() if finish else None,
    }
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.TASK_ACTUAL_DATES_SET,
        target_type="task",
        target_key=task.key,
        summary=f"{after['actual_start']} - {after['actual_finish']}",
        before=before,
        after=after,
    )
    project_replan(project=project, today=today)
    return task
