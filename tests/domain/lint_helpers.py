"""Small playbooks for the linter's tests, written as {task: {role: letters}} (no tests here)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from accord.domain.lint import Finding
from accord.domain.playbook import Handover, Phase, Playbook, Role, Side, Task
from accord.domain.raci import parse_raci

ROLES: tuple[Role, ...] = (
    Role(key="integration-manager", name="Integration Manager", side=Side.VENDOR),
    Role(key="account-manager", name="Account Manager", side=Side.VENDOR),
    Role(key="project-manager", name="Project Manager", side=Side.CUSTOMER),
    Role(key="it", name="IT department", side=Side.CUSTOMER),
    Role(key="client", name="Client", side=Side.CUSTOMER, whole_side=True),
    Role(key="tpa", name="Third-party administrator", side=Side.PARTNER),
)

#: Letters that keep every role of ROLES owning some work, for tests about one task only.
OWNING_TASK = {
    "integration-manager": "R",
    "account-manager": "A",
}


def task(key: str, cells: Mapping[str, str], **fields: object) -> Task:
    """A task named after its key, cells written as the sources write them ("R/A", "N/A")."""
    raci = {role: parse_raci(letters) for role, letters in cells.items()}
    return Task(key=key, name=key.replace("-", " ").capitalize(), raci=raci, **fields)


def playbook(
    *phases: tuple[str, Iterable[Task]],
    roles: tuple[Role, ...] = ROLES,
    handovers: tuple[Handover, ...] = (),
    key: str = "test-playbook",
) -> Playbook:
    """A playbook of the given (phase key, tasks) pairs."""
    return Playbook(
        key=key,
        name="Test playbook",
        version="1",
        roles=roles,
        phases=tuple(
            Phase(key=phase_key, name=phase_key.title(), tasks=tuple(tasks)) for phase_key, tasks in phases
        ),
        handovers=handovers,
    )


def one_task(cells: Mapping[str, str], **fields: object) -> Playbook:
    """A playbook of one task "the-task" in phase "build"."""
    return playbook(("build", [task("the-task", cells, **fields)]))


def with_code(findings: Iterable[Finding], code: str) -> list[Finding]:
    return [finding for finding in findings if finding.code == code]
