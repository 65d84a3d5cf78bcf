"""bench/pipeline.py: the verdict logic and one tiny end-to-end run (~10 s), so that the benchmark
keeps working as the steps it calls change."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from discogs_cache_assets_tests.benchscripts import load_bench
from discogs_cache_assets_tests.conftest import REPO_ROOT


def _pipeline():  # noqa: ANN202
    return load_bench("pipeline")


GOOD = {"converter_ratio": 0.4, "database_ratio": 0.9, "dagster_overhead": 0.03,
        "converter_rss": 50 << 20, "python_rss": 300 << 20}


def test_every_goal_is_judged_and_a_miss_is_named() -> None:
    bench = _pipeline()
    assert all(met for *_, met in bench.verdicts(GOOD))
    assert bench.last_line(GOOD, []).endswith("all goals met")
    bad = {**GOOD, "database_ratio": 1.6, "python_rss": 3 << 30}
    missed = [name for name, _v, _g, met in bench.verdicts(bad) if not met]
    assert missed == ["database phase / floor", "python peak RSS GiB"]
    assert bench.last_line(bad, missed).startswith("ratio converter 0.40 database 1.60 dagster 1.030")


def test_extrapolation_scales_dump_steps_by_bytes_and_database_steps_by_imported_releases() -> None:
    bench = _pipeline()
    seconds = {"library_db": 1.0, "filtered_csvs": 10.0, "release_tables": 2.0}
    real = bench.extrapolate(seconds, xml_bytes=int(bench.REAL_XML_BYTES / 10), imported=bench.REAL_IMPORTED // 4)
    assert real == pytest.approx({"library_db": 1.0, "filtered_csvs": 100.0, "release_tables": 8.0})


def test_floor_builds_the_published_indexes() -> None:
    statements = _pipeline().floor_index_statements()
    assert len(statements) == 20 and all(s.startswith("CREATE INDEX") for s in statements)
    assert sum("gin_trgm_ops" in s for s in statements) == 5


def test_dagster_check_steps_fold_onto_direct_names() -> None:
    folded = _pipeline().dagster_by_direct_step(
        {"release_tables": 2.0, "deduped_releases_one_release_per_master": 0.1,
         "discogs_cache_no_orphan_rows": 0.2, "discogs_cache_row_counts_consistent": 0.3, "discogs_cache": 1.0},
        {"release_tables": 1.0, "one_release_per_master": 0.1, "checks": 0.1, "discogs_cache": 1.0},
    )
    assert folded == pytest.approx(
        {"release_tables": 2.0, "one_release_per_master": 0.1, "checks": 0.5, "discogs_cache": 1.0}
    )


def _tiny_run(script: str, rounds: int, work: Path) -> tuple[subprocess.CompletedProcess[str], str]:
    """bench/<script> on a 3000-release sample: the process and the last line it printed."""
    proc = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / script), "--releases", "3000", "--rounds", str(rounds),
         "--work", str(work)],
        capture_output=True, text=True, timeout=600, cwd=REPO_ROOT,
    )
    return proc, proc.stdout.strip().splitlines()[-1]


def test_tiny_run_prints_its_ratios_last(tmp_path: Path) -> None:
    proc, last = _tiny_run("pipeline.py", 2, tmp_path)
    assert last.startswith("ratio converter "), proc.stdout[-2000:] + proc.stderr[-2000:]
    # Round 2 runs Dagster first; the rows reported are those of its cache, read before the
    # direct run of the same round dropped it.
    out = proc.stdout
    assert out.index("dagster asset materialize", out.index("round 2 of 2")) < out.index("direct library_db", out.index("round 2 of 2"))
    assert re.search(r"public\.release [1-9]", out), out[-2000:]
    # At this size Dagster's fixed start-up dwarfs the work: the overhead goal is missed, and
    # the exit status says so.
    assert proc.returncode == (0 if last.endswith("all goals met") else 1)


def test_database_bench_tiny_run_prints_its_ratio_last(tmp_path: Path) -> None:
    proc, last = _tiny_run("database.py", 1, tmp_path)
    assert "ratio" in last and proc.returncode in (0, 1), proc.stdout[-2000:] + proc.stderr[-2000:]
