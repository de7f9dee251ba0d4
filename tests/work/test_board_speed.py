"""The board's cells are written in Python (accord.work.presenters.cell_html) for speed; the cell
template stays the reference: both must give the same HTML for every kind of cell."""

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from accord.domain.raci import Raci
from accord.projects.models import ProjectTask
from accord.work import presenters, selectors, services
from tests.work.factories import task


def _template_cells(view: presenters.BoardView) -> list[tuple[str, str]]:
    board = view.board
    return [
        (
            str(cell.html),
            render_to_string(
                "work/_board_cell.html", {"cell": cell, "row": row, "board": board, "project": board.project}
            ),
        )
        for phase in view.phases
        for row in phase.rows
        for cell in row.cells
    ]


@pytest.mark.parametrize("language", ["en", "fr"])
@pytest.mark.parametrize("person", ["manager", "pm", "lead"])
def test_each_cells_html_is_what_the_cell_template_renders(crew, person, language):
    # A name to escape, two Responsible on kick-off (a finding on cells) and an emptied cell.
    ProjectTask.objects.filter(key="kickoff").update(name='Kick <off> & "go"')
    kickoff = task(crew.project, "kickoff")
    services.raci_cell_set(
        actor=crew.manager, task=kickoff, role_key="customer-it", letters=Raci.R, expected_version=1
    )
    services.raci_cell_set(
        actor=crew.manager, task=task(crew.project, "build"), role_key="partner-tpa", letters=Raci.NA,
        expected_version=1,
    )  # fmt: skip
    viewer = getattr(crew, person)
    with translation.override(language):
        board = selectors.board(viewer, crew.project.pk)
        view = presenters.board_view(
            board, changed_task_id=kickoff.pk, message="ok", focus_role="customer-it"
        )
        pairs = _template_cells(view)
    assert len(pairs) == 3 * 4
    assert all(ours == reference for ours, reference in pairs), next(
        (ours, reference) for ours, reference in pairs if ours != reference
    )
    flagged = [ours for ours, _reference in pairs if "cell-flag" in ours]
    # The vendor's staff see the linter's finding on the cells; a customer contact never does.
    assert bool(flagged) is (person != "lead")
    if person == "manager":
        assert sum("autofocus" in ours for ours, _reference in pairs) == 1
