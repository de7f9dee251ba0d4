"""`make bench`: run every benchmarks/bench_*.py and print one table.

Each module exposes ``run() -> list[dict]`` with rows ``{name, size, median_s, baseline_s, ratio}``
(and optionally ``target_s``); the baseline is measured in the same run, so the ratio holds on
any machine. Usage: ``python -m benchmarks [NAME ...]`` to run only modules whose name contains NAME.

The table is also written as Markdown to ``bench-results/latest.md`` (and the rows as JSON to
``bench-results/latest.json``); when stdout is not a terminal (a CI log, a pipe) the Markdown is
what is printed, since a terminal table squeezed to 80 columns is unreadable there.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

import benchmarks


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


COLUMNS = ("benchmark", "data size", "median", "baseline", "ratio", "target", "met")


def _cells(row: dict[str, Any]) -> tuple[str, ...]:
    target = row.get("target_s")
    met = "" if target is None else ("yes" if row["median_s"] <= target else "NO")
    return (
        row["name"],
        row["size"],
        _seconds(row["median_s"]),
        f"{_seconds(row['baseline_s'])} ({row.get('baseline', 'baseline')})",
        f"{row['ratio']:.1f}×",
        "" if target is None else f"< {_seconds(target)}",
        met,
    )


def markdown_table(rows: list[dict[str, Any]]) -> str:
    """The benchmark table as Markdown (pipes in values escaped)."""
    lines = [
        "# Accord benchmarks",
        "",
        "Median of repeated runs; ratio = median / baseline, both measured in the same run.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "| "
        + " | ".join("---" if column in {"benchmark", "data size"} else "---:" for column in COLUMNS)
        + " |",
    ]
    lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in _cells(row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def main(filters: list[str]) -> int:
    console = Console(stderr=not sys.stdout.isatty())
    names = sorted(
        module.name
        for module in pkgutil.iter_modules(benchmarks.__path__)
        if module.name.startswith("bench_") and (not filters or any(f in module.name for f in filters))
    )
    table = Table(title="Accord benchmarks (median of repeated runs; ratio = median / baseline)")
    for column in COLUMNS:
        table.add_column(column, justify="left" if column in {"benchmark", "data size"} else "right")
    rows = []
    for name in names:
        console.print(f"running {name} …", style="dim")
        module = importlib.import_module(f"benchmarks.{name}")
        for row in module.run():
            rows.append(row)
            table.add_row(*_cells(row))
    output = Path("bench-results")
    output.mkdir(exist_ok=True)
    (output / "latest.json").write_text(json.dumps(rows, indent=2))
    markdown = markdown_table(rows)
    (output / "latest.md").write_text(markdown, encoding="utf-8")
    if sys.stdout.isatty():
        console.print(table)
    else:
        sys.stdout.write(markdown)
    console.print(f"rows written to {output / 'latest.json'} and {output / 'latest.md'}", style="dim")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
