"""Running the code location as users do: `dagster asset materialize -m ...` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DAGSTER = Path(sys.executable).with_name("dagster")
DEFINITIONS = "discogs_cache_assets.definitions"
# Only the test's own configuration reaches the subprocess: CI exports STATION_MYSQL_URL for the
# MySQL tests, and an inherited one would send library_artists to a database without its tables.
CONFIG_VARIABLES = {
    "STATION_MYSQL_URL", "TARGET_DATABASE_URL", "LIBRARY_LABELS_CSV", "LABEL_HIERARCHY_CSV",
    "DISCOGS_DUMP_DIR", "DISCOGS_CSV_DIR", "DISCOGS_PRUNE", "DISCOGS_CONVERTER", "DATABASE_URL", "LIBRARY_DB",
    "DISCOGS_LIBRARY_ARTISTS_FILE", "DISCOGS_DEDUP", "DISCOGS_KEEP_RELEASE_IDS_FILE",
}


def cli_env(tmp_path: Path, pg_url: str, csv_dir: Path, library_db: Path, **extra: str) -> dict[str, str]:
    (tmp_path / "dagster").mkdir(exist_ok=True)
    inherited = {k: v for k, v in os.environ.items() if k not in CONFIG_VARIABLES}
    return {
        **inherited,
        "DAGSTER_HOME": str(tmp_path / "dagster"),
        "DISCOGS_CACHE_HOME": str(tmp_path / "home"),
        "DATABASE_URL": pg_url,
        "DISCOGS_CSV_DIR": str(csv_dir),
        "LIBRARY_DB": str(library_db),
        **extra,
    }


def materialize_command(select: str = "*") -> list[str]:
    return [str(DAGSTER), "asset", "materialize", "-m", DEFINITIONS, "--select", select]


def materialize(env: dict[str, str], select: str = "*") -> subprocess.CompletedProcess[str]:
    return subprocess.run(materialize_command(select), env=env, capture_output=True, text=True, timeout=300, check=False)


def start_materialize(env: dict[str, str], log: Path, select: str = "*") -> subprocess.Popen[bytes]:
    """In its own process group, so a test can kill the run and every process it started."""
    out = log.open("wb")
    return subprocess.Popen(materialize_command(select), env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
