"""Keeping matrix files harmless: formula neutralisation, text escaping and size limits.

Spreadsheet programs run a cell as a formula when its text starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (the OWASP "CSV injection" list). CSV exports put a single
quote in front of such text; the importer takes exactly that quote off again, so the round
trip is lossless. XLSX exports store such text as a text cell flagged with Excel's own
quote prefix, so no quote character is added there.

An uploaded XLSX is a zip archive; its declared sizes are checked before any XML is parsed,
so a small file that would expand to gigabytes is refused without being expanded. A workbook
with macros (a VBA project, macro sheets, a macro-enabled content type) and an XML part that
declares a DTD or entities are refused before openpyxl opens them, each with its own message.
"""

from __future__ import annotations

import io
import re
import zipfile

from accord.domain.errors import InvalidInput, Problem

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_GUARD = "'"

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# Below this size a member's ratio says nothing: tiny XML parts compress oddly.
RATIO_CHECK_FROM_BYTES = 1024 * 1024
MAX_ARCHIVE_MEMBERS = 1000
MAX_TASK_ROWS = 100_000
MAX_ROLE_COLUMNS = 500
MAX_CELL_CHARACTERS = 32_767
MAX_REPORTED_PROBLEMS = 100


def _needs_guard(text: str) -> bool:
    # Text already starting with quotes before a trigger gets one more, so that the importer,
    # which removes one quote, gives back exactly the original.
    return text.lstrip(FORMULA_GUARD).startswith(FORMULA_TRIGGERS)


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet would run ``text`` as a formula if it were typed into a cell."""
    return text.startswith(FORMULA_TRIGGERS)


def neutralise_formula(text: str) -> str:
    """The text as a CSV cell: prefixed with one ``'`` if a spreadsheet could run it."""
    return FORMULA_GUARD + text if _needs_guard(text) else text


def restore_formula(text: str) -> str:
    """Undo :func:`neutralise_formula`: remove exactly the one quote it may have added."""
    if text.startswith(FORMULA_GUARD) and _needs_guard(text[1:]):
        return text[1:]
    return text


# XML 1.0 cannot carry most control characters, and XML parsers turn a carriage return into a
# line feed. OOXML's own escape (_xHHHH_, which Excel reads back) keeps them; a literal
# "_xHHHH_" in the text has its underscore escaped so it is not mistaken for an escape.
_XML_UNSAFE = re.compile(r"[^\t\n\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|_(?=x[0-9A-Fa-f]{4}_)")
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def escape_ooxml(text: str) -> str:
    """Text made safe for an XLSX cell, escaping what XML cannot hold the OOXML way."""
    return _XML_UNSAFE.sub(lambda match: f"_x{ord(match.group(0)):04X}_", text)


def unescape_ooxml(text: str) -> str:
    """Undo :func:`escape_ooxml` (and Excel's own escapes)."""
    if "_x" not in text:
        return text
    return _OOXML_ESCAPE.sub(lambda match: chr(int(match.group(1), 16)), text)


def _refuse(where: str, message: str, hint: str, code: str) -> InvalidInput:
    return InvalidInput([Problem(code=code, message=message, hint=hint, where=where)])


def check_size(data: bytes, *, where: str) -> None:
    """Refuse an empty file and a file over :data:`MAX_FILE_BYTES`."""
    if not data.strip():
        raise _refuse(
            where, "the file is empty", "export the matrix again and upload that file", "matrix-empty"
        )
    check_file_size(len(data), where=where)


def check_file_size(size: int, *, where: str) -> None:
    """Refuse a file of more than :data:`MAX_FILE_BYTES` bytes (before reading it, if possible)."""
    if size > MAX_FILE_BYTES:
        raise _refuse(
            where,
            f"the file is {size / 1024 / 1024:.1f} MB; the limit is {MAX_FILE_BYTES // 1024 // 1024} MB",
            "split the playbook, or remove images and unused sheets from the workbook",
            "matrix-too-large",
        )


# How much of each XML part is searched for a DTD: a DOCTYPE can only come before the root
# element, and Excel writes the root right after the XML declaration. A DTD hidden further down
# (behind padding) is still refused, by defusedxml, when openpyxl parses the part.
PROLOG_SCAN_BYTES = 4096
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_MACRO_CONTENT_TYPES = (b"macroenabled", b"vbaproject", b"macrosheet")
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024

_OLD_FORMATS = {
    # Excel's password-protected .xlsx files are in the same container as the old .xls.
    b"\xd0\xcf\x11\xe0": "an old Excel 97-2003 (.xls) workbook, or a password-protected workbook",
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"\xff\xd8\xff": "a JPEG image",
}


def describe_non_workbook(data: bytes) -> str:
    """A short guess at what a file that is not an XLSX workbook is, for error messages."""
    for magic, description in _OLD_FORMATS.items():
        if data.startswith(magic):
            return description
    return "not a zip archive"


