"""The design services: needs and versions, the decision tree walk and the variant switch, the
workspace's tree, flows and records, open questions in My work, internal notes."""

from __future__ import annotations

import pytest
from django.utils import translation

from accord.activity.models import ActivityEntry
from accord.design import selectors, services
from accord.design.models import DesignItem, Need, NeedVersion, WorkspaceDecisionTree
from accord.domain.design import DataFlow, FieldMapping
from accord.domain.errors import InvalidInput, StaleWrite
from accord.formats.design.decision_tree_yaml import dump_decision_tree
from accord.playbooks.decision_trees import builtin_decision_tree
from accord.projects.access import NotAllowed
from accord.projects.models import Project, ProjectTask
from accord.projects.variants import project_variant_preview
from accord.work.page_selectors import my_work
from tests.design.factories import cast_made, flows_made, need_made

pytestmark = pytest.mark.django_db


# -- needs ---------------------------------------------------------------------------------------


def test_a_need_reads_as_the_seeds_statement_and_a_fully_checked_one_has_no_warning():
    cast = cast_made()
    need = need_made(cast)
    assert selectors.need_statement(need, "en") == (
        "I want create a contract in Tomorro when deal status moves from prospect to customer in the CRM; "
        "data exchanged: name, address and SIRET from the CRM to Tomorro"
    )
    assert selectors.need_statement(need, "fr").startswith("Je veux create a contract dans Tomorro quand")
    assert selectors.need_warnings(need) == []
    assert ActivityEntry.objects.filter(verb="need.written", project=cast.project).count() == 1


def test_each_unticked_check_and_a_state_trigger_warn_in_the_persons_language():
    cast = cast_made()
    need = need_made(
        cast,
        trigger="a deal is won",
        trigger_field="",
        trigger_from="",
        trigger_to="",
        check_unique=False,
        check_no_special_cases=False,
    )
    codes = [warning.code for warning in selectors.need_warnings(need)]
    assert codes == ["trigger-not-unique", "trigger-has-special-cases", "trigger-not-a-transition"]
    with translation.override("fr"):
        messages = [warning.message for warning in selectors.need_warnings(need)]
    assert messages[0] == "Le déclencheur n’est peut-être pas unique."


def test_an_unusable_need_is_refused_naming_each_field():
    cast = cast_made()
    with pytest.raises(InvalidInput) as caught:
        need_made(cast, action=" ", trigger_to="")
    assert {problem.where for problem in caught.value.problems} == {"action", "trigger_to"}
    assert not Need.objects.exists()


def test_an_edit_makes_a_new_version_and_the_earlier_one_stays_readable():
    cast = cast_made()
    need = need_made(cast)
    parts = services.NeedParts(
        **{**need_made.__globals__["SEED_NEED"].__dict__, "action": "update a contract"}
    )
    services.need_write(actor=cast.admin, project=cast.project, parts=parts, need=need, expected_version=1)
    need.refresh_from_db()
    assert need.version == 2
    first = selectors.need_version(need, 1)
    assert selectors.need_statement(first, "en").startswith("I want create a contract")
    assert selectors.need_statement(need, "en").startswith("I want update a contract")
    with pytest.raises(StaleWrite):
        services.need_write(
            actor=cast.admin, project=cast.project, parts=parts, need=need, expected_version=1
        )
    assert NeedVersion.objects.filter(need=need).count() == 2


def test_contacts_write_needs_but_never_the_internal_note():
    cast = cast_made()
    need = need_made(cast, internal_note="Margin is thin")
    contact = cast.people["customer"].user
    parts = services.NeedParts(**{**need_made.__globals__["SEED_NEED"].__dict__, "internal_note": "mine"})
    services.need_write(actor=contact, project=cast.project, parts=parts, need=need)
    need.refresh_from_db()
    assert need.internal_note == "Margin is thin"
    page = selectors.design_page(contact, cast.project.pk)
    assert page.needs[0].internal_note == ""
    assert selectors.design_page(cast.admin, cast.project.pk).needs[0].internal_note == "Margin is thin"


