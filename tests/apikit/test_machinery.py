"""What every router gets from the factory: 401/403, the one error body, ETags and If-Match,
idempotency keys, no CSRF, no login session, no caching. A small API (tests/apikit/test_api.py)
is mounted on a NinjaAPI built by the factory."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.test import Client
from django.utils import timezone

from accord.apikit.models import ApiToken, IdempotencyKey
from accord.apikit.services import token_revoke
from tests.accounts.factories import UserFactory
from tests.apikit import test_api
from tests.apikit.factories import bearer, token_for

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.apikit.test_api")]


@pytest.fixture(autouse=True)
def _fresh_widgets():
    test_api.WIDGETS.clear()
    test_api.CALLS.clear()
    test_api.WIDGETS[1] = {"name": "first", "version": 3}


def body_of(response) -> dict:
    document = json.loads(response.content)
    assert set(document) == {"code", "message", "details"}, document
    assert isinstance(document["details"], list)
    return document


def test_a_valid_token_reaches_the_operation_as_its_person(client):
    response = client.get("/api/v1/widgets/1", headers=bearer(UserFactory()))
    assert response.status_code == 200
    assert response.json() == {"id": 1, "name": "first", "version": 3}


def _header_for(case: str) -> dict[str, str]:
    user = UserFactory()
    created = token_for(user, expires_at=timezone.now() + timedelta(days=1))
    if case == "missing":
        return {}
    if case == "not-bearer":
        return {"Authorization": f"Basic {created.text}"}
    if case == "malformed":
        return {"Authorization": "Bearer"}
    if case == "unknown":
        return {"Authorization": f"Bearer {created.text[:-4]}abcd"}
    if case == "revoked":
        token_revoke(actor=user, token=created.token)
    elif case == "expired":
        ApiToken.objects.filter(pk=created.token.pk).update(
            created_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(minutes=1)
        )
    elif case == "inactive-person":
        user.is_active = False
        user.save()
    return {"Authorization": f"Bearer {created.text}"}


@pytest.mark.parametrize(
    "case", ["missing", "not-bearer", "malformed", "unknown", "revoked", "expired", "inactive-person"]
)
def test_no_usable_token_gets_401_with_the_error_body(client, case):
    response = client.get("/api/v1/widgets/1", headers=_header_for(case))
    assert response.status_code == 401
    assert body_of(response)["code"] == "not-authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_401_comes_before_validation_and_before_404(client):
    assert client.patch("/api/v1/widgets/999", "not json", content_type="application/json").status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "scope", "status"),
    [
        ("get", "/api/v1/widgets/1", "read", 200),
        ("post", "/api/v1/widgets", "read", 403),
        ("post", "/api/v1/widgets", "write", 201),
        ("post", "/api/v1/settings", "write", 403),
        ("post", "/api/v1/settings", "admin", 200),
    ],
)
def test_the_scope_follows_the_method_and_admin_operations_need_admin(client, method, path, scope, status):
    response = getattr(client, method)(
        path, {"name": "x"}, content_type="application/json", headers=bearer(UserFactory(), scope)
    )
    assert response.status_code == status, response.content
    if status == 403:
        assert body_of(response)["code"] == "insufficient-scope"


def test_a_refused_scope_changes_nothing(client):
    client.post(
        "/api/v1/widgets",
        {"name": "x"},
        content_type="application/json",
        headers=bearer(UserFactory(), "read"),
    )
    assert test_api.CALLS == []


def test_404_from_a_domain_not_found(client):
    response = client.get("/api/v1/widgets/42", headers=bearer(UserFactory()))
    assert response.status_code == 404
    assert body_of(response) == {
        "code": "not-found",
        "message": "No such widget.",
        "details": [{"hint": "List the widgets."}],
    }


def test_422_from_invalid_input_lists_each_field(client):
    response = client.post(
        "/api/v1/widgets",
        {"name": "bad"},
        content_type="application/json",
        headers=bearer(UserFactory(), "write"),
    )
    assert response.status_code == 422
    document = body_of(response)
    assert document["code"] == "invalid-input"
    assert document["details"] == [
        {"field": "name", "code": "bad-name", "message": "That name is not allowed.", "hint": "Pick another."}
    ]


def test_422_from_the_schema_names_each_field(client):
    response = client.post(
        "/api/v1/widgets", {"nom": 1}, content_type="application/json", headers=bearer(UserFactory(), "write")
    )
    assert response.status_code == 422
    document = body_of(response)
    assert document["code"] == "invalid-input"
    assert [detail["field"] for detail in document["details"]] == ["body.payload.name"]
    assert all(detail["message"] for detail in document["details"])


def test_422_for_a_body_that_is_not_json(client):
    response = client.post(
        "/api/v1/widgets",
        "{not json",
        content_type="application/json",
        headers=bearer(UserFactory(), "write"),
    )
    assert response.status_code == 422
    assert body_of(response)["details"][0]["field"] == "body"


def test_409_for_a_conflict(client):
    response = client.post(
        "/api/v1/gates", {}, content_type="application/json", headers=bearer(UserFactory(), "write")
    )
    assert response.status_code == 409
    assert body_of(response)["code"] == "conflict"


def test_405_for_a_method_the_address_does_not_answer(client):
    response = client.delete("/api/v1/widgets", headers=bearer(UserFactory(), "write"))
    assert response.status_code == 405
    assert body_of(response)["code"] == "method-not-allowed"
    assert response["Allow"] == "POST"


@pytest.mark.parametrize("path", ["/api/v1/nowhere", "/api/v1/", "/api/v1/widgets/1/more"])
def test_unknown_addresses_under_the_api_get_404_with_the_body(client, path):
    response = client.get(path, headers=bearer(UserFactory()))
    assert response.status_code == 404
    assert body_of(response)["code"] == "not-found"


def test_500_without_traceback(client):
    response = client.get("/api/v1/boom", headers=bearer(UserFactory()))
    assert response.status_code == 500
    assert body_of(response)["code"] == "internal-error"
    assert b"secret internal detail" not in response.content
    assert b"Traceback" not in response.content


def test_no_csrf_token_no_session_and_no_cache():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/api/v1/widgets",
        {"name": "csrf"},
        content_type="application/json",
        headers=bearer(UserFactory(), "write"),
    )
    assert response.status_code == 201
    assert response["Cache-Control"] == "private, no-store"
    assert "sessionid" not in response.cookies
    assert client.get("/api/v1/nowhere")["Cache-Control"] == "private, no-store"


def test_a_session_cookie_alone_does_not_authenticate(client):
    client.force_login(UserFactory())
    assert client.get("/api/v1/widgets/1").status_code == 401


# ETags and If-Match


def test_a_read_carries_a_strong_etag_from_the_version(client):
    response = client.get("/api/v1/widgets/1", headers=bearer(UserFactory()))
    assert response["ETag"] == '"1-3"'


def test_a_change_with_the_current_etag_goes_through_and_gets_the_next(client):
    headers = bearer(UserFactory(), "write") | {"If-Match": '"1-3"'}
    response = client.patch(
        "/api/v1/widgets/1", {"name": "renamed"}, content_type="application/json", headers=headers
    )
    assert response.status_code == 200
    assert response["ETag"] == '"1-4"'
    assert test_api.WIDGETS[1] == {"name": "renamed", "version": 4}


@pytest.mark.parametrize(
    ("if_match", "status", "code"),
    [
        (None, 428, "version-required"),
        ("*", 428, "version-required"),
        ('"1-2"', 412, "stale-write"),
        ('"2-3"', 412, "stale-write"),
        ('W/"3"', 412, "stale-write"),
    ],
)
def test_a_change_without_or_with_a_stale_etag_changes_nothing(client, if_match, status, code):
    headers = bearer(UserFactory(), "write") | ({"If-Match": if_match} if if_match else {})
    response = client.patch(
        "/api/v1/widgets/1", {"name": "lost"}, content_type="application/json", headers=headers
    )
    assert response.status_code == status
    assert body_of(response)["code"] == code
    assert test_api.WIDGETS[1] == {"name": "first", "version": 3}


# Idempotency keys


def _post(client, headers, name="retry"):
    return client.post("/api/v1/widgets", {"name": name}, content_type="application/json", headers=headers)


def test_the_same_key_and_body_replay_the_first_answer_without_running_again(client):
    headers = bearer(UserFactory(), "write") | {"Idempotency-Key": "key-1"}
    first = _post(client, headers)
    again = _post(client, headers)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert test_api.CALLS == ["retry"]
    record = IdempotencyKey.objects.get()
    assert record.status_code == 201
    assert record.expires_at - record.created_at == timedelta(hours=24)


def test_the_same_key_with_another_body_is_refused(client):
    headers = bearer(UserFactory(), "write") | {"Idempotency-Key": "key-1"}
    _post(client, headers, "one")
    response = _post(client, headers, "two")
    assert response.status_code == 422
    assert body_of(response)["code"] == "idempotency-key-reused"
    assert test_api.CALLS == ["one"]


def test_keys_belong_to_one_token(client):
    user = UserFactory()
    _post(client, bearer(user, "write") | {"Idempotency-Key": "shared"})
    _post(client, bearer(user, "write") | {"Idempotency-Key": "shared"})
    assert test_api.CALLS == ["retry", "retry"]


def test_a_refused_request_keeps_no_key_so_a_corrected_retry_runs(client):
    headers = bearer(UserFactory(), "write") | {"Idempotency-Key": "key-1"}
    assert _post(client, headers, "bad").status_code == 422
    assert not IdempotencyKey.objects.exists()
    assert _post(client, headers, "bad").status_code == 422
    assert test_api.CALLS == ["bad", "bad"]


def test_an_expired_key_is_forgotten(client):
    headers = bearer(UserFactory(), "write") | {"Idempotency-Key": "key-1"}
    _post(client, headers)
    IdempotencyKey.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    assert "Idempotent-Replayed" not in _post(client, headers)
    assert test_api.CALLS == ["retry", "retry"]


def test_an_unusable_key_is_refused(client):
    headers = bearer(UserFactory(), "write") | {"Idempotency-Key": "k" * 256}
    response = _post(client, headers)
    assert response.status_code == 422
    assert body_of(response)["code"] == "invalid-idempotency-key"
    assert test_api.CALLS == []


def test_two_rows_for_one_key_and_token_are_impossible():
    token = token_for(UserFactory()).token
    values = {
        "token": token,
        "key": "k",
        "request_digest": "d",
        "status_code": 201,
        "expires_at": timezone.now(),
    }
    IdempotencyKey.objects.create(**values)
    with pytest.raises(IntegrityError):
        IdempotencyKey.objects.create(**values)


def test_a_replayed_answer_never_holds_the_secret_it_showed_once():
    from django.http import JsonResponse

    from accord.apikit.idempotency import stored_body

    shown = JsonResponse(
        {"id": 3, "secret": "whsec_abc", "token": "acc_1a2b_xyz", "nested": [{"t": "acc_q"}]}
    )
    kept = json.loads(stored_body(shown))
    assert kept == {"id": 3, "secret": None, "token": None, "nested": [{"t": None}]}


def test_a_null_character_is_refused_before_any_operation_runs(client):
    """PostgreSQL refuses NUL in text (a 500); the API answers 422 for any operation, once."""
    response = client.post(
        "/api/v1/tokens", data='{"name": "a\\u0000b", "scope": "read"}', content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "invalid-input"
    assert client.get("/api/v1/me?x=%00").status_code == 422
