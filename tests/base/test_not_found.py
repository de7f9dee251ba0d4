"""NotFound, raised by any selector or service under a view, answers the site's 404 page, once,
from the middleware: no view catches it itself."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import RequestFactory

from accord.base.middleware import NotFoundMiddleware
from accord.domain.errors import InvalidInput, NotFound, Problem
from accord.projects import selectors as project_selectors
from accord.work import selectors as work_selectors
from tests.work.factories import project_with_tasks, staff

pytestmark = pytest.mark.django_db


def test_a_selector_raising_notfound_answers_the_404_page(client, crew, monkeypatch):
    def refuse(user, project_id):
        raise NotFound("No such project.")

    monkeypatch.setattr(work_selectors, "board", refuse)
    client.force_login(crew.pm)
    response = client.get(f"/projects/{crew.project.pk}/board/")
    assert response.status_code == 404
    assert "Page not found" in response.text  # the site's own page, not a traceback
    assert "No such project." not in response.text  # and the reason stays on the server


def test_a_project_the_person_may_not_see_is_a_404_from_the_real_selector(client, db):
    project = project_with_tasks()
    outsider = staff(project_with_tasks(), "vendor-pm")
    client.force_login(outsider)
    for path in (f"/projects/{project.pk}/", f"/projects/{project.pk}/board/", "/projects/999999/board/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in response.text


def test_the_project_selector_raises_notfound_not_http404(crew):
    with pytest.raises(NotFound):
        project_selectors.project_for(AnonymousUser(), crew.project.pk)


def _middleware_answer(exception):
    middleware = NotFoundMiddleware(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    return middleware.process_exception(request, exception)


def test_the_middleware_answers_only_notfound():
    assert _middleware_answer(NotFound("gone")).status_code == 404
    # Anything else is left to the next handler (and to Django's 500 page if nobody takes it).
    assert _middleware_answer(InvalidInput([Problem("bad", "Bad.")])) is None
    assert _middleware_answer(ValueError("boom")) is None


def test_someone_not_logged_in_is_still_sent_to_log_in(client, crew):
    response = client.get(f"/projects/{crew.project.pk}/board/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]
