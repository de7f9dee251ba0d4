"""`accord token create|list|revoke`: API tokens from the operator's command line.

The token's text is printed once, by `create`; only its digest is stored. Every bad input (an
unknown e-mail, a scope, an id) ends in one line on stderr with a hint, and exit status 2.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from accord.cli.app import reported_errors, stdout
from accord.cli.demo import _setup_django
from accord.domain.errors import AccordError

if TYPE_CHECKING:
    from accord.accounts.models import User
    from accord.apikit.models import ApiToken

token_app = typer.Typer(
    name="token", help="API tokens: create (shown once), list, revoke.", no_args_is_help=True
)

SettingsOption = Annotated[
    str | None,
    typer.Option(help="Django settings module [default: $DJANGO_SETTINGS_MODULE, else the base settings]"),
]


def _user(email: str) -> User:
    from accord.accounts.models import User, normalize_email

    try:
        return User.objects.get(email=normalize_email(email))
    except User.DoesNotExist:
        raise AccordError(
            f"--user: nobody has the e-mail address {email!r}",
            hint="check the address, or invite the person first",
            code="unknown-user",
        ) from None


def _when(moment: datetime | None) -> str:
    """A moment for people reading a terminal: "2026-12-30 14:05 UTC", or "never"."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC") if moment is not None else "never"


def _document(token: ApiToken, text: str | None = None) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": token.pk,
        "user": token.user.email,
        "name": token.name,
        "prefix": token.display_prefix,
        "scopes": token.scopes,
        "created": token.created_at.isoformat(),
        "expires": token.expires_at.isoformat() if token.expires_at else None,
        "last_used": token.last_used_at.isoformat() if token.last_used_at else None,
    }
    if text is not None:
        document = {"token": text, **document}
    return document


@token_app.command("create")
def token_create_command(
    user: Annotated[str, typer.Option("--user", help="E-mail address of the person the token acts as.")],
    scope: Annotated[
        str, typer.Option("--scope", help="read, write or admin (each includes the ones before).")
    ] = "read",
    expires: Annotated[
        int | None, typer.Option("--expires", help="Days until the token stops working [default: never].")
    ] = None,
    name: Annotated[str, typer.Option("--name", help="What will use the token.")] = "Command line",
    json_output: Annotated[
        bool, typer.Option("--json", help="Print {token, id, scopes, expires} as JSON.")
    ] = False,
    settings: SettingsOption = None,
) -> None:
    """Make a token acting as a person and print it: this is the only time it is shown."""
    _setup_django(settings)
    from django.utils import timezone

    from accord.apikit.services import token_create

    with reported_errors():
        if expires is not None and expires < 1:
            raise AccordError(
                f"--expires: {expires} is not a number of days ahead",
                hint="give 1 or more, or leave it out for a token that does not expire",
                code="invalid-expiry",
            )
        expires_at = timezone.now() + timedelta(days=expires) if expires is not None else None
        created = token_create(user=_user(user), name=name, scope=scope, expires_at=expires_at, operator=True)
    document = _document(created.token, created.text)
    if json_output:
        typer.echo(json.dumps(document, indent=2))
        return
    typer.echo(created.text)
    stdout.print(
        f"Token {created.token.pk} for {created.token.user.email} ({', '.join(created.token.scopes)}); "
        f"expires {_when(created.token.expires_at)}. Copy it now: it is not shown again.",
        highlight=False,
        soft_wrap=True,
    )


@token_app.command("list")
def token_list_command(
    user: Annotated[str | None, typer.Option("--user", help="Only this person's tokens.")] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print the tokens as JSON.")] = False,
    settings: SettingsOption = None,
) -> None:
    """List the tokens that are not revoked (never their text)."""
    _setup_django(settings)
    from accord.apikit.models import ApiToken

    with reported_errors():
        found = (
            ApiToken.objects.filter(revoked_at__isnull=True)
            .select_related("user")
            .order_by("-created_at", "-id")
        )
        if user is not None:
            found = found.filter(user=_user(user))
        tokens = list(found)
        documents = [_document(token) for token in tokens]
    if json_output:
        typer.echo(json.dumps(documents, indent=2))
        return
    table = Table(title="API tokens", title_justify="left")
    # What people copy (the id, the e-mail) is never cut; the other columns wrap to make room.
    for column in ("id", "user", "name", "prefix", "scopes", "expires", "last used"):
        table.add_column(column, no_wrap=column in ("id", "user"), overflow="fold")
    for token, document in zip(tokens, documents, strict=True):
        table.add_row(
            str(document["id"]),
            document["user"],
            document["name"],
            document["prefix"],
            ", ".join(document["scopes"]),
            _when(token.expires_at),
            _when(token.last_used_at),
        )
    stdout.print(table)


@token_app.command("revoke")
def token_revoke_command(
    token_id: Annotated[int, typer.Argument(metavar="ID", help="The token's id (see `accord token list`).")],
    settings: SettingsOption = None,
) -> None:
    """Revoke a token: it stops working at once."""
    _setup_django(settings)
    from accord.apikit.models import ApiToken
    from accord.apikit.services import token_revoke

    with reported_errors():
        try:
            token = ApiToken.objects.select_related("user").get(pk=token_id)
        except ApiToken.DoesNotExist:
            raise AccordError(
                f"no token has the id {token_id}",
                hint="see the ids with `accord token list`",
                code="unknown-token",
            ) from None
        token_revoke(actor=None, token=token)
    stdout.print(f"Token {token_id} of {token.user.email} is revoked.", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the `token` commands to ``app``."""
    app.add_typer(token_app)
