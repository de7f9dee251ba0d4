"""`accord token create|list|revoke`: the token printed once, working; errors in one line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from accord.apikit.models import ApiToken
from accord.apikit.selectors import token_authenticate
from accord.cli.main import app
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, ["token", *args], catch_exceptions=False)


def test_create_prints_the_token_once_as_json_and_it_works():
    user = UserFactory(email="contact@example.com")
    result = invoke(
        "create", "--user", "Contact@Example.com", "--scope", "write", "--expires", "30", "--json"
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert {"token", "id", "scopes", "expires"} <= set(document)
    assert document["scopes"] == ["read", "write"]
    assert document["expires"] is not None
    token = token_authenticate(document["token"])
    assert token.pk == document["id"]
    assert token.user == user
    assert token.created_by is None


def test_create_without_json_prints_the_token_on_its_own_line():
    UserFactory(email="contact@example.com")
    result = invoke("create", "--user", "contact@example.com")
    assert result.exit_code == 0, result.output
    assert token_authenticate(result.stdout.splitlines()[0]) is not None
    assert "not shown again" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--user", "nobody@example.com"], "nobody@example.com"),
        (["--user", "contact@example.com", "--scope", "root"], "scope"),
        (["--user", "contact@example.com", "--expires", "0"], "--expires"),
    ],
)
def test_bad_input_is_one_line_with_a_hint_and_creates_nothing(args, words):
    UserFactory(email="contact@example.com")
    result = invoke("create", *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "hint" in result.stderr
    assert "Traceback" not in result.output
    assert not ApiToken.objects.exists()


def test_list_shows_tokens_without_their_text():
    UserFactory(email="contact@example.com")
    text = json.loads(invoke("create", "--user", "contact@example.com", "--json").stdout)["token"]
    result = invoke("list", "--json")
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert [document["user"] for document in documents] == ["contact@example.com"]
    assert text not in result.stdout
    table = invoke("list")
    assert table.exit_code == 0
    assert "contact@example.com" in table.stdout


def test_the_table_gives_the_expiry_as_a_date_and_minutes_and_json_keeps_iso():
    import re

    UserFactory(email="contact@example.com")
    document = json.loads(
        invoke("create", "--user", "contact@example.com", "--expires", "30", "--json").stdout
    )
    assert "T" in document["expires"]  # ISO 8601 for machines
    table = runner.invoke(app, ["token", "list"], env={"COLUMNS": "200"}, catch_exceptions=False)
    assert table.exit_code == 0, table.output
    expiry = document["expires"][:10]
    assert re.search(rf"{expiry} \d\d:\d\d UTC", table.stdout)
    assert document["expires"] not in table.stdout  # no raw timestamp
    assert "never" in table.stdout  # never used yet


def test_revoke_stops_the_token():
    UserFactory(email="contact@example.com")
    document = json.loads(invoke("create", "--user", "contact@example.com", "--json").stdout)
    result = invoke("revoke", str(document["id"]))
    assert result.exit_code == 0, result.output
    assert token_authenticate(document["token"]) is None
    assert json.loads(invoke("list", "--json").stdout) == []


def test_revoking_an_unknown_id_says_how_to_find_one():
    result = invoke("revoke", "999")
    assert result.exit_code == 2
    assert "accord token list" in result.stderr
