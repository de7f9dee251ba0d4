import datetime as dt

from accord.domain.workflow import Action
from accord.inbox.models import Notification
from accord.projects.models import ProjectTask, TaskComment, TaskStatus
from accord.work import selectors, services
from tests.work.factories import project_with_tasks, staff, task


def keys(rows):
    return [(row.project_name, row.task_key) for row in rows]


def test_my_responsible_lists_open_tasks_where_i_hold_r_soonest_first(crew):
    other = project_with_tasks(workspace=crew.project.workspace, customer=crew.project.customer)
    staff(other, "vendor-pm", crew.pm)
    ProjectTask.objects.filter(project=other, key="kickoff").update(planned_finish=dt.date(2025, 1, 1))
    ProjectTask.objects.filter(project=crew.project, key="go-live").update(planned_finish=None)
    ProjectTask.objects.filter(project=other, key="go-live").update(status=TaskStatus.DONE)
    rows = selectors.my_responsible(crew.pm)
    assert keys(rows) == [
        (other.name, "kickoff"),
        (crew.project.name, "kickoff"),
        (crew.project.name, "go-live"),
    ]
    first = rows[0]
    assert (first.customer_name, first.phase_name, first.status, first.due_date, first.late) == (
        crew.project.customer.name,
        "Start",
        "not_started",
        dt.date(2025, 1, 1),
        True,
    )
    assert rows[2].late is False  # no date, never late


def test_done_tasks_are_never_late(crew):
    ProjectTask.objects.filter(key="kickoff").update(
        planned_finish=dt.date(2025, 1, 1), status=TaskStatus.AWAITING_APPROVAL
    )
    [row] = selectors.my_approvals(crew.lead)
    assert row.late
    ProjectTask.objects.filter(key="kickoff").update(status=TaskStatus.DONE)
    assert selectors.my_approvals(crew.lead) == []


def test_letters_held_on_another_project_do_not_count(crew):
    other = project_with_tasks(workspace=crew.project.workspace, customer=crew.project.customer)
    staff(other, "customer-it", crew.pm)  # on the other project the pm is IT: R on build only
    assert keys(selectors.my_responsible(crew.pm)) == [
        (crew.project.name, "kickoff"),
        (other.name, "build"),
        (crew.project.name, "go-live"),
    ]


def test_my_approvals_lists_tasks_awaiting_my_approval(crew):
    kickoff = task(crew.project, "kickoff")
    services.task_transition(actor=crew.pm, task=kickoff, action=Action.START, expected_version=1)
    assert selectors.my_approvals(crew.lead) == []
    services.task_transition(actor=crew.pm, task=kickoff, action=Action.SUBMIT, expected_version=2)
    assert keys(selectors.my_approvals(crew.lead)) == [(crew.project.name, "kickoff")]
    assert selectors.my_approvals(crew.pm) == []
    assert selectors.my_approvals(crew.manager) == []  # managers approve from the board, not My work


def test_my_consulted_puts_open_requests_first(crew):
    assert keys(selectors.my_consulted(crew.pm)) == [(crew.project.name, "build")]
    assert keys(selectors.my_consulted(crew.it)) == [(crew.project.name, "kickoff")]
    staff(crew.project, "vendor-pm", crew.it)  # now C on build too (due after kick-off)
    services.input_request(actor=crew.pm, task=task(crew.project, "build"), question="Which API?")
    rows = selectors.my_consulted(crew.it)
    assert [(row.task_key, row.open_input_request) for row in rows] == [("build", True), ("kickoff", False)]
    services.comment_add(
        actor=crew.it, task=task(crew.project, "build"), body="REST", kind=TaskComment.Kind.ANSWER
    )
    rows = selectors.my_consulted(crew.it)
    assert [(row.task_key, row.open_input_request) for row in rows] == [("kickoff", False), ("build", False)]


def test_my_informed_shows_done_tasks_i_was_told_about(crew, django_capture_on_commit_callbacks):
    build = task(crew.project, "build")
    build = services.task_transition(actor=crew.it, task=build, action=Action.START, expected_version=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.task_transition(actor=crew.it, task=build, action=Action.SUBMIT, expected_version=2)
    [row] = selectors.my_informed(crew.lead)
    assert (row.task_key, row.status, row.late) == ("build", "done", False)
    assert row.notified_at is not None
    assert selectors.my_informed(crew.tpa) == []


def test_anonymous_people_have_no_work(crew):
    from django.contrib.auth.models import AnonymousUser

    for selector in (
        selectors.my_responsible,
        selectors.my_approvals,
        selectors.my_consulted,
        selectors.my_informed,
    ):
        assert selector(AnonymousUser()) == []


def grow(crew, projects):
    """Add ``projects`` more projects where every crew member holds the same roles."""
    for _ in range(projects):
        project = project_with_tasks(workspace=crew.project.workspace, customer=crew.project.customer)
        for role, person in (("vendor-pm", crew.pm), ("customer-lead", crew.lead), ("customer-it", crew.it)):
            staff(project, role, person)
        ProjectTask.objects.filter(project=project).update(status=TaskStatus.AWAITING_APPROVAL)
        for item in ProjectTask.objects.filter(project=project):
            TaskComment.objects.create(task=item, author=crew.pm, kind=TaskComment.Kind.QUESTION, body="?")
        Notification.objects.bulk_create(
            Notification(
                user=crew.lead, project=project, task=item, kind=Notification.Kind.TASK_DONE, message="m"
            )
            for item in ProjectTask.objects.filter(project=project)
        )


def test_my_work_lists_take_a_fixed_number_of_queries(crew, django_assert_max_num_queries):
    listings = [
        (selectors.my_responsible, crew.pm),
        (selectors.my_approvals, crew.lead),
        (selectors.my_consulted, crew.it),
        (selectors.my_informed, crew.lead),
    ]
    sizes = []
    for extra in (1, 12):
        grow(crew, extra)
        for selector, person in listings:
            with django_assert_max_num_queries(2):
                rows = selector(person)
            sizes.append(len(rows))
    assert all(size > 0 for size in sizes)
    assert sizes[4:] > sizes[:4]  # the second round really listed more
