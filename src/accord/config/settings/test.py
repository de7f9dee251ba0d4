"""Settings for the test suite: the environment's DATABASE_URL (PostgreSQL in CI) or SQLite."""

from accord.config.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
