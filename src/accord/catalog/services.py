"""Every write to the playbook catalogue, and the preview that comes before it.

Only vendor admins and managers upload playbooks. Someone who may not gets NotFound, which the
pages answer with 404: the workspace does not exist for them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.catalog.models import NAME_MAX_LENGTH, VERSION_MAX_LENGTH, WorkspacePlaybook
from accord.catalog.uploads import clean_filename, read_upload
from accord.domain.errors import InvalidInput, Problem
from accord.domain.lint import Finding, Severity, lint
from accord.domain.playbook import ChangeLogEntry, Playbook
from accord.formats.matrix import Detection, DetectionOptions
from accord.formats.playbook_yaml import dump_playbook
from accord.playbooks import BUILTIN_KEYS, builtin_playbook
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.models import Membership, Workspace


@dataclass(frozen=True, slots=True)
class PlaybookPreview:
    """What an uploaded file would add to the catalogue, with the linter's findings; nothing saved."""

    filename: str
    playbook: Playbook
    findings: tuple[Finding, ...]
    #: The workspace (or Accord itself) already has this key and version: saving would be refused.
    version_taken: bool
    #: How a matrix file was read (its cells, what the detector decided); None for a YAML file.
    detection: Detection | None = None
    #: The first version after the file's that is free: what "save as the next version" offers.
    next_version: str = ""


def _managing_membership(actor: User, workspace: Workspace) -> Membership:
    return require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)


def _version_taken(workspace: Workspace, playbook: Playbook) -> bool:
    if playbook.key in BUILTIN_KEYS and builtin_playbook(playbook.key).version == playbook.version:
        return True
    return WorkspacePlaybook.objects.filter(
        workspace=workspace, key=playbook.key, version=playbook.version
    ).exists()


def _version_taken_problem(playbook: Playbook, where: str) -> Problem:
    return Problem(
        code="playbook-version-exists",
        message=_("Playbook %(key)s version %(version)s already exists in this workspace.")
        % {"key": playbook.key, "version": playbook.version},
        hint=_(
            'Give the file a new version (in YAML: version: "%(suggestion)s", with a change-log entry; '
            "in an XLSX exported by Accord: the version on the Cover sheet), then upload it again."
        )
        % {"suggestion": suggest_next_version(playbook.version)},
        where=where,
    )


def next_free_version(workspace: Workspace, playbook: Playbook) -> str:
    """The first version after the playbook's that neither the workspace nor Accord has."""
    version = suggest_next_version(playbook.version)
    for _attempt in range(1000):
        if not _version_taken(workspace, replace(playbook, version=version)):
            return version
        version = suggest_next_version(version)
    return version


def as_next_version(playbook: Playbook, *, version: str, where: str) -> Playbook:
    """The playbook under a new version, its change log saying where it came from."""
    entry = ChangeLogEntry(
        version=version,
        description=_("Uploaded from %(filename)s as the version after %(version)s.")
        % {"filename": where, "version": playbook.version},
        date=timezone.localdate(),
    )
    return replace(playbook, version=version, change_log=(*playbook.change_log, entry))


def suggest_next_version(version: str) -> str:
    """A version after ``version``: its last number raised by one ("1.0" → "1.1"), else ".1" added."""
    head, separator, tail = version.rpartition(".")
    if tail.isdigit():
        return f"{head}{separator}{int(tail) + 1}"
    return f"{version}.1"


def _identity_problems(playbook: Playbook, where: str) -> list[Problem]:
    problems = []
    if len(playbook.version) > VERSION_MAX_LENGTH:
        problems.append(
            Problem(
                code="playbook-version-too-long",
                message=_("The version is longer than %(limit)s characters.") % {"limit": VERSION_MAX_LENGTH},
                hint=_("Use a short version such as 1.0 or 2024-06."),
                where=where,
                column="version",
            )
        )
    if len(playbook.name) > NAME_MAX_LENGTH:
        problems.append(
            Problem(
                code="playbook-name-too-long",
                message=_("The name is longer than %(limit)s characters.") % {"limit": NAME_MAX_LENGTH},
                hint=_("Move the long text into the description."),
                where=where,
                column="name",
            )
        )
    return problems


