"""The README's main command on a fresh machine: a temporary HOME, nothing configured (no
DATABASE_URL, no DAGSTER_HOME), run twice; the second run rebuilds nothing."""


import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

from discogs_cache_assets.resources import embedded_uri
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
    env = {k: v for k, v in os.environ.items() if not k.startswith(PREFIXES)}
    env.update(HOME=str(home), PYTHONPATH=os.pathsep.join([str(REPO_ROOT), env.get("PYTHONPATH", "")]))
    return subprocess.run(readme_main_command(), cwd=home, env=env, capture_output=True, text=True,
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
        assert "/dagster dev -m discogs_cache_assets.definitions" in first.stdout
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
    finally:
        stop_server(data)


def stop_server(data: Path) -> None:
    """The demo leaves its server running for the next run; the test's home goes away, so stop
    it (fast shutdown: SIGINT to the postmaster named in postmaster.pid)."""
    pid_file = data / "postmaster.pid"
    if not pid_file.is_file():
        return
    pid = int(pid_file.read_text().split()[0])
    os.kill(pid, signal.SIGINT)
    deadline = time.monotonic() + 30
    while pid_file.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
