"""`accord demo`: the JSON document exactly, the tables, the same logins on a second run, errors."""

import json
import re

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.demo import cast
from accord.projects.models import Project
from accord.workspaces.services import workspace_create
from tests.accounts.factories import UserFactory

runner = CliRunner()
KINDS = {"vendor-admin", "vendor-manager", "vendor-member", "customer-contact", "partner-contact"}


@pytest.fixture
def invoke(db, django_capture_on_commit_callbacks):
    def run(*args):
        with django_capture_on_commit_callbacks(execute=True):
            return runner.invoke(app, ["demo", *args], catch_exceptions=False)

    return run


def test_json_has_exactly_the_documented_shape(invoke):
    result = invoke("--json", "--base-url", "http://demo.example:9000/")

    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert set(document) == {"base_url", "users", "projects"}
    assert document["base_url"] == "http://demo.example:9000"
    assert len(document["users"]) == len(cast.PEOPLE)
    for user in document["users"]:
        assert set(user) == {"email", "password", "kind", "customer", "partner"}
        assert user["password"] == cast.DEMO_PASSWORD
        assert (user["customer"] is not None) == (user["kind"] == "customer-contact")
        assert (user["partner"] is not None) == (user["kind"] == "partner-contact")
    assert {user["kind"] for user in document["users"]} == KINDS
    assert [project["name"] for project in document["projects"]] == [spec.name for spec in cast.PROJECTS]
    for project in document["projects"]:
        assert set(project) == {"id", "name", "customer", "playbook", "url"}
        stored = Project.objects.get(pk=project["id"])
        assert (project["name"], project["customer"], project["playbook"]) == (
            stored.name,
            stored.customer.name,
            stored.playbook_key,
        )
        assert re.fullmatch(rf"http://demo\.example:9000/\S*{stored.pk}\S*", project["url"])


def test_a_second_run_prints_the_same_logins(invoke):
    first = invoke("--json")
    second = invoke("--json")

    assert first.exit_code == second.exit_code == 0
    assert json.loads(second.stdout) == json.loads(first.stdout)
    assert json.loads(first.stdout)["base_url"] == cast.DEFAULT_BASE_URL


def test_tables_list_every_login_and_project_and_say_whether_anything_was_built(invoke):
    first = invoke()
    second = invoke()

    assert first.exit_code == 0, first.output
    for person in cast.PEOPLE:
        assert person.email in first.stdout
    assert cast.DEMO_PASSWORD in first.stdout
    assert "http://127.0.0.1:8000/" in first.stdout
    assert "Globex" in first.stdout
    assert "The demo workspace is built." in first.stdout
    assert "nothing changed" in second.stdout


def test_a_conflicting_workspace_is_one_error_line_and_exit_status_2(invoke):
    workspace_create(actor=UserFactory(), name="Someone else's", slug=cast.WORKSPACE_SLUG)

    result = invoke("--json")

    assert result.exit_code == 2
    assert result.stdout == ""
    message = " ".join(result.stderr.split())
    assert message.startswith("error: A workspace 'accord-demo' exists")
    assert "(hint: Run the demo on a fresh database" in message
