"""Survey worlds for tests: the project cast with a Customer Success Manager staffed."""

from __future__ import annotations

import re

from django.core import mail

from accord.projects import services as project_services
from tests.projects.test_pages_support import Cast, cast_made


def csm_cast() -> Cast:
    """The cast of every kind of person; the vendor member leads the Customer Success Manager role."""
    cast = cast_made()
    project_services.role_assign(
        actor=cast.admin,
        project=cast.project,
        role_key="customer-success-manager",
        user=cast.people["member"].user,
    )
    return cast


def link_in_outbox(index: int = -1) -> str:
    """The survey path (/survey/<token>/) of an e-mail of the outbox."""
    match = re.search(r"https?://[^/\s]+(/survey/[^\s]+/)", mail.outbox[index].body)
    assert match, mail.outbox[index].body
    return match.group(1)
