"""The project rules, in one module: who sees a project, what they may do on it, which texts they
get. Every kind of person against every action."""

import pytest
from django.contrib.auth.models import AnonymousUser

from accord.domain.errors import NotFound
from accord.projects.access import (
    Audience,
    NotAllowed,
    ProjectAction,
    allowed,
    audience,
    project_access,
    require,
    restrict,
    visible_projects,
)
from tests.projects.cast import cast_made

pytestmark = pytest.mark.django_db

SEES = {"admin", "manager", "member", "customer", "partner-on"}
MANAGES = {"admin", "manager"}
STAFF = {"admin", "manager", "member"}
EXPECTED = {
    ProjectAction.VIEW: SEES,
    ProjectAction.SEE_INTERNAL: STAFF,
    ProjectAction.MANAGE: MANAGES,
    ProjectAction.INVITE: MANAGES,
    ProjectAction.EDIT_RACI: MANAGES,
    ProjectAction.MOVE_ANY_TASK: MANAGES,
    # Needs and design records are written with the customer and partner contacts.
    ProjectAction.EDIT_DESIGN: SEES,
    ProjectAction.SCHEDULE_MEETINGS: STAFF,
    # Going live over a closed go-live gate, with a written reason: vendor admins only.
    ProjectAction.OVERRIDE_GATE: {"admin"},
    ProjectAction.EDIT_PLAN: {"admin", "manager"},
}


def test_every_action_has_its_rule():
    assert set(EXPECTED) == set(ProjectAction)


def test_every_kind_of_person_against_every_action():
    cast = cast_made("tomorro-automation")
    project = cast.project
    for kind, membership in cast.people.items():
        user = membership.user
        assert visible_projects(user).filter(pk=project.pk).exists() is (kind in SEES), kind
        for action, who in EXPECTED.items():
            assert allowed(user, action, project) is (kind in who), (kind, action)
            assert restrict(user, action).filter(pk=project.pk).exists() is (kind in who), (kind, action)
            if kind in who:
                assert require(user, action, project) == user
            else:
                # Seeing without the right says so; not seeing says nothing (404).
                with pytest.raises(NotAllowed if kind in SEES else NotFound):
                    require(user, action, project)
        if kind in SEES:
            access = project_access(user, project.pk)
            assert access.project == project
            assert access.audience is audience(user, project)
            assert {action for action in ProjectAction if access.allows(action)} == {
                action for action, who in EXPECTED.items() if kind in who
            }
        else:
            with pytest.raises(NotFound):
                project_access(user, project.pk)


def test_the_audience_is_internal_for_vendor_staff_and_shared_for_contacts():
    cast = cast_made("tomorro-automation")
    for kind, membership in cast.people.items():
        # Staff of another vendor are nobody here: they get the shared texts (and see no project).
        expected = Audience.INTERNAL if kind in STAFF else Audience.SHARED
        assert audience(membership.user, cast.project) is expected, kind


def test_anonymous_people_see_nothing_and_may_do_nothing():
    cast = cast_made("tomorro-automation")
    nobody = AnonymousUser()
    assert not visible_projects(nobody).exists()
    assert not any(allowed(nobody, action, cast.project) for action in ProjectAction)
    with pytest.raises(NotFound):
        require(nobody, ProjectAction.VIEW, cast.project)


def test_project_access_costs_two_queries(django_assert_num_queries):
    cast = cast_made("tomorro-automation")
    for kind in ("admin", "customer", "partner-on"):
        with django_assert_num_queries(2):
            project_access(cast.people[kind].user, cast.project.pk)


def test_a_closed_project_may_be_seen_but_not_changed_until_reopened():
    from accord.projects.access import ProjectClosed

    cast = cast_made("tomorro-automation")
    cast.project.status = cast.project.Status.CLOSED
    cast.project.save(update_fields=["status"])
    assert require(cast.admin, ProjectAction.VIEW, cast.project) == cast.admin
    with pytest.raises(ProjectClosed):
        require(cast.admin, ProjectAction.MANAGE, cast.project)
    assert require(cast.admin, ProjectAction.MANAGE, cast.project, even_if_closed=True) == cast.admin
