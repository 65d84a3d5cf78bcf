"""library_matches: KEEP / REVIEW / PRUNE for every dedup survivor, stored in the build schema."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass

import psycopg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import run_sql_file
from discogs_cache_assets.cache.pins import pinned_ids
from discogs_cache_assets.library.classify import MatchRow

Decide = Callable[[Sequence[MatchRow]], Mapping[int, str]]
# Once every batch is decided: the KEEP releases to hold at REVIEW after all.
Held = Callable[[], Collection[int]]


@dataclass(frozen=True)
class MatchReport:
    releases: int
    keep: int
    review: int
    prune: int
    unclassified: int
    held: int  # KEEP held at REVIEW once every batch was seen
    cached: int
    seconds: float


# Releases per classification call. The classification holds its rows and per-name tables in
# Python; batches keep that bounded whatever the dump's size (about 0.6 GiB at this size, see
# BENCHMARKS.md), at the price of scoring a name seen in two batches twice.
MATCH_BATCH = 200_000


def match_batches(conn: psycopg.Connection, batch_releases: int = MATCH_BATCH) -> Iterator[list[MatchRow]]:
    """The survivors' match rows in batches of whole releases, streamed by a server-side cursor
    (other statements may run on ``conn`` between batches, in the same transaction)."""
    with conn.cursor(name="match_input") as cur:
        cur.itersize = 20_000
        cur.execute(sqlfiles.query("match_input"))
        batch: list[MatchRow] = []
        releases = 0
        last: int | None = None
        for row in cur:
            if row[0] != last:
                if releases >= batch_releases:
                    yield batch
                    batch, releases = [], 0
                releases += 1
                last = row[0]
            batch.append(row)
        if batch:
            yield batch


def store_matches(
    conn: psycopg.Connection, decide: Decide | None, batch_releases: int = MATCH_BATCH, held: Held | None = None
) -> MatchReport:
    """``decide`` None keeps every survivor (no library to prune against); ``held``, called after
    the last batch, names KEEP releases that are REVIEW after all."""
    started = time.monotonic()
    run_sql_file(conn, "library_matches")
    counts: Counter[str] = Counter()
    unclassified = 0
    releases = 0
    pinned = pinned_ids(conn)
    for rows in match_batches(conn, batch_releases):
        release_ids = list(dict.fromkeys(r[0] for r in rows))  # in release order, as read
        decisions = dict(decide(rows)) if decide else {}
        with conn.cursor() as cur, cur.copy("COPY release_match (release_id, decision) FROM STDIN") as copy:
            for release_id in release_ids:
                decision = decisions.get(release_id) if decide else "KEEP"
                if release_id in pinned:
                    decision = "KEEP"  # the station pins it, whatever the match says
                if decision is None:
                    # The classifier had nothing to judge it by: nothing ties it to the library.
                    unclassified += 1
                    decision = "PRUNE"
                counts[decision] += 1
                copy.write_row((release_id, decision))
        releases += len(release_ids)
    held_count = 0
    if held is not None and (ids := [i for i in held() if i not in pinned]):
        held_count = conn.execute(sqlfiles.query("match_hold_review"), {"ids": ids}).rowcount
        counts["KEEP"] -= held_count
        counts["REVIEW"] += held_count
    run_sql_file(conn, "cache_release_ids")
    return MatchReport(
        releases=releases,
        keep=counts["KEEP"],
        review=counts["REVIEW"],
        prune=counts["PRUNE"],
        unclassified=unclassified,
        held=held_count,
        cached=counts["KEEP"] + counts["REVIEW"],
        seconds=time.monotonic() - started,
    )
