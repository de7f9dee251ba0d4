"""Who may open which project page (every URL name of accord.projects.urls, every kind of person).

Checked by tests/projects/test_pages_access.py, and counted by tests/web/test_access_matrix.py's
check that every URL of the site is in a matrix.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from accord.projects import services
from accord.projects.models import ProjectPartner
from tests.projects.cast import KINDS, Cast
from tests.workspaces.factories import PartnerContactFactory, PartnerFactory

LOGIN = "login"
SEES = {"admin", "manager", "member", "customer", "partner-on"}
MANAGES = {"admin", "manager"}


def read(allowed: set[str], anonymous: Any = LOGIN) -> dict[str, Any]:
    return {kind: 200 if kind in allowed else 404 for kind in KINDS} | {"anonymous": anonymous}


def write(success: int = 302) -> dict[str, Any]:
    """A change on a visible project: managers succeed, others who see it are refused (403)."""
    return {kind: success if kind in MANAGES else 403 if kind in SEES else 404 for kind in KINDS} | {
        "anonymous": LOGIN
    }


def _staffed(cast: Cast) -> dict[str, Any]:
    member = cast.people["member"].user
    services.role_assign(
        actor=cast.admin, project=cast.project, role_key="integration-manager", user=cast.admin
    )
    services.role_assign(actor=cast.admin, project=cast.project, role_key="integration-manager", user=member)
    return {"role": "integration-manager", "user": member.pk}


def _waiting_contact(cast: Cast) -> dict[str, Any]:
    link = ProjectPartner.objects.get(project=cast.project)
    contact = PartnerContactFactory(workspace=cast.project.workspace, partner=link.partner)
    return {"user": contact.user.pk}


def _other_partner(cast: Cast) -> dict[str, Any]:
    return {"partner": PartnerFactory(workspace=cast.project.workspace).pk}


Setup = Callable[[Cast], dict[str, Any]]


def managed_write(success: int = 302) -> dict[str, Any]:
    """A change on a manager's page: managers succeed, the page does not exist for others."""
    return {kind: success if kind in MANAGES else 404 for kind in KINDS} | {"anonymous": LOGIN}


def _versioned(cast: Cast, **data: Any) -> dict[str, Any]:
    return {"expected_version": cast.project.version, **data}


def _closure_to_remove(cast: Cast) -> dict[str, Any]:
    cast.project.closures = [{"start": "2026-08-03", "end": "2026-08-14", "label": "Summer"}]
    cast.project.save(update_fields=["closures"])
    return _versioned(cast, index=0)


def nothing(cast: Cast) -> dict[str, Any]:
    return {}


#: A task of the cast's project (tomorro-integration, internal API) and its plan page path.
PLAN_TASK = "{p}/plan/tasks/tomorro-side-technical-feasibility/"


def _removed(cast: Cast) -> dict[str, Any]:
    from accord.projects import plan_services

    plan_services.plan_task_remove(
        actor=cast.admin,
        project=cast.project,
        expected_version=cast.project.version,
        task_key="e2e-test-validation",
    )
    cast.project.refresh_from_db()
    [removal] = plan_services.removed_tasks(cast.project)
    return _versioned(cast, removal=removal.pk)


# url name -> (method, path after /projects/, data made from the cast, {kind: expected status}).
MATRIX: dict[str, tuple[str, str, Setup, dict[str, Any]]] = {
    "portfolio": ("get", "", nothing, read(set(KINDS))),
    # The other workspace's admin creates projects in their own workspace.
    "new": ("get", "new/", nothing, read(MANAGES | {"other-workspace"})),
    "new-options": ("get", "new/options/", nothing, read(MANAGES | {"other-workspace"})),
    "gantt-style": ("get", "gantt.css", nothing, read(set(KINDS), anonymous=200)),
    "overview": ("get", "{p}/", nothing, read(SEES)),
    "staffing": ("get", "{p}/people/", nothing, read(SEES)),
    "role-assign": (
        "post",
        "{p}/people/assign/",
        lambda cast: {"role": "integration-manager", "user": cast.people["member"].user.pk},
        write(),
    ),
    "role-unassign": ("post", "{p}/people/unassign/", _staffed, write()),
    "role-lead": ("post", "{p}/people/lead/", _staffed, write()),
    "participant-add": ("post", "{p}/people/participants/", _waiting_contact, write()),
    "partner-add": ("post", "{p}/people/partners/", _other_partner, write()),
    "invite": (
        "post",
        "{p}/people/invite/",
        lambda cast: {"email": "new.person@example.com", "organisation": "customer"},
        write(),
    ),
    # Upgrading is a manager's page: for everyone else it does not exist.
    "upgrade": ("get", "{p}/upgrade/", nothing, read(MANAGES)),
    # The plan is a manager's page, and so are its writes (404 for everyone else).
    "plan": ("get", "{p}/plan/", nothing, read(MANAGES)),
    "plan-add": (
        "post",
        "{p}/plan/add/",
        lambda cast: _versioned(cast, name="Security review", phase="test", duration="4-6 weeks"),
        managed_write(),
    ),
    "plan-save": ("get", "{p}/plan/save/", nothing, read(MANAGES)),
    "plan-put-back": ("post", "{p}/plan/put-back/", _removed, managed_write()),
    "plan-task": ("get", PLAN_TASK, nothing, read(MANAGES)),
    "plan-rename": (
        "post",
        PLAN_TASK + "rename/",
        lambda cast: _versioned(cast, name="Tech check"),
        managed_write(),
    ),
    "plan-timing": (
        "post",
        PLAN_TASK + "timing/",
        lambda cast: _versioned(cast, duration="3/5/8"),
        managed_write(),
    ),
    "plan-move": ("post", PLAN_TASK + "move/", lambda cast: _versioned(cast, phase="test"), managed_write()),
    "plan-remove": ("post", PLAN_TASK + "remove/", _versioned, managed_write()),
    "plan-go-live": (
        "post",
        "{p}/plan/tasks/deployment-to-end-users/go-live/",
        _versioned,
        managed_write(),
    ),
    # Settings are a manager's page too, and so are their writes (404 for everyone else).
    "settings": ("get", "{p}/settings/", nothing, read(MANAGES)),
    "closure-add": (
        "post",
        "{p}/settings/closures/",
        lambda cast: _versioned(cast, start="2026-08-03", end="2026-08-14", label="Summer"),
        managed_write(),
    ),
    "closure-remove": ("post", "{p}/settings/closures/remove/", _closure_to_remove, managed_write()),
    "go-live-reset": (
        "post",
        "{p}/settings/go-live/",
        lambda cast: _versioned(cast, reason="The customer's freeze moved"),
        managed_write(),
    ),
    "close": ("post", "{p}/settings/close/", _versioned, managed_write()),
    "reopen": ("post", "{p}/settings/reopen/", _versioned, managed_write()),
    # Everyone who sees the task is answered on the task page (refusals as a message there).
    "task-actual-dates": (
        "post",
        "{p}/tasks/{t}/actual-dates/",
        lambda cast: _versioned(cast, actual_start="2026-03-02"),
        read(SEES) | dict.fromkeys(SEES, 302),
    ),
}
