"""The demo workspace: built through the services, idempotent, every kind of person and every
built-in playbook, tasks at every stage, some late, and logins that work."""

import datetime as dt

import pytest
from django.apps import apps
from django.contrib.auth.password_validation import validate_password
from django.test import Client

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.demo import cast
from accord.demo.builder import DemoConflict, demo_build
from accord.domain.playbook import Side
from accord.inbox.models import Notification
from accord.playbooks import BUILTIN_KEYS, builtin_playbook
from accord.projects.models import Project, ProjectParticipant, ProjectTask, RoleAssignment, TaskComment
from accord.projects.selectors import visible_projects
from accord.work.selectors import is_late, project_today
from accord.workspaces.models import Membership, Workspace
from accord.workspaces.services import workspace_create
from tests.accounts.factories import UserFactory

STAGE_STATUS = {
    cast.Stage.DONE: "done",
    cast.Stage.AWAITING_APPROVAL: "awaiting_approval",
    cast.Stage.IN_PROGRESS: "in_progress",
    cast.Stage.SENT_BACK: "in_progress",
    cast.Stage.BLOCKED: "blocked",
    cast.Stage.NOT_APPLICABLE: "not_applicable",
}


@pytest.fixture
def build(db, django_capture_on_commit_callbacks):
    """Build the demo, running what waits for the commit (notifications, e-mails) as a real
    commit would."""

    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return demo_build()

    return run


def row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_a_second_run_changes_no_row_and_returns_the_same_logins_and_projects(build):
    first = build()
    before = row_counts()

    second = build()

    assert row_counts() == before
    assert (second.logins, second.projects) == (first.logins, first.projects)
    assert first.built_something
    assert not second.built_something
    # The first run did build something in every table the demo is about.
    for label in ("projects.Project", "projects.TaskComment", "inbox.Notification", "activity.ActivityEntry"):
        assert before[label] > 0, label


def test_a_missing_project_is_rebuilt_and_nothing_else_changes(build):
    first = build()
    Project.objects.get(pk=first.projects[1].id).delete()
    users = User.objects.count()

    second = build()

    assert second.built_something
    assert [project.name for project in second.projects] == [project.name for project in first.projects]
    assert second.projects[0].id == first.projects[0].id
    assert second.projects[1].id != first.projects[1].id
    assert User.objects.count() == users


def test_every_kind_of_person_logs_in_with_the_printed_password(build):
    result = build()

    assert {login.kind for login in result.logins} == {kind.value for kind in cast.PersonKind}
    for login in result.logins:
        membership = Membership.objects.select_related("customer", "partner").get(user__email=login.email)
        assert membership.kind == login.kind.replace("-", "_")
        assert (membership.customer.name if membership.customer else None) == login.customer
        assert (membership.partner.name if membership.partner else None) == login.partner
        assert Client().login(email=login.email, password=login.password), login.email
        assert not Client().login(email=login.email, password=login.password + "x")


def test_the_demo_password_satisfies_the_password_validators(build):
    build()
    for user in User.objects.all():
        validate_password(cast.DEMO_PASSWORD, user)  # raises ValidationError when too weak


def test_a_changed_password_is_put_back_so_that_the_printed_logins_work(build):
    result = build()
    user = User.objects.get(email=cast.MEMBER.email)
    user.set_password("something else entirely 42")
    user.save()

    build()

    assert Client().login(email=cast.MEMBER.email, password=result.logins[2].password)


def test_every_builtin_playbook_has_a_project_with_its_variant_and_owner_choices(build):
    result = build()

    assert sorted(project.playbook for project in result.projects) == sorted(BUILTIN_KEYS)
    for spec in cast.PROJECTS:
        project = Project.objects.get(name=spec.name)
        assert project.playbook_key == spec.playbook
        assert project.playbook_source == "builtin"
        assert project.variant == (spec.variant or "")
        assert project.customer.name == spec.customer
        assert project.go_live_p80 is not None
    assert Project.objects.get(playbook_key="tomorro-integration").variant == "external-api"
    paylocity = Project.objects.get(playbook_key="paylocity-integration")
    assert paylocity.alternative_choices == {"pricing-and-engagement": "cit", "first-level-support": "cit"}


