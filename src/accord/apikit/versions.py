"""ETags from a row's version, and ``If-Match`` on every change to a versioned resource.

The ETag is strong, ``"<id>-<version>"``: ``If-Match`` compares strongly (RFC 9110 §13.1.1), so a
weak tag could never match. A PATCH or PUT without ``If-Match`` gets 428; one whose tag is not the
stored version gets 412, and nothing changes.
"""

from __future__ import annotations

import re
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from accord.apikit.errors import PreconditionRequired
from accord.domain.errors import StaleWrite

_TAG = re.compile(r'^"(?P<id>[0-9]+)-(?P<version>[0-9]+)"$')


def etag_of(object_id: Any, version: int) -> str:
    """The ETag of one version of a resource: ``"<id>-<version>"``."""
    return f'"{object_id}-{version}"'


def etag_set(response: HttpResponse, object_id: Any, version: int) -> None:
    """Give ``response`` the ETag of that version (e.g. the ``response`` parameter of an operation)."""
    response["ETag"] = etag_of(object_id, version)


def version_required(request: HttpRequest, object_id: Any) -> int:
    """The version the client's ``If-Match`` names for this resource; the service checks it.

    Raises PreconditionRequired (428) when the header is missing, StaleWrite (412) when it names
    another resource or is not one of our tags (so it can never match).
    """
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        raise PreconditionRequired(
            _("This change needs the version it is based on."),
            hint=_("Send If-Match with the ETag you got when you read the resource."),
        )
    for candidate in (part.strip() for part in header.split(",")):
        match = _TAG.match(candidate)
        if match and match["id"] == str(object_id):
            return int(match["version"])
    raise StaleWrite(
        _("The version in If-Match is not this resource's; nothing was changed."),
        hint=_("Read the resource again and send its ETag."),
    )


def version_check(request: HttpRequest, object_id: Any, current_version: int) -> int:
    """Check ``If-Match`` against the stored version: 428 without it, 412 when stale.

    For an operation whose service takes no expected version; prefer passing the version to the
    service, which checks it under its row lock.
    """
    expected = version_required(request, object_id)
    if expected != current_version:
        raise StaleWrite(
            _("Someone changed this since you read it (version %(current)d, you sent %(sent)d).")
            % {"current": current_version, "sent": expected},
            hint=_("Read it again, reapply your change and send the new ETag."),
        )
    return expected
