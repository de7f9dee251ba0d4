"""Settings of the real `db_worker` processes the slow tests start: the test settings, with the
database queue as the default one (DATABASE_URL points at the test database)."""

from accord.config.settings.test import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = True
