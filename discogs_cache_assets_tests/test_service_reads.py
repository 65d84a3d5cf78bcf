"""The lookup service's reads on a cache built from the generated sample: in their current form,
and in the tiered and nearest-neighbour forms measured beside it (over their optional index sets).

Each read must find rows that plain equality SQL says are there, and its plan must reach every
table through an index (trigram GIN for the fuzzy predicates, b-tree for ids and keys). Plans are
taken with sequential scans disabled: on a cache this small the planner would rightly prefer
them, and what must not break is that an index *can* serve each predicate as written.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator

import psycopg
import pytest
from psycopg import sql

from discogs_cache_assets import sqlfiles
from discogs_cache_assets_tests.service import read, search, search_bounds

TRIGRAM = {
    "release": "idx_release_title_trgm",
    "release_artist": "idx_release_artist_name_trgm",
    "release_track": "idx_release_track_title_trgm",
    "release_track_artist": "idx_release_track_artist_name_trgm",
}




@pytest.fixture
def conn(sample_cache: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(sample_cache, autocommit=True) as c:
        yield c


def _one(conn: psycopg.Connection, query: str, *params: object) -> tuple:
    row = conn.execute(query, params).fetchone()
    assert row is not None, query
    return row


def _typo(text: str) -> str:
    """What a DJ types: lower case, accents dropped by the keyboard, the last letter missing."""
    return text.lower()[:-1]


# --- the reads ------------------------------------------------------------------------------


def test_search_by_track_without_artist(conn) -> None:  # noqa: ANN001
    release_id, track = _one(conn, "SELECT release_id, title FROM release_track WHERE title = 'Dirty Water'")
    rows = read(conn, "search_track", track=_typo(track), limit=20)
    assert (release_id, "Dirty Water") in {(r[0], r[3]) for r in rows}
    compilation = {r[0]: r[4] for r in rows}[release_id]
    assert compilation is True  # the release is credited to Various


def test_search_by_track_with_artist_on_the_track_credit(conn) -> None:  # noqa: ANN001
    # Dirty Water sits on a Various compilation: only the track's own credit names The Standells.
    release_id = _one(conn, "SELECT release_id FROM release_track WHERE title = 'Dirty Water'")[0]
    rows = read(conn, "search_track_artist", track="dirty watr", artist="the standels", limit=20)
    assert release_id in {r[0] for r in rows}
    assert not read(conn, "search_track_artist", track="dirty watr", artist="radiohead", limit=20)


def test_search_by_track_with_artist_on_the_release_credit(conn) -> None:  # noqa: ANN001
    release_id, track = _one(
        conn,
        "SELECT t.release_id, t.title FROM release_track t JOIN release_artist a "
        "ON a.release_id = t.release_id AND a.extra = 0 WHERE a.artist_name = 'Radiohead' "
        "AND length(t.title) > 6 ORDER BY t.release_id, t.sequence LIMIT 1",
    )
    rows = read(conn, "search_track_artist", track=_typo(track), artist="radiohed", limit=20)
    assert release_id in {r[0] for r in rows}
    assert {r[2] for r in rows if r[0] == release_id} == {"Radiohead"}


def test_search_by_artist_and_album_needs_both(conn) -> None:  # noqa: ANN001
    ok = _one(conn, "SELECT id FROM release WHERE title = 'OK Computer'")[0]
    rows = read(conn, "search_release", artist="radiohed", album="ok computr", limit=10)
    assert rows[0][0] == ok and rows[0][2] == "Radiohead" and rows[0][3] == ["Radiohead"]
    assert not read(conn, "search_release", artist="radiohead", album="dirty water", limit=10)
    assert not read(conn, "search_release", artist="the standells", album="ok computer", limit=10)


def test_title_only_and_track_only_fallbacks(conn) -> None:  # noqa: ANN001
    ok = _one(conn, "SELECT id FROM release WHERE title = 'OK Computer'")[0]
    titles = read(conn, "search_title", title="ok compuer", limit=5)
    assert (ok, "OK Computer", "Radiohead") in {r[:3] for r in titles}
    nuggets, various = _one(
        conn,
        "SELECT t.release_id, a.artist_name FROM release_track t JOIN release_artist a "
        "ON a.release_id = t.release_id AND a.extra = 0 WHERE t.title = 'Dirty Water'",
    )
    tracks = read(conn, "search_track_title", title="dirty watter", limit=5)
    assert (nuggets, "Dirty Water", various) in {r[:3] for r in tracks}


def test_autocomplete_by_artist_and_track_prefix(conn) -> None:  # noqa: ANN001
    expected = {
        r[0]
        for r in conn.execute(
            "SELECT t.title FROM release_track t JOIN release_artist a ON a.release_id = t.release_id "
            "AND a.extra = 0 WHERE a.artist_name = 'Radiohead' AND lower(t.title) LIKE 'p%'"
        )
    }
    assert expected  # Paranoid Android
    got = {r[0] for r in read(conn, "autocomplete_track", artist="radiohed", prefix="P", release=None, limit=100)}
    assert expected <= got and all(t.lower().startswith("p") for t in got)
    on_album = read(conn, "autocomplete_track", artist="radiohead", prefix="p", release="ok computr", limit=100)
    assert {r[0] for r in on_album} == expected


def test_batched_artist_candidates(conn) -> None:  # noqa: ANN001
    radiohead = {r[0] for r in conn.execute(
        "SELECT DISTINCT artist_id FROM release_artist WHERE artist_name = 'Radiohead' AND extra = 0")}
    rows = read(conn, "artist_candidates", names=["Radiohead", "RADIOHEAD", "Nobody At All Zzz"], min_score=0.85)
    got = {r[0]: set(r[1]) for r in rows}
    assert got == {"Radiohead": radiohead, "RADIOHEAD": radiohead}


def test_full_release_hydration(conn) -> None:  # noqa: ANN001
    # The release with the most kinds of child rows: every part of the hydration is exercised.
    (release_id,) = _one(
        conn,
        "SELECT r.id FROM release r ORDER BY "
        "(SELECT count(DISTINCT extra) FROM release_artist WHERE release_id = r.id) "
        "+ (SELECT count(DISTINCT extra) FROM release_track_artist WHERE release_id = r.id) "
        "+ (EXISTS (SELECT FROM release_genre WHERE release_id = r.id))::int "
        "+ (EXISTS (SELECT FROM release_style WHERE release_id = r.id))::int "
        "+ (EXISTS (SELECT FROM release_video WHERE release_id = r.id))::int "
        "+ (EXISTS (SELECT FROM release_track WHERE release_id = r.id))::int DESC, r.id LIMIT 1",
    )
    (row,) = read(conn, "release", id=release_id)
    rid, title, year, _art, released, checked, not_found, master_id, artists, labels, tracks, track_artists = row
    assert (rid, not_found, checked) == (release_id, False, None)
    assert (title, year, released, master_id) == _one(
        conn, "SELECT title, release_year, released, master_id FROM release WHERE id = %s", release_id)
    assert [(a["artist_name"], a["extra"], a["role"]) for a in artists] == conn.execute(
        "SELECT artist_name, extra, role FROM release_artist WHERE release_id = %s ORDER BY extra, artist_name",
        (release_id,)).fetchall()
    assert {a["extra"] for a in artists} == {0, 1} and any(a["role"] for a in artists if a["extra"] == 1)
    assert sorted((lb["label_name"], lb["label_id"], lb["catno"]) for lb in labels) == sorted(conn.execute(
        "SELECT label_name, label_id, catno FROM release_label WHERE release_id = %s", (release_id,)).fetchall())
    assert all(lb["catno"] and lb["label_id"] for lb in labels)
    assert [t["title"] for t in tracks] == [r[0] for r in conn.execute(
        "SELECT title FROM release_track WHERE release_id = %s ORDER BY sequence", (release_id,))]
    assert len(track_artists) == _one(
        conn, "SELECT count(*) FROM release_track_artist WHERE release_id = %s", release_id)[0] > 0
    ((genres, styles, videos),) = read(conn, "release_extras", id=release_id)
    assert genres and styles and videos and all(v["src"] for v in videos)
    assert read(conn, "release", id=-1) == []


def test_negative_cache_probe_reads_nothing_on_a_fresh_cache(conn) -> None:  # noqa: ANN001
    assert _one(conn, "SELECT count(*) FROM lookup_negative")[0] == 0  # empty after a first build
    assert read(conn, "negative_hit", key_hash=b"\x00" * 32) == []


# --- every read is served by indexes ------------------------------------------------------

READS = {
    "search_track": dict(track="dirty watr", limit=20),
    "search_track_artist": dict(track="dirty watr", artist="the standels", limit=20),
    "search_release": dict(artist="radiohed", album="ok computr", limit=10),
    "search_title": dict(title="ok compuer", limit=5),
    "search_track_title": dict(title="dirty watter", limit=5),
    "autocomplete_track": dict(artist="radiohed", prefix="p", release="ok computer", limit=100),
    "artist_candidates": dict(names=["Radiohead", "The Standells"], min_score=0.85),
    "release": dict(id=1),
    "release_extras": dict(id=1),
    "negative_hit": dict(key_hash=b"\x00" * 32),
}
# Indexes each read must use: the driving trigram index of each search, every key lookup.
MUST_USE = {
    "search_track": {TRIGRAM["release_track"], "release_pkey", "idx_release_artist_release_id"},
    "search_track_artist": {TRIGRAM["release_track"], "idx_release_artist_release_id",
                            "idx_release_track_artist_release_id"},
    "search_release": {TRIGRAM["release"], "idx_release_artist_release_id"},
    "search_title": {TRIGRAM["release"], "idx_release_artist_release_id"},
    "search_track_title": {TRIGRAM["release_track"], "idx_release_artist_release_id"},
    "autocomplete_track": set(),  # see ONE_OF
    "artist_candidates": {TRIGRAM["release_artist"]},
    "release": {"release_pkey", "idx_release_artist_release_id", "idx_release_label_release_id",
                "idx_release_track_release_id", "idx_release_track_artist_release_id"},
    "release_extras": {"idx_release_genre_release_id", "idx_release_style_release_id",
                       "idx_release_video_release_id"},
    "negative_hit": {"lookup_negative_pkey"},
}
# Reads that may reach a table through either of two indexes, whichever the planner estimates
# cheaper on the data: the autocomplete's credits by the artist trigram or by the tracks' release.
ONE_OF = {"autocomplete_track": {"idx_release_artist_release_id", TRIGRAM["release_artist"]}}


def _scans(node: dict) -> Iterator[dict]:
    if "Relation Name" in node or "Index Name" in node:
        yield node
    for child in node.get("Plans", ()):
        yield from _scans(child)


def plan_scans(conn: psycopg.Connection, name: str, params: dict) -> list[dict]:
    with conn.transaction():
        conn.execute(search_bounds())
        conn.execute("SET LOCAL enable_seqscan = off")
        query = sql.SQL("EXPLAIN (FORMAT JSON) ") + sqlfiles.query(f"lookup/{name}")
        (plan,) = conn.execute(query, params).fetchone()
    return list(_scans(plan[0]["Plan"]))


@pytest.mark.parametrize("name", sorted(READS))
def test_read_is_served_by_indexes(conn, name: str) -> None:  # noqa: ANN001
    scans = plan_scans(conn, name, READS[name])
    assert [s["Relation Name"] for s in scans if s["Node Type"] == "Seq Scan"] == []
    used = {s["Index Name"] for s in scans if "Index Name" in s}
    assert MUST_USE[name] <= used, used
    assert ONE_OF.get(name, used) & used, used


@pytest.mark.parametrize("table", sorted(TRIGRAM))
def test_each_trigram_predicate_as_written_uses_its_index(conn, table: str) -> None:  # noqa: ANN001
    # The autocomplete's artist leg and the track-credit leg are filters in the plans above;
    # each predicate on its own must still reach its index through the exact expression.
    column = "title" if table in ("release", "release_track") else "artist_name"
    query = sqlfiles.query("checks/trigram_plan", table=table, column=column)
    with conn.transaction():
        conn.execute("SET LOCAL enable_seqscan = off")
        (plan,) = conn.execute(query, {"q": "radiohead"}).fetchone()
    assert f'"Index Name": "{TRIGRAM[table]}"' in json.dumps(plan)


# --- what the service relies on in the database --------------------------------------------


def test_similarity_threshold_is_left_at_its_default(conn, sample_cache: str) -> None:  # noqa: ANN001
    settings = conn.execute(
        "SELECT coalesce(array_to_string(setconfig, ','), '') FROM pg_db_role_setting"
    ).fetchall()
    assert not any("pg_trgm" in s for (s,) in settings)
    with psycopg.connect(sample_cache) as fresh:
        fresh.execute("SELECT similarity('a', 'b')")  # loads pg_trgm, which defines the setting
        assert fresh.execute("SHOW pg_trgm.similarity_threshold").fetchone()[0] == "0.3"


def test_f_unaccent_is_immutable_in_public(conn) -> None:  # noqa: ANN001
    row = _one(
        conn,
        "SELECT n.nspname, p.provolatile, p.proisstrict, p.proparallel FROM pg_proc p "
        "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.proname = 'f_unaccent'",
    )
    assert row == ("public", "i", True, "s")
    assert _one(conn, "SELECT f_unaccent('Björk')")[0] == "Bjork"


def test_set_local_bounds_work_inside_a_service_transaction(conn) -> None:  # noqa: ANN001
    with conn.transaction():
        conn.execute(search_bounds(timeout_ms=200, work_mem="64MB"))
        assert [conn.execute(f"SHOW {g}").fetchone()[0] for g in
                ("statement_timeout", "work_mem", "pg_trgm.similarity_threshold")] == ["200ms", "64MB", "0.3"]
        with pytest.raises(psycopg.errors.QueryCanceled), conn.transaction():
            conn.execute("SELECT pg_sleep(2)")
    assert conn.execute("SHOW statement_timeout").fetchone()[0] == "0"  # reverted at the end
    assert conn.execute("SHOW work_mem").fetchone()[0] != "64MB"
    assert search(conn, "search_title", title="ok computer", limit=1)  # a bounded search still runs


# --- the nearest-neighbour form over the optional GiST indexes -----------------------------

GIST = {
    "release": "idx_release_title_gist",
    "release_artist": "idx_release_artist_name_gist",
    "release_track": "idx_release_track_title_gist",
    "release_track_artist": "idx_release_track_artist_name_gist",
}
# The GiST indexes each nearest-neighbour search must read in distance order.
NEAREST_USES = {
    "search_track": {GIST["release_track"]},
    "search_track_artist": {GIST["release_track"], GIST["release_artist"], GIST["release_track_artist"]},
    "search_release": {GIST["release"], GIST["release_artist"]},
    "search_title": {GIST["release"]},
    "search_track_title": {GIST["release_track"]},
    "autocomplete_track": {GIST["release_artist"]},
    "artist_candidates": {GIST["release_artist"]},
}


def _build_sample_cache(url: str, work, **search_indexes: bool) -> None:  # noqa: ANN001
    import dagster as dg

    from discogs_cache_assets.cache.search_indexes import SearchIndexes
    from discogs_cache_assets_tests.graph import build
    from discogs_cache_assets_tests.samplecache import generate, sample_resources

    resources = sample_resources(url, work, generate(work / "sample"))
    resources["search_indexes"] = SearchIndexes(**search_indexes)
    with dg.instance_for_test() as instance:
        build(instance, resources)


def _sample_cache_with(pg_server: str, work, **search_indexes: bool) -> Iterator[str]:  # noqa: ANN001
    """A database of its own holding the sample cache built with these optional sets; dropped after."""
    from discogs_cache_assets_tests.conftest import _drop_database, _new_database

    name, url = _new_database(pg_server)
    _build_sample_cache(url, work, **search_indexes)
    yield url
    _drop_database(pg_server, name)


@pytest.fixture(scope="module")
def nearest_cache(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample cache built again with the nearest-neighbour index set enabled."""
    yield from _sample_cache_with(pg_server, tmp_path_factory.mktemp("nearest-cache"), nearest=True)


