"""Benchmark: the lookup service's reads on a generated cache, alone and while a rebuild runs.

    .venv/bin/python bench/lookup.py [--releases 700000] [--work DIR] [--rounds 200]

A seeded sample dump (discogs_cache_assets.sample) is generated once into --work and converted
without a library filter, so that after dedup about three quarters of its releases survive
(700k releases -> ~520k in the cache). The cache is built through the real asset graph (CSV
input, prune off) into an embedded PostgreSQL under --work (or DATABASE_URL) and kept there:
reruns skip straight to the measurements. Each read of discogs_cache_assets_tests.service (the
service's SQL, SET LOCAL bounds included) runs --rounds times on parameters drawn from the cache
(typed-with-a-typo titles and names), then again round-robin for as long as a full rebuild of
the same CSVs plus one release runs in another process and publishes. Printed: p50/p99 per read, alone and
during the rebuild. The last line is the verdict; the exit status is 1 when the p99 of any
search is above 20 ms.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import dagster as dg  # noqa: E402
import psycopg  # noqa: E402
from psycopg.conninfo import make_conninfo  # noqa: E402

from discogs_cache_assets.dump.binary import converter_path  # noqa: E402
from discogs_cache_assets.dump.resource import DumpResource  # noqa: E402
from converter import SAMPLE_FORM  # noqa: E402
from discogs_cache_assets.sample import generate_sample  # noqa: E402
from discogs_cache_assets_tests.graph import build, graph_resources  # noqa: E402
from discogs_cache_assets_tests.service import SEARCH_TIMEOUT_MS, SEARCHES, read  # noqa: E402

GOAL_MS = 20.0
DATABASE = "lookup_bench"


def database_url(work: Path) -> str:
    if url := os.environ.get("DATABASE_URL"):
        return url
    from discogs_cache_assets.resources import embedded_uri

    server = embedded_uri(work / "pg")
    with psycopg.connect(server, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)).fetchone():
            conn.execute(f'CREATE DATABASE "{DATABASE}"')
    return make_conninfo(server, dbname=DATABASE)


def csv_set(work: Path, releases: int, seed: int) -> tuple[Path, Path]:
    """The converted sample (every release, no library filter) and its library.db."""
    # The form is in the names, so that folders written in the older form are not reused.
    sample = work / f"sample-{releases}-{seed}-{SAMPLE_FORM}"
    csv_dir = work / f"csv-{releases}-{seed}-{SAMPLE_FORM}"
    if not (csv_dir / "release.csv").is_file():
        if not (sample / "sample_info.json").is_file():
            print(f"generating {releases} releases into {sample} ...", flush=True)
            generate_sample(sample, releases=releases, seed=seed, form=SAMPLE_FORM)
        print(f"converting into {csv_dir} ...", flush=True)
        dump = next(sample.glob("discogs_*_releases.xml.gz"))
        subprocess.run([str(converter_path()), str(dump), "--output-dir", str(csv_dir)], check=True)
    return csv_dir, sample / "library.db"


def changed_copy(csv_dir: Path, tag: str) -> Path:
    """The CSVs plus one release titled by `tag`: new content on every run, so the rebuild makes a
    new cache and swaps it in (identical CSVs give the same build key, and publish keeps the
    cache it has)."""
    out = csv_dir.with_name(csv_dir.name + "-rebuild")
    out.mkdir(exist_ok=True)
    for f in csv_dir.glob("*.csv"):
        if f.name not in ("release.csv", "release_artist.csv") and not (out / f.name).exists():
            os.link(f, out / f.name)
    extra = {"release.csv": f"99999999,Accepted,Bench Rebuild {tag},US,2026,,Correct,,Vinyl,\n",
             "release_artist.csv": "99999999,1,Bench Rebuild Artist,0,,1,,\n"}
    for name, line in extra.items():
        (out / name).write_bytes((csv_dir / name).read_bytes() + line.encode())
    return out


def build_cache(url: str, work: Path, csv_dir: Path, library_db: Path, dump_id: str) -> float:
    """Materialize the whole graph with a fresh instance (no history: every step runs)."""
    started = time.monotonic()
    resources = graph_resources(pg_url=url, home=work / "home", csv_dir=csv_dir, library_db=library_db, prune=False)
    resources["dump"] = DumpResource(csv_dir=str(csv_dir), dump_id=dump_id)
    with dg.instance_for_test() as instance:
        build(instance, resources)
    return time.monotonic() - started


def published_releases(url: str) -> int:
    with psycopg.connect(url) as conn:
        if conn.execute("SELECT to_regclass('public.cache_build')").fetchone()[0] is None:
            return 0
        return conn.execute("SELECT count(*) FROM release").fetchone()[0]


def _typo(text: str) -> str:
    return text.lower()[:-1] if len(text) > 4 else text.lower()


def parameters(url: str, count: int, seed: int) -> dict[str, list[dict]]:
    """Per read, `count` parameter sets drawn from releases that have a main credit and tracks."""
    with psycopg.connect(url) as conn:
        conn.execute("SELECT setseed(%s)", (seed / 1000,))
        rows = conn.execute(
            "SELECT r.id, r.title, a.artist_name, t.title FROM "
            "(SELECT id, title FROM release TABLESAMPLE SYSTEM (2) ORDER BY random() LIMIT %s) r "
            "JOIN LATERAL (SELECT artist_name FROM release_artist WHERE release_id = r.id AND extra = 0 LIMIT 1) a ON true "
            "JOIN LATERAL (SELECT title FROM release_track WHERE release_id = r.id ORDER BY random() LIMIT 1) t ON true",
            (count * 2,),
        ).fetchall()[:count]
    rng = random.Random(seed)
    artists = [r[2] for r in rows]
    out: dict[str, list[dict]] = {}
    for rid, album, artist, track in rows:
        out.setdefault("search_track", []).append(dict(track=_typo(track), limit=40))
        out.setdefault("search_track_artist", []).append(dict(track=_typo(track), artist=_typo(artist), limit=40))
        out.setdefault("search_release", []).append(dict(artist=_typo(artist), album=_typo(album), limit=10))
        out.setdefault("search_title", []).append(dict(title=_typo(album), limit=5))
        out.setdefault("search_track_title", []).append(dict(title=_typo(track), limit=5))
        out.setdefault("autocomplete_track", []).append(
            dict(artist=_typo(artist), prefix=track[:3], release=None, limit=100))
        out.setdefault("artist_candidates", []).append(dict(names=rng.sample(artists, 5), min_score=0.85))
        out.setdefault("release", []).append(dict(id=rid))
        out.setdefault("release_extras", []).append(dict(id=rid))
        out.setdefault("negative_hit", []).append(dict(key_hash=rng.randbytes(32)))
    return out


def measure(conn: psycopg.Connection, name: str, params: dict, timeouts: dict[str, int]) -> float:
    """Milliseconds of one read; one cancelled by the service's statement_timeout counts at the
    time it took, as the service experiences it (it then degrades to the API)."""
    started = time.perf_counter()
    try:
        read(conn, name, **params)
    except psycopg.errors.QueryCanceled:
        timeouts[name] = timeouts.get(name, 0) + 1
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if q < 100 else max(values)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--releases", type=int, default=700_000, help="<release> elements in the sample dump")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--rounds", type=int, default=200, help="runs of each read, alone")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "discogs-lookup-bench")
    ap.add_argument("--no-rebuild", action="store_true", help="measure the reads alone only")
    ap.add_argument("--build-only", metavar="DUMP_ID", help=argparse.SUPPRESS)  # the rebuild process
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    url = database_url(args.work)
    csv_dir, library_db = csv_set(args.work, args.releases, args.seed)
    if args.build_only:
        build_cache(url, args.work, changed_copy(csv_dir, args.build_only), library_db, args.build_only)
        return 0
    if not published_releases(url):
        print("building the cache through the asset graph ...", flush=True)
        print(f"built in {build_cache(url, args.work, csv_dir, library_db, 'bench'):.0f} s", flush=True)
    size = published_releases(url)
    params = parameters(url, args.rounds, args.seed)
    names = list(params)
    alone: dict[str, list[float]] = {n: [] for n in names}
    during: dict[str, list[float]] = {n: [] for n in names}
    timeouts_alone: dict[str, int] = {}
    timeouts_during: dict[str, int] = {}
    with psycopg.connect(url, autocommit=True) as conn:
        warm: dict[str, int] = {}
        for name in names:  # warm the caches the way a running service has them
            for p in params[name][:5]:
                measure(conn, name, p, warm)
        for name in names:
            alone[name] = [measure(conn, name, p, timeouts_alone) for p in params[name]]
        rebuild_seconds = 0.0
        if not args.no_rebuild:
            print("measuring during a rebuild ...", flush=True)
            started = time.monotonic()
            rebuild = subprocess.Popen(
                [sys.executable, __file__, "--releases", str(args.releases), "--seed", str(args.seed),
                 "--work", str(args.work), "--build-only", f"bench-{int(time.time())}"],
                stdout=subprocess.DEVNULL, stderr=open(args.work / "rebuild.log", "w"),  # noqa: SIM115
            )
            i = 0
            while rebuild.poll() is None:
                name = names[i % len(names)]
                during[name].append(measure(conn, name, params[name][(i // len(names)) % args.rounds], timeouts_during))
                i += 1
            rebuild_seconds = time.monotonic() - started
    print()
    print(f"cache: {size} releases; reads alone x{args.rounds}; rebuild {rebuild_seconds:.0f} s")
    print(f"statement_timeout {SEARCH_TIMEOUT_MS} ms (the service's); 'to' = searches it cancelled")
    print(f"{'read':22} {'p50 ms':>8} {'p99 ms':>8} {'to':>3} | {'rebuild p50':>11} {'p99':>8} {'to':>3} {'n':>5}")
    worst = 0.0
    for name in names:
        a, d = alone[name], during[name]
        row = f"{name:22} {percentile(a, 50):8.2f} {percentile(a, 99):8.2f} {timeouts_alone.get(name, 0):3d} | "
        row += (f"{percentile(d, 50):11.2f} {percentile(d, 99):8.2f} {timeouts_during.get(name, 0):3d} {len(d):5d}"
                if d else f"{'-':>11} {'-':>8} {'-':>3} {0:5d}")
        print(row)
        if name in SEARCHES:
            worst = max(worst, percentile(a, 99), percentile(d, 99) if d else 0.0)
    if not args.no_rebuild and rebuild.returncode != 0:
        print(f"FAIL: the rebuild failed (exit {rebuild.returncode}); see {args.work / 'rebuild.log'}")
        return 2
    verdict = "PASS" if worst <= GOAL_MS else "FAIL"
    print(f"{verdict}: worst search p99 {worst:.1f} ms (goal <= {GOAL_MS:.0f} ms, alone and during a rebuild)")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    raise SystemExit(main())
