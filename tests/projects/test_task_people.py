from accord.domain.raci import Raci
from accord.domain.workflow import Capabilities
from accord.projects import task_selectors
from accord.work import selectors
from accord.workspaces.models import MembershipKind
from tests.accounts.factories import UserFactory
from tests.projects.factories import manager_of
from tests.work.factories import staff, task


def test_task_people_lists_each_letters_holders_lead_first(crew):
    deputy = staff(crew.project, "vendor-pm")
    people = task_selectors.task_people(task(crew.project, "kickoff"))
    assert people == {"R": [crew.pm, deputy], "A": [crew.lead], "C": [crew.it], "I": [crew.tpa]}
    assert task_selectors.responsible_person(task(crew.project, "kickoff")) == crew.pm


def test_a_person_in_two_roles_appears_once_and_disabled_people_not_at_all(crew):
    staff(crew.project, "customer-lead", crew.it)
    gone = staff(crew.project, "customer-lead")
    gone.is_active = False
    gone.save()
    people = task_selectors.task_people(task(crew.project, "go-live"))
    assert people["I"] == [crew.lead, crew.it]
    assert task_selectors.task_people(task(crew.project, "build"))["I"] == [crew.lead, crew.it]


def test_no_responsible_person_when_the_r_role_is_unstaffed(crew):
    project = type(crew)().project
    assert task_selectors.responsible_person(task(project, "kickoff")) is not None
    from tests.work.factories import project_with_tasks

    empty = project_with_tasks()
    assert task_selectors.responsible_person(task(empty, "kickoff")) is None


def test_capabilities_combine_letters_and_membership(crew):
    golive = task(crew.project, "go-live")
    assert selectors.capabilities(crew.pm, golive) == Capabilities(responsible=True, accountable=True)
    assert selectors.capabilities(crew.lead, golive) == Capabilities()
    assert selectors.capabilities(crew.manager, golive) == Capabilities(manager=True)
    admin = manager_of(crew.project, kind=MembershipKind.VENDOR_ADMIN).user
    assert selectors.capabilities(admin, golive).manager
    assert selectors.capabilities(UserFactory(), golive) == Capabilities()


def test_capabilities_ignore_not_applicable_cells(crew):
    kickoff = task(crew.project, "kickoff")
    kickoff.cells.filter(role_key="vendor-pm").update(letters=int(Raci.NA))
    assert selectors.held_letters(crew.pm, kickoff) == Raci(0)


def test_letters_including_lists_every_value_with_the_bit():
    assert task_selectors.letters_including(Raci.A) == [2, 3, 6, 7, 10, 11, 14, 15]
