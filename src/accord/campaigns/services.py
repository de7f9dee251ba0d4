"""Every write to test campaigns: create (with cases generated from the design), cases, start,
runs with evidence, defects, sign-off.

Each function takes the acting person, finds what it changes through the one access rule
(NotFound for what they may not see), checks what they may do (NotAllowed, naming who may),
checks the gates (GateClosed with every unmet condition and who can lift it), changes everything
or nothing, and records the change in the activity log. The campaign's tasks move with it through
:func:`accord.work.services.task_transition`, so the workflow's own rules and notifications apply.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.campaigns import selectors
from accord.campaigns.models import (
    Campaign,
    CampaignKind,
    CampaignStatus,
    CaseSource,
    Defect,
    DefectSeverity,
    DefectStatus,
    Evidence,
    RunResult,
    TestCase,
    TestRun,
)
from accord.campaigns.validation import campaign_tasks
from accord.catalog.uploads import clean_filename as clean_upload_name
from accord.domain import gates
from accord.domain.design import DataFlow, FieldMapping, FlowMode
from accord.domain.errors import AccordError, InvalidInput, Problem, StaleWrite
from accord.domain.workflow import Action
from accord.projects.access import NotAllowed, ProjectAction, project_access, visible_projects
from accord.projects.models import Project, ProjectTask, TaskStatus
from accord.projects.playbook_copy import project_playbook
from accord.work import services as work_services

TITLE_MAX = 300
TEXT_MAX = 10_000
EVIDENCE_PER_RUN_MAX = 10


# --- Shared steps ------------------------------------------------------------------------------


def _problem(code: str, message: str, where: str, hint: str = "") -> InvalidInput:
    return InvalidInput([Problem(code, message, hint=hint, where=where)])


def _text(value: str, where: str, *, required: bool, limit: int) -> str:
    text = (value or "").strip()
    if required and not text:
        raise _problem("required", _("This field is required."), where, _("Write a few words."))
    if len(text) > limit:
        raise _problem(
            "too-long",
            _("At most %(limit)s characters, this has %(count)s.") % {"limit": limit, "count": len(text)},
            where,
            _("Shorten it."),
        )
    return text


def _locked(campaign: Campaign, actor: User) -> Campaign:
    found = selectors.campaign_for(actor, campaign.pk)
    locked = Campaign.objects.select_for_update(of=("self",)).get(pk=found.pk)
    locked.project = found.project
    return locked


def _check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and current != expected:
        raise StaleWrite(
            _("%(what)s was changed by someone else while you were looking at it; nothing was changed.")
            % {"what": what},
            hint=_("Reload the page to see the change, then try again."),
        )


def _person(user: User | None) -> dict[str, Any] | None:
    if user is None:
        return None
    return {"id": user.pk, "email": user.email, "name": user.get_full_name()}


def _record(
    actor: User,
    campaign: Campaign,
    verb: Verb,
    *,
    target_type: str = "campaign",
    target_key: str = "",
    **after: Any,
) -> None:
    activity_record(
        actor=actor,
        project=campaign.project,
        verb=verb,
        target_type=target_type,
        target_key=target_key or str(campaign.pk),
        summary=str(after.get("case") or after.get("defect") or campaign.name)[:200],
        after={"campaign": campaign.name, "campaign_id": campaign.pk, **after},
    )


def _bump(row: Any, *fields: str) -> None:
    row.version += 1
    row.save(update_fields=[*fields, "version"])


def _refuse_unless(allowed: bool, message: str, who: str) -> None:
    if not allowed:
        raise NotAllowed(message, hint=_("Who can: %(who)s.") % {"who": who})


def _gate(conditions: Sequence[gates.Condition], message: str) -> None:
    unmet = gates.unmet(conditions)
    if unmet:
        translated = [condition.translated(_) for condition in unmet]
        raise gates.GateClosed(
            message,
            translated,
            hint=" ".join(
                _("%(what)s Who can lift it: %(who)s.") % {"what": item.message, "who": item.lifted_by}
                for item in translated
            ),
        )


def _managers_phrase() -> str:
    return _("a vendor admin or manager, or the Responsible or Accountable of the campaign's task")


# --- Moving the campaign's tasks ---------------------------------------------------------------

_TO_DONE: dict[str, tuple[Action, ...]] = {
    TaskStatus.NOT_STARTED: (Action.START, Action.SUBMIT, Action.APPROVE),
    TaskStatus.IN_PROGRESS: (Action.SUBMIT, Action.APPROVE),
    TaskStatus.AWAITING_APPROVAL: (Action.APPROVE,),
}


def _advance(actor: User, task: ProjectTask | None, *, done: bool) -> str:
    """Move a campaign's task to in progress (``done`` False) or done, with the actor's own rights
    on it; returns why it could not move ("" when it moved or had nothing to do)."""
    if task is None:
        return ""
    actions = (
        _TO_DONE.get(task.status, ())
        if done
        else ((Action.START,) if task.status == TaskStatus.NOT_STARTED else ())
    )
    for action in actions:
        if task.status == TaskStatus.DONE:
            break
        if action is Action.APPROVE and task.status != TaskStatus.AWAITING_APPROVAL:
            continue
        try:
            task = work_services.task_transition(
                actor=actor, task=task, action=action, expected_version=task.version
            )
        except AccordError as error:
            return _("“%(task)s” stays %(status)s: %(reason)s") % {
                "task": task.name,
                "status": task.get_status_display(),
                "reason": error.message,
            }
    return ""


# --- Generating cases from the design ----------------------------------------------------------


def project_data_flows(project: Project) -> tuple[DataFlow, ...]:
    """The data flows of a project and their field mappings, from the design records
    (accord.design), in the order of the sequence diagram; none when nothing is designed yet."""
    from accord.design.models import DataFlowRecord

    records = (
        DataFlowRecord.objects.filter(project=project).prefetch_related("mappings").order_by("position", "pk")
    )
    return tuple(
        DataFlow(
            name=record.name,
            source_system=record.source_system,
            target_system=record.target_system,
            trigger=record.trigger,
            mode=FlowMode(record.mode) if record.mode in FlowMode.__members__.values() else FlowMode.REALTIME,
            format=record.format,
            security=record.security,
            mappings=tuple(
                FieldMapping(source=mapping.source, target=mapping.target, rule=mapping.rule)
                for mapping in record.mappings.all()
            ),
        )
        for record in records
    )


@dataclass(frozen=True, slots=True)
class CaseDraft:
    source: str
    source_ref: str
    title: str
    steps: str
    expected: str


def case_drafts(flows: Iterable[DataFlow]) -> list[CaseDraft]:
    """One case per data flow and one per field mapping, in the active language."""
    drafts: list[CaseDraft] = []
    for flow in flows:
        values = {
            "flow": flow.name,
            "source": flow.source_system,
            "target": flow.target_system,
            "trigger": flow.trigger or "—",
            "format": flow.format or "—",
        }
        drafts.append(
            CaseDraft(
                CaseSource.FLOW,
                flow.name[:400],
                (_("Data flow “%(flow)s”: %(source)s → %(target)s") % values)[:TITLE_MAX],
                _("Trigger the flow in %(source)s (%(trigger)s); format %(format)s.") % values,
                _("The data arrives in %(target)s as designed, complete and on time.") % values,
            )
        )
        for mapping in flow.mappings:
            field_values = values | {"from": mapping.source, "to": mapping.target, "rule": mapping.rule}
            expected = (
                _("%(to)s in %(target)s holds the value of %(from)s after the rule: %(rule)s.")
                if mapping.rule
                else _("%(to)s in %(target)s holds the value of %(from)s, unchanged.")
            ) % field_values
            drafts.append(
                CaseDraft(
                    CaseSource.MAPPING,
                    f"{flow.name}: {mapping.source} → {mapping.target}"[:400],
                    (_("“%(flow)s”: %(from)s → %(to)s") % field_values)[:TITLE_MAX],
                    _("Send a record through “%(flow)s” with a value in %(from)s.") % field_values,
                    expected,
                )
            )
    return drafts


def _generate(campaign: Campaign) -> int:
    existing = set(
        TestCase.objects.filter(campaign=campaign)
        .exclude(source=CaseSource.MANUAL)
        .values_list("source", "source_ref")
    )
    position = (TestCase.objects.filter(campaign=campaign).aggregate(top=Max("position"))["top"] or 0) + 1
    new = [
        draft
        for draft in case_drafts(project_data_flows(campaign.project))
        if (draft.source, draft.source_ref) not in existing
    ]
    TestCase.objects.bulk_create(
        TestCase(
            campaign=campaign,
            title=draft.title,
            steps=draft.steps,
            expected=draft.expected,
            source=draft.source,
            source_ref=draft.source_ref,
            position=position + index,
        )
        for index, draft in enumerate(new)
    )
    return len(new)


# --- Campaigns ---------------------------------------------------------------------------------


def _variants(project: Project) -> dict[str, str]:
    return {variant.key: variant.name or variant.key for variant in project_playbook(project).variants}


def _parse_kind(kind: str) -> CampaignKind:
    try:
        return CampaignKind(kind)
    except ValueError:
        raise _problem(
            "unknown-kind",
            _("“%(kind)s” is not a kind of campaign.") % {"kind": kind},
            "kind",
            _("Use one of: sit, uat, e2e."),
        ) from None


def _check_case(project: Project, kind: CampaignKind, integration_case: str) -> str:
    variants = _variants(project)
    case = (integration_case or "").strip()
    if kind == CampaignKind.E2E and variants and not case:
        raise _problem(
            "integration-case-required",
            _("An E2E campaign tests one integration case; choose it."),
            "integration_case",
            _("Known cases: %(cases)s.") % {"cases": ", ".join(variants)},
        )
    if case and case not in variants:
        raise _problem(
            "unknown-integration-case",
            _("The playbook has no integration case “%(case)s”.") % {"case": case},
            "integration_case",
            _("Known cases: %(cases)s.") % {"cases": ", ".join(variants) or "—"},
        )
    return case


@transaction.atomic
def campaign_create(
    *, actor: User, project: Project, kind: str, name: str, integration_case: str = ""
) -> Campaign:
    """A new campaign of ``project``, tied to its validation (and session) task, with one case per
    data flow and per field mapping of the project's design. Vendor admins and managers."""
    access = project_access(actor, project.pk)
    _refuse_unless(
        selectors.may_create_campaigns(access),
        _("You cannot create test campaigns on this project."),
        _("a vendor admin or manager"),
    )
    project = access.project
    chosen = _parse_kind(kind)
    name = _text(name, "name", required=True, limit=200)
    case = _check_case(project, chosen, integration_case)
    tasks = dict(ProjectTask.objects.filter(project=project).values_list("key", "name"))
    tied = campaign_tasks(project.playbook_key, gates.CampaignKind(chosen.value), tasks.items())
    session = tied.session_for(case)
    campaign = Campaign.objects.create(
        project=project,
        kind=chosen,
        name=name,
        integration_case=case,
        validation_task_key=tied.validation if tied.validation in tasks else "",
        session_task_key=session if session in tasks else "",
        created_by=actor,
    )
    generated = _generate(campaign)
    _record(actor, campaign, Verb.CAMPAIGN_CREATED, kind=chosen.value, count=generated)
    return campaign


