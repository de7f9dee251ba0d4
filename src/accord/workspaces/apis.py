"""The workspaces operations of the HTTP API (mounted by accord.api; see docs/api.md)."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Workspaces"])
