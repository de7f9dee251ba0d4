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


def test_an_sqlite_file_runs_in_wal_mode_with_fresh_statistics(tmp_path, django_db_blocker):
    from django.db.backends.sqlite3.base import DatabaseWrapper

    from accord.config.settings.base import SQLITE_OPTIONS

    wrapper = DatabaseWrapper(
        {
            "NAME": str(tmp_path / "accord.sqlite3"),
            "OPTIONS": dict(SQLITE_OPTIONS),
            "CONN_MAX_AGE": 0,
            "CONN_HEALTH_CHECKS": False,
            "AUTOCOMMIT": True,
            "ATOMIC_REQUESTS": False,
            "TIME_ZONE": None,
            "USER": "",
            "PASSWORD": "",
            "HOST": "",
            "PORT": "",
            "TEST": {},
        },
        alias="wal-check",
    )
    try:
        with django_db_blocker.unblock(), wrapper.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone() == ("wal",)
        assert wrapper.transaction_mode == "IMMEDIATE"
    finally:
        wrapper.close()
