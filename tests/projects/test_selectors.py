import datetime as dt

import pytest

from accord.domain.errors import NotFound
from accord.domain.health import Health
from accord.projects import services
from accord.projects.models import Project, ProjectTask, TaskStatus
from accord.projects.selectors import (
    portfolio,
    portfolio_page,
    project_for,
    project_overview,
    visible_projects,
)
from accord.workspaces.models import MembershipKind
from tests.accounts.factories import UserFactory
from tests.projects.factories import TODAY, manager_of, playbook_of_size, project_made
from tests.workspaces.factories import (
    CustomerContactFactory,
    CustomerFactory,
    MembershipFactory,
    PartnerContactFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """Two customers' projects in one workspace, a partner on one, and another workspace."""
    manager = manager_of()
    workspace = manager.workspace
    acme, globex = CustomerFactory(workspace=workspace), CustomerFactory(workspace=workspace)
    partner = PartnerFactory(workspace=workspace)
    acme_project = project_made(manager, customer=acme, name="Acme rollout", partners=[partner])
    globex_project = project_made(manager, customer=globex, name="Globex rollout", partners=[partner])
    elsewhere = project_made(manager_of(), name="Elsewhere")
    return {
        "manager": manager,
        "workspace": workspace,
        "acme": acme,
        "partner": partner,
        "acme_project": acme_project,
        "globex_project": globex_project,
        "elsewhere": elsewhere,
    }


def seen(user):
    return set(visible_projects(user).values_list("name", flat=True))


@pytest.mark.parametrize(
    "kind", [MembershipKind.VENDOR_ADMIN, MembershipKind.VENDOR_MANAGER, MembershipKind.VENDOR_MEMBER]
)
def test_vendor_staff_see_every_project_of_their_workspace_only(world, kind):
    person = MembershipFactory(workspace=world["workspace"], kind=kind).user
    assert seen(person) == {"Acme rollout", "Globex rollout"}


def test_a_customer_contact_sees_only_their_customer_projects(world):
    contact = CustomerContactFactory(workspace=world["workspace"], customer=world["acme"]).user
    assert seen(contact) == {"Acme rollout"}


def test_a_partner_contact_sees_only_the_projects_they_take_part_in(world):
    contact = PartnerContactFactory(workspace=world["workspace"], partner=world["partner"]).user
    assert seen(contact) == set()
    services.participant_add(actor=world["manager"].user, project=world["acme_project"], user=contact)
    assert seen(contact) == {"Acme rollout"}


def test_people_of_another_workspace_and_strangers_see_nothing(world):
    assert seen(MembershipFactory(kind=MembershipKind.VENDOR_ADMIN).user) == set()
    assert seen(UserFactory()) == set()
    with pytest.raises(NotFound):
        project_for(UserFactory(), world["acme_project"].pk)


def test_portfolio_rows_and_filters(world):
    manager = world["manager"].user
    later = dt.date(2026, 12, 1)  # past every due date of these short projects
    rows = portfolio(manager, today=TODAY)
    assert [row.project.name for row in rows] == ["Acme rollout", "Globex rollout"]
    first = rows[0]
    assert first.customer == world["acme"]
    assert (
        first.current_phase
        == ProjectTask.objects.filter(project=first.project).order_by("position")[0].phase_name
    )
    assert (first.late_tasks, first.finished_tasks) == (0, 0)
    assert first.total_tasks == ProjectTask.objects.filter(project=first.project).count()
    assert first.health is Health.ON_TRACK
    assert first.go_live == first.project.go_live_p80

    assert [row.project.name for row in portfolio(manager, customer=world["acme"])] == ["Acme rollout"]
    assert [row.project.name for row in portfolio(manager, search="globex")] == ["Globex rollout"]
    assert [row.project.name for row in portfolio(manager, search="ACME")] == ["Acme rollout"]
    assert portfolio(manager, status=Project.Status.CLOSED) == []
    assert portfolio(manager, late_only=True, today=TODAY) == []

    # Finish every task of the Globex project: no late tasks there even later on.
    ProjectTask.objects.filter(project=world["globex_project"]).update(status=TaskStatus.DONE)
    late_rows = portfolio(manager, late_only=True, today=later)
    assert [row.project.name for row in late_rows] == ["Acme rollout"]
    assert late_rows[0].late_tasks == late_rows[0].total_tasks
    assert late_rows[0].health is Health.LATE
    done = portfolio(manager, search="globex", today=later)[0]
    assert (done.current_phase, done.finished_tasks, done.late_tasks) == ("", done.total_tasks, 0)


def test_health_in_the_portfolio(world):
    manager = world["manager"].user
    project = world["acme_project"]
    slack_task = (
        ProjectTask.objects.filter(project=project, critical=False).order_by("planned_finish").first()
    )
    assert slack_task is not None
    day_after = slack_task.planned_finish + dt.timedelta(days=1)
    ProjectTask.objects.filter(project=project, critical=True, planned_finish__lt=day_after).update(
        status=TaskStatus.DONE
    )
    row = portfolio(manager, search="acme", today=day_after)[0]
    assert row.late_tasks >= 1
    assert row.health is Health.AT_RISK


def test_the_portfolio_selector_filters_by_health(world):
    manager = world["manager"].user
    ProjectTask.objects.filter(project=world["globex_project"]).update(status=TaskStatus.DONE)
    later = TODAY + dt.timedelta(days=400)
    everything = {row.project.name: row.health for row in portfolio(manager, today=later)}
    assert everything["Acme rollout"] is Health.LATE
    for health in Health:
        kept = {row.project.name for row in portfolio(manager, health=health.value, today=later)}
        assert kept == {name for name, value in everything.items() if value is health}


def test_the_portfolio_page_says_who_may_start_a_project(world):
    manager = world["manager"].user
    member = MembershipFactory(workspace=world["workspace"], kind=MembershipKind.VENDOR_MEMBER).user
    assert portfolio_page(manager).may_create
    assert not portfolio_page(member).may_create
    assert [row.project.name for row in portfolio_page(member, search="acme").rows] == ["Acme rollout"]


def test_portfolio_queries_do_not_grow_with_the_projects(django_assert_max_num_queries):
    manager = manager_of()
    for count in (2, 12):
        while Project.objects.filter(workspace=manager.workspace).count() < count:
            project_made(manager, playbook_of_size(15), name=f"P{Project.objects.count()}")
        # Two, plus one recount of the summaries that do not hold on TODAY (accord.projects.summary).
        with django_assert_max_num_queries(3):
            rows = portfolio(manager.user, today=TODAY)
        assert len(rows) == count


def test_overview(world):
    manager = world["manager"]
    project = world["acme_project"]
    people = [MembershipFactory(workspace=manager.workspace).user for _ in range(2)]
    for person in people:
        services.role_assign(actor=manager.user, project=project, role_key="integration-manager", user=person)
    services.role_lead_set(
        actor=manager.user, project=project, role_key="integration-manager", user=people[1]
    )
    first_phase_tasks = ProjectTask.objects.filter(project=project, phase_key="deal-evaluation")
    first_phase_tasks.update(status=TaskStatus.DONE)

    overview = project_overview(manager.user, project.pk, today=TODAY)

    phases = {phase.key: phase for phase in overview.phases}
    assert phases["deal-evaluation"].finished == phases["deal-evaluation"].total == first_phase_tasks.count()
    assert phases["deal-evaluation"].percent == 100
    assert overview.current_phase == phases["integration-project"].name
    staffing = {role.key: role for role in overview.roles}
    assert staffing["integration-manager"].lead == people[1]
    assert [member.user for member in staffing["integration-manager"].people] == [people[1], people[0]]
    assert staffing["account-manager"].people == ()
    verbs = [entry.verb for entry in overview.recent_activity]
    assert verbs[0] == "role.lead_changed"
    assert "project.created" in verbs
    contacts = {item.role_key: item.holder for item in overview.main_contacts}
    assert contacts["integration-manager"] == people[1]
    assert all(task.milestone for task in overview.next_milestones)
    assert overview.health is Health.ON_TRACK


def test_overview_is_404_for_people_who_cannot_see_the_project(world):
    contact = CustomerContactFactory(workspace=world["workspace"]).user
    with pytest.raises(NotFound):
        project_overview(contact, world["acme_project"].pk)


def test_overview_shows_the_last_twenty_entries_and_next_milestones(django_assert_max_num_queries):
    manager = manager_of()
    for size in (15, 300):
        project = project_made(manager, playbook_of_size(size), name=f"P{size}")
        people = [MembershipFactory(workspace=manager.workspace).user for _ in range(size // 10)]
        for person in people:
            services.role_assign(actor=manager.user, project=project, role_key="lead", user=person)
        with django_assert_max_num_queries(5):
            overview = project_overview(manager.user, project.pk, today=TODAY)
        assert len(overview.recent_activity) == min(20, 1 + len(people))
        assert len(overview.next_milestones) == min(5, size // 10)
        dates = [task.planned_finish for task in overview.next_milestones]
        assert dates == sorted(dates)
        assert sum(phase.total for phase in overview.phases) == size
