"""Who works on a project: partners, participants, role assignments with one lead per role, and
the hand-over of a role at a milestone.

Every function takes the acting person (a vendor admin or manager of the project's workspace),
changes everything or nothing, writes the activity log and returns what it changed.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.activity.models import ActivityEntry
from accord.activity.services import activity_record
from accord.activity.verbs import Verb
from accord.domain.errors import InvalidInput, Problem
from accord.projects.access import require_manager, visible_projects
from accord.projects.handover import handover_key, handovers_of, milestone_reached
from accord.projects.models import (
    Project,
    ProjectParticipant,
    ProjectPartner,
    ProjectTask,
    RoleAssignment,
    RoleHandover,
)
from accord.projects.playbook_copy import project_playbook, role_keys
from accord.projects.selectors import side_of_kind
from accord.workspaces.models import Membership, MembershipKind, Partner
from accord.workspaces.services import InvitationOffer


def _locked(project: Project) -> Project:
    # Staffing changes of one project happen one after the other (one lead per role).
    return Project.objects.select_for_update().get(pk=project.pk)


def _person(user: User) -> dict[str, object]:
    return {"id": user.pk, "email": user.email, "name": user.get_full_name()}


def person_side(project: Project, user: User) -> str:
    """The side ``user`` stands on in ``project``'s workspace ("" when they have no membership)."""
    kind = (
        Membership.objects.filter(workspace_id=project.workspace_id, user=user)
        .values_list("kind", flat=True)
        .first()
    )
    return side_of_kind(kind) if kind is not None else ""


def role_side(project: Project, role_key: str) -> str:
    """The side of a role of the project's playbook copy ("" for a role it does not have)."""
    return next((role.side.value for role in project_playbook(project).roles if role.key == role_key), "")


def _side_name(side: str) -> str:
    names = {"vendor": _("of the vendor"), "customer": _("of the customer"), "partner": _("of a partner")}
    return names.get(side, side)


def _check_same_side(project: Project, role_key: str, user: User, *, confirmed: bool) -> bool:
    """Whether staffing ``role_key`` with ``user`` crosses sides; refused unless ``confirmed``."""
    person, role = person_side(project, user), role_side(project, role_key)
    crosses = bool(person and role and person != role)
    if crosses and not confirmed:
        raise InvalidInput(
            [
                Problem(
                    CROSS_SIDE_UNCONFIRMED,
                    _("%(person)s is on the side %(person_side)s, but %(role)s is a role %(role_side)s.")
                    % {
                        "person": user.get_full_name() or user.email,
                        "person_side": _side_name(person),
                        "role": next(
                            (r.name for r in project_playbook(project).roles if r.key == role_key), role_key
                        ),
                        "role_side": _side_name(role),
                    },
                    hint=_("If this is intended, confirm that they take a role of another side."),
                    where="confirm_cross_side",
                )
            ]
        )
    return crosses


#: The error code of a role given to someone of another side without confirming it.
CROSS_SIDE_UNCONFIRMED = "cross-side-unconfirmed"


@transaction.atomic
def partner_add(*, actor: User, project: Project, partner: Partner) -> ProjectPartner:
    """Add a partner organisation to the project (its contacts can then be invited to it)."""
    require_manager(actor, project)
    if partner.workspace_id != project.workspace_id:
        raise InvalidInput(
            [
                Problem(
                    "partner-other-workspace",
                    _("This partner belongs to another workspace."),
                    where="partner",
                )
            ]
        )
    link, created = ProjectPartner.objects.get_or_create(project=project, partner=partner)
    if created:
        activity_record(
            actor=actor,
            project=project,
            verb=Verb.PARTNER_ADDED,
            target_type="partner",
            target_key=str(partner.pk),
            summary=partner.name,
            after={"partner": partner.pk, "name": partner.name},
        )
    return link


def _participant_problem(project: Project, user: User) -> Problem | None:
    membership = Membership.objects.filter(user=user, workspace_id=project.workspace_id).first()
    if membership is None or not user.is_active:
        return Problem(
            "participant-not-member",
            _("This person is not a member of the project's workspace."),
            hint=_("Invite them to the workspace first."),
            where="user",
        )
    if membership.kind == MembershipKind.CUSTOMER_CONTACT and membership.customer_id != project.customer_id:
        return Problem(
            "participant-other-customer",
            _("This person is a contact of another customer."),
            hint=_("Only the project's customer's contacts can take part in it."),
            where="user",
        )
    if (
        membership.kind == MembershipKind.PARTNER_CONTACT
        and not ProjectPartner.objects.filter(project=project, partner=membership.partner).exists()
    ):
        return Problem(
            "participant-partner-not-on-project",
            _("This person's partner organisation does not work on this project."),
            hint=_("Add their partner to the project first."),
            where="user",
        )
    return None


