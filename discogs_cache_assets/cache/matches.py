"""library_matches: KEEP / REVIEW / PRUNE for every dedup survivor, stored in the build schema."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import run_sql_file

# (release_id, artist_name or None, extra or None, release title)
MatchRow = tuple[int, str | None, int | None, str]
Decide = Callable[[Sequence[MatchRow]], Mapping[int, str]]


@dataclass(frozen=True)
class MatchReport:
    releases: int
    keep: int
    review: int
    prune: int
    unclassified: int
    cached: int
    seconds: float


def read_match_rows(conn: psycopg.Connection) -> list[MatchRow]:
    with conn.cursor() as cur, cur.copy(sqlfiles.query("match_input")) as copy:
        copy.set_types(["int4", "text", "int4", "text"])
        return list(copy.rows())


def store_matches(conn: psycopg.Connection, decide: Decide | None) -> MatchReport:
    """``decide`` None keeps every survivor (no library to prune against)."""
    started = time.monotonic()
    rows = read_match_rows(conn)
    release_ids = sorted({r[0] for r in rows})
    decisions = dict(decide(rows)) if decide else {}
    run_sql_file(conn, "library_matches")
    counts: Counter[str] = Counter()
    unclassified = 0
    with conn.cursor() as cur, cur.copy("COPY release_match (release_id, decision) FROM STDIN") as copy:
        for release_id in release_ids:
            decision = decisions.get(release_id) if decide else "KEEP"
            if decision is None:
                # The classifier had nothing to judge it by: nothing ties it to the library.
                unclassified += 1
                decision = "PRUNE"
            counts[decision] += 1
            copy.write_row((release_id, decision))
    run_sql_file(conn, "cache_release_ids")
    return MatchReport(
        releases=len(release_ids),
        keep=counts["KEEP"],
        review=counts["REVIEW"],
        prune=counts["PRUNE"],
        unclassified=unclassified,
        cached=counts["KEEP"] + counts["REVIEW"],
        seconds=time.monotonic() - started,
    )