# -- the decision tree and the variant switch ---------------------------------------------------


def _walk_to_no_code(cast, need):
    for question, answer in (("direction", "from-third-party"), ("create-or-sign", "yes")):
        services.need_answer(actor=cast.admin, need=need, question=question, answer=answer)
    need.refresh_from_db()
    return need


def test_walking_the_tree_names_the_way_and_on_integration_cases_offers_the_switch():
    cast = cast_made("tomorro-integration", variant="internal-api")
    need = _walk_to_no_code(cast, need_made(cast))
    assert (need.way, need.case, need.case_outcome) == ("no-code-connector", "no-code-salesforce", "")
    assert need.tree_path == "direction → from-third-party → create-or-sign → yes → no-code-connector"
    preview = project_variant_preview(actor=cast.admin, project=cast.project, variant=need.case)
    assert {line.key for line in preview.added} >= {"support-no-code-salesforce"}
    assert {line.key for line in preview.removed} >= {"support-internal-api"}
    assert preview.allowed


def test_an_answer_the_question_does_not_offer_is_refused():
    cast = cast_made()
    need = need_made(cast)
    with pytest.raises(InvalidInput):
        services.need_answer(actor=cast.admin, need=need, question="direction", answer="sideways")
    with pytest.raises(InvalidInput):
        services.need_answer(actor=cast.admin, need=need, question="api-builder", answer="own-it")


def test_on_other_playbooks_the_case_is_recorded_on_the_need():
    cast = cast_made("invoicecloud-integration")
    need = _walk_to_no_code(cast, need_made(cast))
    assert need.case_outcome == Need.Outcome.RECORDED
    assert Project.objects.get(pk=cast.project.pk).variant == ""


def test_the_switch_adds_and_removes_tasks_and_is_refused_once_a_removed_task_started():
    cast = cast_made("tomorro-integration", variant="internal-api")
    need = _walk_to_no_code(cast, need_made(cast))
    project = Project.objects.get(pk=cast.project.pk)
    ProjectTask.objects.filter(project=project, key="support-internal-api").update(status="in_progress")
    with pytest.raises(InvalidInput) as caught:
        services.need_switch_variant(actor=cast.admin, need=need, expected_version=project.version)
    assert caught.value.problems[0].code == "variant-switch-started"
    assert Project.objects.get(pk=project.pk).variant == "internal-api"

    ProjectTask.objects.filter(project=project, key="support-internal-api").update(status="not_started")
    with pytest.raises(NotAllowed):
        services.need_switch_variant(
            actor=cast.people["member"].user, need=need, expected_version=project.version
        )
    services.need_switch_variant(actor=cast.admin, need=need, expected_version=project.version)
    project.refresh_from_db()
    keys = set(ProjectTask.objects.filter(project=project).values_list("key", flat=True))
    assert project.variant == "no-code-salesforce"
    assert "support-no-code-salesforce" in keys
    assert "support-internal-api" not in keys
    assert Need.objects.get(pk=need.pk).case_outcome == Need.Outcome.SWITCHED
    assert ActivityEntry.objects.filter(verb="project.variant_switched", project=project).exists()
    new = ProjectTask.objects.get(project=project, key="support-no-code-salesforce")
    assert new.cells.exists()
    assert new.planned_finish is not None


