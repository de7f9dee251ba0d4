from dataclasses import replace

import factory

from accord.catalog.models import WorkspacePlaybook
from accord.domain.playbook import Phase, Playbook, Role, Side, Task
from accord.domain.raci import Raci
from accord.formats.matrix import matrix_to_csv, matrix_to_xlsx
from accord.formats.playbook_yaml import dump_playbook
from tests.accounts.factories import UserFactory
from tests.workspaces.factories import WorkspaceFactory


def small_playbook(key="acme-onboarding", version="1.0", name="Acme onboarding") -> Playbook:
    """Two roles, two tasks; the second task has no Accountable (one linter error)."""
    roles = (
        Role(key="vendor-pm", name="Project manager", side=Side.VENDOR),
        Role(key="customer-it", name="IT department", side=Side.CUSTOMER),
    )
    tasks = (
        Task(key="kick-off", name="Kick-off", raci={"vendor-pm": Raci.R | Raci.A, "customer-it": Raci.I}),
        Task(key="connect", name="Connect the systems", raci={"customer-it": Raci.R}),
    )
    return Playbook(
        key=key,
        name=name,
        version=version,
        roles=roles,
        phases=(Phase(key="start", name="Start", tasks=tasks),),
    )


def yaml_bytes(**identity) -> bytes:
    return dump_playbook(small_playbook(**identity)).encode()


def csv_bytes(**identity) -> bytes:
    return matrix_to_csv(small_playbook(**identity)).encode()


def xlsx_bytes(**identity) -> bytes:
    return matrix_to_xlsx(small_playbook(**identity))


class WorkspacePlaybookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkspacePlaybook

    workspace = factory.SubFactory(WorkspaceFactory)
    key = factory.Sequence(lambda number: f"uploaded-{number}")
    version = "1.0"
    name = factory.LazyAttribute(lambda row: f"Playbook {row.key}")
    content = factory.LazyAttribute(
        lambda row: dump_playbook(replace(small_playbook(), key=row.key, version=row.version, name=row.name))
    )
    source_filename = factory.LazyAttribute(lambda row: f"{row.key}.yaml")
    role_count = 2
    task_count = 2
    lint_errors = 1
    uploaded_by = factory.SubFactory(UserFactory)