@transaction.atomic
def cases_generate(*, actor: User, campaign: Campaign) -> int:
    """Add the cases of the design's flows and mappings that the campaign does not have yet."""
    campaign = _locked(campaign, actor)
    _refuse_unless(
        selectors.rights(actor, campaign).manage, _("You cannot add test cases here."), _managers_phrase()
    )
    _not_signed_off(campaign)
    added = _generate(campaign)
    if added:
        _bump(campaign)
        _record(actor, campaign, Verb.CASES_GENERATED, count=added)
    return added


def _not_signed_off(campaign: Campaign) -> None:
    _gate(
        [
            gates.Condition(
                "campaign-signed-off",
                campaign.status != CampaignStatus.SIGNED_OFF,
                _("The campaign is signed off: its cases and runs are final."),
                lifted_by=_("nobody; create a new campaign to test again"),
            )
        ],
        _("The campaign is signed off."),
    )


@transaction.atomic
def case_create(
    *, actor: User, campaign: Campaign, title: str, steps: str = "", expected: str = ""
) -> TestCase:
    """Add a case by hand."""
    campaign = _locked(campaign, actor)
    _refuse_unless(
        selectors.rights(actor, campaign).manage, _("You cannot add test cases here."), _managers_phrase()
    )
    _not_signed_off(campaign)
    top = TestCase.objects.filter(campaign=campaign).aggregate(top=Max("position"))["top"] or 0
    case = TestCase.objects.create(
        campaign=campaign,
        title=_text(title, "title", required=True, limit=TITLE_MAX),
        steps=_text(steps, "steps", required=False, limit=TEXT_MAX),
        expected=_text(expected, "expected", required=False, limit=TEXT_MAX),
        position=top + 1,
    )
    _record(actor, campaign, Verb.CASE_ADDED, target_type="case", target_key=str(case.pk), case=case.title)
    return case


