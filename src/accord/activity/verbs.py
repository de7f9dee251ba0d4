"""What the activity log says happened: every verb written, and the sentence each one reads as.

An entry stores its verb's value ("task.approved"); :data:`SENTENCES` gives each verb a sentence
template in the catalogue (English and French) naming people, roles and tasks, and
:func:`entry_sentence` fills it in the active language. The entry's ``before`` and ``after`` are
read here for display only: no state is ever read back from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accord.activity.models import ActivityEntry


class Verb(models.TextChoices):
    """Every kind of change the activity log records; the values are what the rows store."""

    # Task workflow (one per action of accord.domain.workflow).
    TASK_STARTED = "task.started", _("Task started")
    TASK_SUBMITTED = "task.submitted", _("Task submitted for approval")
    TASK_APPROVED = "task.approved", _("Task approved")
    TASK_SENT_BACK = "task.sent_back", _("Task sent back")
    TASK_BLOCKED = "task.blocked", _("Task blocked")
    TASK_UNBLOCKED = "task.unblocked", _("Task unblocked")
    TASK_REOPENED = "task.reopened", _("Task reopened")
    TASK_NOT_APPLICABLE = "task.not_applicable", _("Task marked not applicable")
    TASK_RESTORED = "task.restored", _("Task restored")
    # RACI cells.
    RACI_CHANGED = "raci.changed", _("RACI cell changed")
    RACI_UNDONE = "raci.undone", _("RACI change undone")
    # Comments and requests for input.
    COMMENT_ADDED = "comment.added", _("Comment added")
    INPUT_REQUESTED = "input.requested", _("Input requested")
    INPUT_GIVEN = "input.given", _("Input given")
    # The project itself.
    PROJECT_CREATED = "project.created", _("Project created")
    ALTERNATIVES_CHOSEN = "alternatives.chosen", _("Owners of alternative tasks chosen")
    PROJECT_UPGRADED = "project.upgraded", _("Playbook upgraded")
    PROJECT_BASELINE_SET = "project.baseline_set", _("Committed go-live set")
    FORECAST_MOVED = "forecast.moved", _("Forecast go-live moved")
    PLAN_CHANGED = "plan.changed", _("Plan changed")
    # People.
    PARTNER_ADDED = "partner.added", _("Partner added")
    PARTICIPANT_ADDED = "participant.added", _("Participant added")
    PARTICIPANT_REMOVED = "participant.removed", _("Participant removed")
    ROLE_ASSIGNED = "role.assigned", _("Role assigned")
    ROLE_UNASSIGNED = "role.unassigned", _("Role unassigned")
    ROLE_LEAD_CHANGED = "role.lead_changed", _("Role lead changed")
    ROLE_HANDED_OVER = "role.handed_over", _("Role handed over")
    # The workspace's catalogue (entries without a project).
    PLAYBOOK_UPLOADED = "playbook.uploaded", _("Playbook uploaded")


#: The sentence each verb reads as. Placeholders: actor, task, role, to_role, person, project,
#: partner, before, after, date, version, playbook, count.
SENTENCES: Mapping[Verb, Promise] = {
    Verb.TASK_STARTED: _("%(actor)s started “%(task)s”"),
    Verb.TASK_SUBMITTED: _("%(actor)s submitted “%(task)s” for approval"),
    Verb.TASK_APPROVED: _("%(actor)s approved “%(task)s”"),
    Verb.TASK_SENT_BACK: _("%(actor)s sent “%(task)s” back"),
    Verb.TASK_BLOCKED: _("%(actor)s marked “%(task)s” as blocked"),
    Verb.TASK_UNBLOCKED: _("%(actor)s unblocked “%(task)s”"),
    Verb.TASK_REOPENED: _("%(actor)s reopened “%(task)s”"),
    Verb.TASK_NOT_APPLICABLE: _("%(actor)s marked “%(task)s” as not applicable"),
    Verb.TASK_RESTORED: _("%(actor)s restored “%(task)s”"),
    Verb.RACI_CHANGED: _("%(actor)s changed %(role)s on “%(task)s” from %(before)s to %(after)s"),
    Verb.RACI_UNDONE: _("%(actor)s undid a change of %(role)s on “%(task)s”, back to %(after)s"),
    Verb.COMMENT_ADDED: _("%(actor)s commented on “%(task)s”"),
    Verb.INPUT_REQUESTED: _("%(actor)s asked for input on “%(task)s”"),
    Verb.INPUT_GIVEN: _("%(actor)s gave the input asked for on “%(task)s”"),
    Verb.PROJECT_CREATED: _("%(actor)s created the project “%(project)s”"),
    Verb.ALTERNATIVES_CHOSEN: _("%(actor)s chose the owners of %(count)s alternative tasks"),
    Verb.PROJECT_UPGRADED: _("%(actor)s upgraded the playbook to version %(version)s"),
    Verb.PROJECT_BASELINE_SET: _("%(actor)s set the committed go-live to %(date)s"),
    Verb.FORECAST_MOVED: _("The forecast go-live moved from %(before)s to %(after)s"),
    Verb.PLAN_CHANGED: _("The plan changed: %(count)s tasks have new dates"),
    Verb.PARTNER_ADDED: _("%(actor)s added the partner %(partner)s"),
    Verb.PARTICIPANT_ADDED: _("%(actor)s added %(person)s to the project"),
    Verb.PARTICIPANT_REMOVED: _("%(actor)s removed %(person)s from the project"),
    Verb.ROLE_ASSIGNED: _("%(actor)s made %(person)s %(role)s"),
    Verb.ROLE_UNASSIGNED: _("%(actor)s took %(person)s off %(role)s"),
    Verb.ROLE_LEAD_CHANGED: _("%(actor)s made %(person)s lead of %(role)s"),
    Verb.ROLE_HANDED_OVER: _("%(role)s handed over to %(to_role)s (%(person)s)"),
    Verb.PLAYBOOK_UPLOADED: _("%(actor)s uploaded the playbook %(playbook)s, version %(version)s"),
}


@dataclass(frozen=True, slots=True)
class Names:
    """How to name what entries point at: task keys and role keys to their names (keys show
    as they are when missing)."""

    tasks: Mapping[str, str] = field(default_factory=dict)
    roles: Mapping[str, str] = field(default_factory=dict)


def playbook_names(playbook_data: Mapping[str, Any]) -> Names:
    """The task and role names of a project's playbook copy."""
    roles = {
        str(role["key"]): str(role.get("name") or role["key"])
        for role in playbook_data.get("roles", ())
        if isinstance(role, dict) and "key" in role
    }
    tasks = {
        str(task["key"]): str(task.get("name") or task["key"])
        for phase in playbook_data.get("phases", ())
        if isinstance(phase, dict)
        for task in phase.get("tasks", ())
        if isinstance(task, dict) and "key" in task
    }
    return Names(tasks=tasks, roles=roles)


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _person(value: Any) -> str:
    data = _dict(value)
    return str(data.get("name") or data.get("email") or "—")


