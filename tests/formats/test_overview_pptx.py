"""The integration overview slide: opened with python-pptx, and by LibreOffice when it is installed."""

from __future__ import annotations

import io
import shutil
import subprocess
from datetime import date

import pytest
from pptx import Presentation
from pptx.util import Inches

from accord.domain.design import DataFlow, FlowMode
from accord.formats.design.overview_pptx import (
    Contact,
    IntegrationOverview,
    Milestone,
    format_day,
    overview_to_pptx,
)

OVERVIEW = IntegrationOverview(
    project_name="Acme Water — billing integration",
    customer_name="Acme Water",
    flows=(
        DataFlow(
            "Daily bill file", "Biller CIS", "Invoice Cloud", "end of day", FlowMode.BATCH, "CSV", "SFTP"
        ),
        DataFlow(
            "Payment posted",
            "Invoice Cloud",
            "Biller CIS",
            "payment made",
            FlowMode.REALTIME,
            "JSON",
            "HTTPS",
        ),
        DataFlow("Customer sync", "CRM", "Invoice Cloud", "customer created"),
    ),
    contacts=(
        Contact("Ann Lee", "Customer · IT department", "ann@acme.example"),
        Contact("Bo Chen", "Vendor · Integration Manager", "bo@vendor.example"),
    ),
    planned_go_live=date(2026, 11, 18),
    go_live_p80=date(2026, 12, 2),
    start=date(2026, 6, 1),
    milestones=(Milestone("Design approved", date(2026, 7, 1)),),
)


def open_slide(data: bytes):
    presentation = Presentation(io.BytesIO(data))
    assert len(presentation.slides) == 1
    return presentation, presentation.slides[0]


def texts(slide) -> str:
    found = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
    for shape in slide.shapes:
        if shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
    return "\n".join(found)


def shape_names(slide) -> list[str]:
    return [shape.name for shape in slide.shapes]


def test_one_wide_slide_with_names_systems_flows_timeline_and_contacts():
    presentation, slide = open_slide(overview_to_pptx(OVERVIEW))
    assert (presentation.slide_width, presentation.slide_height) == (Inches(13.333), Inches(7.5))
    text = texts(slide)
    for expected in (
        "Acme Water — billing integration",
        "Customer: Acme Water",
        "1. Daily bill file: Biller CIS → Invoice Cloud (batch, CSV, SFTP)",
        "Go-live (planned)\n18 Nov 2026",
        "Go-live P80\n2 Dec 2026",
        "Design approved",
        "ann@acme.example",
        "Vendor · Integration Manager",
    ):
        assert expected in text
    names = shape_names(slide)
    assert [name for name in names if name.startswith("system: ")] == [
        "system: Biller CIS",
        "system: Invoice Cloud",
        "system: CRM",
    ]
    assert {"flow: Biller CIS → Invoice Cloud", "flow: Invoice Cloud → CRM"} <= set(names)
    for shape in slide.shapes:
        assert shape.left >= 0, shape.name
        assert shape.top >= 0, shape.name
        assert shape.left + shape.width <= presentation.slide_width, shape.name
        assert shape.top + shape.height <= presentation.slide_height, shape.name


def test_arrows_point_the_way_the_data_goes_and_carry_their_flow_numbers():
    _, slide = open_slide(overview_to_pptx(OVERVIEW))
    shapes = {shape.name: shape for shape in slide.shapes}
    both_ways = shapes["flow: Biller CIS → Invoice Cloud"].line._get_or_add_ln()
    one_way = shapes["flow: Invoice Cloud → CRM"].line._get_or_add_ln()
    assert [child.tag.rsplit("}", 1)[1] for child in both_ways if "End" in child.tag] == [
        "headEnd",
        "tailEnd",
    ]
    assert [child.tag.rsplit("}", 1)[1] for child in one_way if "End" in child.tag] == ["headEnd"]
    assert shapes["flow numbers: Biller CIS → Invoice Cloud"].text_frame.text == "1, 2"
    assert shapes["flow numbers: Invoice Cloud → CRM"].text_frame.text == "3"


def test_the_slide_speaks_french():
    _, slide = open_slide(overview_to_pptx(OVERVIEW, language="fr"))
    text = texts(slide)
    for expected in (
        "Client : Acme Water",
        "Flux de données",
        "Contacts clés",
        "Mise en production P80",
        "2 déc. 2026",
    ):
        assert expected in text
    assert "(par lots, CSV, SFTP)" in text
    assert format_day(date(2026, 8, 3), "fr") == "3 août 2026"


def test_an_empty_project_still_gives_a_slide_that_says_what_is_missing():
    _, slide = open_slide(overview_to_pptx(IntegrationOverview("New project", "Someone")))
    text = texts(slide)
    assert "No data flows yet." in text
    assert "No dates planned yet." in text
    assert "No contacts yet." in text


def test_many_flows_and_contacts_are_cut_with_a_count_of_the_rest():
    flows = tuple(DataFlow(f"Flow {n}", f"System {n % 9}", f"System {(n + 1) % 9}") for n in range(20))
    contacts = tuple(Contact(f"Person {n}", "Role", f"p{n}@example.com") for n in range(8))
    presentation, slide = open_slide(
        overview_to_pptx(IntegrationOverview("Big", "Customer", flows, contacts))
    )
    text = texts(slide)
    assert "… and 7 more" in text  # flows: 13 listed of 20
    assert "… and 3 more" in text  # contacts: 5 shown of 8
    assert len([name for name in shape_names(slide) if name.startswith("system: ")]) == 9
    for shape in slide.shapes:
        assert shape.left + shape.width <= presentation.slide_width, shape.name


@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
    reason="LibreOffice (soffice) and poppler (pdftoppm) are not installed; `make test` installs them",
)
def test_libreoffice_opens_the_slide_and_renders_it_to_png(tmp_path):
    source = tmp_path / "overview.pptx"
    source.write_bytes(overview_to_pptx(OVERVIEW))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=180,
        capture_output=True,
    )
    pdf = tmp_path / "overview.pdf"
    assert pdf.exists()
    assert pdf.stat().st_size > 0
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", str(pdf), str(tmp_path / "overview")], check=True, timeout=60
    )
    pngs = list(tmp_path.glob("overview*.png"))
    assert len(pngs) == 1
    assert pngs[0].read_bytes().startswith(b"\x89PNG")
