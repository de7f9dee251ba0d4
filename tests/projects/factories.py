"""Projects for tests, made through the real service so that tasks, cells and dates exist."""

from __future__ import annotations

import datetime as dt
from typing import Any

from accord.domain.playbook import Playbook
from accord.playbooks import builtin_playbook
from accord.projects import services
from accord.projects.models import Project
from accord.workspaces.models import Membership, MembershipKind
from tests.workspaces.factories import CustomerFactory, MembershipFactory

START = dt.date(2026, 3, 2)  # a Monday
TODAY = dt.date(2026, 3, 2)


def manager_of(workspace: Any = None) -> Membership:
    """A vendor manager (of ``workspace``, or of a new one)."""
    values: dict[str, Any] = {"kind": MembershipKind.VENDOR_MANAGER}
    if workspace is not None:
        values["workspace"] = workspace
    return MembershipFactory(**values)


def project_made(
    manager: Membership,
    playbook: Playbook | str = "tomorro-integration",
    *,
    customer: Any = None,
    **fields: Any,
) -> Project:
    """A project made by ``manager`` through project_create (tomorro-integration, internal API)."""
    if isinstance(playbook, str):
        playbook = builtin_playbook(playbook)
    if "variant" not in fields and playbook.variants:
        fields["variant"] = playbook.variants[0].key
    today = fields.pop("today", TODAY)
    values: dict[str, Any] = {
        "name": "Acme integration",
        "start_date": START,
        "country": "FR",
        "playbook_source": "builtin",
    } | fields
    creation = services.ProjectCreation(
        workspace=manager.workspace,
        customer=customer or CustomerFactory(workspace=manager.workspace),
        playbook=playbook,
        **values,
    )
    return services.project_create(actor=manager.user, creation=creation, today=today)


def playbook_of_size(tasks: int, *, key: str = "generated", version: str = "1.0") -> Playbook:
    """A plain playbook of ``tasks`` tasks in phases of ten, three roles, one milestone per phase."""
    from accord.domain.playbook import Phase, Role, Side, Task
    from accord.domain.raci import Raci

    roles = (
        Role("lead", "Lead", Side.VENDOR),
        Role("builder", "Builder", Side.CUSTOMER),
        Role("partner", "Partner", Side.PARTNER),
    )
    phases = tuple(
        Phase(
            key=f"phase-{start // 10}",
            name=f"Phase {start // 10}",
            tasks=tuple(
                Task(
                    key=f"task-{number}",
                    name=f"Task {number}",
                    raci={"lead": Raci.A, "builder": Raci.R, "partner": Raci.I if number % 2 else Raci(0)},
                    milestone=number % 10 == 9,
                )
                for number in range(start, min(start + 10, tasks))
            ),
        )
        for start in range(0, tasks, 10)
    )
    return Playbook(key=key, name="Generated", version=version, roles=roles, phases=phases)
