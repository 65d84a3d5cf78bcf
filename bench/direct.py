"""The asset graph's steps run directly, without Dagster: the yardstick for Dagster's overhead.

    python bench/direct.py --dump-dir D --library-db L [--labels-csv C] --home H --database-url U --out R.json

Each step calls the same functions its asset calls (discogs_cache_assets.library, .dump, .cache)
in the same order, with the same session settings, one transaction per database step, the same
build lock and step markers, and the asset checks' SQL at the end. Besides wall seconds per step it
records the CPU seconds of the database phase (the server's and this process's). What is left out is Dagster
itself: definitions, run and event storage, Pipes (the converter runs as a plain CLI here),
resource set-up and, with a multiprocess executor, a process per step. The result (seconds per
step, this process's peak RSS, the converter's) is written as JSON to --out.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402

from converter import run_timed  # noqa: E402
from discogs_cache_assets import sqlfiles  # noqa: E402
from discogs_cache_assets.cache import build, publish, schema_version, tables  # noqa: E402
from discogs_cache_assets.cache.dedup import dedup_releases  # noqa: E402
from discogs_cache_assets.cache.shrink import ShrinkLimit  # noqa: E402
from discogs_cache_assets.cache.release_import import import_release_tables  # noqa: E402
from discogs_cache_assets.cache.tracks import import_tracks  # noqa: E402
from discogs_cache_assets.checks import TRIGRAM_LOOKUPS  # noqa: E402
from discogs_cache_assets.dump.binary import converter_path  # noqa: E402
from discogs_cache_assets.dump.files import newest_dump, stage_dump  # noqa: E402
from discogs_cache_assets.dump.source import check_local  # noqa: E402
from discogs_cache_assets.library.artists import build_library_artists, write_library_files  # noqa: E402
from discogs_cache_assets.library.catalog import LibraryCatalog, fingerprint, read_catalog  # noqa: E402
from discogs_cache_assets.library.labels import read_labels_csv, write_labels_csv  # noqa: E402
from discogs_cache_assets.library.resource import LibraryResource  # noqa: E402
from discogs_cache_assets.library_match import CacheSettings, match_survivors  # noqa: E402
from discogs_cache_assets.resources import APPLICATION_NAME, redact_url  # noqa: E402

# The asset graph's order; checks run after the asset they guard, as Dagster schedules them.
STEPS = (
    "library_db",
    "library_artists",
    "library_labels",
    "discogs_dump",
    "filtered_csvs",  # Dagster's convert_dump: the converter and the label hierarchy it writes
    "cache_schema",
    "release_tables",
    "deduped_releases",
    "one_release_per_master",
    "release_tracks",
    "library_matches",
    "cache_tables",
    "discogs_cache",
    "checks",
)
DATABASE_STEPS = STEPS[STEPS.index("cache_schema") :]


def server_cpu(url: str) -> float:
    """CPU seconds the (local) PostgreSQL server has used so far: the postmaster, its reaped
    children (backends, parallel workers) and the live ones. The bench's server serves nothing
    else, so a difference of two readings is the work of what ran in between, whatever the load
    of the machine (CPU time does not stretch when other processes compete; wall time does)."""
    import psutil

    with psycopg.connect(url) as conn:
        data_dir = Path(conn.execute("SHOW data_directory").fetchone()[0])
    pid = int((data_dir / "postmaster.pid").read_text().split()[0])
    master = psutil.Process(pid)
    t = master.cpu_times()
    total = t.user + t.system + t.children_user + t.children_system
    for child in master.children():
        try:
            c = child.cpu_times()
            total += c.user + c.system
        except psutil.Error:
            pass
    return total


def cpu_self() -> float:
    import resource

    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_rss_self() -> int:
    """VmHWM of this process in bytes (exact, unlike sampling)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


@contextmanager
def connect(url: str) -> Iterator[psycopg.Connection]:
    """A connection as PostgresResource.connect opens one (its name, the session defaults)."""
    with psycopg.connect(url, application_name=APPLICATION_NAME) as conn:
        conn.execute(sqlfiles.query("session_defaults"))
        conn.commit()
        yield conn


@contextmanager
def build_step(url: str, step: str) -> Iterator[psycopg.Connection]:
    """One step of the build schema as run_build_step runs it: lock, settings, work, marker, commit."""
    with psycopg.connect(url, application_name=APPLICATION_NAME) as conn, build.build_lock(conn):
        build.use_build_schema(conn)
        build.tune_session(conn)
        yield conn
        build.set_marker(conn, step, step)
        conn.commit()


