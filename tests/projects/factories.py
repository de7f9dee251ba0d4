"""Projects for tests, made through the real service so that tasks, cells and dates exist."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import dump_playbook
from accord.playbooks import builtin_playbook
from accord.projects import services
from accord.projects.models import Project
from accord.workspaces.models import Membership, MembershipKind
from tests.catalog.factories import WorkspacePlaybookFactory
from tests.workspaces.factories import CustomerFactory, MembershipFactory

START = dt.date(2026, 3, 2)  # a Monday
TODAY = dt.date(2026, 3, 2)


def manager_of(place: Any = None, *, kind: str = MembershipKind.VENDOR_MANAGER) -> Membership:
    """A vendor manager (or admin, or member: ``kind``) holding no role: of ``place``, a workspace
    or a project's workspace, or of a new workspace. The person is the membership's ``.user``."""
    values: dict[str, Any] = {"kind": kind}
    if isinstance(place, Project):
        values["workspace"] = place.workspace
    elif place is not None:
        values["workspace"] = place
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


#: What tomorro-integration 1.1 (``version_two``) changes from 1.0.
DROPPED_ROLE = "admins-tomorro"
REMOVED_TASK = "meeting-deadlines"
CHANGED_TASK = "definition-of-business-requirements"


def version_two(removed: str = REMOVED_TASK) -> Playbook:
    """tomorro-integration 1.1: a role dropped, a role renamed, a task removed, one added, a cell
    changed."""
    old = builtin_playbook("tomorro-integration")
    phases = []
    for index, phase in enumerate(old.phases):
        tasks = []
        for task in phase.tasks:
            if task.key == removed:
                continue
            raci = {role: cell for role, cell in task.raci.items() if role != DROPPED_ROLE}
            if task.key == CHANGED_TASK:
                raci["account-manager"] = Raci.C
            tasks.append(replace(task, raci=raci))
        if index == 0:
            tasks.append(Task("security-review", "Security review", raci={"it-department": Raci.R}))
        phases.append(replace(phase, tasks=tuple(tasks)))
    roles = tuple(
        replace(role, name="Client project manager") if role.key == "project-manager" else role
        for role in old.roles
        if role.key != DROPPED_ROLE
    )
    new = replace(old, version="1.1", roles=roles, phases=tuple(phases))
    return new


def newer_version_in_catalogue(workspace: Any) -> Playbook:
    """``version_two`` of tomorro-integration, uploaded to ``workspace``'s catalogue."""
    newer = version_two()
    WorkspacePlaybookFactory(
        workspace=workspace,
        key=newer.key,
        version=newer.version,
        name=newer.name,
        content=dump_playbook(newer),
    )
    return newer
