import dataclasses
import datetime as dt

import pytest

from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput
from accord.domain.raci import Raci
from accord.formats.playbook_yaml import playbook_from_data, playbook_to_data
from accord.playbooks import builtin_playbook
from accord.projects import planning, services
from accord.projects.models import Project, ProjectPartner, ProjectTask, RaciCell, TaskStatus
from accord.workspaces.models import MembershipKind
from tests.projects.factories import START, manager_of, project_made
from tests.workspaces.factories import (
    CustomerContactFactory,
    CustomerFactory,
    MembershipFactory,
    PartnerFactory,
    WorkspaceFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return manager_of()


def test_project_keeps_its_own_copy_and_one_row_per_task_of_its_variant(manager):
    playbook = builtin_playbook("tomorro-integration")
    project = project_made(manager, playbook, variant="external-api")

    assert project.playbook_data == playbook_to_data(playbook)
    assert playbook_from_data(project.playbook_data) == playbook
    assert (project.playbook_key, project.playbook_version, project.variant) == (
        playbook.key,
        playbook.version,
        "external-api",
    )
    view = playbook.for_variant("external-api")
    rows = list(ProjectTask.objects.filter(project=project).order_by("position"))
    assert [(row.key, row.name, row.phase_key, row.milestone) for row in rows] == [
        (task.key, task.name, phase.key, task.milestone) for phase, task in view.iter_tasks()
    ]
    assert len(rows) < len(playbook.tasks)  # the other cases' tasks are left out
    assert all(row.status == TaskStatus.NOT_STARTED for row in rows)


def test_cells_hold_the_playbook_letters_and_empty_cells_are_not_stored(manager):
    playbook = builtin_playbook("tomorro-integration").for_variant("internal-api")
    project = project_made(manager, playbook.key, variant="internal-api")
    stored = {
        (cell.task.key, cell.role_key): cell.letters
        for cell in RaciCell.objects.filter(task__project=project).select_related("task")
    }
    expected = {
        (task.key, role): int(cell) for task in playbook.tasks for role, cell in task.raci.items() if cell
    }
    assert stored == expected
    assert all(value != 0 for value in stored.values())


def test_creation_plans_the_project_and_commits_to_the_p80(manager):
    project = project_made(manager)
    assert project.go_live_p80 is not None
    assert project.go_live_baseline == project.go_live_p80
    assert project.forecast_at is not None
    assert not ProjectTask.objects.filter(project=project, planned_finish__isnull=True).exists()


def test_creation_is_logged_with_what_was_chosen(manager):
    partner = PartnerFactory(workspace=manager.workspace)
    project = project_made(manager, partners=[partner])
    entry = ActivityEntry.objects.get(project=project, verb="project.created")
    assert entry.actor == manager.user
    assert entry.after["playbook"] == "tomorro-integration"
    assert entry.after["variant"] == "internal-api"
    assert entry.after["partners"] == [partner.pk]
    assert ProjectPartner.objects.filter(project=project, partner=partner).exists()


def test_calendar_fields_are_stored_normalised(manager):
    project = project_made(
        manager,
        country="gb",
        subdivision="England",
        closures=[
            ("2026-12-24", "2026-12-31", "Winter shutdown"),
            {"start": "2026-08-03", "end": "2026-08-07"},
        ],
    )
    assert (project.calendar_country, project.calendar_subdivision, project.time_zone) == (
        "GB",
        "ENG",
        "Europe/London",
    )
    assert project.closures == [
        {"start": "2026-08-03", "end": "2026-08-07", "label": ""},
        {"start": "2026-12-24", "end": "2026-12-31", "label": "Winter shutdown"},
    ]


@pytest.mark.parametrize(
    "kind", [MembershipKind.VENDOR_MEMBER, MembershipKind.CUSTOMER_CONTACT, MembershipKind.PARTNER_CONTACT]
)
def test_only_admins_and_managers_of_the_workspace_create(kind):
    workspace = WorkspaceFactory()
    if kind == MembershipKind.CUSTOMER_CONTACT:
        member = CustomerContactFactory(workspace=workspace)
    elif kind == MembershipKind.PARTNER_CONTACT:
        member = MembershipFactory(
            workspace=workspace, kind=kind, partner=PartnerFactory(workspace=workspace)
        )
    else:
        member = MembershipFactory(workspace=workspace, kind=kind)
    with pytest.raises(services.NotFound):
        project_made(member, customer=CustomerFactory(workspace=workspace))
    assert not Project.objects.exists()


def test_an_admin_of_another_workspace_cannot_create_here(manager):
    stranger = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN)
    with pytest.raises(services.NotFound):
        services.project_create(
            actor=stranger.user,
            creation=services.ProjectCreation(
                workspace=manager.workspace,
                customer=CustomerFactory(workspace=manager.workspace),
                name="x",
                playbook=builtin_playbook("paylocity-integration"),
                start_date=START,
                country="US",
            ),
        )