def run(args: argparse.Namespace) -> dict[str, Any]:
    seconds: dict[str, float] = {}
    out: dict[str, Any] = {"seconds": seconds}
    library_dir = args.home / "library"
    library_dir.mkdir(parents=True, exist_ok=True)
    url: str = args.database_url

    def timed(step: str, work: Callable[[], Any]) -> Any:
        t0 = time.perf_counter()
        value = work()
        seconds[step] = time.perf_counter() - t0
        print(f"  direct {step:24s} {seconds[step]:8.2f} s", flush=True)
        return value

    def library() -> LibraryCatalog:
        catalog = read_catalog(args.library_db)
        catalog.fingerprint()  # the asset's data version
        return catalog

    catalog = timed("library_db", library)

    def artists() -> None:
        write_library_files(build_library_artists(read_catalog(args.library_db)), library_dir)

    timed("library_artists", artists)

    def labels() -> Path | None:
        if not args.labels_csv:
            return None
        prefs = read_labels_csv(args.labels_csv)
        fingerprint(labels=prefs.rows)  # the asset's data version
        return write_labels_csv(prefs, library_dir / "library_labels.csv")

    labels_path = timed("library_labels", labels)

    found = newest_dump(args.dump_dir)
    csv_dir = args.home / "csv" / found.dump_id

    def dump() -> Path:
        # What discogs_dump does with a local folder: hash every file (against the published
        # checksums when present) and stage the month.
        check_local(found)
        return stage_dump(found, args.home / "dumps" / found.dump_id)

    inputs = timed("discogs_dump", dump)

    def convert() -> None:
        command = [str(converter_path()), str(inputs), "--output-dir", str(csv_dir),
                   "--library-artists", str(library_dir / "library_artists.txt")]
        if (titles := library_dir / "compilation_titles.txt").is_file():
            command += ["--compilation-titles", str(titles)]
        _wall, peak, status = run_timed(command, subprocess.DEVNULL, args.home / "converter.stderr")
        if status != 0:
            raise SystemExit(f"converter failed ({status}): see {args.home / 'converter.stderr'}")
        out["converter_peak_rss"] = peak
        with (csv_dir / "label_hierarchy.csv").open(newline="", encoding="utf-8") as fh:
            sum(1 for _ in csv.DictReader(fh))

    if args.csv_dir:  # profiling the database steps: reuse a conversion
        csv_dir = args.csv_dir
    else:
        timed("filtered_csvs", convert)
    hierarchy = csv_dir / "label_hierarchy.csv"

    def schema() -> None:
        with psycopg.connect(url) as conn, build.build_lock(conn):
            for name in ("extensions", "build_schema"):
                build.run_sql_file(conn, name)
            schema_version.upgrade(conn, redact_url(url))
            build.set_marker(conn, "cache_schema", "cache_schema")
            conn.commit()

    cpu_start = server_cpu(url) + cpu_self()
    timed("cache_schema", schema)

    def release_tables() -> None:
        with build_step(url, "release_tables") as conn:
            out["releases_imported"] = import_release_tables(conn, csv_dir, lambda: connect(url)).releases

    timed("release_tables", release_tables)

    def dedup() -> None:
        with build_step(url, "deduped_releases") as conn:
            out["releases_after_dedup"] = dedup_releases(conn, labels_path, hierarchy).survivors

    timed("deduped_releases", dedup)
    timed("one_release_per_master", lambda: _scalar(url, "checks/one_release_per_master"))

    def tracks() -> None:
        with build_step(url, "release_tracks") as conn:
            import_tracks(conn, csv_dir)

    timed("release_tracks", tracks)

    def matches() -> None:
        with build_step(url, "library_matches") as conn:
            matched = match_survivors(None, conn, library_dir, LibraryResource(db_path=str(args.library_db)),
                                      CacheSettings())
        out["releases_cached"] = matched["cached"]
        out["library_coverage"] = {k: v for k, v in matched.items() if k.startswith(("coverage", "library_rows"))}

    timed("library_matches", matches)

    def cache_tables() -> None:
        with psycopg.connect(url) as conn, build.build_lock(conn):
            build.tune_session(conn)
            provenance = tables.Provenance("direct", found.dump_id, catalog.fingerprint())
            tables.build_cache_tables(conn, conn, same_database=True, provenance=provenance)
            conn.commit()

    timed("cache_tables", cache_tables)

    def discogs_cache() -> None:
        with psycopg.connect(url, autocommit=True) as conn, build.build_lock(conn):
            # A bench publishes whatever size it measures over the last one: no shrink guard.
            publish.vacuum_analyze(conn, publish.publish(conn, ShrinkLimit(allowed=True)))
            for t in tables.PUBLISHED_TABLES:
                conn.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier("public", t))).fetchone()

    timed("discogs_cache", discogs_cache)

    def checks() -> None:
        for name in ("orphan_rows", "row_counts", "unmatched_releases", "cache_age"):
            _scalar(url, f"checks/{name}")
        with psycopg.connect(url) as conn:
            conn.execute("SET LOCAL enable_seqscan = off")
            for table, column, _index in TRIGRAM_LOOKUPS:
                conn.execute(sqlfiles.query("checks/trigram_plan", table=table, column=column), {"q": "radiohead"}).fetchone()

    timed("checks", checks)
    out["database_cpu"] = server_cpu(url) + cpu_self() - cpu_start
    out["csv_dir"] = str(csv_dir)
    out["python_peak_rss"] = peak_rss_self()
    return out


def _scalar(url: str, name: str) -> tuple:
    with psycopg.connect(url) as conn:
        return conn.execute(sqlfiles.query(name)).fetchone()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dump-dir", type=Path, required=True)
    ap.add_argument("--library-db", type=Path, required=True)
    ap.add_argument("--labels-csv", type=Path)
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--database-url", required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--csv-dir", type=Path, help="skip the converter and use these CSVs (profiling only)")
    args = ap.parse_args(argv)
    args.out.write_text(json.dumps(run(args), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
