from django.conf import settings
from django.db import connection


def test_database_is_configured_from_the_environment(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert settings.DATABASES["default"]["ENGINE"] in {
        "django.db.backends.sqlite3",
        "django.db.backends.postgresql",
    }


def test_database_url_selects_postgresql(monkeypatch):
    import environ

    monkeypatch.setenv("DATABASE_URL", "postgres://u:p@127.0.0.1:5432/accord")
    config = environ.Env().db_url("DATABASE_URL")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert config["NAME"] == "accord"
