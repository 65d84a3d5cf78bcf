"""library_matches classifies the survivors in batches of whole releases (bounded memory)."""

from __future__ import annotations

import psycopg

from discogs_cache_assets.cache.matches import match_batches, store_matches

SURVIVORS = {1: ["A", "B"], 2: [], 3: ["C"], 4: ["D", "E", "F"], 5: ["G"]}


def _build_schema(conn: psycopg.Connection) -> None:
    conn.execute("CREATE TABLE release (id integer, title text)")
    conn.execute("CREATE TABLE release_artist (release_id integer, artist_name text, extra integer, artist_id integer)")
    conn.execute("CREATE TABLE dedup_survivor (id integer)")
    for rid, artists in SURVIVORS.items():
        conn.execute("INSERT INTO release VALUES (%s, %s)", (rid, f"T{rid}"))
        conn.execute("INSERT INTO dedup_survivor VALUES (%s)", (rid,))
        for name in artists:
            conn.execute("INSERT INTO release_artist VALUES (%s, %s, 0, %s)", (rid, name, ord(name)))


def test_batches_never_split_a_release_and_decisions_match_one_batch(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        _build_schema(conn)
        batches = list(match_batches(conn, batch_releases=2))
        assert [sorted({r[0] for r in b}) for b in batches] == [[1, 2], [3, 4], [5]]
        assert sum(len(b) for b in batches) == 8  # release 2 appears once, without an artist
        assert all(r[4] == ord(r[1]) for b in batches for r in b if r[1])  # the credited artist ids

        calls: list[int] = []

        def decide(rows):  # noqa: ANN001, ANN202
            calls.append(len({r[0] for r in rows}))
            kept = {r[0] for r in rows if r[1] in ("A", "D")}
            return {r[0]: "KEEP" if r[0] in kept else "PRUNE" for r in rows if r[1]}

        report = store_matches(conn, decide, batch_releases=2)
        assert calls == [2, 2, 1]
        assert (report.releases, report.keep, report.prune, report.unclassified) == (5, 2, 3, 1)
        rows = conn.execute("SELECT release_id, decision FROM release_match ORDER BY 1").fetchall()
        assert rows == [(1, "KEEP"), (2, "PRUNE"), (3, "PRUNE"), (4, "KEEP"), (5, "PRUNE")]
        assert [r[0] for r in conn.execute("SELECT id FROM cache_release_ids ORDER BY 1")] == [1, 4]


def test_a_library_row_two_artists_reach_in_different_batches_is_review(pg_url: str, tmp_path) -> None:  # noqa: ANN001
    """The ambiguity rule over batches: "Cluster" in one, "Cluster (2)" in the next, one library
    row: each batch alone would keep its release; the match holds both at REVIEW."""
    from discogs_cache_assets.library.catalog import read_catalog
    from discogs_cache_assets.library.classify import MatchLibrary
    from discogs_cache_assets.library_match import LibraryMatch
    from discogs_cache_assets_tests.csvsets import write_library

    entries = [("Cluster", "Sowiesoso"), ("Eno", "Before and After Science")]
    catalog = read_catalog(write_library(tmp_path / "library.db", entries))
    with psycopg.connect(pg_url) as conn:
        conn.execute("CREATE TABLE release (id integer, title text)")
        conn.execute("CREATE TABLE release_artist (release_id integer, artist_name text, extra integer, artist_id integer)")
        conn.execute("CREATE TABLE dedup_survivor (id integer)")
        for rid, artist, title in [(1, "Cluster", "Sowiesoso"), (2, "Eno", "Before and After Science"),
                                   (3, "Cluster (2)", "Sowiesoso")]:
            conn.execute("INSERT INTO release VALUES (%s, %s)", (rid, title))
            conn.execute("INSERT INTO dedup_survivor VALUES (%s)", (rid,))
            conn.execute("INSERT INTO release_artist VALUES (%s, %s, 0, %s)", (rid, artist, rid))
        match = LibraryMatch(MatchLibrary.from_entries(entries), catalog)
        report = store_matches(conn, match.decide, batch_releases=1, held=match.held)
        rows = conn.execute("SELECT release_id, decision FROM release_match ORDER BY 1").fetchall()
        assert rows == [(1, "REVIEW"), (2, "KEEP"), (3, "REVIEW")]
        # Release 3's batch knows release 1's claim already; release 1 is held after the last batch.
        assert (report.keep, report.review, report.held) == (1, 2, 1)
        assert match.held() == [1, 3]
        assert match.coverage().answered == 2