def test_project_addresses_point_at_each_project(build):
    result = build()
    for project in result.projects:
        assert project.path.startswith("/")
        assert str(project.id) in project.path


def test_tasks_reach_every_stage_the_cast_asks_for(build):
    build()
    for spec in cast.PROJECTS:
        statuses = dict(ProjectTask.objects.filter(project__name=spec.name).values_list("key", "status"))
        for key, stage in spec.progress:
            assert statuses[key] == STAGE_STATUS[stage], (spec.name, key)
        for key, reason in spec.reasons.items():
            assert ProjectTask.objects.get(project__name=spec.name, key=key).status_reason == reason
    all_statuses = set(ProjectTask.objects.values_list("status", flat=True))
    assert {
        "not_started",
        "in_progress",
        "awaiting_approval",
        "done",
        "blocked",
        "not_applicable",
    } <= all_statuses
    # Moved through the workflow, so the activity log says who did what.
    verbs = set(ActivityEntry.objects.values_list("verb", flat=True))
    assert {"project.created", "task.started", "task.submitted", "task.approved", "task.sent_back"} <= verbs
    assert {"task.blocked", "task.not_applicable", "role.assigned", "participant.added"} <= verbs


def test_some_tasks_are_late_and_some_projects_start_in_the_future(build):
    build()
    late = [
        task
        for task in ProjectTask.objects.select_related("project")
        if is_late(task, project_today(task.project))
    ]

    assert len(late) >= 3
    assert len({task.project_id for task in late}) >= 2
    assert Project.objects.filter(start_date__gt=dt.date.today()).exists()
    assert Project.objects.filter(start_date__lt=dt.date.today() - dt.timedelta(weeks=4)).count() >= 3


def test_roles_are_staffed_from_their_side_with_one_lead_each(build):
    build()
    for spec in cast.PROJECTS:
        project = Project.objects.get(name=spec.name)
        for role in builtin_playbook(spec.playbook).roles:
            assignments = list(RoleAssignment.objects.filter(project=project, role_key=role.key))
            if role.side is Side.PARTNER and not spec.partners:
                assert assignments == []
                continue
            assert assignments, (spec.name, role.key)
            assert sum(assignment.is_lead for assignment in assignments) == 1, (spec.name, role.key)
            kinds = {
                Membership.objects.get(user_id=assignment.user_id, workspace=project.workspace).kind
                for assignment in assignments
            }
            expected = {
                Side.VENDOR: {"vendor_admin", "vendor_manager", "vendor_member"},
                Side.CUSTOMER: {"customer_contact"},
                Side.PARTNER: {"partner_contact"},
            }[role.side]
            assert kinds <= expected, (spec.name, role.key, kinds)


def test_the_partner_contact_takes_part_in_exactly_the_projects_with_the_partner(build):
    build()
    partner_contact = User.objects.get(email=cast.LUMEN_CONTACT.email)
    with_partner = {spec.name for spec in cast.PROJECTS if cast.PARTNER in spec.partners}

    assert with_partner
    assert (
        set(ProjectParticipant.objects.filter(user=partner_contact).values_list("project__name", flat=True))
        == with_partner
    )
    assert set(visible_projects(partner_contact).values_list("name", flat=True)) == with_partner


def test_comments_requests_for_input_and_notifications_exist(build):
    build()
    assert set(TaskComment.objects.values_list("kind", flat=True)) == {"comment", "question", "answer"}
    kinds = set(Notification.objects.values_list("kind", flat=True))
    assert {"approval_requested", "input_requested", "input_given", "task_done", "sent_back"} <= kinds
    for email in (cast.NORTHWIND_CONTACT.email, cast.GLOBEX_CONTACT.email, cast.MANAGER.email):
        assert Notification.objects.filter(user__email=email).exists(), email


def test_a_workspace_of_the_same_short_name_belonging_to_someone_else_is_refused(build):
    stranger = UserFactory()
    workspace_create(actor=stranger, name="Someone else's", slug=cast.WORKSPACE_SLUG)
    users = User.objects.count()

    with pytest.raises(DemoConflict, match="is not its admin"):
        build()

    assert User.objects.count() == users  # all or nothing: not even the admin was kept
    assert Workspace.objects.count() == 1
