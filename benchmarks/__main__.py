"""`make bench`: run every benchmarks/bench_*.py and print one table.

Each module exposes ``run() -> list[dict]`` with rows ``{name, size, median_s, baseline_s, ratio}``
(and optionally ``target_s``); the baseline is measured in the same run, so the ratio holds on
any machine. Usage: ``python -m benchmarks [NAME ...]`` to run only modules whose name contains NAME.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

import benchmarks


def _seconds(value: float) -> str:
    return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"


def main(filters: list[str]) -> int:
    console = Console()
    names = sorted(
        module.name
        for module in pkgutil.iter_modules(benchmarks.__path__)
        if module.name.startswith("bench_") and (not filters or any(f in module.name for f in filters))
    )
    table = Table(title="Accord benchmarks (median of repeated runs; ratio = median / baseline)")
    for column in ("benchmark", "data size", "median", "baseline", "ratio", "target", "met"):
        table.add_column(column, justify="left" if column in {"benchmark", "data size"} else "right")
    rows = []
    for name in names:
        console.print(f"running {name} …", style="dim")
        module = importlib.import_module(f"benchmarks.{name}")
        for row in module.run():
            rows.append(row)
            target = row.get("target_s")
            met = "" if target is None else ("yes" if row["median_s"] <= target else "NO")
            table.add_row(
                row["name"],
                row["size"],
                _seconds(row["median_s"]),
                f"{_seconds(row['baseline_s'])} ({row.get('baseline', 'baseline')})",
                f"{row['ratio']:.1f}×",
                "" if target is None else f"< {_seconds(target)}",
                met,
            )
    console.print(table)
    output = Path("bench-results")
    output.mkdir(exist_ok=True)
    (output / "latest.json").write_text(json.dumps(rows, indent=2))
    console.print(f"rows written to {output / 'latest.json'}", style="dim")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
