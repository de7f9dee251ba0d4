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


def nothing(cast: Cast) -> dict[str, Any]:
    return {}


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
}
