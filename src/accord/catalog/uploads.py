"""Reading an uploaded playbook file: YAML, or a RACI matrix as XLSX or CSV, chosen by its suffix."""

from __future__ import annotations

from pathlib import PurePath

from django.utils.translation import gettext as _

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


def playbook_from_upload(*, filename: str, data: bytes) -> Playbook:
    """Parse an uploaded file into a playbook, or raise InvalidInput naming file, line or row, column."""
    where = clean_filename(filename)
    suffix = PurePath(where).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise _refuse(
            "upload-unknown-format",
            _("Accord cannot read a %(suffix)s file as a playbook.") % {"suffix": suffix or _("suffix-less")},
            _("Upload a playbook YAML file (.yaml), or a RACI matrix saved as .xlsx or .csv."),
            where,
        )
    if not data.strip():
        raise _refuse("upload-empty", _("The file is empty."), _("Choose the file again."), where)
    if len(data) > MAX_UPLOAD_BYTES:
        raise _refuse(
            "upload-too-large",
            _("The file is %(size)s KB; the limit is %(limit)s KB.")
            % {"size": len(data) // 1024, "limit": MAX_UPLOAD_BYTES // 1024},
            _("Remove images and unused sheets from the workbook, or split the playbook."),
            where,
        )
    if suffix in YAML_SUFFIXES:
        return loads_playbook(data, where)
    if suffix == ".csv":
        return matrix_from_csv(data, where=where)
    return matrix_from_xlsx(data, where=where)
