"""The overview slide of a real project, opened by LibreOffice: converted to PDF, then to PNG with
poppler. The PDF's text holds the project's name and both systems; the PNG goes into the docs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from tests.design.factories import cast_made, flows_made, staffed

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.slow,
    pytest.mark.skipif(
        not all(shutil.which(tool) for tool in ("soffice", "pdftoppm", "pdftotext")),
        reason="LibreOffice and poppler are not installed; `make test` installs them",
    ),
]

DOCS_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "images"


def test_libreoffice_renders_the_projects_slide_with_its_name_and_both_systems(tmp_path):
    cast = cast_made("invoicecloud-integration", name="Acme — Invoice Cloud integration")
    staffed(cast)
    flows_made(cast)
    client = Client()
    client.force_login(cast.admin)
    response = client.get(f"/projects/{cast.project.pk}/design/overview.pptx")
    assert response.status_code == 200
    source = tmp_path / "overview.pptx"
    source.write_bytes(response.content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        timeout=240,
        capture_output=True,
    )
    pdf = tmp_path / "overview.pdf"
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, timeout=60
    ).stdout
    words = " ".join(text.decode().split())
    assert "Acme — Invoice Cloud integration" in words
    assert "Acme CIS" in words
    assert "Invoice Cloud" in words.replace("Acme — Invoice Cloud integration", "")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-singlefile", str(pdf), str(tmp_path / "slide")],
        check=True,
        timeout=60,
    )
    png = tmp_path / "slide.png"
    assert png.read_bytes().startswith(b"\x89PNG")
    DOCS_IMAGES.mkdir(exist_ok=True)
    shutil.copyfile(png, DOCS_IMAGES / "design-overview-slide.png")