def playbook_preview(
    *,
    actor: User,
    workspace: Workspace,
    filename: str,
    data: bytes,
    options: DetectionOptions | None = None,
) -> PlaybookPreview:
    """Parse an uploaded playbook (YAML, or a matrix in any layout, read with the person's
    corrections ``options``) and lint it. Never saves anything.

    Raises InvalidInput with every problem of the file, and NotFound if the actor may not upload.
    """
    _managing_membership(actor, workspace)
    where = clean_filename(filename)
    playbook, detection = read_upload(filename=where, data=data, options=options)
    problems = _identity_problems(playbook, where)
    if problems:
        raise InvalidInput(problems)
    return PlaybookPreview(
        filename=where,
        playbook=playbook,
        findings=lint(playbook),
        version_taken=_version_taken(workspace, playbook),
        detection=detection,
        next_version=next_free_version(workspace, playbook),
    )


@transaction.atomic
def playbook_save(
    *,
    actor: User,
    workspace: Workspace,
    filename: str,
    data: bytes,
    expected_key: str | None = None,
    options: DetectionOptions | None = None,
    as_version: str | None = None,
) -> WorkspacePlaybook:
    """Parse the file again (a matrix with the corrections previewed) and add it to the catalogue.

    Refuses (InvalidInput, nothing saved) a file that does not parse, a key other than
    ``expected_key`` (the one the person saw in the preview), and a key and version that already
    exist: a saved version never changes, a new one gets a new version. ``as_version`` saves
    the file as that version instead of its own (an exported file of a catalogue playbook,
    uploaded again as its next version), with a change-log entry saying so.
    """
    _managing_membership(actor, workspace)
    where = clean_filename(filename)
    playbook, _detection = read_upload(filename=where, data=data, options=options)
    if as_version is not None and as_version.strip() and as_version.strip() != playbook.version:
        playbook = as_next_version(playbook, version=as_version.strip(), where=where)
    problems = _identity_problems(playbook, where)
    if expected_key is not None and playbook.key != expected_key:
        problems.append(
            Problem(
                code="playbook-key-changed",
                message=_("The file holds playbook %(key)s, not %(expected)s as previewed.")
                % {"key": playbook.key, "expected": expected_key},
                hint=_("Upload the file again and check the preview before saving."),
                where=where,
            )
        )
    if not problems and _version_taken(workspace, playbook):
        problems.append(_version_taken_problem(playbook, where))
    if problems:
        raise InvalidInput(problems)
    counts = Counter(finding.severity for finding in lint(playbook))
    try:
        # A savepoint: a concurrent upload of the same version loses cleanly, with the same message.
        with transaction.atomic():
            saved = WorkspacePlaybook.objects.create(
                workspace=workspace,
                key=playbook.key,
                version=playbook.version,
                name=playbook.name,
                content=dump_playbook(playbook),
                source_filename=where,
                source_vendor=(playbook.source.vendor if playbook.source else "")[:200],
                role_count=len(playbook.roles),
                task_count=len(playbook.tasks),
                lint_errors=counts.get(Severity.ERROR, 0),
                lint_warnings=counts.get(Severity.WARNING, 0),
                lint_infos=counts.get(Severity.INFO, 0),
                uploaded_by=actor,
            )
    except IntegrityError:
        raise InvalidInput([_version_taken_problem(playbook, where)]) from None
    activity_record(
        workspace_id=workspace.pk,
        actor=actor,
        verb=Verb.PLAYBOOK_UPLOADED,
        target_type="playbook",
        target_key=f"{saved.key}@{saved.version}",
        summary=(
            _("Uploaded playbook %(name)s, version %(version)s, from %(filename)s.")
            % {"name": saved.name, "version": saved.version, "filename": where}
        ),
        after={"key": saved.key, "version": saved.version, "name": saved.name, "file": where},
    )
    return saved
