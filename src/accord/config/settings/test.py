"""Settings for the test suite: the environment's DATABASE_URL (PostgreSQL in CI) or SQLite."""

from accord.config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# No collectstatic in tests: serve files straight from the apps.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ACCORD_BASE_URL = "http://testserver"
# Whitenoise would warn about the missing collectstatic folder; the finders serve the files instead.
STATIC_ROOT = None  # type: ignore[assignment]
WHITENOISE_USE_FINDERS = True
# Tasks run in the test process, when the transaction that queued them commits; the "database"
# backend lets a test queue work for the real worker (`db_worker --backend database --batch`).
TASKS = {
    "default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"},
    "database": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
