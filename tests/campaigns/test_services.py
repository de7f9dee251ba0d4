"""Campaign rules through the services: generation, gates, sign-off and the tasks moving with it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.activity.models import ActivityEntry
from accord.activity.verbs import Verb
from accord.campaigns import selectors, services
from accord.campaigns.models import CampaignStatus, CaseSource, Defect, Evidence, TestCase
from accord.domain.errors import InvalidInput
from accord.domain.gates import GateClosed
from accord.projects.access import NotAllowed
from accord.projects.models import ProjectTask, TaskStatus
from tests.campaigns.factories import all_passed, campaign_made, invoicecloud_cast, signed_off, staff
from tests.projects.test_pages_support import cast_made

pytestmark = pytest.mark.django_db


def _codes(error: GateClosed) -> set[str]:
    return {item.code for item in error.unmet}


def test_a_campaign_is_tied_to_the_playbooks_validation_task():
    cast = invoicecloud_cast()
    sit = campaign_made(cast, "sit")
    uat = campaign_made(cast, "uat")
    assert (sit.validation_task_key, sit.session_task_key) == ("system-integration-testing",) * 2
    assert uat.validation_task_key == "user-acceptance-testing"


def test_an_e2e_campaign_needs_an_integration_case_of_the_playbook():
    cast = cast_made("tomorro-integration")
    with pytest.raises(InvalidInput) as missing:
        services.campaign_create(actor=cast.admin, project=cast.project, kind="e2e", name="E2E")
    assert missing.value.problems[0].where == "integration_case"
    with pytest.raises(InvalidInput):
        services.campaign_create(
            actor=cast.admin, project=cast.project, kind="e2e", name="E2E", integration_case="carrier-pigeon"
        )
    campaign = services.campaign_create(
        actor=cast.admin, project=cast.project, kind="e2e", name="E2E", integration_case="internal-api"
    )
    assert campaign.validation_task_key == "e2e-test-validation"
    assert campaign.session_task_key == "internal-e2e-testing-session"


def test_uat_cannot_start_before_sit_is_signed_off_and_says_who_can_lift_it():
    cast = invoicecloud_cast()
    campaign_made(cast, "sit")
    uat = campaign_made(cast, "uat")
    with pytest.raises(GateClosed) as refused:
        services.campaign_start(actor=cast.admin, campaign=uat)
    assert _codes(refused.value) == {"sit-not-signed-off"}
    assert refused.value.unmet[0].lifted_by  # who can lift it
    assert (
        ProjectTask.objects.get(project=cast.project, key="user-acceptance-testing").status
        == TaskStatus.NOT_STARTED
    )


def test_uat_starts_once_sit_is_signed_off_and_its_task_moves_with_it():
    cast = invoicecloud_cast()
    sit = signed_off(cast, "sit")
    assert sit.status == CampaignStatus.SIGNED_OFF
    assert (
        ProjectTask.objects.get(project=cast.project, key="system-integration-testing").status
        == TaskStatus.DONE
    )
    uat = campaign_made(cast, "uat")
    services.campaign_start(actor=cast.admin, campaign=uat)
    task = ProjectTask.objects.get(project=cast.project, key="user-acceptance-testing")
    assert task.status == TaskStatus.IN_PROGRESS


def test_no_sign_off_while_a_run_fails_or_a_critical_defect_is_open():
    cast = invoicecloud_cast()
    sit = campaign_made(cast, "sit")
    services.campaign_start(actor=cast.admin, campaign=sit)
    first, second = TestCase.objects.filter(campaign=sit)
    services.run_record(actor=cast.admin, case=first, result="fail", notes="bill file rejected")
    services.run_record(actor=cast.admin, case=second, result="pass")
    defect = services.defect_create(
        actor=cast.admin,
        campaign=sit,
        case=first,
        title="Bill file rejected",
        severity="critical",
        owner=cast.admin,
    )
    with pytest.raises(GateClosed) as refused:
        services.campaign_sign_off(actor=cast.admin, campaign=sit)
    assert _codes(refused.value) == {"run-failing", "critical-defect-open"}
    assert "Case 1" in refused.value.unmet[0].message
    services.run_record(actor=cast.admin, case=first, result="pass")
    with pytest.raises(GateClosed) as still:
        services.campaign_sign_off(actor=cast.admin, campaign=sit)
    assert _codes(still.value) == {"critical-defect-open"}
    services.defect_update(
        actor=cast.admin,
        defect=defect,
        status="fixed",
        severity="critical",
        owner=cast.admin,
        expected_version=1,
    )
    assert services.campaign_sign_off(actor=cast.admin, campaign=sit).status == CampaignStatus.SIGNED_OFF


def test_a_campaign_not_started_cannot_be_signed_off_nor_take_runs():
    cast = invoicecloud_cast()
    sit = campaign_made(cast, "sit")
    with pytest.raises(GateClosed) as refused:
        services.campaign_sign_off(actor=cast.admin, campaign=sit)
    assert "campaign-not-running" in _codes(refused.value)
    with pytest.raises(GateClosed):
        services.run_record(actor=cast.admin, case=sit.cases.first(), result="pass")


def test_the_accountable_signs_off_not_a_manager_when_there_is_one():
    cast = cast_made("tomorro-integration")
    accountable = cast.people["customer"].user
    staff(cast, "admins-tomorro", accountable)  # Accountable of "E2E test validation"
    e2e = campaign_made(cast, "e2e", integration_case="internal-api")
    services.campaign_start(actor=cast.admin, campaign=e2e)
    all_passed(e2e, cast.admin)
    with pytest.raises(NotAllowed) as refused:
        services.campaign_sign_off(actor=cast.people["manager"].user, campaign=e2e)
    assert accountable.get_full_name() in refused.value.hint
    services.campaign_sign_off(actor=accountable, campaign=e2e)
    assert ProjectTask.objects.get(project=cast.project, key="e2e-test-validation").status == TaskStatus.DONE


def test_the_accountable_is_told_when_the_campaign_awaits_sign_off(django_capture_on_commit_callbacks):
    from accord.inbox.models import Notification

    cast = cast_made("tomorro-integration")
    accountable = cast.people["customer"].user
    staff(cast, "admins-tomorro", accountable)
    e2e = campaign_made(cast, "e2e", integration_case="internal-api")
    services.campaign_start(actor=cast.admin, campaign=e2e)
    with django_capture_on_commit_callbacks(execute=True):
        all_passed(e2e, cast.admin)
    assert ActivityEntry.objects.filter(verb=Verb.CAMPAIGN_AWAITS_SIGN_OFF).count() == 1
    notification = Notification.objects.get(user=accountable)
    assert notification.task.key == "e2e-test-validation"


def test_cases_are_generated_one_per_flow_and_one_per_mapping_once():
    from accord.design.models import DataFlowRecord, FieldMappingRecord

    cast = invoicecloud_cast()
    flow = DataFlowRecord.objects.create(
        project=cast.project,
        position=1,
        name="Daily bill file",
        source_system="CIS",
        target_system="Invoice Cloud",
    )
    FieldMappingRecord.objects.create(flow=flow, position=1, source="acct_no", target="AccountNumber")
    FieldMappingRecord.objects.create(flow=flow, position=2, source="amt", target="Amount", rule="2 decimals")
    campaign = services.campaign_create(actor=cast.admin, project=cast.project, kind="sit", name="SIT")
    sources = list(TestCase.objects.filter(campaign=campaign).values_list("source", flat=True))
    assert sources == [CaseSource.FLOW, CaseSource.MAPPING, CaseSource.MAPPING]
    assert services.cases_generate(actor=cast.admin, campaign=campaign) == 0
    FieldMappingRecord.objects.create(flow=flow, position=3, source="due", target="DueDate")
    assert services.cases_generate(actor=cast.admin, campaign=campaign) == 1


def test_only_managers_and_the_campaign_tasks_people_add_cases_and_start():
    cast = invoicecloud_cast()
    sit = campaign_made(cast, "sit")
    customer = cast.people["customer"].user
    with pytest.raises(NotAllowed):
        services.case_create(actor=customer, campaign=sit, title="Mine")
    staff(cast, "testers", customer)  # R of the SIT task
    services.case_create(actor=customer, campaign=sit, title="Mine")
    services.campaign_start(actor=customer, campaign=sit)
    assert (
        ProjectTask.objects.get(project=cast.project, key="system-integration-testing").status
        == TaskStatus.IN_PROGRESS
    )


def test_evidence_is_size_limited_and_stored_under_a_safe_name(settings):
    settings.ACCORD_EVIDENCE_MAX_BYTES = 10
    cast = invoicecloud_cast()
    sit = campaign_made(cast, "sit")
    services.campaign_start(actor=cast.admin, campaign=sit)
    case = sit.cases.first()
    with pytest.raises(InvalidInput) as refused:
        services.run_record(
            actor=cast.admin, case=case, result="pass", files=[SimpleUploadedFile("big.log", b"x" * 11)]
        )
    assert refused.value.problems[0].code == "file-too-large"
    assert not Evidence.objects.exists()
    services.run_record(
        actor=cast.admin, case=case, result="pass", files=[SimpleUploadedFile("../../etc/pass wd.txt", b"ok")]
    )
    evidence = Evidence.objects.get()
    assert evidence.original_name == "pass wd.txt"
    assert ".." not in evidence.file.name
    assert evidence.file.name.endswith("pass_wd.txt")


def test_progress_counts_latest_results_and_open_defects_by_severity(django_assert_max_num_queries):
    cast = invoicecloud_cast()
    sit = campaign_made(cast, "sit", cases=3)
    services.campaign_start(actor=cast.admin, campaign=sit)
    one, two, _three = TestCase.objects.filter(campaign=sit)
    services.run_record(actor=cast.admin, case=one, result="fail")
    services.run_record(actor=cast.admin, case=one, result="pass")
    services.run_record(actor=cast.admin, case=two, result="blocked")
    services.defect_create(actor=cast.admin, campaign=sit, title="Typo", severity="minor")
    Defect.objects.create(campaign=sit, title="Closed", severity="critical", status="closed")
    with django_assert_max_num_queries(3):
        progress = selectors.progress_of([sit])[0]
    assert (progress.cases, progress.run, progress.passed, progress.failed, progress.blocked) == (
        3,
        2,
        1,
        0,
        1,
    )
    assert progress.open_defects == {"minor": 1}
