"""Editing what a catalogue playbook's roles mean: their descriptions and responsibilities.

A saved version never changes (accord.catalog.services), so an edit saves the next free version,
through the same save as an upload: parsed again, linted, recorded in the workspace's activity.
Projects keep their own copy; they take the new text when upgraded to the new version.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.catalog.models import WorkspacePlaybook
from accord.catalog.selectors import catalog_playbook
from accord.catalog.services import next_free_version, playbook_save
from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import ChangeLogEntry, Role
from accord.formats.playbook_yaml import dump_playbook
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.models import Workspace

#: Long enough for a paragraph; a role's page is not a manual.
DESCRIPTION_MAX_LENGTH = 2000
RESPONSIBILITY_MAX_LENGTH = 300


@dataclass(frozen=True, slots=True)
class RoleText:
    description: str
    responsibilities: tuple[str, ...]


def _cleaned(text: RoleText) -> RoleText:
    return RoleText(
        description=text.description.strip(),
        responsibilities=tuple(line.strip() for line in text.responsibilities if line.strip()),
    )


def _problems(role: Role, text: RoleText) -> list[Problem]:
    problems = []
    if len(text.description) > DESCRIPTION_MAX_LENGTH:
        problems.append(
            Problem(
                code="role-description-too-long",
                message=_("The description of %(role)s is longer than %(limit)s characters.")
                % {"role": role.name, "limit": DESCRIPTION_MAX_LENGTH},
                hint=_("Keep it to what the role is for; list the duties under its responsibilities."),
                where=f"description_{role.key}",
            )
        )
    if any(len(line) > RESPONSIBILITY_MAX_LENGTH for line in text.responsibilities):
        problems.append(
            Problem(
                code="role-responsibility-too-long",
                message=_("A responsibility of %(role)s is longer than %(limit)s characters.")
                % {"role": role.name, "limit": RESPONSIBILITY_MAX_LENGTH},
                hint=_("Write one short responsibility per line."),
                where=f"responsibilities_{role.key}",
            )
        )
    return problems


@transaction.atomic
def playbook_roles_save(
    *,
    actor: User,
    workspace: Workspace,
    key: str,
    version: str,
    roles: Mapping[str, RoleText],
) -> WorkspacePlaybook:
    """Save playbook ``key`` ``version`` with its roles' new texts (by role key) as its next free
    version. Refuses (InvalidInput, nothing saved) an unknown role, a text too long, and an edit
    that changes nothing; NotFound if the actor may not manage the workspace's catalogue."""
    require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)
    playbook = catalog_playbook(actor, workspace.pk, key, version)
    known = {role.key: role for role in playbook.roles}
    problems = [
        Problem(
            code="role-unknown",
            message=_("The playbook has no role %(role)s.") % {"role": role_key},
            hint=_("Open the roles page again: the playbook may have changed."),
        )
        for role_key in roles
        if role_key not in known
    ]
    texts = {role_key: _cleaned(text) for role_key, text in roles.items() if role_key in known}
    for role_key, text in texts.items():
        problems += _problems(known[role_key], text)
    if problems:
        raise InvalidInput(problems)
    edited_roles = tuple(
        replace(
            role, description=texts[role.key].description, responsibilities=texts[role.key].responsibilities
        )
        if role.key in texts
        else role
        for role in playbook.roles
    )
    if edited_roles == playbook.roles:
        raise InvalidInput(
            [
                Problem(
                    code="roles-unchanged",
                    message=_("Nothing changed in the roles."),
                    hint=_("Change a description or a responsibility, then save."),
                )
            ]
        )
    new_version = next_free_version(workspace, playbook)
    entry = ChangeLogEntry(
        version=new_version,
        description=_("The roles' descriptions and responsibilities edited, from version %(version)s.")
        % {"version": playbook.version},
        date=timezone.localdate(),
        author=actor.get_full_name() or actor.email,
    )
    edited = replace(
        playbook, roles=edited_roles, version=new_version, change_log=(*playbook.change_log, entry)
    )
    return playbook_save(
        actor=actor,
        workspace=workspace,
        filename=f"{key}-{new_version}.yaml",
        data=dump_playbook(edited).encode("utf-8"),
        expected_key=key,
    )
