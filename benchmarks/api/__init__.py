"""The API benchmark's settings, addresses, baseline view and data (see benchmarks/bench_api.py)."""
