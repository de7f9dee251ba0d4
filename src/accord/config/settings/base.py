"""Settings read from the environment; an SQLite file by default.

Environment variables: DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS, CSRF_TRUSTED_ORIGINS, EMAIL_URL,
DEFAULT_FROM_EMAIL, TIME_ZONE, CONN_MAX_AGE, ACCORD_BASE_URL (the address people reach Accord at, used in
e-mailed links), ACCORD_PROXY_COUNT (how many reverse proxies add to X-Forwarded-For), ACCORD_DATA_DIR
(where the SQLite file and collected static files live, default ./var).
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import environ
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

env = environ.Env()

PACKAGE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env.str("ACCORD_DATA_DIR", default=str(Path.cwd() / "var")))

SECRET_KEY = env.str("SECRET_KEY", default="accord-development-key-change-me-in-production-0123456789")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
ACCORD_BASE_URL = env.str("ACCORD_BASE_URL", default="http://localhost:8000").rstrip("/")
# Behind N reverse proxies the client's address is the N-th from the right of X-Forwarded-For;
# with none, REMOTE_ADDR is the client (a forwarded header could be forged by anyone).
ACCORD_PROXY_COUNT = env.int("ACCORD_PROXY_COUNT", default=0)
# Outgoing webhooks may reach private, loopback and link-local addresses and plain http:// only when
# this is true: for local development and tests, never in production (docs/webhooks.md).
ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS = env.bool("ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS", default=False)
# Test evidence files (docs/testing.md): kept outside any public folder, served only after an
# access check; each file at most ACCORD_EVIDENCE_MAX_BYTES.
ACCORD_EVIDENCE_DIR = Path(env.str("ACCORD_EVIDENCE_DIR", default=str(DATA_DIR / "evidence")))
ACCORD_EVIDENCE_MAX_BYTES = env.int("ACCORD_EVIDENCE_MAX_BYTES", default=10 * 1024 * 1024)
# Days after go-live during which the project shows its monitoring panel (docs/go-live.md).
ACCORD_GOLIVE_MONITORING_DAYS = env.int("ACCORD_GOLIVE_MONITORING_DAYS", default=14)
# Where escalations to the vendor's support go when a workspace has not set its own address
# (docs/support.md); and how long a post-onboarding survey link works.
ACCORD_SUPPORT_ADDRESS = env.str("ACCORD_SUPPORT_ADDRESS", default="")
ACCORD_SURVEY_LIFETIME = timedelta(days=env.int("ACCORD_SURVEY_DAYS", default=30))

INSTALLED_APPS = [
    "accord.base",
    "accord.web",
    "accord.accounts",
    "accord.workspaces",
    "accord.projects",
    "accord.work",
    "accord.activity",
    "accord.inbox",
    "accord.webhooks",
    "accord.catalog",
    "accord.workspace_settings",
    "accord.design",
    "accord.automations",
    "accord.campaigns",
    "accord.golive",
    "accord.reports",
    "accord.support",
    "accord.surveys",
    "accord.apikit",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks_db",
    # ninja's templates and static files: the API docs page is served from them, never a CDN.
    "ninja",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accord.accounts.middleware.PersonalTimeZoneMiddleware",
    # A first visit (no saved choice) to an English page is sent to the browser's language.
    "accord.accounts.middleware.BrowserLanguageMiddleware",
    # Logged-in pages and downloads: `Cache-Control: private, no-store`.
    "accord.base.middleware.PrivateCacheMiddleware",
    # Every page needs a login unless its view says otherwise: a forgotten decorator fails closed.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # accord.domain.errors.NotFound raised by a view (from a selector or a service): the 404 page.
    "accord.base.middleware.NotFoundMiddleware",
]

ROOT_URLCONF = "accord.config.urls"
WSGI_APPLICATION = "accord.config.wsgi.application"
ASGI_APPLICATION = "accord.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accord.inbox.context_processors.inbox",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'accord.sqlite3'}"),
}
# The web server and the tasks worker write to the same SQLite file: WAL lets readers go on while
# one writes, and IMMEDIATE transactions wait for the lock instead of failing. PRAGMA optimize at
# open keeps the planner's statistics fresh: without them SQLite joined My work through the wrong
# index (260 ms instead of 1.4 ms on the benchmark's data).
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA optimize=0x10002",
    "transaction_mode": "IMMEDIATE",
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
# Keep connections open between requests: opening a PostgreSQL connection costs more than most queries.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background work (e-mails, later notifications and webhooks) is stored in the database and run by
# `manage.py db_worker`, which `accord serve` starts beside the web server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def mailer_from_url(url: str) -> dict[str, Any]:
    """A MAILERS entry (Django 6.1) from an EMAIL_URL such as ``smtp+tls://user:password@host:587``."""
    config = environ.Env.email_url_config(url)
    backend = config["EMAIL_BACKEND"]
    options: dict[str, Any] = {}
    if backend.endswith("smtp.EmailBackend"):
        names = {
            "EMAIL_HOST": "host",
            "EMAIL_PORT": "port",
            "EMAIL_HOST_USER": "username",
            "EMAIL_HOST_PASSWORD": "password",
            "EMAIL_USE_TLS": "use_tls",
            "EMAIL_USE_SSL": "use_ssl",
        }
        options = {option: config[key] for key, option in names.items() if config.get(key) is not None}
        # A mail server that stops answering must not hold a worker forever.
        options["timeout"] = 30
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": "/" + config["EMAIL_FILE_PATH"].lstrip("/")}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": mailer_from_url(env.str("EMAIL_URL", default="consolemail://"))}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="accord@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Accounts: log in by e-mail; Argon2 first, older hashes are upgraded at the next login.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_RESET_TIMEOUT = int(timedelta(hours=2).total_seconds())
# Login throttling, shared by every server through the database. Failed logins within the window
# are counted per e-mail typed AND client address together (so an attacker's address never locks
# the owner out elsewhere), per client address, and per e-mail over all addresses: a high cap
# against guessing spread over many addresses, whose tripping e-mails the account's owner once per
# window. ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL, the older name of the first limit, still sets it.
ACCORD_LOGIN_WINDOW = timedelta(minutes=env.int("ACCORD_LOGIN_WINDOW_MINUTES", default=15))
ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS = env.int(
    "ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_AND_ADDRESS",
    default=env.int("ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL", default=5),
)
ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS = env.int("ACCORD_LOGIN_MAX_FAILURES_PER_ADDRESS", default=30)
ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES = env.int(
    "ACCORD_LOGIN_MAX_FAILURES_PER_EMAIL_ALL_ADDRESSES", default=100
)
# Password-reset e-mails within the window, per e-mail address asked for and per client address;
# past either limit the page answers as usual and no e-mail leaves.
ACCORD_PASSWORD_RESET_WINDOW = timedelta(minutes=env.int("ACCORD_PASSWORD_RESET_WINDOW_MINUTES", default=60))
ACCORD_PASSWORD_RESET_MAX_PER_EMAIL = env.int("ACCORD_PASSWORD_RESET_MAX_PER_EMAIL", default=3)
ACCORD_PASSWORD_RESET_MAX_PER_ADDRESS = env.int("ACCORD_PASSWORD_RESET_MAX_PER_ADDRESS", default=10)
ACCORD_INVITATION_LIFETIME = timedelta(days=env.int("ACCORD_INVITATION_DAYS", default=7))

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = int(timedelta(days=14).total_seconds())
CSRF_COOKIE_HTTPONLY = True

# Security headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The nonce lets a page carry one <style> element: the workspace's accent (accord.workspaces.branding).
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# One date format per language, used by every page, e-mail and export (accord/config/formats).
FORMAT_MODULE_PATH = ["accord.config.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Invitation and reset tokens in addresses ("Not Found: /invitations/…/") never reach a log.
    "filters": {"redact_secrets": {"()": "accord.base.redaction.RedactingFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["redact_secrets"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
