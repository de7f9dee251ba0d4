"""The status report as a PDF, made on the server with WeasyPrint (system Pango: see
scripts/system-deps). It is the print view's HTML with the print styles, fonts and images
inlined: WeasyPrint fetches nothing from the network."""

from __future__ import annotations

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

from accord.reports.selectors import ReportView


def _print_css() -> str:
    path = finders.find("reports/report.css")
    return open(str(path), encoding="utf-8").read() if path else ""


def report_pdf(view: ReportView) -> bytes:
    """The report as PDF bytes, in the active language."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # heavy: imported when a PDF is made

    html = render_to_string(
        "reports/report_pdf.html", {"view": view, "project": view.project, "css": _print_css()}
    )

    def no_fetching(url: str, *args: object, **kwargs: object) -> dict[str, object]:
        if url.startswith("data:"):
            from weasyprint.urls import default_url_fetcher  # type: ignore[import-untyped]

            fetched: dict[str, object] = default_url_fetcher(url)
            return fetched
        raise ValueError("the report PDF fetches nothing")

    document = HTML(string=html, url_fetcher=no_fetching, base_url=".")
    return bytes(document.write_pdf())
