"""The demo workspace carries an accent colour and an SVG logo, set once."""

import pytest

from accord.demo import cast
from accord.demo.branding import ACCENT
from accord.demo.builder import demo_build
from accord.workspaces.branding import SVG, branding_for
from accord.workspaces.models import Workspace


@pytest.fixture
def build(db, django_capture_on_commit_callbacks):
    def run():
        with django_capture_on_commit_callbacks(execute=True):
            return demo_build()

    return run


def test_the_demo_workspace_is_branded_once(build):
    build()
    workspace = Workspace.objects.get(slug=cast.WORKSPACE_SLUG)
    assert workspace.accent_colour == ACCENT
    assert workspace.logo_type == SVG
    branding = branding_for(workspace)
    assert branding.accent == ACCENT
    assert branding.logo_data_uri.startswith("data:image/svg+xml")
    version = workspace.branding_version

    assert not build().built_something
    workspace.refresh_from_db()
    assert workspace.branding_version == version


def test_a_workspace_whose_branding_was_changed_keeps_it(build):
    build()
    Workspace.objects.filter(slug=cast.WORKSPACE_SLUG).update(accent_colour="#1d4ed8")
    build()
    assert Workspace.objects.get(slug=cast.WORKSPACE_SLUG).accent_colour == "#1d4ed8"
