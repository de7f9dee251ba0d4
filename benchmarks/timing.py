"""Timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any


def median_seconds(function: Callable[[], Any], *, repeat: int = 7, warmup: int = 1) -> float:
    """Median wall time of ``function`` over ``repeat`` runs, after ``warmup`` untimed runs."""
    for _ in range(warmup):
        function()
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def row(name: str, size: str, median_s: float, baseline_s: float, **extra: Any) -> dict[str, Any]:
    """One line of the benchmark table."""
    return {
        "name": name,
        "size": size,
        "median_s": median_s,
        "baseline_s": baseline_s,
        "ratio": median_s / baseline_s if baseline_s else float("inf"),
        **extra,
    }
