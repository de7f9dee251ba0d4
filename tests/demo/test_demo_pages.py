"""`make run` as a visitor sees it: every demo login opens every page of every project it can see,
in English and French, and none answers with a server error; those it cannot see answer 404."""

import pytest
from django.test import Client

from accord.accounts.models import User
from accord.demo.builder import demo_build
from accord.projects.models import Project
from accord.projects.selectors import visible_projects

#: The pages of a project, as its tabs link to them.
PROJECT_PAGES = (
    "",
    "board/",
    "plan/",
    "settings/",
    "people/",
    "design/",
    "tests/",
    "go-live/",
    "support/",
    "report/",
    "home/",
)
SITE_PAGES = ("/", "/projects/", "/my-work/", "/inbox/", "/my-projects/")


@pytest.mark.slow
def test_every_demo_login_opens_every_page_without_a_server_error(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = demo_build()
    projects = list(Project.objects.order_by("pk"))
    answers: dict[int, int] = {}
    for login in result.logins:
        user = User.objects.get(email=login.email)
        visible = set(visible_projects(user).values_list("pk", flat=True))
        client = Client()
        client.force_login(user)
        for prefix in ("", "/fr"):
            for path in SITE_PAGES:
                status = client.get(prefix + path, follow=True).status_code
                assert status == 200, (login.email, prefix + path, status)
            for project in projects:
                for page in PROJECT_PAGES:
                    path = f"{prefix}/projects/{project.pk}/{page}"
                    status = client.get(path).status_code
                    answers[status] = answers.get(status, 0) + 1
                    assert status < 500, (login.email, path, status)
                    if project.pk not in visible:
                        assert status == 404, (login.email, path, status)
                    elif login.kind == "vendor-admin":  # every page is theirs: the paths are right
                        assert status == 200, (login.email, path, status)
    assert answers.get(200, 0) > 0
