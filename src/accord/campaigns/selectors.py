"""Reads of test campaigns, always through the one access rule (accord.projects.access).

Who may do what on a campaign (:class:`CampaignRights`):

- everyone who sees the project sees its campaigns, records runs, attaches evidence and reports
  defects (testers are the customer's users, its IT, or the third party);
- vendor admins and managers create campaigns; they and the Responsible or Accountable of the
  campaign's tasks add and edit cases and start it;
- the Accountable of the campaign's validation task signs it off; while nobody holds that A, a
  vendor admin or manager does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.campaigns.models import (
    Campaign,
    CampaignKind,
    CampaignStatus,
    Defect,
    DefectSeverity,
    DefectStatus,
    Evidence,
    RunResult,
    TestCase,
    TestRun,
)
from accord.domain.errors import NotFound
from accord.domain.raci import Raci
from accord.projects import task_selectors
from accord.projects.access import ProjectAccess, ProjectAction, project_access, visible_projects
from accord.projects.models import Project, ProjectTask
from accord.work.selectors import held_letters
from accord.workspaces.access import Requester


def _no_such(what: str) -> NotFound:
    return NotFound(what, hint=_("It may have been removed, or you may not see its project."))


# --- Finding things ----------------------------------------------------------------------------


def project_campaigns(user: Requester, project_id: int) -> tuple[ProjectAccess, list[Campaign]]:
    """A project the requester sees (NotFound otherwise) and its campaigns, oldest first."""
    access = project_access(user, project_id)
    return access, list(Campaign.objects.filter(project=access.project).order_by("created_at", "pk"))


def campaigns_of(project: Project) -> QuerySet[Campaign]:
    """The campaigns of a project already found through the access rule."""
    return Campaign.objects.filter(project=project)


def campaign_for(user: Requester, campaign_id: int, *, project_id: int | None = None) -> Campaign:
    """A campaign of a project the requester sees (of ``project_id`` when given), else NotFound."""
    rows = Campaign.objects.select_related("project", "project__workspace", "project__customer").filter(
        pk=campaign_id, project__in=visible_projects(user).values("pk")
    )
    if project_id is not None:
        rows = rows.filter(project_id=project_id)
    campaign = rows.first()
    if campaign is None:
        raise _no_such(_("No such test campaign."))
    return campaign


def case_for(user: Requester, case_id: int, *, campaign_id: int | None = None) -> TestCase:
    """A test case of a campaign the requester sees, else NotFound."""
    rows = TestCase.objects.select_related("campaign", "campaign__project").filter(
        pk=case_id, campaign__project__in=visible_projects(user).values("pk")
    )
    if campaign_id is not None:
        rows = rows.filter(campaign_id=campaign_id)
    case = rows.first()
    if case is None:
        raise _no_such(_("No such test case."))
    return case


def run_for(user: Requester, run_id: int, *, campaign_id: int | None = None) -> TestRun:
    rows = TestRun.objects.select_related("case", "case__campaign", "case__campaign__project").filter(
        pk=run_id, case__campaign__project__in=visible_projects(user).values("pk")
    )
    if campaign_id is not None:
        rows = rows.filter(case__campaign_id=campaign_id)
    run = rows.first()
    if run is None:
        raise _no_such(_("No such test run."))
    return run


def defect_for(user: Requester, defect_id: int, *, campaign_id: int | None = None) -> Defect:
    rows = Defect.objects.select_related("campaign", "campaign__project", "case", "owner").filter(
        pk=defect_id, campaign__project__in=visible_projects(user).values("pk")
    )
    if campaign_id is not None:
        rows = rows.filter(campaign_id=campaign_id)
    defect = rows.first()
    if defect is None:
        raise _no_such(_("No such defect."))
    return defect


def evidence_for(user: Requester, evidence_id: int, *, campaign_id: int | None = None) -> Evidence:
    """An evidence file of a campaign the requester sees, else NotFound (the download's check)."""
    rows = Evidence.objects.select_related("run__case__campaign").filter(
        pk=evidence_id, run__case__campaign__project__in=visible_projects(user).values("pk")
    )
    if campaign_id is not None:
        rows = rows.filter(run__case__campaign_id=campaign_id)
    evidence = rows.first()
    if evidence is None:
        raise _no_such(_("No such evidence file."))
    return evidence


# --- Results -----------------------------------------------------------------------------------


def cases_with_latest(campaign_ids: Iterable[int]) -> QuerySet[TestCase]:
    """The cases of campaigns, each annotated with its latest run's result (``latest_result``,
    None when never run) and that run's id. One query."""
    latest = TestRun.objects.filter(case=OuterRef("pk")).order_by("-run_at", "-pk")
    return (
        TestCase.objects.filter(campaign_id__in=list(campaign_ids))
        .annotate(
            latest_result=Subquery(latest.values("result")[:1]),
            latest_run_id=Subquery(latest.values("pk")[:1]),
        )
        .order_by("campaign_id", "position", "pk")
    )


@dataclass
class Progress:
    """Where a campaign stands: its cases by latest result, and its open defects by severity."""

    campaign: Campaign
    cases: int = 0
    run: int = 0
    passed: int = 0
    failed: int = 0
    blocked: int = 0
    open_defects: dict[str, int] = field(default_factory=dict)
    failing_cases: list[str] = field(default_factory=list)
    critical_defects: list[str] = field(default_factory=list)

    @property
    def not_run(self) -> int:
        return self.cases - self.run

    @property
    def defects_by_severity(self) -> list[tuple[str, str, int]]:
        """(severity, its label, open count) for every severity, most severe first."""
        return [
            (value, str(label), self.open_defects.get(value, 0)) for value, label in DefectSeverity.choices
        ]

    @property
    def ready_for_sign_off(self) -> bool:
        """Running, every case run, none failing, no critical defect open."""
        return (
            self.campaign.status == CampaignStatus.RUNNING
            and self.cases > 0
            and self.run == self.cases
            and not self.failing_cases
            and not self.critical_defects
        )


def progress_of(campaigns: Sequence[Campaign]) -> list[Progress]:
    """The progress of each campaign, in two queries whatever their number and size."""
    by_id = {campaign.pk: Progress(campaign=campaign) for campaign in campaigns}
    if not by_id:
        return []
    for case in cases_with_latest(by_id):
        progress = by_id[case.campaign_id]
        progress.cases += 1
        result = case.latest_result  # type: ignore[attr-defined]
        if result is None:
            continue
        progress.run += 1
        if result == RunResult.PASS:
            progress.passed += 1
        elif result == RunResult.FAIL:
            progress.failed += 1
            progress.failing_cases.append(case.title)
        else:
            progress.blocked += 1
    counts: dict[int, Counter[str]] = {}
    for defect in Defect.objects.filter(campaign_id__in=list(by_id), status=DefectStatus.OPEN).only(
        "pk", "campaign_id", "severity", "title"
    ):
        counts.setdefault(defect.campaign_id, Counter())[defect.severity] += 1
        if defect.severity == DefectSeverity.CRITICAL:
            by_id[defect.campaign_id].critical_defects.append(defect.title)
    for campaign_id, counter in counts.items():
        by_id[campaign_id].open_defects = dict(counter)
    return [by_id[campaign.pk] for campaign in campaigns]


def project_progress(user: Requester, project: Project) -> list[Progress]:
    """The progress of every campaign of a project the requester sees (the overview's panel)."""
    if not visible_projects(user).filter(pk=project.pk).exists():
        raise _no_such(_("No such project."))
    return progress_of(list(campaigns_of(project).order_by("created_at", "pk")))


def campaign_defects(campaign: Campaign) -> QuerySet[Defect]:
    return (
        Defect.objects.filter(campaign=campaign)
        .select_related("owner", "case")
        .order_by("-created_at", "-pk")
    )


def runs_of_cases(case_ids: Iterable[int]) -> QuerySet[TestRun]:
    return (
        TestRun.objects.filter(case_id__in=list(case_ids))
        .select_related("run_by")
        .prefetch_related("evidence")
        .order_by("case_id", "-run_at", "-pk")
    )


# --- Tasks and rights --------------------------------------------------------------------------


def campaign_task(campaign: Campaign, key: str) -> ProjectTask | None:
    if not key:
        return None
    return (
        ProjectTask.objects.filter(project_id=campaign.project_id, key=key).select_related("project").first()
    )


def accountables(campaign: Campaign) -> list[User]:
    """Who holds A on the campaign's validation task (its signers), the roles' leads first."""
    task = campaign_task(campaign, campaign.validation_task_key)
    return task_selectors.task_people(task)["A"] if task is not None else []


def signer_names(campaign: Campaign) -> str:
    """Who can sign the campaign off, in words: its Accountable, or the vendor's managers."""
    people = accountables(campaign)
    if people:
        return ", ".join(person.get_full_name() or person.email for person in people)
    return str(_("a vendor admin or manager (the validation task has no Accountable yet)"))


def _letters_on(user: Requester, campaign: Campaign) -> Raci:
    letters = Raci(0)
    for key in {campaign.validation_task_key, campaign.session_task_key} - {""}:
        task = campaign_task(campaign, key)
        if task is not None:
            letters |= held_letters(user, task)
    return letters


@dataclass(frozen=True, slots=True)
class CampaignRights:
    test: bool  # record runs, attach evidence, report and update defects
    manage: bool  # add and edit cases, start
    sign_off: bool


def rights(user: Requester, campaign: Campaign, access: ProjectAccess | None = None) -> CampaignRights:
    """What ``user`` (who sees the campaign's project) may do on it."""
    access = access or project_access(user, campaign.project_id)
    manager = access.allows(ProjectAction.MANAGE)
    letters = _letters_on(user, campaign) if isinstance(user, User) else Raci(0)
    holds_validation_a = False
    signers = accountables(campaign)
    if isinstance(user, User):
        holds_validation_a = any(person.pk == user.pk for person in signers)
    return CampaignRights(
        test=True,
        manage=manager or bool(letters & (Raci.R | Raci.A)),
        sign_off=holds_validation_a or (manager and not signers),
    )


def may_create_campaigns(access: ProjectAccess) -> bool:
    """Vendor admins and managers create campaigns."""
    return access.allows(ProjectAction.MANAGE)


def sit_signed_off(project: Project) -> bool:
    return Campaign.objects.filter(
        project=project, kind=CampaignKind.SIT, status=CampaignStatus.SIGNED_OFF
    ).exists()


def sit_signers(project: Project) -> str:
    """Who can lift the "SIT not signed off" condition: the signers of the project's SIT."""
    sit = Campaign.objects.filter(project=project, kind=CampaignKind.SIT).order_by("created_at", "pk").first()
    if sit is None:
        return str(_("a vendor admin or manager, by creating and running a SIT campaign"))
    return signer_names(sit)
