"""The page benchmark's generator and baselines (timing itself is `make bench`'s job): the data
has the asked size and the baseline views return the rows the pages show."""

import re

import pytest
from benchmarks.pages import populate as bench_populate
from benchmarks.pages import views as raw_views
from django.test import RequestFactory

from accord.accounts.models import User
from accord.projects.models import ProjectTask, RaciCell
from accord.projects.selectors import portfolio, visible_projects
from accord.work.selectors import my_responsible
from tests.html import page


def raw_rows(view, user, **kwargs):
    request = RequestFactory().get("/")
    request.user = user
    response = view(request, **kwargs)
    assert response.status_code == 200
    (count,) = [line.text for line in page(response).all("p") if line.text.endswith(" rows")]
    return int(count.removesuffix(" rows"))


@pytest.fixture
def setup(db):
    return bench_populate.populate(projects=6, tasks=40, users=320)


def test_the_generator_writes_the_asked_sizes_and_working_logins(setup, client):
    assert setup["counts"]["projects"] == 6
    assert setup["counts"]["tasks"] == 6 * 40
    assert setup["counts"]["users"] == 320
    assert set(setup["paths"]) == {"login", "portfolio", "board", "my work"}
    for key in ("admin", "contact"):
        assert client.login(email=setup[key], password=setup["password"])


def test_the_baselines_return_the_rows_of_the_pages(setup):
    admin = User.objects.get(email=setup["admin"])
    contact = User.objects.get(email=setup["contact"])
    for person in (admin, contact):
        assert raw_rows(raw_views.raw_portfolio, person) == len(portfolio(person)) > 0
    project_id = int(re.search(r"/(\d+)/$", setup["baselines"]["board"]).group(1))
    cells = RaciCell.objects.filter(task__project_id=project_id).count()
    tasks_without_cells = ProjectTask.objects.filter(project_id=project_id, cells__isnull=True).count()
    assert raw_rows(raw_views.raw_board, admin, project_id=project_id) == cells + tasks_without_cells
    assert visible_projects(contact).filter(pk=project_id).exists()
    # My work's baseline lists each letter held on an open task; R is one of them.
    responsible = my_responsible(contact)
    assert responsible
    assert raw_rows(raw_views.raw_my_work, contact) >= len(responsible)