def problems_of(error: pytest.ExceptionInfo[InvalidInput]) -> dict[str, str]:
    return {problem.where: problem.code for problem in error.value.problems}


def test_every_problem_is_reported_at_once_with_its_field(manager):
    other = WorkspaceFactory()
    with pytest.raises(InvalidInput) as error:
        services.project_create(
            actor=manager.user,
            creation=services.ProjectCreation(
                workspace=manager.workspace,
                customer=CustomerFactory(workspace=other),
                name="  ",
                playbook=builtin_playbook("tomorro-integration"),
                variant="carrier-pigeon",
                start_date=dt.date(1999, 1, 4),
                country="FR",
                subdivision="Atlantis",
                partners=[PartnerFactory(workspace=other)],
            ),
        )
    assert problems_of(error) == {
        "name": "name-required",
        "customer": "customer-other-workspace",
        "partners": "partner-other-workspace",
        "variant": "variant-unknown",
        "subdivision": "calendar-unknown-subdivision",
    }
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("fields", "where", "code"),
    [
        ({"variant": None}, "variant", "variant-required"),
        ({"country": "XX"}, "country", "calendar-unknown-country"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "calendar-unknown-timezone"),
        ({"closures": [("2026-05-10", "2026-05-01")]}, "closures", "calendar-invalid-closure"),
        ({"closures": [("not a date", "2026-05-01")]}, "closures", "calendar-invalid-closure"),
        ({"start_date": dt.date(2099, 1, 5)}, "start_date", "start-date-out-of-range"),
        ({"name": "x" * 201}, "name", "name-too-long"),
        (
            {"alternative_choices": {"definition-of-business-requirements": "it-department"}},
            "alternative_choices.definition-of-business-requirements",
            "alternative-none",
        ),
    ],
)
def test_each_bad_field_is_named(manager, fields, where, code):
    with pytest.raises(InvalidInput) as error:
        project_made(manager, **fields)
    assert problems_of(error) == {where: code}
    assert error.value.problems[0].hint or code == "name-too-long"
    assert not Project.objects.exists()


def test_a_variant_on_a_playbook_without_variants_is_refused(manager):
    with pytest.raises(InvalidInput) as error:
        project_made(manager, "paylocity-integration", variant="internal-api", country="US")
    assert problems_of(error) == {"variant": "variant-unknown"}


