"""The workspace's branding: its name, logo and accent colour on the contacts' pages, e-mails and PDFs.

:func:`branding_for` is what every page, e-mail and document reads; :func:`branding_update` is
the one write. A logo is a PNG or an SVG of at most :data:`MAX_LOGO_BYTES`, kept in the row (no
file store to run); an SVG holding scripts, event handlers or references to other files is
refused rather than "cleaned", so what is shown is exactly what was checked. An accent must read
as text on a white page (WCAG AA, :mod:`accord.domain.contrast`); a refusal gives the ratio and a
darker shade of the same hue that passes.
"""

from __future__ import annotations

import base64
import struct
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accord.accounts.models import User
from accord.domain.contrast import AA_NORMAL_TEXT, check_accent, text_on
from accord.domain.errors import InvalidInput, Problem, StaleWrite
from accord.workspaces.access import WorkspaceAction, require_membership
from accord.workspaces.models import Workspace

#: The largest logo accepted: a header logo needs no more, and it travels in every e-mail.
MAX_LOGO_BYTES = 200 * 1024
PNG = "image/png"
SVG = "image/svg+xml"
#: The accent when the workspace chose none: a blue that passes AA on white (6.7:1).
DEFAULT_ACCENT = "#1d4ed8"

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "embed", "object", "audio", "video"})
_LINK_ATTRIBUTES = frozenset({"href", "src"})


@dataclass(frozen=True, slots=True)
class Branding:
    """What a page, e-mail or PDF shows of the vendor: ``on_accent`` is the text colour on the accent."""

    name: str
    logo_data_uri: str | None
    accent: str
    on_accent: str


def branding_for(workspace: Workspace) -> Branding:
    """The branding of ``workspace`` (its name, its logo as a ``data:`` URI, its accent and the
    readable text colour on it), with Accord's accent when it chose none."""
    accent = workspace.accent_colour or DEFAULT_ACCENT
    logo = bytes(workspace.logo or b"")
    data_uri = (
        f"data:{workspace.logo_type};base64,{base64.b64encode(logo).decode('ascii')}"
        if logo and workspace.logo_type
        else None
    )
    return Branding(name=workspace.name, logo_data_uri=data_uri, accent=accent, on_accent=text_on(accent))


def branded_email_html(text: str, workspace: Workspace, *, language: str) -> str:
    """The HTML part of an e-mail whose text part is ``text``: the same words under the
    workspace's band (web/_brand_header_email.html), links made clickable, in ``language``."""
    with translation.override(language):
        return render_to_string(
            "web/branded_email.html",
            {"text": text, "branding": branding_for(workspace), "language": language},
        )


def _logo_problem(code: str, message: str, hint: str) -> InvalidInput:
    return InvalidInput([Problem(code, f"{message} {hint}", hint=hint, where="logo")])


