"""`python -m django workspace_create NAME SLUG --admin EMAIL`: the first workspace of a new installation."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from accord.accounts.models import User, normalize_email
from accord.domain.errors import InvalidInput
from accord.workspaces import services


class Command(BaseCommand):
    help = (
        "Create a workspace and make EMAIL its admin. A new account gets no password: "
        "its owner sets one through 'Forgot your password?' on the login page."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name", help="The vendor's name, e.g. 'Tomorro'.")
        parser.add_argument("slug", help="A short name: lower-case letters, digits and dashes.")
        parser.add_argument(
            "--admin", required=True, metavar="EMAIL", help="E-mail address of the first admin."
        )

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        email = normalize_email(options["admin"])
        admin = User.objects.filter(email=email).first()
        if admin is None:
            admin = User.objects.create_user(email)  # unusable password until a reset sets one
        try:
            workspace = services.workspace_create(actor=admin, name=options["name"], slug=options["slug"])
        except InvalidInput as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"workspace {workspace.slug!r} created; {email} is its admin")