@pytest.fixture
def near(nearest_cache: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(nearest_cache, autocommit=True) as c:
        yield c


def _gist_indexes(conn: psycopg.Connection) -> set[str]:
    return {r[0] for r in conn.execute(
        "SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND indexdef LIKE '%USING gist%'")}


def test_nearest_index_set_is_built_only_when_enabled(conn, near) -> None:  # noqa: ANN001
    from discogs_cache_assets.cache.search_indexes import NEAREST_FILE, index_names

    assert set(index_names(NEAREST_FILE)) == set(GIST.values())
    assert _gist_indexes(near) == set(GIST.values())
    assert _gist_indexes(conn) == set()  # the default build: the GIN indexes only


def test_nearest_searches_find_the_expected_best_match(near) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import nearest

    ok = _one(near, "SELECT id FROM release WHERE title = 'OK Computer'")[0]
    nuggets = _one(near, "SELECT release_id FROM release_track WHERE title = 'Dirty Water'")[0]
    best = nearest(near, "search_track", track="dirty watr", limit=20)[0]
    assert (best[0], best[3], best[4]) == (nuggets, "Dirty Water", True)
    assert nearest(near, "search_track_artist", track="dirty watr", artist="the standels", limit=20)[0][0] == nuggets
    assert not nearest(near, "search_track_artist", track="dirty watr", artist="radiohead", limit=20)
    assert nearest(near, "search_release", artist="radiohed", album="ok computr", limit=10)[0][:4] == (
        ok, "OK Computer", "Radiohead", ["Radiohead"])
    assert not nearest(near, "search_release", artist="the standells", album="ok computer", limit=10)
    assert nearest(near, "search_title", title="ok compuer", limit=5)[0][:3] == (ok, "OK Computer", "Radiohead")
    assert nearest(near, "search_track_title", title="dirty watter", limit=5)[0][:2] == (nuggets, "Dirty Water")
    titles = [r[0] for r in nearest(near, "autocomplete_track", artist="radiohed", prefix="P", release=None, limit=100)]
    assert "Paranoid Android" in titles and all(t.lower().startswith("p") for t in titles)
    radiohead = {r[0] for r in near.execute(
        "SELECT DISTINCT artist_id FROM release_artist WHERE artist_name = 'Radiohead' AND extra = 0")}
    rows = nearest(near, "artist_candidates", names=["Radiohead", "RADIOHEAD", "Nobody At All Zzz"], min_score=0.85)
    assert {r[0]: set(r[1]) for r in rows} == {"Radiohead": radiohead, "RADIOHEAD": radiohead}


@pytest.mark.parametrize("name", sorted(NEAREST_USES))
def test_nearest_search_agrees_with_the_current_form(near, name: str) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import nearest

    current, nn = read(near, name, **READS[name]), nearest(near, name, **READS[name])
    assert current and nn
    if name == "autocomplete_track":  # the current form returns matching titles in no order
        assert set(r[0] for r in nn) <= set(r[0] for r in current)
    else:
        assert nn[0] == current[0]


@pytest.mark.parametrize("name", sorted(NEAREST_USES))
def test_nearest_search_reads_its_gist_index_in_distance_order(near, name: str) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import NEAREST

    scans = plan_scans(near, NEAREST[name], READS[name])
    assert [s["Relation Name"] for s in scans if s["Node Type"] == "Seq Scan"] == []
    ordered = {s["Index Name"] for s in scans if s["Node Type"] == "Index Scan" and s.get("Order By")}
    assert NEAREST_USES[name] <= ordered, scans


@pytest.mark.parametrize("name", sorted(NEAREST_USES))
def test_current_searches_keep_their_gin_indexes_beside_the_gist_set(near, name: str) -> None:  # noqa: ANN001
    # The GiST set must not serve the current form's `%` predicates: GiST answers them several
    # times slower than GIN, and the planner would take it given the very same expression.
    scans = plan_scans(near, name, READS[name])
    used = {s["Index Name"] for s in scans if "Index Name" in s}
    # (A GiST index read whole, without a condition, only stands in for the disabled Seq Scan.)
    assert not [s for s in scans if s.get("Index Name", "").endswith("_gist") and "Index Cond" in s], scans
    assert MUST_USE[name] & set(TRIGRAM.values()) <= used, used


# --- the tiered form: the current SQL at a raised threshold first ------------------------------


@pytest.fixture(scope="module")
def tiered_cache(pg_server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The sample cache built again with the tiered set (the track title table) enabled."""
    yield from _sample_cache_with(pg_server, tmp_path_factory.mktemp("tiered-cache"), tiered=True)


@pytest.fixture
def tier_conn(tiered_cache: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(tiered_cache, autocommit=True) as c:
        yield c


def test_tiered_set_holds_each_folded_track_title_once(tier_conn, conn) -> None:  # noqa: ANN001
    titles = {r[0] for r in tier_conn.execute("SELECT DISTINCT lower(f_unaccent(title)) FROM release_track")}
    rows = tier_conn.execute("SELECT folded, windows FROM track_title_search").fetchall()
    assert len(rows) == len(titles) and {r[0] for r in rows} == titles
    for folded, windows in rows[:200]:
        b = len(_one(tier_conn, "SELECT show_trgm(%s)", folded)[0])
        # The (query size, tier) pairs whose length window holds a title of b trigrams.
        expected = [a * 10 + tier for tier in (3, 5, 7) for a in range(1, 9)
                    if math.ceil(a * tier / 10) <= b <= math.floor(a * 10 / tier)]
        assert windows == expected, folded
    assert _one(conn, "SELECT to_regclass('public.track_title_search')")[0] is None  # off by default


@pytest.mark.parametrize("name", sorted(NEAREST_USES))
def test_tiered_search_agrees_with_the_current_form(tier_conn, name: str) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import tiered

    conn = tier_conn
    current, tier = read(conn, name, **READS[name]), tiered(conn, name, **READS[name])
    assert current and tier
    if name == "autocomplete_track":  # matching titles in no order
        assert set(r[0] for r in tier) <= set(r[0] for r in current)
    elif name == "artist_candidates":  # min_score is its only threshold: the very same answer
        assert tier == current
    else:
        assert tier[0] == current[0]
        assert tier == current[: len(tier)]  # the current form's best rows, down to the tier's threshold


def _similarity(conn: psycopg.Connection, a: str, b: str) -> float:
    return _one(conn, "SELECT similarity(lower(f_unaccent(%s)), lower(f_unaccent(%s)))", a, b)[0]


def test_tiered_search_steps_down_to_the_services_threshold(tier_conn) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import TIERS, tiered

    conn = tier_conn
    # A typo far enough off that no title scores 0.5: only the last tier finds it.
    query = "drty wter"
    assert 0.3 <= _similarity(conn, "Dirty Water", query) < TIERS[1]
    current = read(conn, "search_track_title", title=query, limit=5)
    assert current and current[0][1] == "Dirty Water"
    assert tiered(conn, "search_track_title", title=query, limit=5) == current
    assert tiered(conn, "search_track_title", title="zzqx vvkj", limit=5) == []


def test_tiered_search_keeps_the_sessions_threshold(conn) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import tiered

    tiered(conn, "search_title", title="ok compuer", limit=5)
    assert _one(conn, "SHOW pg_trgm.similarity_threshold")[0] == "0.3"


def test_tiered_track_search_reads_each_popular_title_once(tier_conn) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import TIERED_SQL

    # The most shared title: the title table hands over one row for it, not one per track.
    title, tracks = _one(tier_conn, "SELECT title, count(*) FROM release_track GROUP BY 1 ORDER BY 2 DESC LIMIT 1")
    assert tracks > 1
    scans = plan_scans(tier_conn, TIERED_SQL["search_track"], dict(track=title.lower()[:-1], limit=40))
    assert {"idx_track_title_search_trgm", "idx_release_track_folded_title"} <= {s.get("Index Name") for s in scans}
    assert "idx_release_track_title_trgm" not in {s.get("Index Name") for s in scans}


def test_a_short_query_reads_only_the_titles_of_a_possible_length(tier_conn) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import TIERED_SQL

    def executed(track: str) -> list[str]:
        """The index conditions of the title table's scans that ran."""
        with tier_conn.transaction():
            tier_conn.execute(search_bounds(threshold=0.5))
            query = sql.SQL("EXPLAIN (ANALYZE, FORMAT JSON) ") + sqlfiles.query(f"lookup/{TIERED_SQL['search_track']}")
            (plan,) = tier_conn.execute(query, dict(track=track, limit=40)).fetchone()
        return [s["Index Cond"] for s in _scans(plan[0]["Plan"])
                if s.get("Index Name") == "idx_track_title_search_trgm" and s.get("Actual Loops", 0) > 0]

    (short,) = executed("them")  # 5 trigrams: its length window's token selects the titles
    assert "windows @>" in short and "folded %" in short
    (long,) = executed("the long and winding roa")  # a long one by its trigrams alone
    assert "windows" not in long and "folded %" in long


def test_service_writes_reach_the_tiered_track_search(tier_conn) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.service import Credit, Fetched, Track, tiered, write_release

    write_release(tier_conn, Fetched(id=987_654_321, title="Written By The Service",
                                     artists=(Credit("Quoxl Vantabrisk", 1),),
                                     tracks=(Track("Zyphrine Moonquake Overture"),)))
    rows = tiered(tier_conn, "search_track", track="zyphrine moonquake overtur", limit=10)
    assert rows and rows[0][0] == 987_654_321
    assert tiered(tier_conn, "search_track_title", title="zyphrine moonquake", limit=5)[0][0] == 987_654_321


def test_turning_the_tiered_set_off_drops_its_table_at_the_next_publish(pg_server, tmp_path) -> None:  # noqa: ANN001
    from discogs_cache_assets_tests.conftest import _drop_database, _new_database

    name, url = _new_database(pg_server)
    try:
        with psycopg.connect(url, autocommit=True) as c:
            if not c.execute("SELECT 1 FROM pg_roles WHERE rolname = 'lookup_reader_tiered'").fetchone():
                c.execute("CREATE ROLE lookup_reader_tiered NOLOGIN")
        _build_sample_cache(url, tmp_path / "on", tiered=True)
        with psycopg.connect(url, autocommit=True) as c:
            c.execute("GRANT SELECT ON public.release, public.track_title_search TO lookup_reader_tiered")
        _build_sample_cache(url, tmp_path / "again", tiered=True, nearest=True)  # a new build key: swapped
        with psycopg.connect(url, autocommit=True) as c:
            assert _one(c, "SELECT has_table_privilege('lookup_reader_tiered', 'public.track_title_search', "
                           "'SELECT')")[0]
            assert _one(c, "SELECT count(*) FROM track_title_search")[0] > 0
        _build_sample_cache(url, tmp_path / "off")
        with psycopg.connect(url, autocommit=True) as c:
            assert _one(c, "SELECT to_regclass('public.track_title_search')")[0] is None
            assert _one(c, "SELECT count(*) FROM release")[0] > 0
    finally:
        _drop_database(pg_server, name)


@pytest.mark.parametrize("name", ["search_track_artist", "autocomplete_track", "artist_candidates"])
def test_searches_with_an_artist_read_the_main_credits_index(tier_conn, name: str) -> None:  # noqa: ANN001
    scans = plan_scans(tier_conn, name, READS[name])
    used = {s.get("Index Name") for s in scans}
    assert {"idx_release_artist_main_name_trgm", "idx_release_track_artist_main_name_trgm"} & used, used
    assert TRIGRAM["release_artist"] not in used, used


def test_the_optional_sets_are_turned_on_by_their_environment_variables(monkeypatch) -> None:  # noqa: ANN001
    from discogs_cache_assets.cache.search_indexes import NEAREST_FILE, TIERED_FILE
    from discogs_cache_assets.definitions import default_resources

    monkeypatch.delenv("DISCOGS_NEAREST_INDEXES", raising=False)
    monkeypatch.delenv("DISCOGS_TIERED_INDEXES", raising=False)
    assert default_resources()["search_indexes"].files() == ()
    monkeypatch.setenv("DISCOGS_TIERED_INDEXES", "1")
    assert default_resources()["search_indexes"].files() == (TIERED_FILE,)
    monkeypatch.setenv("DISCOGS_NEAREST_INDEXES", "1")
    assert default_resources()["search_indexes"].files() == (NEAREST_FILE, TIERED_FILE)