def _local_name(element: Element) -> str:
    tag = element.tag if isinstance(element.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


def _attribute_is_inert(attribute: str, value: str) -> bool:
    name = attribute.rsplit("}", 1)[-1].lower()
    compact = value.replace(" ", "").lower()
    return not (
        name.startswith("on")
        or (name in _LINK_ATTRIBUTES and not compact.startswith("#"))
        or compact.count("url(") != compact.count("url(#")
        or "javascript:" in compact
    )


def _svg_is_inert(root: Element) -> bool:
    """No script, no event handler, no reference outside the file, no embedded HTML."""
    for element in root.iter():
        name = _local_name(element)
        text = (element.text or "").replace(" ", "").lower()
        if name in _FORBIDDEN_ELEMENTS or (name == "style" and ("@import" in text or "url(" in text)):
            return False
        if not all(_attribute_is_inert(attribute, value) for attribute, value in element.attrib.items()):
            return False
    return True


def logo_checked(content: bytes) -> str:
    """The media type of an acceptable logo (:data:`PNG` or :data:`SVG`); InvalidInput on ``logo``
    naming what is wrong and what to do otherwise."""
    if len(content) > MAX_LOGO_BYTES:
        raise _logo_problem(
            "logo-too-large",
            _("The logo is %(size)s KB; at most %(limit)s KB is accepted.")
            % {"size": (len(content) + 1023) // 1024, "limit": MAX_LOGO_BYTES // 1024},
            _("Export it smaller, e.g. 400 pixels wide."),
        )
    if content.startswith(_PNG_SIGNATURE):
        # The first chunk of a PNG is its header: 13 bytes of width, height and format.
        if len(content) < 33 or content[12:16] != b"IHDR" or struct.unpack(">I", content[8:12])[0] != 13:
            raise _logo_problem(
                "logo-unreadable", _("This PNG file is damaged."), _("Export the logo again as PNG or SVG.")
            )
        return PNG
    try:
        root = SafeElementTree.fromstring(content)
    except (SafeElementTree.ParseError, DefusedXmlException, ValueError):
        root = None
    if root is None or root.tag != f"{_SVG_NAMESPACE}svg":
        raise _logo_problem(
            "logo-type",
            _("The logo must be a PNG or an SVG image."),
            _("Export it as PNG or SVG (JPEG, GIF and other formats are not accepted)."),
        )
    if not _svg_is_inert(root):
        raise _logo_problem(
            "logo-svg-active",
            _("This SVG holds scripts, event handlers or links to other files, which are not accepted."),
            _("Export it as a plain SVG (e.g. “Optimized SVG” or “Plain SVG”) or as PNG."),
        )
    return SVG


def accent_checked(colour: str) -> str:
    """``colour`` as ``#rrggbb`` if it reads as text on white (WCAG AA); InvalidInput on
    ``accent_colour`` with the ratio and a darker shade that passes otherwise."""
    try:
        check = check_accent(colour)
    except ValueError:
        raise InvalidInput(
            [
                Problem(
                    "accent-not-a-colour",
                    _("“%(value)s” is not a colour. Write it as # and six hex digits, e.g. #1d4ed8.")
                    % {"value": colour},
                    hint=_("Write it as # and six hex digits, e.g. #1d4ed8."),
                    where="accent_colour",
                )
            ]
        ) from None
    if not check.passes:
        hint = _("Try the darker shade %(suggestion)s.") % {"suggestion": check.suggestion}
        raise InvalidInput(
            [
                Problem(
                    "accent-low-contrast",
                    _(
                        "The accent colour %(accent)s has a contrast of %(ratio)s:1 with a white page; "
                        "text and links need at least %(minimum)s:1 (WCAG AA). %(hint)s"
                    )
                    % {
                        "accent": check.accent,
                        "ratio": f"{check.ratio:.2f}",
                        "minimum": AA_NORMAL_TEXT,
                        "hint": hint,
                    },
                    hint=hint,
                    where="accent_colour",
                )
            ]
        )
    return check.accent


@transaction.atomic
def branding_update(
    *,
    actor: User,
    workspace: Workspace,
    version: int,
    accent_colour: str | None = None,
    logo: bytes | None = None,
    remove_logo: bool = False,
) -> Workspace:
    """Change the workspace's accent (``""`` goes back to the default) and logo (vendor admins and
    managers). ``None`` keeps a value; ``remove_logo`` drops the logo. ``version`` is the branding
    version the change was made from: a stale one changes nothing (StaleWrite)."""
    require_membership(actor, WorkspaceAction.MANAGE, workspace.pk)
    locked = Workspace.objects.select_for_update().get(pk=workspace.pk)
    if locked.branding_version != version:
        raise StaleWrite(
            _("Someone changed the branding since you opened it; nothing was changed."),
            hint=_("Reload the page to see their change, then make yours again."),
        )
    problems: list[Problem] = []
    if accent_colour is not None:
        try:
            locked.accent_colour = accent_checked(accent_colour) if accent_colour.strip() else ""
        except InvalidInput as error:
            problems.extend(error.problems)
    if remove_logo:
        locked.logo, locked.logo_type = b"", ""
    elif logo is not None:
        try:
            locked.logo_type = logo_checked(logo)
            locked.logo = logo
        except InvalidInput as error:
            problems.extend(error.problems)
    if problems:
        raise InvalidInput(problems)
    locked.branding_version += 1
    locked.save(update_fields=["accent_colour", "logo", "logo_type", "branding_version"])
    return locked
