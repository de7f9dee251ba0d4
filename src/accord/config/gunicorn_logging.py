"""gunicorn's access log without the secrets some addresses carry (see accord.base.redaction);
``accord serve`` starts gunicorn with this logger."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from accord.base.redaction import redact


class RedactingLogger(Logger):  # type: ignore[misc]  # gunicorn ships no type hints
    """gunicorn's logger, with the request line, path and referrer redacted before formatting."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{referer}i", "{raw_uri}e", "{path_info}e"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
