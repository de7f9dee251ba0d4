"""The board of a built-in playbook with many roles, in Chromium at 1400 px: every role column's
header is in the viewport without scrolling the page or the board, and no header breaks mid-word,
in English and French. The screenshots go to docs/images/board-many-roles.png and board-safe-fixes.png."""

import pytest

from accord.playbooks import builtin_playbook
from tests.browser import log_in
from tests.projects.factories import manager_of
from tests.work.factories import project_with_tasks
from tests.work.test_board_browser_bulk import SPLIT_WORDS, shoot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: A built-in playbook with nine roles (the issue saw 6 of 8 columns at 1400 px).
PLAYBOOK = "socialtalent-onboarding"

#: The role headers whose box leaves the viewport (left of 0 or right of its width).
OUTSIDE = """() => Array.from(document.querySelectorAll('th.role'))
  .filter((th) => { const box = th.getBoundingClientRect();
                    return box.left < -0.5 || box.right > window.innerWidth + 0.5 || box.width < 1; })
  .map((th) => th.textContent.trim())"""


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_role_column_of_a_nine_role_board_is_in_view_at_1400_px(page, live_server, language):
    playbook = builtin_playbook(PLAYBOOK)
    assert len(playbook.roles) >= 8
    project = project_with_tasks(playbook)
    manager = manager_of(project).user
    page.set_viewport_size({"width": 1400, "height": 900})
    log_in(page, live_server, manager)
    prefix = "" if language == "en" else "/fr"
    page.goto(f"{live_server.url}{prefix}/projects/{project.pk}/board/")

    assert page.locator("th.role").count() == len(playbook.roles)
    assert page.evaluate(OUTSIDE) == []
    # Neither the page nor the board's own region scrolls sideways to show them.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert page.locator(".board-region").evaluate("el => el.scrollWidth <= el.clientWidth + 1")
    assert page.evaluate(SPLIT_WORDS) == []
    if language == "en":
        shoot(page, "board-safe-fixes")
        page.evaluate("document.querySelector('.board-region').scrollIntoView()")
        shoot(page, "board-many-roles")
