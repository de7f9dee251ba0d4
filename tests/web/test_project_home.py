"""The contacts' project home: who sees it, what it says, what it never says, and the landing."""

from __future__ import annotations

import datetime as dt
import html

import pytest
from django.test import Client
from django.utils import translation
from icalendar import Calendar

from accord.projects.home import forecast_in_words, project_home
from accord.projects.models import Project, ProjectTask, TaskComment
from accord.workspaces.models import MembershipKind
from tests.http import assert_private_if_logged_in
from tests.web.home_matrix import LOGIN, MATRIX, PEOPLE
from tests.work.factories import project_with_tasks, staff
from tests.workspaces.factories import CustomerContactFactory, MembershipFactory, PartnerContactFactory

pytestmark = pytest.mark.django_db

IT_DESCRIPTION = "Runs the customer's systems and builds the connector."
IT_DUTY = "Provides API credentials for the test environment"
PM_DESCRIPTION = "Your point of contact for the plan and the go-live."
INTERNAL_NOTE = "Customer is slow; push them hard"
BLOCK_REASON = "Waiting on their security review, grr"


def _world():
    project = project_with_tasks(
        name="Acme onboarding", go_live_p50=dt.date(2026, 4, 28), go_live_p80=dt.date(2026, 5, 3)
    )
    data = project.playbook_data
    for role in data["roles"]:
        if role["key"] == "customer-it":
            role["description"] = IT_DESCRIPTION
            role["responsibilities"] = [IT_DUTY]
        if role["key"] == "vendor-pm":
            role["description"] = PM_DESCRIPTION
    Project.objects.filter(pk=project.pk).update(playbook_data=data, go_live_baseline=dt.date(2026, 5, 4))
    project.refresh_from_db()
    pm = staff(project, "vendor-pm", lead=True)
    it = staff(project, "customer-it", lead=True)
    tpa = staff(project, "partner-tpa", lead=True)
    build = ProjectTask.objects.get(project=project, key="build")
    TaskComment.objects.create(task=build, author=pm, body=INTERNAL_NOTE, internal=True)
    ProjectTask.objects.filter(pk=build.pk).update(status_reason=BLOCK_REASON)
    people = {
        "anonymous": None,
        "admin": MembershipFactory(workspace=project.workspace, kind=MembershipKind.VENDOR_ADMIN).user,
        "manager": MembershipFactory(workspace=project.workspace, kind=MembershipKind.VENDOR_MANAGER).user,
        "member": pm,
        "customer": it,
        "other-customer": CustomerContactFactory(workspace=project.workspace).user,
        "partner-on": tpa,
        "partner-off": PartnerContactFactory(workspace=project.workspace).user,
    }
    return project, people


@pytest.fixture
def world():
    return _world()


def test_the_matrix_covers_every_home_url():
    from django.urls import get_resolver

    from tests.web.test_access_matrix import url_names

    names = url_names(get_resolver().url_patterns)
    assert {"customer-projects", "project-home", "project-home-ics"} <= names
    assert set(MATRIX) == {"customer-projects", "project-home", "project-home-ics"}


CASES = [(name, person) for name in MATRIX for person in PEOPLE]


@pytest.mark.parametrize(("name", "person"), CASES, ids=[f"{n}-{p}" for n, p in CASES])
def test_who_opens_the_contacts_pages(world, name, person):
    project, people = world
    client = Client()
    if people[person] is not None:
        client.force_login(people[person])
    path, expected = MATRIX[name]
    response = client.get(path.format(p=project.pk))
    assert_private_if_logged_in(response, people[person] is not None)
    if expected[person] == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    else:
        assert response.status_code == expected[person]


def test_the_home_tells_a_customer_contact_their_role_next_step_and_whom_to_call(world):
    project, people = world
    home = project_home(people["customer"], project.pk, today=dt.date(2026, 1, 5))
    assert not home.preview
    assert [task.key for task in home.my_next] == ["build"]  # IT is Responsible for it
    assert [task.key for task in home.waiting_on_vendor] == ["kickoff", "go-live"]  # the vendor PM holds R
    assert [task.key for task in home.next_milestones] == ["go-live"]
    it_role = next(role for role in home.my_roles if role.key == "customer-it")
    assert it_role.is_mine
    assert it_role.description == IT_DESCRIPTION
    assert it_role.responsibilities == (IT_DUTY,)
    assert [role.key for role in home.my_roles] == ["customer-lead", "customer-it"]  # their side only
    pm_role = home.vendor_contacts[0]
    assert (pm_role.description, pm_role.lead.email) == (PM_DESCRIPTION, people["member"].email)
    assert home.committed == dt.date(2026, 5, 4)