def _date(value: Any) -> str:
    if not value:
        return "—"
    try:
        return str(formats.date_format(dt.date.fromisoformat(str(value)), "DATE_FORMAT"))
    except ValueError:
        return str(value)


def _letters(value: Any) -> str:
    return str(_dict(value).get("raci") or "—")


def sentence_values(entry: ActivityEntry, names: Names | None = None) -> dict[str, str]:
    """The values an entry's sentence is filled with, read from its actor, target and
    before/after (for display only)."""
    names = names or Names()
    before, after = _dict(entry.before), _dict(entry.after)
    actor = entry.actor
    task_key, _slash, role_key = entry.target_key.partition("/")
    values = {
        "actor": (actor.get_full_name() or actor.email) if actor is not None else gettext("Accord"),
        "task": names.tasks.get(task_key, task_key),
        "role": names.roles.get(role_key, role_key),
        "before": _letters(before),
        "after": _letters(after),
    }
    verb = entry.verb
    if verb in (Verb.ROLE_ASSIGNED, Verb.ROLE_UNASSIGNED, Verb.ROLE_LEAD_CHANGED):
        values["role"] = names.roles.get(entry.target_key, entry.target_key)
        values["person"] = _person(before if verb == Verb.ROLE_UNASSIGNED else after)
    elif verb == Verb.ROLE_HANDED_OVER:
        giver, _sep, taker = entry.target_key.partition(">")
        giver, taker = str(before.get("role") or giver), str(after.get("role") or taker)
        values["role"] = names.roles.get(giver, giver)
        values["to_role"] = names.roles.get(taker, taker)
        values["person"] = _person(after.get("holder"))
    elif verb == Verb.PARTICIPANT_ADDED:
        values["person"] = _person(after)
    elif verb == Verb.PARTICIPANT_REMOVED:
        values["person"] = _person(before)
    elif verb == Verb.PROJECT_CREATED:
        values["project"] = str(after.get("name") or entry.summary)
    elif verb in (Verb.ALTERNATIVES_CHOSEN, Verb.PLAN_CHANGED):
        # Owners chosen: one per key; a plan change counts its tasks with new dates.
        values["count"] = str(after.get("count", 0) if verb == Verb.PLAN_CHANGED else len(after))
    elif verb == Verb.PROJECT_UPGRADED:
        values["version"] = str(after.get("playbook_version") or "—")
    elif verb == Verb.PROJECT_BASELINE_SET:
        values["date"] = _date(after.get("go_live_baseline"))
    elif verb == Verb.FORECAST_MOVED:
        values["before"] = _date(before.get("go_live_p80"))
        values["after"] = _date(after.get("go_live_p80"))
    elif verb == Verb.PARTNER_ADDED:
        values["partner"] = str(after.get("name") or entry.summary)
    elif verb == Verb.PLAYBOOK_UPLOADED:
        values["playbook"] = str(after.get("name") or after.get("key") or entry.target_key)
        values["version"] = str(after.get("version") or "—")
    return values


def entry_sentence(entry: ActivityEntry, names: Names | None = None) -> str:
    """What an entry says happened, as a sentence in the active language. An entry whose verb
    is not (or no longer) known reads as its stored summary, or its verb."""
    try:
        template = SENTENCES[Verb(entry.verb)]
    except (ValueError, KeyError):
        return entry.summary or entry.verb
    return str(template) % sentence_values(entry, names)


def entry_detail(entry: ActivityEntry) -> str:
    """What a person wrote with the change (a comment, a question, an answer, a reason), if any."""
    after = _dict(entry.after)
    if entry.verb in (Verb.COMMENT_ADDED, Verb.INPUT_REQUESTED, Verb.INPUT_GIVEN):
        return str(after.get("body") or "")
    return str(after.get("reason") or "")
