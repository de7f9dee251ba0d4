"""Carrying an uploaded file from its preview to "Save" without storing it anywhere.

The preview page holds the file's bytes in a hidden field, compressed and signed with the
site's secret (django.core.signing), bound to the workspace and the person, and valid for an
hour. Nothing is kept on the server between the two requests, so any server behind a load
balancer can take the "Save"; the signature means the bytes saved are exactly the bytes
previewed. The upload limit (accord.catalog.uploads.MAX_UPLOAD_BYTES, 1 MB) keeps the field
under Django's request-size limit (DATA_UPLOAD_MAX_MEMORY_SIZE, 2.5 MB) even for a workbook,
which does not compress further.

A matrix file's token also carries the corrections made on the preview (the detector's
options, as plain data): "Save" reads the file exactly as it was last shown.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _

from accord.domain.errors import InvalidInput, Problem

SALT = "accord.workspace_settings.playbook-upload"
LIFETIME = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Upload:
    filename: str
    data: bytes
    #: The detector's options as data (accord.catalog.uploads.options_to_data); empty for none.
    options: dict[str, Any] = field(default_factory=dict)


def _salt(workspace_id: int, user_id: int) -> str:
    return f"{SALT}:{workspace_id}:{user_id}"


def upload_token(*, workspace_id: int, user_id: int, upload: Upload) -> str:
    """A signed, compressed copy of the upload, for the preview page's hidden field."""
    payload = {
        "filename": upload.filename,
        "data": base64.b64encode(upload.data).decode("ascii"),
        "options": upload.options,
    }
    return signing.dumps(payload, salt=_salt(workspace_id, user_id), compress=True)


def upload_from_token(token: str, *, workspace_id: int, user_id: int) -> Upload:
    """The upload a token carries; InvalidInput if it was altered, is another person's, or expired."""
    try:
        payload = signing.loads(token, salt=_salt(workspace_id, user_id), max_age=LIFETIME)
        return Upload(
            filename=str(payload["filename"]),
            data=base64.b64decode(payload["data"], validate=True),
            options=dict(payload.get("options") or {}),
        )
    except signing.SignatureExpired:
        message = _("The preview is more than an hour old.")
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError, binascii.Error):
        message = _("The preview could not be read back.")
    raise InvalidInput(
        [Problem(code="upload-token-invalid", message=message, hint=_("Upload the file again."), where="")]
    )
