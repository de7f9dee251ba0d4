"""Reading an uploaded playbook file: YAML, or a RACI matrix as XLSX or CSV, chosen by its suffix."""

from __future__ import annotations

from pathlib import PurePath

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Playbook
from accord.formats.matrix import matrix_from_csv, matrix_from_xlsx
from accord.formats.playbook_yaml import loads_playbook

#: The largest file accepted, in bytes. Playbooks are text: the built-in ones are under 100 KB.
MAX_UPLOAD_BYTES = 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
MATRIX_SUFFIXES = (".xlsx", ".csv")
ACCEPTED_SUFFIXES = (*YAML_SUFFIXES, *MATRIX_SUFFIXES)
FILENAME_MAX_LENGTH = 255


def clean_filename(filename: str) -> str:
    """The file's own name, without any folder a browser may send, shortened to fit the database."""
    name = PurePath(filename.replace("\\", "/")).name.strip() or "playbook"
    if len(name) <= FILENAME_MAX_LENGTH:
        return name
    suffix = PurePath(name).suffix[:16]
    return name[: FILENAME_MAX_LENGTH - len(suffix)] + suffix


def _refuse(code: str, message: str, hint: str, where: str) -> InvalidInput:
    return InvalidInput([Problem(code=code, message=message, hint=hint, where=where)])


def human_size(size: int) -> str:
    """A size in bytes as people write it, in the current language: "1 MB", "1.5 MB", "900 KB"."""
    units = ((1024**3, _("%(size)s GB")), (1024**2, _("%(size)s MB")), (1024, _("%(size)s KB")))
    for factor, unit in units:
        if size >= factor:
            value = round(size / factor, 1)
            return unit % {"size": number_format(value, decimal_pos=0 if value.is_integer() else 1)}
    return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}


def check_upload_size(*, filename: str, size: int | None, exact: bool = True) -> None:
    """Refuse a file over :data:`MAX_UPLOAD_BYTES`, naming the limit (and the size, when ``exact``).

    ``size`` is the file's real size when known (Django's ``UploadedFile.size``), so a file can
    be refused without reading it; ``exact=False`` when it is only the length of a chunk read
    up to one byte past the limit, which proves the file too large but not how large.
    """
    if size is None or size <= MAX_UPLOAD_BYTES:
        return
    where = clean_filename(filename)
    limit, shown = human_size(MAX_UPLOAD_BYTES), human_size(size)
    # Just over the limit, both round to the same figure: "is 1 MB, larger than 1 MB" would puzzle.
    message = (
        _("The file is %(size)s, larger than the %(limit)s limit.") % {"size": shown, "limit": limit}
        if exact and shown != limit
        else _("The file is larger than the %(limit)s limit.") % {"limit": limit}
    )
    hint = (
        _("Remove images and unused sheets from the workbook, or split the playbook.")
        if PurePath(where).suffix.lower() == ".xlsx"
        else _("Split the playbook into smaller files.")
    )
    raise _refuse("upload-too-large", message, hint, where)


def playbook_from_upload(*, filename: str, data: bytes) -> Playbook:
    """Parse an uploaded file into a playbook, or raise InvalidInput naming file, line or row, column.

    ``data`` may be a chunk read up to one byte past :data:`MAX_UPLOAD_BYTES`: a longer chunk
    is refused as too large, without the file's real size (see :func:`check_upload_size`).
    """
    where = clean_filename(filename)
    suffix = PurePath(where).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise _refuse(
            "upload-unknown-format",
            _("Accord cannot read a %(suffix)s file as a playbook.") % {"suffix": suffix or _("suffix-less")},
            _("Upload a playbook YAML file (.yaml), or a RACI matrix saved as .xlsx or .csv."),
            where,
        )
    check_upload_size(filename=where, size=len(data), exact=False)
    if not data.strip():
        raise _refuse("upload-empty", _("The file is empty."), _("Choose the file again."), where)
    if suffix in YAML_SUFFIXES:
        return loads_playbook(data, where)
    if suffix == ".csv":
        return matrix_from_csv(data, where=where)
    return matrix_from_xlsx(data, where=where)
