"""Make the API benchmark's data through the real services: a workspace, its vendor admin, a
customer and its contact, one project of ``--tasks`` tasks with their RACI, every role staffed,
and an API token. Prints one JSON object: the project's id and the token.

``python -m benchmarks.api.populate`` with DJANGO_SETTINGS_MODULE set (benchmarks.api.settings).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from typing import Any

import django


def playbook_of(tasks: int) -> Any:
    """A playbook of ``tasks`` tasks in phases of ten: four roles, three or four letters a task."""
    from accord.domain.playbook import Phase, Playbook, Role, Side, Task
    from accord.domain.raci import Raci

    roles = (
        Role("vendor-pm", "Project manager", Side.VENDOR),
        Role("vendor-consultant", "Consultant", Side.VENDOR),
        Role("customer-lead", "Customer lead", Side.CUSTOMER),
        Role("customer-it", "Customer IT", Side.CUSTOMER),
    )
    phases = tuple(
        Phase(
            key=f"phase-{start // 10}",
            name=f"Phase {start // 10}",
            tasks=tuple(
                Task(
                    key=f"task-{number}",
                    name=f"Task {number}",
                    raci={
                        "vendor-pm": Raci.A,
                        "vendor-consultant": Raci.R,
                        "customer-lead": Raci.C,
                        "customer-it": Raci.I if number % 2 else Raci(0),
                    },
                    milestone=number % 10 == 9,
                )
                for number in range(start, min(start + 10, tasks))
            ),
        )
        for start in range(0, tasks, 10)
    )
    return Playbook(key="bench", name="Benchmark", version="1.0", roles=roles, phases=phases)


def populate(tasks: int) -> dict[str, Any]:
    from django.core.management import call_command

    from accord.accounts.models import User
    from accord.apikit.services import token_create
    from accord.projects import services
    from accord.workspaces.models import Customer, Membership, MembershipKind, Workspace

    call_command("migrate", interactive=False, verbosity=0)
    workspace = Workspace.objects.create(name="Bench vendor", slug="bench-vendor")
    customer = Customer.objects.create(workspace=workspace, name="Bench customer")
    admin = User.objects.create_user("admin@bench.example", full_name="Ada Admin")
    Membership.objects.create(user=admin, workspace=workspace, kind=MembershipKind.VENDOR_ADMIN)
    consultant = User.objects.create_user("consultant@bench.example", full_name="Carl Consultant")
    Membership.objects.create(user=consultant, workspace=workspace, kind=MembershipKind.VENDOR_MEMBER)
    contact = User.objects.create_user("contact@bench.example", full_name="Cora Contact")
    Membership.objects.create(
        user=contact, workspace=workspace, kind=MembershipKind.CUSTOMER_CONTACT, customer=customer
    )
    project = services.project_create(
        actor=admin,
        creation=services.ProjectCreation(
            workspace=workspace,
            customer=customer,
            name="Bench project",
            playbook=playbook_of(tasks),
            start_date=dt.date(2026, 3, 2),
            country="FR",
        ),
    )
    for role, person in (
        ("vendor-pm", admin),
        ("vendor-consultant", consultant),
        ("customer-lead", contact),
        ("customer-it", contact),
    ):
        services.role_assign(actor=admin, project=project, role_key=role, user=person)
    token = token_create(user=admin, name="bench", scope="read", expires_at=None)
    return {"project": project.pk, "token": token.text, "tasks": project.tasks.count()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=50)
    arguments = parser.parse_args()
    django.setup()
    json.dump(populate(arguments.tasks), sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
