import os

import pytest
from django.conf import settings
from django.utils import translation

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # live_server + Playwright's page

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(autouse=True)
def _english_unless_a_test_says_otherwise():
    """A request to a French page leaves French active in the thread (LocaleMiddleware does not
    reset it); start and end every test in the default language so no test depends on order."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Playwright drives Debian's Chromium (its own browser download does not work here)."""
    return {**browser_type_launch_args, "executable_path": "/usr/bin/chromium", "args": CHROMIUM_ARGS}


@pytest.fixture
def crew(db):
    """A small project with a person in each role (see tests.work.factories.Crew)."""
    from tests.work.factories import Crew

    return Crew()


@pytest.fixture
def wsgi_calls_keep_the_test_connection():
    """Call the WSGI application (schemathesis' from_wsgi) as Django's test client does: without
    the request signals that close "old" connections, which would end the test's transaction on
    PostgreSQL (autocommit is off inside it)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