@transaction.atomic
def case_update(
    *, actor: User, case: TestCase, title: str, steps: str, expected: str, expected_version: int | None
) -> TestCase:
    """Change a case's title, steps and expected result (generated ones too)."""
    case = selectors.case_for(actor, case.pk)
    campaign = _locked(case.campaign, actor)
    case = TestCase.objects.select_for_update(of=("self",)).get(pk=case.pk)
    case.campaign = campaign
    _refuse_unless(
        selectors.rights(actor, campaign).manage, _("You cannot change test cases here."), _managers_phrase()
    )
    _not_signed_off(campaign)
    _check_version(case.version, expected_version, _("The test case"))
    case.title = _text(title, "title", required=True, limit=TITLE_MAX)
    case.steps = _text(steps, "steps", required=False, limit=TEXT_MAX)
    case.expected = _text(expected, "expected", required=False, limit=TEXT_MAX)
    _bump(case, "title", "steps", "expected")
    _record(actor, campaign, Verb.CASE_CHANGED, target_type="case", target_key=str(case.pk), case=case.title)
    return case


def start_conditions(actor: User, campaign: Campaign) -> tuple[gates.Condition, ...]:
    """The start gate of ``campaign`` (a campaign found through the access rule)."""
    return gates.start_conditions(
        kind=gates.CampaignKind(campaign.kind),
        state=gates.CampaignState(campaign.status),
        sit_signed_off=selectors.sit_signed_off(campaign.project),
        sit_lifted_by=selectors.sit_signers(campaign.project),
        lifted_by=_("nobody: a campaign starts once"),
    )


