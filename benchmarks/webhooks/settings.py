"""The base settings with the database queue, for the webhook benchmark's processes. The
receiver runs on 127.0.0.1, so the development switch for private targets is on."""

from accord.config.settings.base import *  # noqa: F403

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = True
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