def test_the_page_holds_nothing_internal(world):
    project, people = world
    for person in ("customer", "admin"):
        client = Client()
        client.force_login(people[person])
        text = html.unescape(client.get(f"/projects/{project.pk}/home/").content.decode())
        assert IT_DESCRIPTION in text
        assert IT_DUTY in text
        for secret in (INTERNAL_NOTE, BLOCK_REASON):
            assert secret not in text


def test_vendor_staff_read_it_as_the_customer_sees_it(world):
    project, people = world
    home = project_home(people["admin"], project.pk)
    assert home.preview
    assert home.side == "customer"
    client = Client()
    client.force_login(people["admin"])
    assert "As the customer sees it." in client.get(f"/projects/{project.pk}/home/").content.decode()


def test_a_partner_contact_reads_their_side(world):
    project, people = world
    home = project_home(people["partner-on"], project.pk)
    assert [role.key for role in home.my_roles] == ["partner-tpa"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "most likely 28 Apr; 4 in 5 chance by 3 May"),
        ("fr", "le plus probable : 28 avril ; 4 chances sur 5 d’ici le 3 mai"),
    ],
)
def test_the_forecast_reads_in_words(language, expected):
    with translation.override(language):
        text = forecast_in_words(dt.date(2026, 4, 28), dt.date(2026, 5, 3))
    assert text == expected


def test_no_forecast_reads_as_nothing():
    assert forecast_in_words(None, None) == ""


def test_a_milestone_downloads_as_one_all_day_event(world):
    project, people = world
    client = Client()
    client.force_login(people["customer"])
    response = client.get(f"/projects/{project.pk}/home/milestones/go-live.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert len(events) == 1
    go_live = ProjectTask.objects.get(project=project, key="go-live")
    assert events[0].decoded("dtstart") == go_live.planned_finish
    assert "Go live" in str(events[0]["summary"])


def test_a_task_that_is_no_milestone_has_no_event(world):
    project, people = world
    client = Client()
    client.force_login(people["customer"])
    assert client.get(f"/projects/{project.pk}/home/milestones/build.ics").status_code == 404


def test_a_contact_with_one_project_lands_on_its_home(world):
    project, people = world
    client = Client()
    client.force_login(people["customer"])
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/projects/{project.pk}/home/")


def test_a_contact_with_several_projects_lands_on_their_list(world):
    project, people = world
    other = project_with_tasks(workspace=project.workspace, customer=project.customer, name="Second rollout")
    client = Client()
    client.force_login(people["customer"])
    response = client.get("/")
    assert response["Location"].endswith("/my-projects/")
    listing = client.get("/my-projects/").content.decode()
    assert "Acme onboarding" in listing
    assert other.name in listing


def test_vendor_staff_still_land_on_the_portfolio(world):
    _project, people = world
    client = Client()
    client.force_login(people["admin"])
    assert "/projects/" in client.get("/")["Location"]
    assert not client.get("/")["Location"].endswith("/home/")


def test_the_home_reads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    project, people = world
    for _ in range(5):
        project_with_tasks(workspace=project.workspace, customer=project.customer)
    with django_assert_max_num_queries(8):
        project_home(people["customer"], project.pk)


def test_the_next_meetings_show_with_their_calendar_file_and_past_ones_do_not(world):
    from django.utils import timezone

    from accord.design.services import SeriesRequest, discovery_schedule

    project, people = world
    manager = people["manager"]
    soon = timezone.localdate() + dt.timedelta(days=7)
    discovery_schedule(
        actor=manager,
        project=project,
        request=SeriesRequest(
            task=None, title="Discovery workshops", first_day=soon, at=dt.time(10), send=False
        ),
    )
    discovery_schedule(
        actor=manager,
        project=project,
        request=SeriesRequest(
            task=None,
            title="Old kick-off",
            first_day=soon - dt.timedelta(days=60),
            at=dt.time(9),
            count=1,
            send=False,
        ),
    )
    client = Client()
    client.force_login(people["customer"])
    page = client.get(f"/projects/{project.pk}/home/").content.decode()
    text = " ".join(html.unescape(page).split())
    assert "Discovery workshops" in text
    assert "3 sessions of 90 minutes" in text
    assert "Old kick-off" not in text
    [link] = [part.split('"')[0] for part in page.split('href="')[1:] if "/discovery/" in part.split('"')[0]]
    response = client.get(link)
    assert response.status_code == 200
    assert len(Calendar.from_ical(response.content).walk("VEVENT")) >= 1
    french = Client()
    french.force_login(people["customer"])
    assert "Prochaines réunions" in french.get(f"/fr/projects/{project.pk}/home/").content.decode()
