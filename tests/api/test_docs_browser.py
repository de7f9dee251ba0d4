"""In real Chromium: the API docs page renders from our own static files, without a CSP error,
and lists the operations of the live schema."""

from __future__ import annotations

import pytest

from tests.browser import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_without_csp_errors_or_outside_requests(page, live_server):
    problems: list[str] = []
    outside: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(live_server.url) or request.url.startswith("data:")
            else outside.append(request.url)
        ),
    )

    page.goto(f"{live_server.url}/api/v1/docs")
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=15000)

    assert "Accord API" in page.locator(".swagger-ui .info .title").inner_text()
    summaries = page.locator(".opblock-summary-path").all_inner_texts()
    assert any("/api/v1/me" in text for text in summaries)
    assert any("/api/v1/tokens" in text for text in summaries)
    assert not [
        problem for problem in problems if "Content Security Policy" in problem or "Refused" in problem
    ], problems
    assert not outside, outside
    screenshot(page, "api-docs")
