"""The workspace's branding: what pages and e-mails read, and the one write with its refusals."""

from __future__ import annotations

import base64
import struct
import zlib

import pytest

from accord.domain.contrast import BLACK, WHITE
from accord.domain.errors import InvalidInput, NotFound, StaleWrite
from accord.workspaces.branding import DEFAULT_ACCENT, MAX_LOGO_BYTES, branding_for, branding_update
from accord.workspaces.models import MembershipKind
from tests.workspaces.factories import MembershipFactory, WorkspaceFactory

pytestmark = pytest.mark.django_db


def tiny_png() -> bytes:
    """A valid 1×1 PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00"))
        + chunk(b"IEND", b"")
    )


PLAIN_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<rect width="10" height="10" fill="url(#g)"/></svg>'
)


@pytest.fixture
def manager():
    return MembershipFactory(kind=MembershipKind.VENDOR_MANAGER)


def test_a_workspace_without_branding_has_its_name_and_the_default_accent():
    workspace = WorkspaceFactory(name="Tomorro")
    branding = branding_for(workspace)
    assert branding.name == "Tomorro"
    assert branding.logo_data_uri is None
    assert branding.accent == DEFAULT_ACCENT
    assert branding.on_accent == WHITE


def test_a_manager_sets_a_png_logo_and_an_accent(manager):
    workspace = branding_update(
        actor=manager.user, workspace=manager.workspace, version=1, accent_colour="#0F766E", logo=tiny_png()
    )
    branding = branding_for(workspace)
    assert workspace.branding_version == 2
    assert branding.accent == "#0f766e"
    assert branding.logo_data_uri == "data:image/png;base64," + base64.b64encode(tiny_png()).decode()


def test_a_plain_svg_is_kept_and_can_be_removed(manager):
    workspace = branding_update(actor=manager.user, workspace=manager.workspace, version=1, logo=PLAIN_SVG)
    assert branding_for(workspace).logo_data_uri.startswith("data:image/svg+xml;base64,")
    workspace = branding_update(actor=manager.user, workspace=workspace, version=2, remove_logo=True)
    assert branding_for(workspace).logo_data_uri is None


def test_black_text_on_a_light_band_is_chosen_for_a_passing_but_light_accent(manager):
    # #767676 passes on white (4.54:1); on it, black (4.63:1) reads better than white.
    workspace = branding_update(
        actor=manager.user, workspace=manager.workspace, version=1, accent_colour="#767676"
    )
    assert branding_for(workspace).on_accent == BLACK


@pytest.mark.parametrize(
    "svg",
    [
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
        b'<image x:href="https://tracker.example/p.png"/></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>hi</p></foreignObject></svg>',
        b'<svg xmlns="http://www.w3.org/2000/svg"><rect style="fill:url(https://x.example/a)"/></svg>',
    ],
)
def test_an_active_svg_is_refused_with_a_hint(manager, svg):
    with pytest.raises(InvalidInput) as refused:
        branding_update(actor=manager.user, workspace=manager.workspace, version=1, logo=svg)
    problem = refused.value.problems[0]
    assert (problem.code, problem.where) == ("logo-svg-active", "logo")
    assert "PNG" in problem.hint
    manager.workspace.refresh_from_db()
    assert manager.workspace.logo_type == ""


def test_an_svg_with_entities_is_refused_as_no_image(manager):
    bomb = b'<?xml version="1.0"?><!DOCTYPE s [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    with pytest.raises(InvalidInput) as refused:
        branding_update(actor=manager.user, workspace=manager.workspace, version=1, logo=bomb)
    assert refused.value.problems[0].code == "logo-type"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"GIF89a....", "logo-type"),
        (b"\xff\xd8\xff\xe0 a jpeg", "logo-type"),
        (b"\x89PNG\r\n\x1a\n broken", "logo-unreadable"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * MAX_LOGO_BYTES, "logo-too-large"),
    ],
)
def test_other_files_are_refused(manager, content, code):
    with pytest.raises(InvalidInput) as refused:
        branding_update(actor=manager.user, workspace=manager.workspace, version=1, logo=content)
    assert refused.value.problems[0].code == code


def test_a_low_contrast_accent_is_refused_with_its_ratio_and_a_darker_shade(manager):
    with pytest.raises(InvalidInput) as refused:
        branding_update(actor=manager.user, workspace=manager.workspace, version=1, accent_colour="#ffcc00")
    problem = refused.value.problems[0]
    assert (problem.code, problem.where) == ("accent-low-contrast", "accent_colour")
    assert "1.51:1" in problem.message  # #ffcc00 on white, as WebAIM says
    assert "#" in problem.hint
    manager.workspace.refresh_from_db()
    assert manager.workspace.accent_colour == ""


def test_a_suggested_shade_is_accepted(manager):
    with pytest.raises(InvalidInput) as refused:
        branding_update(actor=manager.user, workspace=manager.workspace, version=1, accent_colour="#ffcc00")
    suggestion = refused.value.problems[0].hint.split()[-1].rstrip(".")
    workspace = branding_update(
        actor=manager.user, workspace=manager.workspace, version=1, accent_colour=suggestion
    )
    assert workspace.accent_colour == suggestion


def test_not_a_colour_is_refused(manager):
    with pytest.raises(InvalidInput) as refused:
        branding_update(actor=manager.user, workspace=manager.workspace, version=1, accent_colour="blue")
    assert refused.value.problems[0].code == "accent-not-a-colour"


def test_a_stale_version_changes_nothing(manager):
    branding_update(actor=manager.user, workspace=manager.workspace, version=1, accent_colour="#0f766e")
    with pytest.raises(StaleWrite):
        branding_update(actor=manager.user, workspace=manager.workspace, version=1, accent_colour="#1d4ed8")
    manager.workspace.refresh_from_db()
    assert manager.workspace.accent_colour == "#0f766e"


@pytest.mark.parametrize("kind", [MembershipKind.VENDOR_MEMBER, MembershipKind.CUSTOMER_CONTACT])
def test_only_managers_change_the_branding(manager, kind):
    from tests.workspaces.factories import CustomerContactFactory

    factory = CustomerContactFactory if kind == MembershipKind.CUSTOMER_CONTACT else MembershipFactory
    other = factory(
        workspace=manager.workspace, **({} if kind == MembershipKind.CUSTOMER_CONTACT else {"kind": kind})
    )
    with pytest.raises(NotFound):
        branding_update(actor=other.user, workspace=manager.workspace, version=1, accent_colour="#0f766e")
