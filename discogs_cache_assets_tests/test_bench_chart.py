"""bench/chart.py draws a report of bench/pipeline.py (a tiny one shaped like the real one)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from discogs_cache_assets_tests.conftest import REPO_ROOT

pytest.importorskip("matplotlib", reason="matplotlib is the bench extra (pip install -e '.[bench]'), "
                    "not part of '.[test]'")

STEPS = {"library_db": 0.4, "library_artists": 0.9, "library_labels": 0.1, "discogs_dump": 1.5,
         "filtered_csvs": 19.0, "cache_schema": 0.01, "release_tables": 2.9, "deduped_releases": 1.7,
         "one_release_per_master": 0.04, "release_tracks": 0.09, "library_matches": 3.9,
         "cache_tables": 6.4, "discogs_cache": 0.1, "checks": 0.16}
DAGSTER_STEPS = {"library_db": 0.5, "library_artists": 1.1, "library_labels": 0.1, "discogs_dump": 1.6,
                 "discogs_dump_dump_has_every_file": 0.06, "convert_dump": 20.3, "cache_schema": 0.05,
                 "release_tables": 3.2, "deduped_releases": 1.7, "deduped_releases_one_release_per_master": 0.07,
                 "release_tracks": 0.15, "library_matches": 4.1, "cache_tables": 6.0, "discogs_cache": 0.24,
                 "discogs_cache_no_orphan_rows": 0.1}


def _round(database_ratio: float) -> dict:
    return {"load_average": 2.0, "gzip": 40.0,
            "direct": {"seconds": STEPS, "wall": 38.0},
            "floor": {"load": 1.5, "index": 9.8, "rows": 2_500_000},
            "dagster": {"wall": 41.4, "steps": DAGSTER_STEPS},
            "ratios": {"database_ratio": database_ratio}}


def test_a_report_becomes_a_png(tmp_path: Path) -> None:
    report = {"date": "2026-12-06T05:07:05+00:00", "machine": {"cpus": 2}, "releases": 2000,
              "rounds": [_round(1.36), _round(1.27)],
              "ratios": {"converter_ratio": 0.48, "database_ratio": 1.32, "dagster_overhead": 0.149,
                         "dagster_outside_steps": 0.058, "converter_rss": 60 << 20, "python_rss": 290 << 20}}
    (tmp_path / "report.json").write_text(json.dumps(report))
    out = tmp_path / "chart.png"
    done = subprocess.run([sys.executable, str(REPO_ROOT / "bench" / "chart.py"), str(tmp_path / "report.json"),
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert out.stat().st_size > 20_000  # two drawn panels, not an empty canvas
