import pytest
from django.core import signing
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.domain.errors import InvalidInput
from accord.workspace_settings.upload_token import Upload, upload_from_token, upload_token


@settings(max_examples=60)
@given(st.text(min_size=1, max_size=40), st.binary(max_size=2000))
def test_a_token_gives_back_the_exact_upload(filename, data):
    upload = Upload(filename=filename, data=data)
    token = upload_token(workspace_id=3, user_id=7, upload=upload)
    assert upload_from_token(token, workspace_id=3, user_id=7) == upload


@pytest.mark.parametrize(("workspace_id", "user_id"), [(4, 7), (3, 8)])
def test_a_token_works_only_for_its_workspace_and_person(workspace_id, user_id):
    token = upload_token(workspace_id=3, user_id=7, upload=Upload("a.yaml", b"key: a"))
    with pytest.raises(InvalidInput) as raised:
        upload_from_token(token, workspace_id=workspace_id, user_id=user_id)
    assert raised.value.problems[0].code == "upload-token-invalid"


def test_an_altered_token_is_refused():
    token = upload_token(workspace_id=3, user_id=7, upload=Upload("a.yaml", b"key: a"))
    with pytest.raises(InvalidInput):
        upload_from_token(
            token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"), workspace_id=3, user_id=7
        )


def test_an_old_token_is_refused_with_its_reason(monkeypatch):
    token = upload_token(workspace_id=3, user_id=7, upload=Upload("a.yaml", b"key: a"))
    real_loads = signing.loads
    monkeypatch.setattr(
        signing, "loads", lambda value, **options: real_loads(value, **options | {"max_age": -1})
    )
    with pytest.raises(InvalidInput) as raised:
        upload_from_token(token, workspace_id=3, user_id=7)
    assert "hour" in raised.value.problems[0].message


def test_a_signed_payload_of_the_wrong_shape_is_refused():
    token = signing.dumps({"nothing": 1}, salt="accord.workspace_settings.playbook-upload:3:7", compress=True)
    with pytest.raises(InvalidInput):
        upload_from_token(token, workspace_id=3, user_id=7)
