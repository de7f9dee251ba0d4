"""`accord demo`: migrate if needed, build the demo workspace (idempotent), print its logins."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from accord.cli.app import reported_errors, stdout

if TYPE_CHECKING:
    from accord.demo.builder import DemoResult

#: Settings when neither --settings nor $DJANGO_SETTINGS_MODULE says otherwise: the demo needs no
#: secret (the production settings refuse to start without one) and writes where serve reads.
DEFAULT_SETTINGS = "accord.config.settings.base"


def _setup_django(settings: str | None) -> None:
    if settings:
        os.environ["DJANGO_SETTINGS_MODULE"] = settings
    else:
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", DEFAULT_SETTINGS)
    import django
    from django.apps import apps

    if not apps.ready:  # already set up when called from within Django (e.g. the test suite)
        django.setup()


def _migrate_if_needed() -> bool:
    """Apply the migrations the database lacks; returns whether there were any."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return False
    call_command("migrate", interactive=False, verbosity=0)
    return True


def demo_document(result: DemoResult, base_url: str) -> dict[str, Any]:
    """The --json output: ``{base_url, users: [...], projects: [...]}``."""
    return {
        "base_url": base_url,
        "users": [
            {
                "email": login.email,
                "password": login.password,
                "kind": login.kind,
                "customer": login.customer,
                "partner": login.partner,
            }
            for login in result.logins
        ],
        "projects": [
            {
                "id": project.id,
                "name": project.name,
                "customer": project.customer,
                "playbook": project.playbook,
                "url": f"{base_url}{project.path}",
            }
            for project in result.projects
        ],
    }


def _table(title: str, columns: dict[str, bool], rows: list[list[str]]) -> Table:
    """A table whose columns marked True (what people copy: e-mails, passwords, addresses) are
    never cut: the other columns wrap to make room on a narrow terminal."""
    table = Table(title=title, title_justify="left")
    for column, keep_whole in columns.items():
        table.add_column(column, no_wrap=keep_whole, overflow="fold")
    for row in rows:
        table.add_row(*row)
    return table


def _print_tables(document: dict[str, Any], built_something: bool) -> None:
    stdout.print(
        _table(
            f"Demo logins — {document['base_url']}/login/",
            {"e-mail": True, "password": True, "kind": False, "customer": False, "partner": False},
            [
                [user["email"], user["password"], user["kind"], user["customer"] or "", user["partner"] or ""]
                for user in document["users"]
            ],
        )
    )
    stdout.print(
        _table(
            "Demo projects",
            {"project": False, "customer": False, "playbook": False, "address": True},
            [
                [project["name"], project["customer"], project["playbook"], project["url"]]
                for project in document["projects"]
            ],
        )
    )
    state = "built" if built_something else "already there; nothing changed"
    stdout.print(f"The demo workspace is {state}.", highlight=False)


def demo_command(
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the logins and projects as JSON instead of tables.")
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            help="The address Accord is served at, for the project links [default: http://127.0.0.1:8000]."
        ),
    ] = None,
    settings: Annotated[
        str | None,
        typer.Option(
            help=f"Django settings module [default: $DJANGO_SETTINGS_MODULE, else {DEFAULT_SETTINGS}]"
        ),
    ] = None,
) -> None:
    """Fill the database with a demo workspace and print its logins (running it again changes nothing).

    Applies missing migrations first. The database is $DATABASE_URL, else the SQLite file in
    $ACCORD_DATA_DIR (default ./var). Every demo account's password is printed.
    """
    _setup_django(settings)
    from accord.demo.builder import demo_build
    from accord.demo.cast import DEFAULT_BASE_URL

    base_url = base_url or DEFAULT_BASE_URL
    with reported_errors():
        _migrate_if_needed()
        result = demo_build()
    document = demo_document(result, base_url.rstrip("/"))
    if json_output:
        typer.echo(json.dumps(document, ensure_ascii=False, indent=2))
    else:
        _print_tables(document, result.built_something)


def register(app: typer.Typer) -> None:
    """Add the `demo` command to ``app``."""
    app.command("demo")(demo_command)