@transaction.atomic
def campaign_start(*, actor: User, campaign: Campaign) -> Campaign:
    """Start a campaign (its runs can then be recorded) and move its session task to in progress.

    Refused (GateClosed) when it has started already, and for a UAT while no SIT of the project is
    signed off."""
    campaign = _locked(campaign, actor)
    _refuse_unless(
        selectors.rights(actor, campaign).manage, _("You cannot start this campaign."), _managers_phrase()
    )
    _gate(start_conditions(actor, campaign), _("The campaign cannot start yet."))
    campaign.status = CampaignStatus.RUNNING
    campaign.started_at = timezone.now()
    campaign.started_by = actor
    _bump(campaign, "status", "started_at", "started_by")
    _record(actor, campaign, Verb.CAMPAIGN_STARTED)
    campaign.task_notes = [  # type: ignore[attr-defined]
        note
        for note in [
            _advance(actor, selectors.campaign_task(campaign, campaign.session_task_key), done=False)
        ]
        if note
    ]
    return campaign


def sign_off_conditions(campaign: Campaign) -> tuple[gates.Condition, ...]:
    """The sign-off gate of ``campaign``, with who can lift each condition."""
    progress = selectors.progress_of([campaign])[0]
    owners = sorted(
        {
            defect.owner.get_full_name() or defect.owner.email
            for defect in Defect.objects.filter(
                campaign=campaign, status=DefectStatus.OPEN, severity=DefectSeverity.CRITICAL
            ).select_related("owner")
            if defect.owner is not None
        }
    )
    return gates.sign_off_conditions(
        state=gates.CampaignState(campaign.status),
        failing_cases=progress.failing_cases,
        critical_defects=progress.critical_defects,
        lifted_by_testers=_("the testers, by recording a passing run once the cause is fixed"),
        lifted_by_defect_owners=(
            _("the defects' owners (%(owners)s), by fixing or closing them") % {"owners": ", ".join(owners)}
            if owners
            else _("whoever fixes the defects, by closing them")
        ),
        lifted_by=_managers_phrase(),
    )


@transaction.atomic
def campaign_sign_off(*, actor: User, campaign: Campaign) -> Campaign:
    """Sign a campaign off: the Accountable of its validation task (a vendor admin or manager while
    it has none). Refused (GateClosed) while it is not running, a case's latest run fails or a
    critical defect is open. Moves its session task to done, and its validation task once every
    campaign tied to it is signed off."""
    campaign = _locked(campaign, actor)
    _refuse_unless(
        selectors.rights(actor, campaign).sign_off,
        _("Only the Accountable of the campaign's validation task can sign it off."),
        selectors.signer_names(campaign),
    )
    _gate(sign_off_conditions(campaign), _("The campaign cannot be signed off yet."))
    campaign.status = CampaignStatus.SIGNED_OFF
    campaign.signed_off_at = timezone.now()
    campaign.signed_off_by = actor
    _bump(campaign, "status", "signed_off_at", "signed_off_by")
    _record(actor, campaign, Verb.CAMPAIGN_SIGNED_OFF)
    notes = [_advance(actor, selectors.campaign_task(campaign, campaign.session_task_key), done=True)]
    others_open = (
        Campaign.objects.filter(project=campaign.project, validation_task_key=campaign.validation_task_key)
        .exclude(status=CampaignStatus.SIGNED_OFF)
        .exists()
    )
    if campaign.validation_task_key != campaign.session_task_key and not others_open:
        notes.append(
            _advance(actor, selectors.campaign_task(campaign, campaign.validation_task_key), done=True)
        )
    campaign.task_notes = [note for note in notes if note]  # type: ignore[attr-defined]
    return campaign


