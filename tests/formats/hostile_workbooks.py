"""Workbooks Accord refuses, built byte by byte: entity declarations, macros, not a zip at all.

Each starts from a sound workbook written by openpyxl and changes only what makes it hostile,
so that a refusal proves the check, not a broken file.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl

# Words of the libraries (openpyxl, zipfile, Python) a refusal must never show.
LIBRARY_WORDS = ("could not read", "None", "zipfile", "openpyxl", "Traceback", "BadZipFile", "Error(")

SHARED_STRINGS = "xl/sharedStrings.xml"
SHARED_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
MACRO_WORKBOOK_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
PLAIN_WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaProject"


def plain_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Matrix"
    sheet.append(["Phase", "Group", "Task", "Details", "Timeframe", "Variants", "Vendor: PM"])
    sheet.append(["Deal", "", "Kick-off", "", "", "", "R/A"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rebuilt(
    data: bytes, *, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None
) -> bytes:
    """The workbook with some parts' bytes replaced and some parts added."""
    replace, add = replace or {}, add or {}
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, replace.get(item.filename, source.read(item.filename)))
        for name, content in add.items():
            target.writestr(name, content)
    return buffer.getvalue()


def _content_types(data: bytes, extra: str, *, macro_main: bool = False) -> bytes:
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    if macro_main:
        types = types.replace(PLAIN_WORKBOOK_TYPE, MACRO_WORKBOOK_TYPE)
    return types.replace("</Types>", extra + "</Types>").encode()


def workbook_with_entity(*, padding: int = 0) -> bytes:
    """A workbook whose shared strings declare an entity (and use it), as the outside probe sent.

    ``padding`` spaces between the XML declaration and the DOCTYPE push it past the start of
    the part Accord scans, so that only defusedxml, inside openpyxl, sees it.
    """
    data = plain_workbook()
    strings = (
        '<?xml version="1.0"?>' + " " * padding + '<!DOCTYPE sst [<!ENTITY boom "boom">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
        "<si><t>&boom;</t></si></sst>"
    )
    extra = f'<Override PartName="/{SHARED_STRINGS}" ContentType="{SHARED_STRINGS_TYPE}"/>'
    return rebuilt(
        data,
        replace={"[Content_Types].xml": _content_types(data, extra)},
        add={SHARED_STRINGS: strings.encode()},
    )


def workbook_with_macros(*, vba_part: bool = True, macro_type: bool = True) -> bytes:
    """A macro-enabled workbook: a VBA project part and/or the macro-enabled content type."""
    data = plain_workbook()
    extra = f'<Default Extension="bin" ContentType="{VBA_PROJECT_TYPE}"/>' if macro_type else ""
    return rebuilt(
        data,
        replace={"[Content_Types].xml": _content_types(data, extra, macro_main=macro_type)},
        add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(512)} if vba_part else {},
    )


NOT_A_ZIP = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
