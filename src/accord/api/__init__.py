"""The HTTP API at /api/v1: assembles the apps' routers (``<app>/apis.py``); see docs/api.md."""
