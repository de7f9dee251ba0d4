import pytest


@pytest.fixture(autouse=True)
def _evidence_in_a_temporary_folder(settings, tmp_path):
    """Evidence files go to a folder of the test's own, removed with it."""
    settings.ACCORD_EVIDENCE_DIR = tmp_path / "evidence"