# --- Runs, evidence, defects -------------------------------------------------------------------


def _check_files(files: Sequence[UploadedFile[Any]]) -> None:
    limit = settings.ACCORD_EVIDENCE_MAX_BYTES
    if len(files) > EVIDENCE_PER_RUN_MAX:
        raise _problem(
            "too-many-files",
            _("At most %(count)s files per run.") % {"count": EVIDENCE_PER_RUN_MAX},
            "evidence",
            _("Attach the others to another run, or zip them."),
        )
    for upload in files:
        size = upload.size or 0
        if size == 0:
            raise _problem(
                "empty-file",
                _("“%(name)s” is empty.") % {"name": clean_upload_name(upload.name or "")},
                "evidence",
                _("Choose the file again."),
            )
        if size > limit:
            raise _problem(
                "file-too-large",
                _("“%(name)s” is larger than the %(limit)s MB limit.")
                % {"name": clean_upload_name(upload.name or ""), "limit": round(limit / 1024 / 1024, 1)},
                "evidence",
                _("Attach a smaller file (a cropped screenshot, a compressed log)."),
            )


def _store_evidence(actor: User, run: TestRun, files: Sequence[UploadedFile[Any]]) -> list[Evidence]:
    stored = []
    for upload in files:
        evidence = Evidence(
            run=run,
            original_name=clean_upload_name(upload.name or "evidence"),
            size=upload.size or 0,
            content_type=(getattr(upload, "content_type", "") or "")[:100],
            uploaded_by=actor,
        )
        evidence.file.save(evidence.original_name, upload, save=False)
        evidence.save()
        stored.append(evidence)
    return stored


def _running(campaign: Campaign) -> None:
    _gate(
        [
            gates.Condition(
                "campaign-not-running",
                campaign.status == CampaignStatus.RUNNING,
                _("Runs are recorded while the campaign runs; start it first.")
                if campaign.status == CampaignStatus.NOT_STARTED
                else _("The campaign is signed off: its runs are final."),
                lifted_by=_managers_phrase(),
            )
        ],
        _("No run can be recorded now."),
    )


@transaction.atomic
def run_record(
    *,
    actor: User,
    case: TestCase,
    result: str,
    notes: str = "",
    files: Sequence[UploadedFile[Any]] = (),
) -> TestRun:
    """Record a run of a case (pass, fail or blocked) with notes and evidence files. When it makes
    the campaign ready for sign-off, the Accountable of its validation task is told."""
    case = selectors.case_for(actor, case.pk)
    campaign = _locked(case.campaign, actor)
    _running(campaign)
    try:
        chosen = RunResult(result)
    except ValueError:
        raise _problem(
            "unknown-result",
            _("“%(result)s” is not a result.") % {"result": result},
            "result",
            _("Use one of: pass, fail, blocked."),
        ) from None
    notes = _text(notes, "notes", required=False, limit=TEXT_MAX)
    _check_files(files)
    was_ready = selectors.progress_of([campaign])[0].ready_for_sign_off
    run = TestRun.objects.create(case=case, result=chosen, notes=notes, run_by=actor)
    _record(
        actor,
        campaign,
        Verb.RUN_RECORDED,
        target_type="case",
        target_key=str(case.pk),
        case=case.title,
        result=chosen.value,
        evidence=len(files),
    )
    if not was_ready and selectors.progress_of([campaign])[0].ready_for_sign_off:
        _record(
            actor,
            campaign,
            Verb.CAMPAIGN_AWAITS_SIGN_OFF,
            # The inbox tells the task's Accountable: the entry points at the validation task.
            target_type="task" if campaign.validation_task_key else "campaign",
            target_key=campaign.validation_task_key,
        )
    # Files last: nothing after them can fail but the commit itself.
    _store_evidence(actor, run, files)
    return run


