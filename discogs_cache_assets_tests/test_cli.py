"""The code location as users run it: `dagster asset materialize -m ...` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import published_ids

DAGSTER = Path(sys.executable).with_name("dagster")
CONFIG_VARIABLES = {
    "STATION_MYSQL_URL", "TARGET_DATABASE_URL", "LIBRARY_LABELS_CSV", "LABEL_HIERARCHY_CSV",
    "DISCOGS_DUMP_DIR", "DISCOGS_PRUNE", "DISCOGS_CONVERTER",
}


def _run(tmp_path: Path, pg_url: str, csv_dir: Path) -> subprocess.CompletedProcess[str]:
    # Only this test's configuration: CI exports STATION_MYSQL_URL for the MySQL tests, and an
    # inherited one would send library_artists to a database without the station tables.
    inherited = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    env = {
        **inherited,
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "DISCOGS_CACHE_HOME": str(tmp_path / "home"),
        "DATABASE_URL": pg_url,
        "DISCOGS_CSV_DIR": str(csv_dir),
        "LIBRARY_DB": str(tmp_path / "library.db"),
    }
    (tmp_path / "dagster").mkdir(exist_ok=True)
    return subprocess.run(
        [str(DAGSTER), "asset", "materialize", "-m", "discogs_cache_assets.definitions", "--select", "*"],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def test_cli_materializes_the_whole_graph(tmp_path, pg_url) -> None:  # noqa: ANN001
    csv_dir = write_csv_set(tmp_path / "csv")
    write_library(tmp_path / "library.db")
    done = _run(tmp_path, pg_url, csv_dir)
    assert done.returncode == 0, done.stderr[-3000:]
    assert published_ids(pg_url) == KEPT
    assert pg_url not in done.stdout + done.stderr  # the database URL never reaches the logs


def test_cli_bad_input_exits_nonzero_naming_file_and_line(tmp_path, pg_url) -> None:  # noqa: ANN001
    csv_dir = write_csv_set(tmp_path / "csv")
    write_library(tmp_path / "library.db")
    with (csv_dir / "release_label.csv").open("a", encoding="utf-8") as fh:
        fh.write("102,Extra Label,CAT,7,surplus\n")
    done = _run(tmp_path, pg_url, csv_dir)
    assert done.returncode != 0
    assert f"{csv_dir / 'release_label.csv'}: line 10: extra data after last expected column" in done.stderr
