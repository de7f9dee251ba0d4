"""The one API of Accord: every app's router, mounted once. Add yours here (docs/api.md)."""

from __future__ import annotations

from accord.api import me
from accord.apikit import apis as token_apis
from accord.apikit.factory import api_build

api = api_build(
    [
        ("", me.router),
        ("", token_apis.router),
    ]
)
