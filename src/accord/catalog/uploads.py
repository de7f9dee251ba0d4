"""Reading an uploaded playbook file: YAML, or a RACI matrix (XLSX, CSV or Markdown), by its suffix.

A matrix in Accord's own layout is read exactly; any other layout goes through the layout
detector (:func:`accord.formats.matrix.detect_matrix`), with the corrections a person gave
(:class:`~accord.formats.matrix.DetectionOptions`: the pages' preview form, the API's query).
Hostile and unreadable files are refused exactly as before the detector.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import PurePath
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accord.domain.errors import InvalidInput, Problem
from accord.domain.playbook import Playbook, Side
from accord.domain.raci import InvalidRaci, Raci, parse_raci
from accord.formats.matrix import Detection, DetectionOptions, detect_matrix
from accord.formats.playbook_yaml import loads_playbook

#: The largest file accepted, in bytes. Playbooks are text: the built-in ones are under 100 KB.
MAX_UPLOAD_BYTES = 1024 * 1024
YAML_SUFFIXES = (".yaml", ".yml")
MATRIX_SUFFIXES = (".xlsx", ".csv", ".tsv", ".md")
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


def is_matrix_file(filename: str) -> bool:
    """Whether an upload is read as a RACI matrix (through the detector) rather than a playbook YAML."""
    return PurePath(clean_filename(filename)).suffix.lower() in MATRIX_SUFFIXES


def _checked(filename: str, data: bytes) -> tuple[str, str]:
    """The file's clean name and suffix, once its format, size and content are acceptable."""
    where = clean_filename(filename)
    suffix = PurePath(where).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise _refuse(
            "upload-unknown-format",
            _("Accord cannot read a %(suffix)s file as a playbook.") % {"suffix": suffix or _("suffix-less")},
            _("Upload a playbook YAML file (.yaml), or a RACI matrix saved as .xlsx, .csv or .md."),
            where,
        )
    check_upload_size(filename=where, size=len(data), exact=False)
    if not data.strip():
        raise _refuse("upload-empty", _("The file is empty."), _("Choose the file again."), where)
    return where, suffix


def detection_from_upload(
    *, filename: str, data: bytes, options: DetectionOptions | None = None
) -> Detection:
    """Detect the matrix of an uploaded XLSX, CSV or Markdown file, with the person's corrections.

    Raises InvalidInput for a file that cannot be read at all (wrong format, too large, empty,
    hostile: entities, zip bombs, macros, formulas); everything about the matrix itself —
    including the letters and roles the person must still explain — is in the detection.
    """
    where, suffix = _checked(filename, data)
    if suffix not in MATRIX_SUFFIXES:
        raise _refuse(
            "upload-not-a-matrix",
            _("A %(suffix)s file is not a RACI matrix.") % {"suffix": suffix},
            _("Upload a RACI matrix saved as .xlsx, .csv or .md."),
            where,
        )
    return detect_matrix(data, where=where, suffix=suffix, options=options or DetectionOptions())


def read_upload(
    *, filename: str, data: bytes, options: DetectionOptions | None = None
) -> tuple[Playbook, Detection | None]:
    """The playbook an upload holds, with the matrix's detection (``None`` for a YAML file).

    Raises InvalidInput naming file, line or row, column. ``data`` may be a chunk read up to one
    byte past :data:`MAX_UPLOAD_BYTES`: a longer chunk is refused as too large, without the
    file's real size (see :func:`check_upload_size`). A matrix in any layout is detected, with
    ``options``; one whose letters are still unknown is refused, each problem saying which
    option answers it.
    """
    where, suffix = _checked(filename, data)
    if suffix in YAML_SUFFIXES:
        return loads_playbook(data, where), None
    detection = detection_from_upload(filename=where, data=data, options=options)
    if detection.playbook is None or detection.problems:
        raise InvalidInput([_answerable(problem) for problem in detection.problems])
    return detection.playbook, detection


def playbook_from_upload(*, filename: str, data: bytes, options: DetectionOptions | None = None) -> Playbook:
    """The playbook an uploaded file holds (see :func:`read_upload`)."""
    return read_upload(filename=filename, data=data, options=options)[0]


def _answerable(problem: Problem) -> Problem:
    """A detector's problem with a hint naming the upload's options instead of the CLI's."""
    if problem.code == "matrix-unknown-letter" and " is not a RACI letter" in problem.message:
        letter = problem.message[1:2]  # the detector's message starts with the letter, quoted
        return replace(
            problem,
            hint=_(
                "Say what %(letter)s means: letters=%(letter)s=C (or R, A, I, R/A, N/A; "
                "%(letter)s=- to ignore it)."
            )
            % {"letter": letter},
        )
    if problem.code == "matrix-unknown-role":
        return replace(
            problem,
            hint=_("Name a role of the matrix in sides (ROLE=vendor, customer or partner); %(roles)s.")
            % {"roles": problem.hint},
        )
    return problem


