import pytest

from accord.activity.models import ActivityEntry
from accord.domain.errors import InvalidInput, NotFound, StaleWrite
from accord.domain.raci import Raci
from accord.projects.models import RaciCell
from accord.work import services
from accord.workspaces.models import MembershipKind
from tests.projects.factories import manager_of
from tests.work.factories import task


def cell_letters(item, role_key):
    cell = RaciCell.objects.filter(task=item, role_key=role_key).first()
    return Raci(cell.letters) if cell else Raci(0)


def set_cell(actor, item, role_key, letters):
    return services.raci_cell_set(
        actor=actor, task=item, role_key=role_key, letters=letters, expected_version=item.version
    )


def test_a_manager_sets_a_cell_and_the_change_is_logged(crew):
    kickoff = task(crew.project, "kickoff")
    cell = set_cell(crew.manager, kickoff, "customer-it", Raci.C | Raci.I)
    assert Raci(cell.letters) == Raci.C | Raci.I
    assert task(crew.project, "kickoff").version == 2
    [entry] = ActivityEntry.objects.filter(verb="raci.changed")
    assert (entry.target_type, entry.target_key, entry.actor) == ("raci", "kickoff/customer-it", crew.manager)
    assert (entry.before, entry.after) == ({"letters": 4, "raci": "C"}, {"letters": 12, "raci": "C/I"})
    assert "IT department" in entry.summary


def test_empty_letters_delete_the_cell(crew):
    assert set_cell(crew.manager, task(crew.project, "kickoff"), "partner-tpa", Raci(0)) is None
    assert not RaciCell.objects.filter(task__key="kickoff", role_key="partner-tpa").exists()
    assert ActivityEntry.objects.get(verb="raci.changed").after == {"letters": 0, "raci": ""}


def test_setting_the_same_letters_changes_nothing(crew):
    set_cell(crew.manager, task(crew.project, "kickoff"), "customer-it", Raci.C)
    assert task(crew.project, "kickoff").version == 1
    assert not ActivityEntry.objects.exists()


@pytest.mark.parametrize("who", ["pm", "lead", "it"])
def test_only_vendor_managers_and_admins_edit_the_raci(crew, who):
    with pytest.raises(services.RaciNotAllowed) as caught:
        set_cell(getattr(crew, who), task(crew.project, "kickoff"), "customer-it", Raci.R)
    assert "vendor manager" in caught.value.hint
    assert cell_letters(task(crew.project, "kickoff"), "customer-it") == Raci.C


def test_a_vendor_admin_may_edit_too(crew):
    admin = manager_of(crew.project, kind=MembershipKind.VENDOR_ADMIN).user
    set_cell(admin, task(crew.project, "kickoff"), "customer-it", Raci.R)
    assert cell_letters(task(crew.project, "kickoff"), "customer-it") == Raci.R


def test_an_unknown_role_or_mixed_na_is_refused_with_a_hint(crew):
    with pytest.raises(InvalidInput) as caught:
        set_cell(crew.manager, task(crew.project, "kickoff"), "customer-cfo", Raci.R)
    assert caught.value.problems[0].where == "role"
    assert "customer-it" in caught.value.hint
    with pytest.raises(InvalidInput) as caught:
        set_cell(crew.manager, task(crew.project, "kickoff"), "customer-it", Raci.NA | Raci.R)
    assert caught.value.problems[0].code == "raci-invalid-letter"


def test_na_alone_is_a_cell(crew):
    set_cell(crew.manager, task(crew.project, "kickoff"), "customer-it", Raci.NA)
    assert cell_letters(task(crew.project, "kickoff"), "customer-it") == Raci.NA


def test_a_stale_raci_edit_changes_nothing(crew):
    seen = task(crew.project, "kickoff")
    set_cell(crew.manager, seen, "customer-it", Raci.R)
    with pytest.raises(StaleWrite) as caught:
        set_cell(crew.manager, seen, "customer-it", Raci.I)
    assert crew.manager.get_full_name() in caught.value.message
    assert cell_letters(seen, "customer-it") == Raci.R


def test_undo_restores_the_value_before_and_is_itself_undoable(crew):
    set_cell(crew.manager, task(crew.project, "kickoff"), "customer-it", Raci.R)
    change = ActivityEntry.objects.get(verb="raci.changed")
    services.raci_cell_undo(actor=crew.manager, activity_entry_id=change.pk)
    assert cell_letters(task(crew.project, "kickoff"), "customer-it") == Raci.C
    assert task(crew.project, "kickoff").version == 3
    undo = ActivityEntry.objects.get(verb="raci.undone")
    assert (undo.before, undo.after) == ({"letters": 1, "raci": "R"}, {"letters": 4, "raci": "C"})
    services.raci_cell_undo(actor=crew.manager, activity_entry_id=undo.pk)
    assert cell_letters(task(crew.project, "kickoff"), "customer-it") == Raci.R


def test_undo_of_a_cleared_cell_brings_it_back(crew):
    set_cell(crew.manager, task(crew.project, "kickoff"), "partner-tpa", Raci(0))
    change = ActivityEntry.objects.get(verb="raci.changed")
    cell = services.raci_cell_undo(actor=crew.manager, activity_entry_id=change.pk)
    assert Raci(cell.letters) == Raci.I


def test_undo_refuses_when_the_cell_changed_since(crew):
    set_cell(crew.manager, task(crew.project, "kickoff"), "customer-it", Raci.R)
    first = ActivityEntry.objects.get(verb="raci.changed")
    set_cell(crew.manager, task(crew.project, "kickoff"), "customer-it", Raci.A)
    with pytest.raises(services.UndoImpossible) as caught:
        services.raci_cell_undo(actor=crew.manager, activity_entry_id=first.pk)
    assert "“A”" in caught.value.message
    assert "later change" in caught.value.hint
    assert cell_letters(task(crew.project, "kickoff"), "customer-it") == Raci.A


def test_undo_needs_a_manager_and_a_raci_change_they_can_see(crew):
    set_cell(crew.manager, task(crew.project, "kickoff"), "customer-it", Raci.R)
    change = ActivityEntry.objects.get(verb="raci.changed")
    with pytest.raises(services.RaciNotAllowed):
        services.raci_cell_undo(actor=crew.lead, activity_entry_id=change.pk)
    outsider = manager_of(type(crew)().project).user  # a manager of another workspace
    with pytest.raises(NotFound):
        services.raci_cell_undo(actor=outsider, activity_entry_id=change.pk)
    services.task_transition(
        actor=crew.pm, task=task(crew.project, "kickoff"), action="start", expected_version=2
    )
    with pytest.raises(NotFound):  # not a RACI change
        services.raci_cell_undo(actor=crew.manager, activity_entry_id=ActivityEntry.objects.first().pk)