def test_a_failing_step_leaves_nothing_behind(manager, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("planner down")

    monkeypatch.setattr(services, "project_replan", broken)
    with pytest.raises(RuntimeError):
        project_made(manager)
    assert not Project.objects.exists()
    assert not ProjectTask.objects.exists()
    assert not RaciCell.objects.exists()
    assert not ActivityEntry.objects.exists()


# -- owner alternatives ("CIT or TPA", seed 004) --------------------------------------------------


def cells_of(project, task_key):
    return {
        cell.role_key: Raci(cell.letters)
        for cell in RaciCell.objects.filter(task__project=project, task__key=task_key)
    }


def test_alternatives_default_to_the_first_role_of_each_group(manager):
    project = project_made(manager, "paylocity-integration", country="US")
    assert project.alternative_choices == {"pricing-and-engagement": "cit", "first-level-support": "cit"}
    assert cells_of(project, "first-level-support") == {"cit": Raci.R}
    assert cells_of(project, "pricing-and-engagement") == {"cit": Raci.R}
    entry = ActivityEntry.objects.get(project=project, verb="alternatives.chosen")
    assert entry.after == project.alternative_choices


def test_a_chosen_alternative_keeps_its_letters_and_drops_the_others(manager):
    project = project_made(
        manager, "paylocity-integration", country="US", alternative_choices={"first-level-support": "tpa"}
    )
    assert cells_of(project, "first-level-support") == {"tpa": Raci.R}
    assert cells_of(project, "pricing-and-engagement") == {"cit": Raci.R}
    assert project.alternative_choices["first-level-support"] == "tpa"
    # Tasks without alternatives keep every cell.
    playbook = builtin_playbook("paylocity-integration")
    assert cells_of(project, "move-to-production") == {
        role: cell for role, cell in playbook.task("move-to-production").raci.items() if cell
    }


def test_an_alternative_outside_the_group_is_refused(manager):
    with pytest.raises(InvalidInput) as error:
        project_made(
            manager,
            "paylocity-integration",
            country="US",
            alternative_choices={"first-level-support": "pcty"},
        )
    assert problems_of(error) == {"alternative_choices.first-level-support": "alternative-unknown-role"}


def test_replan_is_what_creation_calls(manager, monkeypatch):
    calls = []
    original = planning.project_replan

    def spy(**kwargs):
        calls.append(kwargs)
        return original(**kwargs)

    monkeypatch.setattr(services, "project_replan", spy)
    project = project_made(manager)
    assert [call["project"].pk for call in calls] == [project.pk]


def test_a_cell_both_not_applicable_and_lettered_is_refused(manager):
    from benchmarks.generate import generate_playbook

    playbook = generate_playbook(200, 6, seed=1)  # holds N/A+A cells on purpose
    with pytest.raises(InvalidInput) as error:
        project_made(manager, playbook)
    assert {problem.code for problem in error.value.problems} == {"playbook-cell-invalid"}
    assert all(problem.where.startswith("playbook.") for problem in error.value.problems)
    assert not Project.objects.exists()


# -- the parameters object -------------------------------------------------------------------------


def test_a_creation_is_a_frozen_keyword_only_value(manager):
    creation = services.ProjectCreation(
        workspace=manager.workspace,
        customer=CustomerFactory(workspace=manager.workspace),
        name="Acme integration",
        playbook=builtin_playbook("paylocity-integration"),
        start_date=START,
        country="US",
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        creation.name = "Other"
    with pytest.raises(TypeError):
        services.ProjectCreation(manager.workspace)
    assert (creation.variant, creation.partners, creation.closures, creation.playbook_source) == (
        None,
        (),
        (),
        "",
    )


def test_the_name_is_trimmed_and_a_partner_given_twice_is_on_the_project_once(manager):
    partner = PartnerFactory(workspace=manager.workspace)
    project = project_made(manager, name="  Acme integration  ", partners=[partner, partner])
    assert project.name == "Acme integration"
    assert list(ProjectPartner.objects.filter(project=project).values_list("partner", flat=True)) == [
        partner.pk
    ]
    entry = ActivityEntry.objects.get(project=project, verb="project.created")
    assert (entry.after["name"], entry.after["partners"]) == ("Acme integration", [partner.pk])


@pytest.mark.parametrize(
    ("fields", "where", "code"),
    [
        ({"name": ""}, "name", "name-required"),
        ({"name": "x" * 201}, "name", "name-too-long"),
        ({"variant": None}, "variant", "variant-required"),
        ({"variant": "carrier-pigeon"}, "variant", "variant-unknown"),
    ],
)
def test_the_service_decides_what_the_form_used_to_check(manager, fields, where, code):
    """The page's form no longer checks the name's length or the path: the service refuses, and
    each problem names the form field it is about, with a message."""
    with pytest.raises(InvalidInput) as error:
        project_made(manager, **fields)
    [problem] = error.value.problems
    assert (problem.where, problem.code) == (where, code)
    assert problem.message
    assert not Project.objects.exists()


def test_a_name_of_the_longest_length_is_accepted(manager):
    name = "x" * services.NAME_MAX_LENGTH
    assert project_made(manager, name=name).name == name