@transaction.atomic
def participant_add(*, actor: User, project: Project, user: User) -> ProjectParticipant:
    """Invite a member of the workspace to the project.

    Partner contacts see only the projects they take part in; customer contacts of the project's
    customer and vendor staff see it anyway, and may be added so that they show as taking part.
    """
    require_manager(actor, project)
    problem = _participant_problem(project, user)
    if problem is not None:
        raise InvalidInput([problem])
    participant, created = ProjectParticipant.objects.get_or_create(project=project, user=user)
    if created:
        activity_record(
            actor=actor,
            project=project,
            verb=Verb.PARTICIPANT_ADDED,
            target_type="person",
            target_key=str(user.pk),
            summary=user.email,
            after=_person(user),
        )
    return participant


@transaction.atomic
def participant_remove(*, actor: User, project: Project, user: User) -> None:
    """Take someone off the project. Roles they can no longer see the project to hold are
    unassigned (a partner contact loses the project with their participation)."""
    require_manager(actor, project)
    project = _locked(project)
    deleted, _rows = ProjectParticipant.objects.filter(project=project, user=user).delete()
    if not deleted:
        return
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.PARTICIPANT_REMOVED,
        target_type="person",
        target_key=str(user.pk),
        summary=user.email,
        before=_person(user),
    )
    if not visible_projects(user).filter(pk=project.pk).exists():
        for assignment in list(RoleAssignment.objects.filter(project=project, user=user)):
            _unassign(actor=actor, project=project, assignment=assignment)


def _check_assignable(project: Project, role_key: str, user: User) -> None:
    problems = []
    roles = role_keys(project)
    if role_key not in roles:
        problems.append(
            Problem(
                "role-unknown",
                _("The project's playbook has no role %(role)s.") % {"role": role_key},
                hint=_("Known roles: %(roles)s") % {"roles": ", ".join(roles)},
                where="role_key",
            )
        )
    if not user.is_active or not visible_projects(user).filter(pk=project.pk).exists():
        problems.append(
            Problem(
                "role-person-cannot-see",
                _("This person cannot see the project."),
                hint=_(
                    "Staff roles with the vendor's staff, contacts of the project's customer, "
                    "or partner contacts taking part in the project."
                ),
                where="user",
            )
        )
    if problems:
        raise InvalidInput(problems)


def _set_lead(project: Project, role_key: str, assignment: RoleAssignment) -> RoleAssignment | None:
    """Move the lead flag of ``role_key`` to ``assignment``; returns the previous lead."""
    previous = RoleAssignment.objects.filter(project=project, role_key=role_key, is_lead=True).first()
    if previous is not None and previous.pk == assignment.pk:
        return previous
    # Clear the old lead before setting the new one: the database allows one lead per role.
    RoleAssignment.objects.filter(project=project, role_key=role_key, is_lead=True).update(is_lead=False)
    RoleAssignment.objects.filter(pk=assignment.pk).update(is_lead=True)
    assignment.is_lead = True
    return previous


@transaction.atomic
def role_assign(
    *,
    actor: User,
    project: Project,
    role_key: str,
    user: User,
    lead: bool = False,
    confirm_cross_side: bool = False,
) -> RoleAssignment:
    """Staff ``role_key`` with ``user``. The first person of a role becomes its lead; ``lead=True``
    makes this person the lead instead of the current one. Assigning someone twice changes
    nothing (except the lead, when asked). Someone of another side than the role's (a customer's
    contact in a vendor role) is refused with ``cross-side-unconfirmed`` unless
    ``confirm_cross_side``."""
    require_manager(actor, project)
    project = _locked(project)
    _check_assignable(project, role_key, user)
    assignment = RoleAssignment.objects.filter(project=project, role_key=role_key, user=user).first()
    if assignment is not None:
        if lead and not assignment.is_lead:
            return role_lead_set(actor=actor, project=project, role_key=role_key, user=user)
        return assignment
    crosses = _check_same_side(project, role_key, user, confirmed=confirm_cross_side)
    has_lead = RoleAssignment.objects.filter(project=project, role_key=role_key, is_lead=True).exists()
    assignment = RoleAssignment.objects.create(project=project, role_key=role_key, user=user, is_lead=False)
    if lead or not has_lead:
        _set_lead(project, role_key, assignment)
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.ROLE_ASSIGNED,
        target_type="role",
        target_key=role_key,
        summary=f"{role_key}: {user.email}",
        after={**_person(user), "lead": assignment.is_lead, **({"cross_side": True} if crosses else {})},
    )
    return assignment


def _unassign(*, actor: User, project: Project, assignment: RoleAssignment) -> RoleAssignment | None:
    role_key = assignment.role_key
    assignment.delete()
    lead = RoleAssignment.objects.filter(project=project, role_key=role_key, is_lead=True).first()
    if lead is None:
        # The lead left: the person staffed longest takes over, so a staffed role always has one.
        lead = (
            RoleAssignment.objects.filter(project=project, role_key=role_key)
            .order_by("created_at", "pk")
            .first()
        )
        if lead is not None:
            _set_lead(project, role_key, lead)
    activity_record(
        actor=actor,
        project=project,
        verb=Verb.ROLE_UNASSIGNED,
        target_type="role",
        target_key=role_key,
        summary=f"{role_key}: {assignment.user.email}",
        before={**_person(assignment.user), "lead": assignment.is_lead},
        after={"lead": _person(lead.user)} if lead is not None else None,
    )
    return lead


