"""A deployment check: the development switch for private webhook targets must be off."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def private_webhook_targets_off(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if getattr(settings, "ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS", False):
        return [
            Warning(
                "ACCORD_ALLOW_PRIVATE_WEBHOOK_TARGETS is on: webhooks may reach private addresses "
                "and plain http:// (server-side request forgery).",
                hint="Unset it: it is for local development and tests only.",
                id="accord.webhooks.W001",
            )
        ]
    return []
