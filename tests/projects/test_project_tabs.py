"""Every page of a project shows the same tabs, with the page's own tab marked current."""

import pytest

from tests.html import page

#: A project page of each tab (path after /projects/<id>/) and the tab it marks current.
PAGES = {
    "": "Overview",
    "board/": "Board",
    "plan/": "Plan",
    "design/": "Need and design",
    "tests/": "Tests",
    "go-live/": "Go-live",
    "people/": "People",
    "support/": "Support",
    "report/": "Status report",
    "settings/": "Settings",
}


@pytest.mark.parametrize("who", ["manager", "contact"])
def test_every_project_page_has_the_same_tabs_and_marks_its_own(client, crew, who):
    user = crew.manager if who == "manager" else crew.lead
    client.force_login(user)
    seen = {}
    for path, tab in PAGES.items():
        response = client.get(f"/projects/{crew.project.pk}/{path}")
        if response.status_code == 404:  # a page that is not theirs (settings, plan for a contact)
            assert who == "contact", path
            continue
        assert response.status_code == 200, path
        nav = page(response).one("nav.project-nav")
        seen[path] = [link.text for link in nav.all("a")]
        current = [link.text for link in nav.all("a[aria-current=page]")]
        assert current == [tab], (path, current)
    tabs = set(map(tuple, seen.values()))
    assert len(tabs) == 1, seen
    assert len(seen) >= 8
