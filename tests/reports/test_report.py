"""The status report: what it shows, its movement since the last report, who may publish it, and
its PDF made on the server (checked with poppler's pdftotext, and turned into PNG for the docs)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest

from accord.activity.models import ActivityEntry
from accord.projects.access import NotAllowed
from accord.projects.models import Project, ProjectTask, RaciCell, TaskComment
from accord.reports import services
from accord.reports.pdf import report_pdf
from accord.reports.selectors import report_view
from tests.projects.cast import cast_made
from tests.work.factories import staff

pytestmark = pytest.mark.django_db
DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def _customer_decisions(cast):
    """A question asked of the customer's program manager, and an approval the sponsor owes."""
    project = cast.project
    asked, approval = list(ProjectTask.objects.filter(project=project).order_by("position")[:2])
    RaciCell.objects.update_or_create(task=asked, role_key="program-manager", defaults={"letters": 4})
    RaciCell.objects.update_or_create(task=approval, role_key="executive-sponsor", defaults={"letters": 2})
    ProjectTask.objects.filter(pk=approval.pk).update(status="awaiting_approval")
    TaskComment.objects.create(task=asked, author=cast.admin, kind="question", body="Which SSO provider?")
    return asked, approval


def test_the_report_lists_the_decisions_needed_from_the_customer_and_whats_blocked():
    cast = cast_made("socialtalent-onboarding")
    staff(cast.project, "program-manager", cast.people["customer"].user, lead=True)
    asked, approval = _customer_decisions(cast)
    third = ProjectTask.objects.filter(project=cast.project).order_by("position")[2]
    ProjectTask.objects.filter(pk=third.pk).update(status="blocked", status_reason="No test tenant yet")
    view = report_view(cast.people["customer"].user, cast.project.pk)
    decisions = {(item["kind"], item["key"]) for item in view.snapshot["decisions"]}
    assert decisions == {("question", asked.key), ("approval", approval.key)}
    question = next(item for item in view.snapshot["decisions"] if item["kind"] == "question")
    assert question["who"] == cast.people["customer"].user.get_full_name()
    assert [item["reason"] for item in view.snapshot["blocked"]] == ["No test tenant yet"]


def test_publishing_keeps_a_snapshot_and_the_next_report_says_how_far_the_forecast_moved():
    cast = cast_made("socialtalent-onboarding")
    manager = cast.people["manager"].user
    first = services.report_publish(actor=manager, project=cast.project)
    assert ActivityEntry.objects.filter(verb="report.published", target_key=str(first.pk)).exists()
    Project.objects.filter(pk=cast.project.pk).update(
        go_live_p80=dt.date.fromisoformat(first.snapshot["forecast"]["p80"]) + dt.timedelta(days=5)
    )
    second = services.report_publish(actor=manager, project=Project.objects.get(pk=cast.project.pk))
    view = report_view(cast.people["customer"].user, cast.project.pk, second.pk)
    assert view.previous == first
    assert view.movement == 5


def test_only_vendor_admins_and_managers_publish():
    cast = cast_made("socialtalent-onboarding")
    for kind in ("member", "customer"):
        with pytest.raises(NotAllowed):
            services.report_publish(actor=cast.people[kind].user, project=cast.project)


def test_an_internal_question_never_reaches_the_report():
    if "internal" not in {field.name for field in TaskComment._meta.get_fields()}:
        pytest.skip("comments cannot be internal yet")
    cast = cast_made("socialtalent-onboarding")
    asked, _approval = _customer_decisions(cast)
    TaskComment.objects.filter(task=asked).update(internal=True)
    view = report_view(cast.people["customer"].user, cast.project.pk)
    assert all(item["kind"] != "question" for item in view.snapshot["decisions"])


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler is installed by scripts/system-deps")
def test_the_pdf_is_made_on_the_server_and_reads_as_the_report(tmp_path):
    cast = cast_made("socialtalent-onboarding")
    staff(cast.project, "program-manager", cast.people["customer"].user, lead=True)
    _customer_decisions(cast)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf(report_view(cast.people["customer"].user, cast.project.pk)))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Status report" in text
    assert "Which SSO provider?" in text
    assert "Decisions needed from the customer" in text
    DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-singlefile", str(pdf), str(DOCS_IMAGES / "status-report-pdf")],
        check=True,
    )
    assert (DOCS_IMAGES / "status-report-pdf.png").stat().st_size > 1000
