"""Benchmarks: synthetic repositories (generate.py), the report (run.py), the diff (diff_bench.py)."""