def check_workbook_archive(data: bytes, *, where: str) -> None:
    """Refuse anything that is not a sound, reasonably sized XLSX archive, before parsing it.

    Checks, from the zip's central directory only: that it is a zip at all, the number of
    members, the total declared uncompressed size and each large member's compression ratio,
    and that it holds a workbook part. Python's zipfile never inflates a member past its
    declared size, so these declared figures bound what openpyxl will read.
    """
    check_size(data, where=where)
    hint = "save the spreadsheet as an Excel Workbook (.xlsx) and upload that file"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        kind = describe_non_workbook(data)
        detail = "the zip archive is damaged or truncated" if data.startswith(b"PK") else kind
        raise _refuse(where, f"this is not an XLSX workbook ({detail})", hint, "matrix-not-xlsx") from error
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ARCHIVE_MEMBERS:
            raise _refuse(
                where,
                f"the workbook archive holds {len(members)} parts; the limit is {MAX_ARCHIVE_MEMBERS}",
                hint,
                "matrix-too-large",
            )
        total = sum(member.file_size for member in members)
        if total > MAX_UNCOMPRESSED_BYTES:
            raise _refuse(
                where,
                f"the workbook would expand to {total / 1024 / 1024:.0f} MB; "
                f"the limit is {MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB",
                "this looks like a zip bomb; export the matrix again from your spreadsheet program",
                "matrix-zip-bomb",
            )
        for member in members:
            if member.file_size >= RATIO_CHECK_FROM_BYTES:
                ratio = member.file_size / max(member.compress_size, 1)
                if ratio > MAX_COMPRESSION_RATIO:
                    raise _refuse(
                        where,
                        f"the workbook part {member.filename!r} expands {ratio:.0f} times "
                        f"(limit {MAX_COMPRESSION_RATIO})",
                        "this looks like a zip bomb; export the matrix again from your spreadsheet program",
                        "matrix-zip-bomb",
                    )
        names = {member.filename for member in members}
        if "xl/workbook.xml" not in names:
            raise _refuse(
                where,
                "this zip archive is not an XLSX workbook (it has no xl/workbook.xml)",
                hint,
                "matrix-not-xlsx",
            )
        try:
            check_no_macros(archive, where=where)
            check_no_dtd(archive, where=where)
        except InvalidInput:
            raise
        except Exception as error:  # zipfile and zlib raise many kinds of errors on a damaged member
            raise _refuse(
                where, "this is not an XLSX workbook (the zip archive is damaged)", hint, "matrix-not-xlsx"
            ) from error


def macros_refused(where: str) -> InvalidInput:
    """The refusal of a workbook with macros (also used when openpyxl finds one)."""
    return _refuse(
        where,
        "this workbook contains macros, and Accord does not open workbooks with macros",
        "save it as a plain .xlsx workbook (Excel: File → Save As → Excel Workbook) and upload that file",
        "matrix-macros",
    )


def check_no_macros(archive: zipfile.ZipFile, *, where: str) -> None:
    """Refuse a macro-enabled workbook: a VBA project or macro sheet part, or a macro content type."""
    for name in archive.namelist():
        lowered = name.lower()
        if lowered.endswith("vbaproject.bin") or lowered.startswith("xl/macrosheets/"):
            raise macros_refused(where)
    try:
        info = archive.getinfo("[Content_Types].xml")
    except KeyError:
        return
    with archive.open(info) as member:
        content_types = member.read(_MAX_CONTENT_TYPES_BYTES).lower()
    if any(marker in content_types for marker in _MACRO_CONTENT_TYPES):
        raise macros_refused(where)


def entities_refused(where: str) -> InvalidInput:
    """The refusal of XML that declares a DTD or entities (also used when defusedxml finds one)."""
    return _refuse(
        where,
        "the workbook declares XML entities (a DTD); Accord refuses them because they can make "
        "a small file expand enormously or pull in other files",
        "spreadsheet programs do not write these: open the file in your spreadsheet program, "
        "save it as an Excel Workbook (.xlsx) and upload that file",
        "matrix-xml-entities",
    )


def _prolog(head: bytes) -> bytes:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("utf-8")
    return head


def check_no_dtd(archive: zipfile.ZipFile, *, where: str) -> None:
    """Refuse an XML part whose start declares a DTD or an entity, naming the part."""
    for info in archive.infolist():
        if not info.filename.lower().endswith(_XML_SUFFIXES) or info.is_dir():
            continue
        with archive.open(info) as member:
            head = _prolog(member.read(PROLOG_SCAN_BYTES))
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise entities_refused(f"{where}, part {info.filename}")


def capped(problems: list[Problem]) -> list[Problem]:
    """At most :data:`MAX_REPORTED_PROBLEMS` problems, the last one saying how many were left out."""
    if len(problems) <= MAX_REPORTED_PROBLEMS:
        return problems
    left_out = len(problems) - MAX_REPORTED_PROBLEMS + 1
    kept = problems[: MAX_REPORTED_PROBLEMS - 1]
    last = kept[-1]
    return [
        *kept,
        Problem(
            code="matrix-more-problems",
            message=f"and {left_out} more problems",
            hint="fix the ones above and import again",
            where=last.where,
        ),
    ]
