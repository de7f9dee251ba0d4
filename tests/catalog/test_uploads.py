"""Refusing an uploaded file for its size: the limit in people's units, never a truncated chunk's size."""

import pytest
from django.utils import translation

from accord.catalog.uploads import MAX_UPLOAD_BYTES, check_upload_size, human_size, playbook_from_upload
from accord.domain.errors import InvalidInput


@pytest.mark.parametrize(
    ("size", "english", "french"),
    [
        (1024 * 1024, "1 MB", "1 Mo"),
        (25 * 1024 * 1024, "25 MB", "25 Mo"),
        (1536 * 1024, "1.5 MB", "1,5 Mo"),
        (900 * 1024, "900 KB", "900 Ko"),
        (3 * 1024**3, "3 GB", "3 Go"),
        (1, "1 byte", "1 octet"),
        (12, "12 bytes", "12 octets"),
    ],
)
def test_sizes_are_written_in_human_units_in_english_and_french(size, english, french):
    with translation.override("en"):
        assert human_size(size) == english
    with translation.override("fr"):
        assert human_size(size) == french


def _refusal(call, **kwargs):
    with pytest.raises(InvalidInput) as caught:
        call(**kwargs)
    (problem,) = caught.value.problems
    return problem


def test_a_file_over_the_limit_is_refused_with_its_real_size_and_the_limit():
    with translation.override("en"):
        problem = _refusal(check_upload_size, filename="C:\\Users\\me\\big.xlsx", size=25 * 1024 * 1024)
    assert (problem.code, problem.where) == ("upload-too-large", "big.xlsx")
    assert problem.message == "The file is 25 MB, larger than the 1 MB limit."
    assert problem.hint == "Remove images and unused sheets from the workbook, or split the playbook."


def test_a_file_at_the_limit_is_not_refused_for_its_size():
    assert check_upload_size(filename="acme.yaml", size=MAX_UPLOAD_BYTES) is None
    assert check_upload_size(filename="acme.yaml", size=None) is None


def test_a_chunk_past_the_limit_names_the_limit_not_the_chunks_size():
    with translation.override("en"):
        problem = _refusal(playbook_from_upload, filename="big.yaml", data=b"#" * (MAX_UPLOAD_BYTES + 1))
    assert problem.message == "The file is larger than the 1 MB limit."
    assert "1024" not in problem.message
    assert problem.hint == "Split the playbook into smaller files."


def test_the_size_refusal_speaks_french_under_fr():
    with translation.override("fr"):
        problem = _refusal(check_upload_size, filename="big.csv", size=25 * 1024 * 1024)
    assert problem.message == "Le fichier pèse 25 Mo, au-delà de la limite de 1 Mo."
    assert problem.hint == "Découpez le playbook en fichiers plus petits."