# The person's corrections: DetectionOptions as plain data (a signed token, a query string).

LETTER_MEANINGS = ("R", "A", "C", "I", "R/A", "N/A", "-")


def letter_meaning(text: str) -> Raci | None:
    """``C``, ``R/A``, ``N/A``… as a RACI value; ``-`` (ignore the letter) as ``None``."""
    text = text.strip()
    if text in ("", "-"):
        return None
    value = parse_raci(text)
    return None if value.is_empty else value


def options_to_data(options: DetectionOptions) -> dict[str, Any]:
    """The corrections as JSON-ready data (see :func:`options_from_data`)."""
    data: dict[str, Any] = {}
    if options.sheet:
        data["sheet"] = options.sheet
    if options.header_row is not None:
        data["header_row"] = options.header_row
    if options.task_column:
        data["task_column"] = options.task_column
    if options.roles:
        data["roles"] = sorted(options.roles)
    if options.not_roles:
        data["not_roles"] = sorted(options.not_roles)
    if options.sides:
        data["sides"] = {name: side.value for name, side in options.sides.items()}
    if options.letters:
        data["letters"] = {
            letter: value.canonical if value is not None else "-" for letter, value in options.letters.items()
        }
    return data


def options_from_data(data: Mapping[str, Any] | None) -> DetectionOptions:
    """Corrections written by :func:`options_to_data`; anything unreadable raises ValueError."""
    if not data:
        return DetectionOptions()
    try:
        header_row = data.get("header_row")
        return DetectionOptions(
            sheet=str(data["sheet"]) if data.get("sheet") else None,
            header_row=int(header_row) if header_row is not None else None,
            task_column=str(data["task_column"]) if data.get("task_column") else None,
            roles=frozenset(str(column) for column in data.get("roles", ())),
            not_roles=frozenset(str(column) for column in data.get("not_roles", ())),
            sides={str(name): Side(side) for name, side in dict(data.get("sides", {})).items()},
            letters={
                str(letter): letter_meaning(str(meaning))
                for letter, meaning in dict(data.get("letters", {})).items()
            },
        )
    except (InvalidRaci, TypeError, AttributeError) as error:
        raise ValueError(str(error)) from error


def options_from_pairs(
    *,
    letters: Iterable[str] = (),
    sides: Iterable[str] = (),
    header_row: int | None = None,
    task_column: str | None = None,
    roles: Iterable[str] = (),
    not_roles: Iterable[str] = (),
) -> DetectionOptions:
    """Corrections written as the API takes them: ``letters`` as ``S=C`` (``S=-`` to ignore the
    letter), ``sides`` as ``Customer IT=customer``, columns by letter. Raises InvalidInput
    naming the option (``letters``, ``sides``) and how to write it."""
    meanings: dict[str, Raci | None] = {}
    named_sides: dict[str, Side] = {}
    problems = []
    for text in letters:
        letter, separator, meaning = text.partition("=")
        letter = letter.strip().upper()
        try:
            if not separator or len(letter) != 1 or not letter.isalpha():
                raise ValueError(text)
            meanings[letter] = letter_meaning(meaning)
        except (ValueError, InvalidRaci):
            problems.append(
                Problem(
                    code="option-letter",
                    message=_("%(value)s is not LETTER=MEANING.") % {"value": repr(text)},
                    hint=_("Write letters=S=C: one letter, then R, A, C, I, R/A, N/A, or - to ignore it."),
                    where="letters",
                )
            )
    for text in sides:
        name, separator, side = text.rpartition("=")
        try:
            if not separator or not name.strip():
                raise ValueError(text)
            named_sides[name.strip()] = Side(side.strip().lower())
        except ValueError:
            problems.append(
                Problem(
                    code="option-side",
                    message=_("%(value)s is not ROLE=SIDE.") % {"value": repr(text)},
                    hint=_("Write sides=Customer IT=customer; the side is vendor, customer or partner."),
                    where="sides",
                )
            )
    if problems:
        raise InvalidInput(problems)
    return DetectionOptions(
        letters=meanings,
        sides=named_sides,
        header_row=header_row,
        task_column=task_column.strip().upper() if task_column and task_column.strip() else None,
        roles=frozenset(column.strip().upper() for column in roles if column.strip()),
        not_roles=frozenset(column.strip().upper() for column in not_roles if column.strip()),
    )