@transaction.atomic
def evidence_add(*, actor: User, run: TestRun, files: Sequence[UploadedFile[Any]]) -> list[Evidence]:
    """Attach evidence files to a run already recorded (while the campaign runs)."""
    run = selectors.run_for(actor, run.pk)
    campaign = _locked(run.case.campaign, actor)
    _running(campaign)
    if not files:
        raise _problem("file-required", _("Choose a file to attach."), "evidence")
    _check_files(files)
    if run.evidence.count() + len(files) > EVIDENCE_PER_RUN_MAX:
        raise _problem(
            "too-many-files",
            _("At most %(count)s files per run.") % {"count": EVIDENCE_PER_RUN_MAX},
            "evidence",
            _("Record another run for more evidence."),
        )
    _record(
        actor,
        campaign,
        Verb.EVIDENCE_ADDED,
        target_type="case",
        target_key=str(run.case_id),
        case=run.case.title,
    )
    return _store_evidence(actor, run, files)


def _owner(project: Project, owner: User | None) -> User | None:
    if owner is None:
        return None
    if not visible_projects(owner).filter(pk=project.pk).exists():
        raise _problem(
            "owner-unknown",
            _("%(person)s does not take part in this project.")
            % {"person": owner.get_full_name() or owner.email},
            "owner",
            _("Choose someone who sees the project."),
        )
    return owner


def _severity(value: str) -> DefectSeverity:
    try:
        return DefectSeverity(value)
    except ValueError:
        raise _problem(
            "unknown-severity",
            _("“%(severity)s” is not a severity.") % {"severity": value},
            "severity",
            _("Use one of: %(values)s.") % {"values": ", ".join(DefectSeverity.values)},
        ) from None


@transaction.atomic
def defect_create(
    *,
    actor: User,
    campaign: Campaign,
    title: str,
    severity: str,
    case: TestCase | None = None,
    owner: User | None = None,
    description: str = "",
) -> Defect:
    """Report a defect found by a case of the campaign (its latest run is linked)."""
    campaign = _locked(campaign, actor)
    if case is not None and case.campaign_id != campaign.pk:
        raise _problem("case-unknown", _("This case is not one of the campaign's."), "case")
    run = TestRun.objects.filter(case=case).order_by("-run_at", "-pk").first() if case is not None else None
    defect = Defect.objects.create(
        campaign=campaign,
        case=case,
        run=run,
        title=_text(title, "title", required=True, limit=TITLE_MAX),
        description=_text(description, "description", required=False, limit=TEXT_MAX),
        severity=_severity(severity),
        owner=_owner(campaign.project, owner),
        reported_by=actor,
    )
    _record(
        actor,
        campaign,
        Verb.DEFECT_REPORTED,
        target_type="defect",
        target_key=str(defect.pk),
        defect=defect.title,
        severity=defect.severity,
        case=case.title if case is not None else "",
    )
    return defect


@transaction.atomic
def defect_update(
    *,
    actor: User,
    defect: Defect,
    status: str,
    severity: str,
    owner: User | None,
    expected_version: int | None,
) -> Defect:
    """Change a defect's status, severity or owner."""
    defect = selectors.defect_for(actor, defect.pk)
    campaign = _locked(defect.campaign, actor)
    defect = Defect.objects.select_for_update(of=("self",)).get(pk=defect.pk)
    _check_version(defect.version, expected_version, _("The defect"))
    if status not in DefectStatus.values:
        raise _problem(
            "unknown-status",
            _("“%(status)s” is not a status of a defect.") % {"status": status},
            "status",
            _("Use one of: %(values)s.") % {"values": ", ".join(DefectStatus.values)},
        )
    defect.status = status
    defect.severity = _severity(severity)
    defect.owner = _owner(campaign.project, owner)
    defect.updated_at = timezone.now()
    _bump(defect, "status", "severity", "owner", "updated_at")
    _record(
        actor,
        campaign,
        Verb.DEFECT_CHANGED,
        target_type="defect",
        target_key=str(defect.pk),
        defect=defect.title,
        status=defect.status,
        severity=defect.severity,
    )
    return defect


def may(actor: User, campaign: Campaign) -> selectors.CampaignRights:
    """What ``actor`` may do on ``campaign`` (a shortcut for the pages)."""
    return selectors.rights(actor, campaign, project_access(actor, campaign.project_id))


__all__ = [
    "ProjectAction",
    "campaign_create",
    "campaign_sign_off",
    "campaign_start",
    "case_create",
    "case_update",
    "cases_generate",
    "defect_create",
    "defect_update",
    "evidence_add",
    "project_data_flows",
    "run_record",
]
