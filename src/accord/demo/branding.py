"""The demo workspace's branding: an accent colour and a small SVG logo, so that the contacts'
project home and e-mails show what a vendor's own look gives. Set through the real service, once."""

from __future__ import annotations

from accord.accounts.models import User
from accord.workspaces.branding import branding_update
from accord.workspaces.models import Workspace

#: Teal: 5.5:1 against white, above the 4.5:1 the service asks for.
ACCENT = "#0f766e"
#: A rounded square with two overlapping rings ("accord"), and the workspace's name; no script,
#: no link, no external file (the service refuses those).
LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" viewBox="0 0 160 40" role="img">
<title>Accord Demo</title>
<rect x="2" y="2" width="36" height="36" rx="8" fill="#0f766e"/>
<circle cx="16" cy="20" r="8" fill="none" stroke="#ffffff" stroke-width="3"/>
<circle cx="24" cy="20" r="8" fill="none" stroke="#ffffff" stroke-width="3"/>
<text x="46" y="26" font-family="sans-serif" font-size="16" font-weight="700"
 fill="#134e4a">Accord Demo</text>
</svg>
"""


def branding_demo(workspace: Workspace, *, admin: User) -> bool:
    """Give the workspace the demo's accent and logo unless it has both; True when set."""
    workspace.refresh_from_db(fields=["accent_colour", "logo", "branding_version"])
    if workspace.accent_colour and workspace.logo:
        return False
    branding_update(
        actor=admin,
        workspace=workspace,
        version=workspace.branding_version,
        accent_colour=workspace.accent_colour or ACCENT,
        logo=None if workspace.logo else LOGO,
    )
    return True
