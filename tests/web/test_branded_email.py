"""The e-mails contacts receive (invitations, notifications) carry an HTML part: the same words
under the vendor's band (name, logo, accent), escaped, in the recipient's language."""

from __future__ import annotations

import pytest
from django.core import mail

from accord.demo.branding import ACCENT, LOGO
from accord.work import services as work
from accord.workspaces.branding import branded_email_html, branding_update
from accord.workspaces.models import Workspace
from tests.html import page
from tests.projects.cast import cast_made
from tests.work.factories import task

pytestmark = pytest.mark.django_db


def _branded(workspace, admin):
    branding_update(
        actor=admin, workspace=workspace, version=workspace.branding_version, accent_colour=ACCENT, logo=LOGO
    )
    return Workspace.objects.get(pk=workspace.pk)


def _html(message):
    [(content, media_type)] = message.alternatives
    assert media_type == "text/html"
    return content


def test_the_html_part_is_the_text_under_the_band_escaped_with_links():
    cast = cast_made()
    workspace = _branded(cast.project.workspace, cast.admin)
    text = "Hello <Ada> & co,\n\nOpen https://accord.example/projects/1/ to see it."
    document = page(branded_email_html(text, workspace, language="fr"))
    assert document.one("html").get("lang") == "fr"
    band = document.one("td")
    assert ACCENT in band.get("style")
    assert band.text.endswith(workspace.name)
    assert document.one("img").get("src").startswith("data:image/svg+xml;base64,")
    assert document.one("img").get("alt") == f"Logo de {workspace.name}"  # in the language asked
    assert "Hello <Ada> & co," in document.text
    assert "https://accord.example/projects/1/" in document.hrefs()


def test_a_project_invitation_carries_the_vendors_band(django_capture_on_commit_callbacks):
    cast = cast_made()
    workspace = _branded(cast.project.workspace, cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        cast.client_for("admin").post(
            f"/projects/{cast.project.pk}/people/invite/",
            {"email": "grace@acme.example", "organisation": "customer"},
        )
    [message] = mail.outbox
    document = page(_html(message))
    assert document.one("td").text.endswith(workspace.name)
    assert ACCENT in document.one("td").get("style")
    # The HTML part says what the text part says.
    assert " ".join(message.body.split()[:6]) in " ".join(document.text.split())


def test_a_notification_to_a_contact_carries_the_vendors_band(crew, django_capture_on_commit_callbacks):
    workspace = _branded(crew.project.workspace, crew.manager)
    with django_capture_on_commit_callbacks(execute=True):
        work.input_request(actor=crew.pm, task=task(crew.project, "kickoff"), question="Which SSO provider?")
    message = next(message for message in mail.outbox if message.to == [crew.it.email])
    document = page(_html(message))
    assert document.one("td").text.endswith(workspace.name)
    assert "Question: Which SSO provider?" in document.text
