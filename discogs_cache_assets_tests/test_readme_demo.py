"""The README's main command on a fresh machine: a temporary HOME, nothing configured (no
DATABASE_URL, no DAGSTER_HOME), run twice; the second run rebuilds nothing."""


import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import psycopg

from discogs_cache_assets.__main__ import LOCAL_INSTANCE
from discogs_cache_assets.resources import embedded_uri, stop_embedded
from discogs_cache_assets_tests.conftest import REPO_ROOT

# Whatever the developer's shell configures, the fresh machine does not have.
PREFIXES = ("DISCOGS_", "DAGSTER_", "LIBRARY_", "LABEL_", "STATION_", "TARGET_", "DATABASE_", "PG")


def readme_main_command() -> list[str]:
    """The README's first code line, last step (the first steps create the venv and install
    this package, which the test suite's interpreter already has)."""
    text = (REPO_ROOT / "README.md").read_text()
    block = re.search(r"```\n(.*?)```", text, re.S).group(1).splitlines()
    assert len(block) == 2, "the README's first block is the two commands"
    steps = [s.strip() for s in block[0].split("&&")]
    assert steps[0].startswith("python3 -m venv .venv") and "pip install" in steps[1]
    command = steps[-1].split()
    assert command[0] == ".venv/bin/python", steps[-1]
    return [sys.executable, *command[1:]]


def run_demo(home: Path) -> subprocess.CompletedProcess[str]:
    return run_cli(home, *readme_main_command()[1:])


def run_cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(PREFIXES)}
    env.update(HOME=str(home), PYTHONPATH=os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")]))
    return subprocess.run([sys.executable, *args], cwd=home, env=env, capture_output=True, text=True,
                          timeout=600, check=False)


def steps(output: str) -> dict[str, str]:
    (line,) = [ln for ln in output.splitlines() if ln.startswith("steps: ")]
    return dict(s.rsplit(" ", 1) for s in line.removeprefix("steps: ").split(", "))


def test_readme_main_command_on_a_fresh_machine(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    data = home / ".discogs-cache-assets" / "postgres"
    try:
        first = run_demo(home)
        assert first.returncode == 0, first.stderr[-3000:]
        built = steps(first.stdout)
        assert set(built) >= {"discogs_dump", "filtered_csvs", "release_tables", "discogs_cache"}
        assert set(built.values()) == {"built"}
        # The socket may live in a short runtime folder (long paths do not fit a socket name);
        # the data directory is in the fresh home.
        assert "\ncache: embedded PostgreSQL (postgresql://postgres:@/postgres?host=/" in first.stdout
        assert (data / "postmaster.pid").is_file()
        # From the repo root, so the UI shows the one code-location name pyproject.toml gives.
        assert f"cd {REPO_ROOT} && DAGSTER_HOME=" in first.stdout and "/dagster dev\n" in first.stdout
        assert (home / ".discogs-cache-assets" / "dagster" / "dagster.yaml").read_text() == LOCAL_INSTANCE
        said = re.search(r"^the embedded PostgreSQL keeps running .*; stop it with:\n +(.*)$", first.stdout, re.M)
        assert said, first.stdout[-600:]
        (home_var, python, *stop) = shlex.split(said.group(1))
        assert home_var == f"DISCOGS_CACHE_HOME={home / '.discogs-cache-assets'}" and python == sys.executable
        assert "lookup by track 'airba':\n    (11, 'Radiohead', 'OK Computer', 'Airbag'" in first.stdout
        (printed,) = re.findall(r"^rows: release (\d+),", first.stdout, re.M)

        with psycopg.connect(embedded_uri(data)) as conn:
            releases = conn.execute("SELECT count(*) FROM public.release").fetchone()[0]
            ok_computer = conn.execute("SELECT title FROM public.release WHERE id = 11").fetchone()
            builds = conn.execute("SELECT dump_id, published_at IS NOT NULL FROM public.cache_build").fetchall()
            credited = conn.execute(
                "SELECT count(*) FROM public.release r WHERE EXISTS "
                "(SELECT 1 FROM public.release_artist a WHERE a.release_id = r.id)"
            ).fetchone()[0]
        assert releases == int(printed) > 0 and ok_computer == ("OK Computer",)
        assert builds == [("20260101", True)] and credited == releases

        second = run_demo(home)
        assert second.returncode == 0, second.stderr[-3000:]
        assert set(steps(second.stdout).values()) == {"reused"}, steps(second.stdout)
        with psycopg.connect(embedded_uri(data)) as conn:
            assert conn.execute("SELECT count(*) FROM public.cache_build").fetchone()[0] == 1
        # The demo leaves its server running for the next run; the command it names stops it.
        stopped = run_cli(home, *stop)
        assert stopped.stdout == f"stopped the embedded PostgreSQL in {data}\n", stopped
        assert not (data / "postmaster.pid").exists()
        assert run_cli(home, *stop).stdout == f"no embedded PostgreSQL is running in {data}\n"
    finally:
        stop_embedded(data)  # a failed assertion above leaves nothing running either