def test_a_workspace_tree_whose_path_does_not_end_in_a_leaf_is_refused_with_the_path_named():
    cast = cast_made()
    workspace = cast.project.workspace
    text = dump_decision_tree(builtin_decision_tree())
    broken = text.replace("next: no-code-connector", "next: nowhere")
    with pytest.raises(InvalidInput) as caught:
        services.decision_tree_save(actor=cast.admin, workspace=workspace, text=broken)
    assert any(
        "direction → from-third-party → create-or-sign → yes → nowhere" in problem.message
        for problem in caught.value.problems
    )
    assert not WorkspaceDecisionTree.objects.exists()
    changed = text.replace("Both directions", "Both ways")
    services.decision_tree_save(actor=cast.admin, workspace=workspace, text=changed)
    tree = selectors.workspace_tree(workspace.pk)
    assert tree.question("direction").answer("both-directions").text.en == "Both ways"
    services.decision_tree_reset(actor=cast.admin, workspace=workspace)
    assert selectors.workspace_tree(workspace.pk) == builtin_decision_tree()


# -- flows and records --------------------------------------------------------------------------


def test_flows_keep_their_order_and_a_target_mapped_twice_or_a_taken_name_is_refused():
    cast = cast_made("invoicecloud-integration")
    bdr, _tdr = flows_made(cast)
    flows = selectors.project_flows(cast.project)
    assert [flow.name for flow in flows] == ["Daily bill file", "Payment posting"]
    assert [(m.source, m.target, m.rule) for m in flows[0].mappings.all()] == [
        ("ACCT", "account", ""),
        ("AMT", "amount", "cents"),
    ]
    twice = DataFlow("Third", "A", "B", mappings=(FieldMapping("x", "t"), FieldMapping("y", "t")))
    with pytest.raises(InvalidInput) as caught:
        services.flow_add(actor=cast.admin, project=cast.project, flow=twice, review=bdr)
    assert [problem.where for problem in caught.value.problems] == ["mappings[1].target"]
    with pytest.raises(InvalidInput) as caught:
        services.flow_add(actor=cast.admin, project=cast.project, flow=DataFlow("Daily bill file", "A", "B"))
    assert caught.value.problems[0].where == "name"


def test_an_open_question_needs_an_owner_who_sees_the_project_and_shows_in_their_my_work():
    cast = cast_made("invoicecloud-integration")
    bdr, _tdr = flows_made(cast)
    contact = cast.people["customer"].user
    with pytest.raises(InvalidInput) as caught:
        services.item_add(
            actor=cast.admin,
            project=cast.project,
            request=services.ItemRequest(kind="question", text="Which channels?", review=bdr),
        )
    assert {problem.where for problem in caught.value.problems} == {"owner", "due"}
    outsider = cast.people["other-customer"].user
    with pytest.raises(InvalidInput):
        services.item_add(
            actor=cast.admin,
            project=cast.project,
            request=services.ItemRequest(
                kind="question", text="Q", owner=outsider, due=cast.project.start_date, review=bdr
            ),
        )
    item = services.item_add(
        actor=cast.admin,
        project=cast.project,
        request=services.ItemRequest(
            kind="question", text="Which channels?", owner=contact, due=cast.project.start_date, review=bdr
        ),
    )
    assert [row.pk for row in my_work(contact).open_questions] == [item.pk]
    assert my_work(cast.admin).open_questions == []
    with pytest.raises(NotAllowed):
        services.question_answer(actor=cast.people["member"].user, item=item, answer="Card")
    services.question_answer(actor=contact, item=item, answer="Card and ACH")
    assert my_work(contact).open_questions == []
    assert DesignItem.objects.get(pk=item.pk).answer == "Card and ACH"


def test_the_overview_holds_the_projects_flows_dates_and_contacts():
    cast = cast_made("invoicecloud-integration")
    flows_made(cast)
    from accord.projects import services as project_services

    project_services.role_assign(
        actor=cast.admin, project=cast.project, role_key="implementation-manager", user=cast.admin
    )
    project = Project.objects.get(pk=cast.project.pk)
    overview = selectors.integration_overview(project)
    assert (overview.project_name, overview.customer_name) == (project.name, project.customer.name)
    assert [flow.name for flow in overview.flows] == ["Daily bill file", "Payment posting"]
    assert overview.go_live_p80 == project.go_live_p80 is not None
    assert any(contact.email == cast.admin.email for contact in overview.contacts)
