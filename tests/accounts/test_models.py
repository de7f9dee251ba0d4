import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.test import override_settings
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.accounts.models import User, normalize_email
from accord.config.settings import base
from tests.accounts.factories import PASSWORD, UserFactory

ascii_emails = st.emails().filter(lambda address: address.isascii())


@given(ascii_emails)
@settings(max_examples=60)
def test_normalize_email_ignores_case_and_surrounding_spaces(address):
    assert normalize_email(f"  {address.upper()} ") == normalize_email(address)
    assert normalize_email(normalize_email(address)) == normalize_email(address)


def test_argon2_is_the_first_password_hasher_outside_tests():
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS)
def test_passwords_are_hashed_with_argon2():
    user = User.objects.create_user("Someone@Example.com", PASSWORD)
    assert user.password.startswith("argon2$")
    assert user.check_password(PASSWORD)


@pytest.mark.parametrize("password", ["password123", "12345678901", "qwertyuiop"])
def test_common_and_numeric_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        password_validation.validate_password(password, User(email="a@example.com"))


def test_a_long_uncommon_password_is_accepted():
    password_validation.validate_password("violet-kettle-orbit-58", User(email="a@example.com"))


@pytest.mark.django_db
def test_create_user_stores_the_normalized_email():
    user = User.objects.create_user("  Ada.Lovelace@Example.COM ", PASSWORD)
    assert user.email == "ada.lovelace@example.com"
    assert User.objects.get_by_natural_key("ADA.LOVELACE@example.com") == user


@pytest.mark.django_db
def test_email_is_unique_ignoring_case_even_past_the_manager():
    UserFactory(email="ada@example.com")
    with pytest.raises(IntegrityError, match="user_email_unique_ignoring_case"):
        User.objects.create(email="ADA@example.com")


@pytest.mark.django_db
def test_superuser_has_the_operator_flags():
    user = User.objects.create_superuser("root@example.com", PASSWORD)
    assert user.is_staff
    assert user.is_superuser
