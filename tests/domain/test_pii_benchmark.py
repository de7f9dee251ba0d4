"""The generated ticket export and the PII benchmark (timing itself is `make bench`'s job)."""

import io

from benchmarks import bench_pii
from rich.console import Console

from accord.domain.pii import Category, find_personal_data


def test_the_ticket_export_has_the_asked_lines_is_reproducible_and_mixes_clean_and_personal_lines():
    export = bench_pii.ticket_export(600, seed=3)
    assert len(export.splitlines()) == 600
    assert bench_pii.ticket_export(600, seed=3) == export
    assert bench_pii.ticket_export(600, seed=4) != export
    lines_with_findings = {export.count("\n", 0, f.start) for f in find_personal_data(export)}
    assert 0.05 * 600 < len(lines_with_findings) < 0.4 * 600
    assert {f.category for f in find_personal_data(export)} >= {Category.EMAIL, Category.BANK, Category.DOB}


def test_the_benchmark_prints_quality_and_times_the_detector_against_one_regex():
    buffer = io.StringIO()
    rows = bench_pii.run(lines=300, repeat=1, console=Console(file=buffer, width=200))
    assert [row["size"].split(" ")[0] for row in rows] == ["300", str(len(bench_pii.load_corpus()))]
    for row in rows:
        assert row["median_s"] > 0
        assert row["baseline_s"] > 0
        assert row["ratio"] == row["median_s"] / row["baseline_s"]
    assert set(rows[0]["quality"]) == {category.value for category in Category}
    printed = buffer.getvalue()
    assert "precision" in printed
    assert all(category.value in printed for category in Category)
    assert bench_pii.naive_pass("a@b.com and 0612345678") == 2
