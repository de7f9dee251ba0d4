"""Writes of API tokens: create (for yourself, or issued by an admin), revoke."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.apikit.models import ApiToken, Scope, scope_includes
from accord.apikit.tokens import token_generate
from accord.domain.errors import InvalidInput, NotFound, Problem

NAME_MAX_LENGTH = 100


@dataclass(frozen=True, slots=True)
class CreatedToken:
    """A new token's row and its whole text: the only moment the text exists outside the caller."""

    token: ApiToken
    text: str


def _problems(*, name: str, scope: str, expires_at: datetime | None, now: datetime) -> list[Problem]:
    problems = []
    if not name.strip():
        problems.append(
            Problem(
                "required",
                _("A token needs a name."),
                hint=_("Say what will use it, e.g. “Payroll sync”."),
                where="name",
            )
        )
    elif len(name.strip()) > NAME_MAX_LENGTH:
        problems.append(
            Problem(
                "too-long",
                _("The name is longer than %(count)d characters.") % {"count": NAME_MAX_LENGTH},
                hint=_("Shorten the name."),
                where="name",
            )
        )
    if scope not in Scope.values:
        problems.append(
            Problem(
                "unknown-scope",
                _("“%(scope)s” is not a scope.") % {"scope": scope},
                hint=_("Choose read, write or admin."),
                where="scope",
            )
        )
    if expires_at is not None and expires_at <= now:
        problems.append(
            Problem(
                "in-the-past",
                _("The expiry date is already past."),
                hint=_("Choose a later date, or none for a token that does not expire."),
                where="expires_at",
            )
        )
    return problems


def _within(parent: ApiToken, *, scope: str, expires_at: datetime | None) -> list[Problem]:
    problems = []
    if not scope_includes(parent.scope, scope):
        problems.append(
            Problem(
                "scope-too-wide",
                _("A token cannot make a token of a wider scope than its own (%(scope)s).")
                % {"scope": parent.scope},
                hint=_("Ask for %(scope)s or less.") % {"scope": parent.scope},
                where="scope",
            )
        )
    if parent.expires_at is not None and (expires_at is None or expires_at > parent.expires_at):
        problems.append(
            Problem(
                "outlives-parent",
                _("A token cannot make a token that outlives it (this one expires %(date)s).")
                % {"date": parent.expires_at.isoformat()},
                hint=_("Give an expiry no later than that."),
                where="expires_at",
            )
        )
    return problems


@transaction.atomic
def token_create(
    *,
    user: User,
    name: str,
    scope: str,
    expires_at: datetime | None = None,
    issued_by: User | None = None,
    operator: bool = False,
    made_with: ApiToken | None = None,
) -> CreatedToken:
    """Make a token acting as ``user``; its text is returned once and never stored.

    By default ``user`` makes it for themselves. ``issued_by`` is the admin who issues it to
    ``user`` (the caller has checked that they may: see accord.workspaces.api_tokens), and
    ``operator`` marks one made from the command line by whoever runs the server. ``made_with``
    is the token a request to the API made it with: the new one never exceeds it, in scope or in
    lifetime (a stolen short-lived token cannot mint a lasting one).
    """
    now = timezone.now()
    problems = _problems(name=name, scope=scope, expires_at=expires_at, now=now)
    if made_with is not None and not problems:
        problems += _within(made_with, scope=scope, expires_at=expires_at)
    if not user.is_active:
        problems.append(
            Problem(
                "inactive",
                _("This account is deactivated."),
                hint=_("Reactivate the account first."),
                where="user",
            )
        )
    if problems:
        raise InvalidInput(problems)
    new = token_generate()
    token = ApiToken.objects.create(
        user=user,
        name=name.strip(),
        prefix=new.prefix,
        digest=new.digest,
        scope=scope,
        created_by=None if operator else (issued_by or user),
        created_at=now,
        expires_at=expires_at,
    )
    return CreatedToken(token=token, text=new.text)


@transaction.atomic
def token_revoke(*, actor: User | None, token: ApiToken) -> ApiToken:
    """Revoke a token: it stops working at once. Revoking it again changes nothing.

    Its holder and whoever issued it may revoke it; ``actor=None`` is the operator (command line).
    Anyone else gets NotFound: nothing tells them the token exists.
    """
    locked = ApiToken.objects.select_for_update().get(pk=token.pk)
    if actor is not None and actor.pk not in (locked.user_id, locked.created_by_id):
        raise NotFound(_("No such token."), hint=_("Check the token's number in your list of tokens."))
    if locked.revoked_at is None:
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["revoked_at"])
    return locked
