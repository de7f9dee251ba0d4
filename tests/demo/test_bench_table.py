"""`make bench` writes its table as Markdown to bench-results/latest.md and prints it readably when
stdout is not a terminal."""

import benchmarks.__main__ as bench

ROW = {
    "name": "page: board (vendor admin)",
    "size": "500 projects | 25,000 tasks",
    "median_s": 0.042,
    "baseline_s": 0.006,
    "ratio": 7.0,
    "baseline": "one raw SQL query",
    "target_s": 0.05,
}


def test_the_markdown_table_has_one_line_per_row_and_escapes_pipes():
    lines = bench.markdown_table([ROW]).splitlines()
    assert lines[4] == "| benchmark | data size | median | baseline | ratio | target | met |"
    assert lines[-1] == (
        "| page: board (vendor admin) | 500 projects \\| 25,000 tasks | 42.0 ms "
        "| 6.0 ms (one raw SQL query) | 7.0× | < 50.0 ms | yes |"
    )


def test_the_run_writes_latest_md_and_prints_markdown_off_a_terminal(tmp_path, monkeypatch, capsys):
    class Module:
        @staticmethod
        def run():
            return [ROW]

    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(bench.pkgutil, "iter_modules", lambda path: [type("M", (), {"name": "bench_fake"})])
    monkeypatch.setattr(bench.importlib, "import_module", lambda name: Module)
    assert bench.main([]) == 0
    written = (tmp_path / "bench-results" / "latest.md").read_text(encoding="utf-8")
    assert "| page: board (vendor admin) |" in written
    printed = capsys.readouterr().out  # captured: not a terminal
    assert printed == written
