import pytest

from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput
from accord.projects import services
from accord.projects.models import ProjectParticipant, RoleAssignment
from accord.projects.selectors import visible_projects
from accord.workspaces.models import MembershipKind
from tests.projects.factories import manager_of, project_made
from tests.workspaces.factories import (
    CustomerContactFactory,
    MembershipFactory,
    PartnerContactFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager():
    return manager_of()


@pytest.fixture
def project(manager):
    return project_made(manager)


def staff(workspace, kind=MembershipKind.VENDOR_MEMBER):
    return MembershipFactory(workspace=workspace, kind=kind).user


def leads(project, role_key):
    return list(
        RoleAssignment.objects.filter(project=project, role_key=role_key, is_lead=True).values_list(
            "user_id", flat=True
        )
    )


def test_the_first_person_of_a_role_is_its_lead(manager, project):
    first, second = staff(manager.workspace), staff(manager.workspace)
    one = services.role_assign(
        actor=manager.user, project=project, role_key="integration-manager", user=first
    )
    two = services.role_assign(
        actor=manager.user, project=project, role_key="integration-manager", user=second
    )
    assert (one.is_lead, two.is_lead) == (True, False)
    assert leads(project, "integration-manager") == [first.pk]
    entry = ActivityEntry.objects.filter(project=project, verb="role.assigned").first()
    assert entry.target_key == "integration-manager"
    assert entry.after["email"] == second.email


def test_assigning_with_lead_moves_the_flag(manager, project):
    first, second = staff(manager.workspace), staff(manager.workspace)
    services.role_assign(actor=manager.user, project=project, role_key="account-manager", user=first)
    services.role_assign(
        actor=manager.user, project=project, role_key="account-manager", user=second, lead=True
    )
    assert leads(project, "account-manager") == [second.pk]


def test_lead_set_moves_the_flag_atomically_and_is_logged(manager, project):
    first, second = staff(manager.workspace), staff(manager.workspace)
    for person in (first, second):
        services.role_assign(actor=manager.user, project=project, role_key="account-manager", user=person)
    services.role_lead_set(actor=manager.user, project=project, role_key="account-manager", user=second)
    assert leads(project, "account-manager") == [second.pk]
    entry = ActivityEntry.objects.get(project=project, verb="role.lead_changed")
    assert (entry.before["id"], entry.after["id"]) == (first.pk, second.pk)


def test_assigning_twice_changes_nothing(manager, project):
    person = staff(manager.workspace)
    services.role_assign(actor=manager.user, project=project, role_key="account-manager", user=person)
    services.role_assign(actor=manager.user, project=project, role_key="account-manager", user=person)
    assert RoleAssignment.objects.filter(project=project).count() == 1
    assert ActivityEntry.objects.filter(project=project, verb="role.assigned").count() == 1


def test_when_the_lead_leaves_the_person_staffed_longest_takes_over(manager, project):
    people = [staff(manager.workspace) for _ in range(3)]
    for person in people:
        services.role_assign(
            actor=manager.user,
            project=project,
            role_key="it-department",
            user=person,
            confirm_cross_side=True,
        )
    new_lead = services.role_unassign(
        actor=manager.user, project=project, role_key="it-department", user=people[0]
    )
    assert new_lead.user == people[1]
    assert leads(project, "it-department") == [people[1].pk]
    services.role_unassign(actor=manager.user, project=project, role_key="it-department", user=people[2])
    assert leads(project, "it-department") == [people[1].pk]
    assert (
        services.role_unassign(actor=manager.user, project=project, role_key="it-department", user=people[1])
        is None
    )


def test_a_lead_can_only_be_someone_holding_the_role(manager, project):
    with pytest.raises(InvalidInput) as error:
        services.role_lead_set(
            actor=manager.user, project=project, role_key="it-department", user=staff(manager.workspace)
        )
    assert error.value.problems[0].where == "user"


def test_unknown_role_and_people_who_cannot_see_the_project_are_refused(manager, project):
    other_customer_contact = CustomerContactFactory(workspace=manager.workspace).user
    with pytest.raises(InvalidInput) as error:
        services.role_assign(
            actor=manager.user, project=project, role_key="chief-wizard", user=other_customer_contact
        )
    assert {problem.where: problem.code for problem in error.value.problems} == {
        "role_key": "role-unknown",
        "user": "role-person-cannot-see",
    }
    assert not RoleAssignment.objects.exists()


def test_customer_contacts_of_the_project_customer_can_be_assigned(manager, project):
    contact = CustomerContactFactory(workspace=manager.workspace, customer=project.customer).user
    assignment = services.role_assign(
        actor=manager.user, project=project, role_key="it-department", user=contact
    )
    assert assignment.is_lead


def test_a_partner_contact_must_take_part_before_holding_a_role(manager, project):
    partner = PartnerFactory(workspace=manager.workspace)
    contact = PartnerContactFactory(workspace=manager.workspace, partner=partner).user
    role = "third-party-software-provider"
    with pytest.raises(InvalidInput) as error:
        services.participant_add(actor=manager.user, project=project, user=contact)
    assert error.value.problems[0].code == "participant-partner-not-on-project"

    services.partner_add(actor=manager.user, project=project, partner=partner)
    with pytest.raises(InvalidInput):
        services.role_assign(actor=manager.user, project=project, role_key=role, user=contact)
    services.participant_add(actor=manager.user, project=project, user=contact)
    assert visible_projects(contact).filter(pk=project.pk).exists()
    services.role_assign(actor=manager.user, project=project, role_key=role, user=contact)

    services.participant_remove(actor=manager.user, project=project, user=contact)
    assert not visible_projects(contact).filter(pk=project.pk).exists()
    assert not RoleAssignment.objects.filter(project=project, user=contact).exists()
    assert ActivityEntry.objects.filter(project=project, verb="role.unassigned").exists()


def test_participants_must_belong_to_the_workspace_and_the_customer(manager, project):
    outsider = MembershipFactory().user
    other_contact = CustomerContactFactory(workspace=manager.workspace).user
    for person, code in ((outsider, "participant-not-member"), (other_contact, "participant-other-customer")):
        with pytest.raises(InvalidInput) as error:
            services.participant_add(actor=manager.user, project=project, user=person)
        assert (error.value.problems[0].where, error.value.problems[0].code) == ("user", code)
    assert not ProjectParticipant.objects.exists()


def test_removing_a_vendor_participant_keeps_their_roles(manager, project):
    person = staff(manager.workspace)
    services.participant_add(actor=manager.user, project=project, user=person)
    services.role_assign(actor=manager.user, project=project, role_key="account-manager", user=person)
    services.participant_remove(actor=manager.user, project=project, user=person)
    assert RoleAssignment.objects.filter(project=project, user=person).exists()


def test_members_who_see_the_project_may_not_staff_it(manager, project):
    member = staff(manager.workspace)
    contact = CustomerContactFactory(workspace=manager.workspace, customer=project.customer).user
    for actor in (member, contact):
        with pytest.raises(services.NotAllowed):
            services.role_assign(actor=actor, project=project, role_key="account-manager", user=member)
    stranger = MembershipFactory(kind=MembershipKind.VENDOR_ADMIN).user
    with pytest.raises(services.NotFound):
        services.role_assign(actor=stranger, project=project, role_key="account-manager", user=member)
    assert not RoleAssignment.objects.exists()


def test_the_database_keeps_one_lead_per_role_whatever_the_sequence(manager, project):
    people = [staff(manager.workspace) for _ in range(4)]
    sequence = [
        (0, "assign"),
        (1, "assign"),
        (2, "lead"),
        (1, "set"),
        (1, "remove"),
        (3, "assign"),
        (0, "remove"),
    ]
    for index, action in sequence:
        person = people[index]
        if action == "assign":
            services.role_assign(actor=manager.user, project=project, role_key="account-manager", user=person)
        elif action == "lead":
            services.role_assign(
                actor=manager.user, project=project, role_key="account-manager", user=person, lead=True
            )
        elif action == "set":
            services.role_lead_set(
                actor=manager.user, project=project, role_key="account-manager", user=person
            )
        else:
            services.role_unassign(
                actor=manager.user, project=project, role_key="account-manager", user=person
            )
        staffed = RoleAssignment.objects.filter(project=project, role_key="account-manager").count()
        assert len(leads(project, "account-manager")) == (1 if staffed else 0)
    assert leads(project, "account-manager") == [people[2].pk]
