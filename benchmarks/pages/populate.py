"""Fill an empty database with a large workspace in bulk (not through the services: fast).

``python -m benchmarks.pages.populate`` with DJANGO_SETTINGS_MODULE set (the benchmark uses
``benchmarks.pages.settings``) migrates the database, writes a workspace of ``--projects``
projects x ``--tasks`` tasks and ``--users`` people, and prints one JSON object: the logins
to measure with and the addresses of the pages.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from typing import Any

import django

BATCH = 2_000
PASSWORD = "bench-password-2026"
SEED = 20_260_401
CUSTOMERS = 50
PARTNERS = 10
VENDOR_STAFF = 100
PARTNER_CONTACTS_PER_PARTNER = 10
ROLES = 9
NOTIFICATIONS_PER_PERSON = 5


def _status(generator: random.Random, position: int, tasks: int, progress: float) -> str:
    """Earlier tasks are more often finished: a project ``progress`` of the way through."""
    share = position / tasks
    if share < progress - 0.1:
        return "done" if generator.random() > 0.03 else "not_applicable"
    if share < progress + 0.05:
        return generator.choice(["in_progress", "in_progress", "awaiting_approval", "blocked", "done"])
    return "not_started"


def populate(*, projects: int, tasks: int, users: int) -> dict[str, Any]:  # noqa: PLR0915 one data set, step by step
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import connection
    from django.urls import reverse

    from accord.accounts.models import User
    from accord.formats.playbook_yaml import playbook_to_data
    from accord.inbox.models import Notification
    from accord.projects.models import (
        Project,
        ProjectParticipant,
        ProjectPartner,
        ProjectTask,
        RaciCell,
        RoleAssignment,
    )
    from accord.projects.services import task_rows_for
    from accord.workspaces.models import Customer, Membership, Partner, Workspace
    from benchmarks.generate import generate_playbook

    call_command("migrate", interactive=False, verbosity=0)
    generator = random.Random(SEED)
    today = dt.date.today()
    password = make_password(PASSWORD)  # hashed once: Argon2 on 2,000 accounts would take minutes

    workspace = Workspace.objects.create(name="Bench Vendor", slug="bench-vendor")
    customers = Customer.objects.bulk_create(
        [Customer(workspace=workspace, name=f"Customer {index:03d}") for index in range(CUSTOMERS)]
    )
    partners = Partner.objects.bulk_create(
        [Partner(workspace=workspace, name=f"Partner {index:02d}") for index in range(PARTNERS)]
    )
    people = User.objects.bulk_create(
        [
            User(email=f"person{index:05d}@bench.example", full_name=f"Person {index}", password=password)
            for index in range(users)
        ],
        batch_size=BATCH,
    )
    vendor = people[:VENDOR_STAFF]
    partner_contacts = people[VENDOR_STAFF : VENDOR_STAFF + PARTNERS * PARTNER_CONTACTS_PER_PARTNER]
    customer_contacts = people[VENDOR_STAFF + len(partner_contacts) :]
    contacts_of = {
        customer.pk: customer_contacts[index::CUSTOMERS] for index, customer in enumerate(customers)
    }
    memberships = [
        Membership(
            user=person,
            workspace=workspace,
            kind="vendor_admin" if index == 0 else "vendor_manager" if index < 10 else "vendor_member",
        )
        for index, person in enumerate(vendor)
    ]
    memberships += [
        Membership(
            user=person, workspace=workspace, kind="partner_contact", partner=partners[index % PARTNERS]
        )
        for index, person in enumerate(partner_contacts)
    ]
    memberships += [
        Membership(user=person, workspace=workspace, kind="customer_contact", customer=customer)
        for customer in customers
        for person in contacts_of[customer.pk]
    ]
    Membership.objects.bulk_create(memberships, batch_size=BATCH)

    playbook = generate_playbook(tasks, ROLES, seed=SEED)
    data = playbook_to_data(playbook)
    project_rows = []
    for index in range(projects):
        start = today - dt.timedelta(days=index % 150)
        project_rows.append(
            Project(
                workspace=workspace,
                customer=customers[index % CUSTOMERS],
                name=f"Project {index:04d}",
                playbook_key=playbook.key,
                playbook_version=playbook.version,
                playbook_name=playbook.name,
                playbook_data=data,
                playbook_source="builtin",
                start_date=start,
                calendar_country="FR",
                time_zone="Europe/Paris",
                go_live_planned=start + dt.timedelta(days=2 * tasks),
                go_live_p50=start + dt.timedelta(days=2 * tasks + 5),
                go_live_p80=start + dt.timedelta(days=2 * tasks + 12),
                go_live_p95=start + dt.timedelta(days=2 * tasks + 20),
                go_live_baseline=start + dt.timedelta(days=2 * tasks + 10),
            )
        )
    project_list = Project.objects.bulk_create(project_rows, batch_size=BATCH)

    links, participants, assignments, task_rows = [], [], [], []
    for index, project in enumerate(project_list):
        partner_index = index % PARTNERS
        partner_contact = partner_contacts[partner_index]  # the first contact of that partner
        links.append(ProjectPartner(project=project, partner=partners[partner_index]))
        participants.append(ProjectParticipant(project=project, user=partner_contact))
        contacts = contacts_of[project.customer_id]
        customer_roles = 0
        for number, role in enumerate(playbook.roles):
            if role.side.value == "vendor":
                person = vendor[(index + number) % VENDOR_STAFF]
            elif role.side.value == "customer":
                # The customer's first contact staffs a role on every project of the customer.
                person = contacts[customer_roles % len(contacts)]
                customer_roles += 1
            else:
                person = partner_contact
            assignments.append(RoleAssignment(project=project, role_key=role.key, user=person, is_lead=True))
        progress = min(1.0, (index % 150) / 150 + 0.1)
        for row in task_rows_for(project, playbook):
            status = _status(generator, row.position, tasks, progress)
            planned_start = project.start_date + dt.timedelta(days=2 * row.position)
            started = status not in ("not_started", "not_applicable")
            row.status = status
            row.status_reason = "Waiting for the customer" if status == "blocked" else ""
            row.planned_start = planned_start
            row.planned_finish = planned_start + dt.timedelta(days=3)
            row.finish_earliest = planned_start + dt.timedelta(days=2)
            row.finish_latest = planned_start + dt.timedelta(days=6)
            row.actual_start = planned_start if started else None
            row.actual_finish = planned_start + dt.timedelta(days=3) if status == "done" else None
            task_rows.append(row)
    ProjectPartner.objects.bulk_create(links, batch_size=BATCH)
    ProjectParticipant.objects.bulk_create(participants, batch_size=BATCH)
    RoleAssignment.objects.bulk_create(assignments, batch_size=BATCH)
    task_list = ProjectTask.objects.bulk_create(task_rows, batch_size=BATCH)

    cells_of = [
        [(role, int(cell)) for role, cell in task.raci.items() if not cell.is_empty]
        for task in playbook.tasks
    ]
    RaciCell.objects.bulk_create(
        (
            RaciCell(task=row, role_key=role, letters=letters)
            for position, row in enumerate(task_list)
            for role, letters in cells_of[position % tasks]
        ),
        batch_size=BATCH,
    )

    admin = vendor[0]
    contact = contacts_of[customers[0].pk][0]
    Notification.objects.bulk_create(
        (
            Notification(
                user=person,
                project=project_list[(number * 7 + index) % projects],
                task=task_list[((number * 7 + index) % projects) * tasks],
                kind="task_done",
                message="A task is done",
            )
            for number, person in enumerate(people)
            for index in range(NOTIFICATIONS_PER_PERSON)
        ),
        batch_size=BATCH,
    )
    # The portfolio's per-project summaries, as the services keep them (bulk writes bypass them).
    from accord.projects.summary import summaries_refresh

    summaries_refresh([project.pk for project in project_list], today=today)
    # Planner statistics, as a database in service has them (PostgreSQL's autovacuum gathers
    # them; SQLite only on ANALYZE): without them SQLite joins My work through the wrong index.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    board_project = next(project for project in project_list if project.customer_id == customers[0].pk)
    return {
        "admin": admin.email,
        "contact": contact.email,
        "password": PASSWORD,
        "paths": {
            "login": reverse("login"),
            "portfolio": reverse("projects:portfolio"),
            "board": reverse("work:board", kwargs={"project_id": board_project.pk}),
            "my work": reverse("work:my-work"),
        },
        "baselines": {
            "portfolio": "/bench/raw/portfolio/",
            "board": f"/bench/raw/board/{board_project.pk}/",
            "my work": "/bench/raw/my-work/",
        },
        "counts": {
            "projects": Project.objects.count(),
            "tasks": ProjectTask.objects.count(),
            "users": User.objects.count(),
            "raci_cells": RaciCell.objects.count(),
        },
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--projects", type=int, default=500)
    parser.add_argument("--tasks", type=int, default=50, help="tasks per project")
    parser.add_argument("--users", type=int, default=2_000)
    arguments = parser.parse_args()
    django.setup()
    started = time.perf_counter()
    result = populate(projects=arguments.projects, tasks=arguments.tasks, users=arguments.users)
    result["seconds"] = round(time.perf_counter() - started, 1)
    json.dump(result, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
