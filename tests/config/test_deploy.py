import os
import secrets
import subprocess
import sys

import pytest

from accord.config.settings.base import mailer_from_url


def run_django(*arguments, **environment):
    # The test process's own switches (async-unsafe for Playwright, settings) are not a deployment's.
    ignored = {"SECRET_KEY", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "EMAIL_URL"}
    env = {key: value for key, value in os.environ.items() if key not in ignored}
    return subprocess.run(
        [sys.executable, "-m", "django", *arguments],
        env=env | environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run_django(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        "--settings=accord.config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="accord.example.com",
        EMAIL_URL="smtp+tls://accord:password@mail.example.com:587",
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stderr


def test_the_deploy_check_catches_a_console_mailer_in_production():
    result = run_django(
        "check",
        "--deploy",
        "--settings=accord.config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="accord.example.com",
    )
    assert result.returncode != 0
    assert "mail.E001" in result.stderr


def test_production_refuses_to_start_without_a_real_secret_key():
    result = run_django("check", "--settings=accord.config.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert "Traceback" in result.stderr or "ImproperlyConfigured" in result.stderr


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("consolemail://", {"BACKEND": "django.core.mail.backends.console.EmailBackend", "OPTIONS": {}}),
        (
            "smtp+tls://mailer%40example.com:s3cret@mail.example.com:587",
            {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {
                    "host": "mail.example.com",
                    "port": 587,
                    "username": "mailer@example.com",
                    "password": "s3cret",
                    "use_tls": True,
                    "timeout": 30,
                },
            },
        ),
        (
            "filemail:///var/mail/accord",
            {
                "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                "OPTIONS": {"file_path": "/var/mail/accord"},
            },
        ),
    ],
)
def test_email_url_becomes_a_mailer(url, expected):
    assert mailer_from_url(url) == expected