@transaction.atomic
def role_unassign(*, actor: User, project: Project, role_key: str, user: User) -> RoleAssignment | None:
    """Take ``user`` off ``role_key``; returns the role's lead afterwards (None if nobody is left).
    When the lead leaves, the person staffed longest becomes the lead."""
    require_manager(actor, project)
    project = _locked(project)
    assignment = (
        RoleAssignment.objects.select_related("user")
        .filter(project=project, role_key=role_key, user=user)
        .first()
    )
    if assignment is None:
        raise InvalidInput(
            [Problem("role-not-assigned", _("This person does not hold this role."), where="user")]
        )
    return _unassign(actor=actor, project=project, assignment=assignment)


@transaction.atomic
def role_lead_set(*, actor: User, project: Project, role_key: str, user: User) -> RoleAssignment:
    """Make ``user`` the lead of ``role_key`` (they must hold the role); the flag moves atomically."""
    require_manager(actor, project)
    project = _locked(project)
    assignment = RoleAssignment.objects.filter(project=project, role_key=role_key, user=user).first()
    if assignment is None:
        raise InvalidInput(
            [
                Problem(
                    "role-not-assigned",
                    _("This person does not hold this role."),
                    hint=_("Assign them to the role first."),
                    where="user",
                )
            ]
        )
    previous = _set_lead(project, role_key, assignment)
    if previous is None or previous.pk != assignment.pk:
        activity_record(
            actor=actor,
            project=project,
            verb=Verb.ROLE_LEAD_CHANGED,
            target_type="role",
            target_key=role_key,
            summary=f"{role_key}: {user.email}",
            before=_person(previous.user) if previous is not None else None,
            after=_person(user),
        )
    return assignment


@transaction.atomic
def handover_apply_if_due(
    *, project: Project, task: ProjectTask, actor: User | None = None
) -> list[ActivityEntry]:
    """Record the hand-overs whose milestone ``task`` completes (call after a task is done).

    A hand-over "X to Y after K" is due when K (a task, or every task of a phase) is done or not
    applicable. Each is recorded once per project, as a :class:`RoleHandover` row and a
    "role.handed_over" entry naming both leads; who holds the role is always computed live
    (:func:`selectors.role_holder_now`), so a task reopened later simply hands the role back.
    Returns the entries written now.
    """
    due = [item for item in handovers_of(project) if item.after in (task.key, task.phase_key)]
    if not due:
        return []
    statuses = list(
        ProjectTask.objects.filter(project_id=project.pk).values_list("key", "phase_key", "status")
    )
    recorded = set(RoleHandover.objects.filter(project_id=project.pk).values_list("role_key", "to_role_key"))
    leads = {
        assignment.role_key: assignment.user
        for assignment in RoleAssignment.objects.select_related("user").filter(
            project_id=project.pk, is_lead=True
        )
    }
    entries = []
    for item in due:
        if (item.role, item.to) in recorded or not milestone_reached(item.after, statuses):
            continue
        _row, created = RoleHandover.objects.get_or_create(
            project_id=project.pk, role_key=item.role, to_role_key=item.to
        )
        if not created:  # recorded meanwhile by a concurrent move
            continue
        giver, taker = leads.get(item.role), leads.get(item.to)
        entries.append(
            activity_record(
                actor=actor,
                project=project,
                verb=Verb.ROLE_HANDED_OVER,
                target_type="role",
                target_key=handover_key(item),
                summary=f"{item.role} -> {item.to} after {item.after}",
                before={"role": item.role, "holder": _person(giver) if giver else None},
                after={"role": item.to, "holder": _person(taker) if taker else None},
            )
        )
    return entries


# -- invitations into a project role -------------------------------------------------------------


def invitation_offer_for(project: Project, role_key: str = "") -> InvitationOffer:
    """What an invitation sent from ``project``'s people page offers: the project, its customer,
    and the role ``role_key`` (if any) with its description and responsibilities from the copy."""
    role = next((role for role in project_playbook(project).roles if role.key == role_key), None)
    return InvitationOffer(
        project_id=project.pk,
        project_name=project.name,
        customer_name=project.customer.name,
        role_key=role.key if role is not None else "",
        role_name=role.name if role is not None else "",
        role_description=role.description if role is not None else "",
        role_responsibilities=tuple(role.responsibilities) if role is not None else (),
    )


def invited_role_take(*, inviter: User, user: User, offer: InvitationOffer) -> RoleAssignment | None:
    """Staff the role an accepted invitation offered, in the name of whoever invited; None when
    the offer holds no role or its project is gone. Refusals (the inviter lost the right, the role
    left the plan, the person is of another side) raise as :func:`role_assign` does."""
    project = Project.objects.filter(pk=offer.project_id).select_related("workspace", "customer").first()
    if project is None or not offer.role_key:
        return None
    return role_assign(actor=inviter, project=project, role_key=offer.role_key, user=user)
