"""What every app's HTTP API shares: tokens, scopes, the error body, ETags, idempotency, pagination.

A low package (below the apps, above accounts): an app's ``apis.py`` imports from here, and
``accord.api`` assembles the routers at /api/v1. See docs/api.md.
"""
