"""The code location as users run it: `dagster asset materialize -m ...` in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from discogs_cache_assets_tests.cli import DAGSTER, DEFINITIONS, cli_env, materialize, materialize_command
from discogs_cache_assets_tests.conftest import REPO_ROOT
from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import published_ids


def _run(tmp_path: Path, pg_url: str, csv_dir: Path) -> subprocess.CompletedProcess[str]:
    return materialize(cli_env(tmp_path, pg_url, csv_dir, tmp_path / "library.db"))


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


def test_code_location_loads_from_pyproject_and_from_module(tmp_path) -> None:  # noqa: ANN001
    """`dagster dev` finds the definitions through [tool.dagster]; the CLI through -m."""
    env = cli_env(tmp_path, "postgresql://unused@127.0.0.1:1/none", tmp_path, tmp_path / "library.db")
    for extra in ([], ["-m", DEFINITIONS]):
        done = subprocess.run(
            [str(DAGSTER), "definitions", "validate", *extra],
            cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        assert "All code locations passed validation" in done.stdout + done.stderr


def test_loading_the_code_location_skips_the_final_collection_at_exit() -> None:
    # An exit handler registered before the import runs after the code location's own (LIFO).
    code = ("import atexit, gc\n"
            "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
            "import discogs_cache_assets.definitions\n"
            "print('frozen before exit:', gc.get_freeze_count() > 0)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["frozen before exit: False", "frozen at exit: True"]


def test_readme_documents_the_command_the_tests_run() -> None:
    """The README's CLI build is the command these tests materialize with (-m, all assets)."""
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    documented = [line.split("/bin/", 1)[1] for line in readme.splitlines() if "dagster asset materialize" in line and "/bin/" in line]
    command = " ".join(materialize_command()[1:]).replace(" *", " '*'")
    assert f"dagster {command}" in documented
