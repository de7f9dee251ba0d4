"""Settings for a real deployment behind a TLS-terminating reverse proxy.

SECRET_KEY must come from the environment. The proxy must set X-Forwarded-Proto (and overwrite any
value the client sent): Django trusts it to know the request came over HTTPS.
"""

from django.core.exceptions import ImproperlyConfigured

from accord.config.settings.base import *  # noqa: F403
from accord.config.settings.base import env

SECRET_KEY = env.str("SECRET_KEY", default="")
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("accord-development-key"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a long random value in production "
        '(e.g. python -c "import secrets; print(secrets.token_urlsafe(50))")'
    )
DEBUG = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Health checks from the proxy or orchestrator come over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
if not SECURE_HSTS_PRELOAD:
    # Joining the browsers' preload list is hard to undo and binds every subdomain: the domain's
    # owner decides it (SECURE_HSTS_PRELOAD=true), so the deploy check does not nag about it.
    SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
