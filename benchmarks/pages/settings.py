"""The production settings, served over plain HTTP on the loopback, plus the baseline views.

Only what a benchmark on 127.0.0.1 needs changes: no HTTPS redirect and cookies sent over HTTP.
"""

from accord.config.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.pages.urls"
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LANGUAGE_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# Failed logins would throttle a benchmark that logs in many times from one address.
ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS = 1_000_000
