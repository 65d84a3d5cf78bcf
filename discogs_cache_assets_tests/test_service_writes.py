"""The lookup service's writes on a published cache, and what publish does with them.

The writes run through sql/service/*.sql on a cache built from the generated sample; then a new
dump is published over the written cache and everything the service wrote must still be there,
except where the new build brings its own rows for the same release.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import dagster as dg
import psycopg
import pytest
from psycopg import sql

from discogs_cache_assets.cache.tables import PUBLISHED_TABLES
from discogs_cache_assets_tests.graph import build, metadata
from discogs_cache_assets_tests.samplecache import build_sample_cache, generate, sample_resources
from discogs_cache_assets_tests.service import (
    Credit,
    Fetched,
    Label,
    Track,
    negative_hit,
    read,
    record_negative,
    tombstone,
    write_release,
)

NEW_ID = 90_000_001  # a release the bulk build never holds

FETCHED = Fetched(
    id=NEW_ID,
    title="Fetched From The API",
    release_year=1999,
    artwork_url="https://img.example/f.jpg",
    released="1999-03-00",
    master_id=777,
    artists=(Credit("Shared Name", 11), Credit("Second Main", None)),
    extra_artists=(Credit("Shared Name", 11, "Producer"), Credit("Uncredited Engineer", None, "Engineer")),
    labels=(Label("Fetch Records", 5, "FR 1"), Label("No Id Label", None, None)),
    tracks=(Track("First Song", "A1", "3:01", ("Guest Singer",)), Track("Second Song", "A2", None)),
    genres=("Rock",),
    styles=("Indie Rock",),
)


def hydrated(conn: psycopg.Connection, release_id: int) -> dict[str, object]:
    """What the service reads back for a release, in a comparable form."""
    rows = read(conn, "release", id=release_id)
    if not rows:
        return {}
    (_id, title, year, art, released, _checked, not_found, master, artists, labels, tracks, credits) = rows[0]
    ((genres, styles, _videos),) = read(conn, "release_extras", id=release_id)
    return {
        "release": (title, year, art, released, not_found, master),
        "artists": sorted((a["artist_name"], a["artist_id"], a["extra"], a["role"]) for a in artists or ()),
        "labels": sorted([(lb["label_name"], lb["label_id"], lb["catno"]) for lb in labels or ()], key=repr),
        "tracks": [(t["sequence"], t["position"], t["title"], t["duration"]) for t in tracks or ()],
        "track_artists": [(c["track_sequence"], c["artist_name"], c["extra"], c["role"]) for c in credits or ()],
        "genres": genres or [],
        "styles": styles or [],
    }


EXPECTED_FETCHED = {
    "release": ("Fetched From The API", 1999, "https://img.example/f.jpg", "1999-03-00", False, 777),
    "artists": [("Second Main", None, 0, None), ("Shared Name", 11, 0, None), ("Shared Name", 11, 1, "Producer"),
                ("Uncredited Engineer", None, 1, "Engineer")],
    "labels": [("Fetch Records", 5, "FR 1"), ("No Id Label", None, None)],
    "tracks": [(1, "A1", "First Song", "3:01"), (2, "A2", "Second Song", None)],
    "track_artists": [(1, "Guest Singer", 0, None)],
    "genres": ["Rock"],
    "styles": ["Indie Rock"],
}

# The kept values of the artist tables when the service fetched no artist.
NO_ARTISTS = {"artist.fetched_at": 0, "artist.image_url": 0, "artist.not_found": 0}


@pytest.fixture
def conn(sample_cache: str) -> Iterator[psycopg.Connection]:
    with psycopg.connect(sample_cache, autocommit=True) as c:
        yield c


def _bulk_id(conn: psycopg.Connection, offset: int = 0) -> int:
    return conn.execute(
        "SELECT r.id FROM release r JOIN cache_metadata m ON m.release_id = r.id AND m.source = 'bulk_import' "
        "WHERE EXISTS (SELECT FROM release_track t WHERE t.release_id = r.id) ORDER BY r.id OFFSET %s LIMIT 1",
        (offset,),
    ).fetchone()[0]


def test_hydrated_release_write_replaces_row_and_children(conn) -> None:  # noqa: ANN001
    write_release(conn, FETCHED)
    assert hydrated(conn, NEW_ID) == EXPECTED_FETCHED
    # Written again over a bulk release: its rows are replaced whole, metadata becomes api_fetch.
    bulk = _bulk_id(conn)
    (bulk_cached_at,) = conn.execute("SELECT cached_at FROM cache_metadata WHERE release_id = %s", (bulk,)).fetchone()
    over = Fetched(**{**FETCHED.__dict__, "id": bulk})
    write_release(conn, over)
    got = hydrated(conn, bulk)
    assert got["artists"] == EXPECTED_FETCHED["artists"] and got["tracks"] == EXPECTED_FETCHED["tracks"]
    assert got["labels"] == EXPECTED_FETCHED["labels"] and got["genres"] == ["Rock"]
    source, cached_at, fresh = conn.execute(
        "SELECT source, cached_at, now() - cached_at < interval '1 minute' FROM cache_metadata WHERE release_id = %s",
        (bulk,),
    ).fetchone()
    assert source == "api_fetch" and fresh and cached_at > bulk_cached_at
    assert conn.execute("SELECT artwork_checked_at IS NOT NULL FROM release WHERE id = %s", (bulk,)).fetchone()[0]


def test_track_credits_written_without_extra_read_back_as_main(conn) -> None:  # noqa: ANN001
    write_release(conn, FETCHED)
    rows = conn.execute(
        "SELECT artist_name, extra FROM release_track_artist WHERE release_id = %s", (NEW_ID,)
    ).fetchall()
    assert ("Guest Singer", 0) in rows
    found = read(conn, "search_track_artist", track="first song", artist="guest singer", limit=5)
    assert NEW_ID in {r[0] for r in found}


def test_tombstone_keeps_a_fetched_release_and_a_fetch_clears_it(conn) -> None:  # noqa: ANN001
    tombstone(conn, NEW_ID + 1)
    assert hydrated(conn, NEW_ID + 1)["release"] == ("", None, None, None, True, None)
    write_release(conn, FETCHED)
    tombstone(conn, NEW_ID)
    kept = hydrated(conn, NEW_ID)
    assert kept["release"][4] is True
    # The service never deletes track credits before re-inserting them (its ON CONFLICT DO
    # NOTHING has no key to conflict on), so a release fetched twice repeats them.
    assert set(kept.pop("track_artists")) == set(EXPECTED_FETCHED["track_artists"])
    assert {k: v for k, v in kept.items() if k != "release"} == {
        k: v for k, v in EXPECTED_FETCHED.items() if k not in ("release", "track_artists")}
    assert kept["release"][0] == "Fetched From The API"
    write_release(conn, FETCHED)
    assert hydrated(conn, NEW_ID)["release"][4] is False


def test_negative_cache_upsert_and_ttl(conn) -> None:  # noqa: ANN001
    key = record_negative(conn, "Björk", "Jóga", artist_as_keyword=False)
    assert negative_hit(conn, "BJORK", "joga", False)  # case and accents fold to one key
    assert not negative_hit(conn, "Björk", "Jóga", True)  # the other API call shape
    first = conn.execute("SELECT attempted_at FROM lookup_negative WHERE key_hash = %s", (key,)).fetchone()[0]
    record_negative(conn, "Björk", "Jóga", artist_as_keyword=False, ttl_seconds=0)  # expires at once
    assert not negative_hit(conn, "Björk", "Jóga", False)
    record_negative(conn, "Björk", "Jóga", artist_as_keyword=False)  # confirmed again: clock restarts
    again, ttl = conn.execute(
        "SELECT attempted_at, ttl_seconds FROM lookup_negative WHERE key_hash = %s", (key,)).fetchone()
    assert again > first and ttl == 604_800 and negative_hit(conn, "björk", "JOGA", False)
    assert conn.execute("SELECT count(*) FROM lookup_negative WHERE key_hash = %s", (key,)).fetchone()[0] == 1


# --- publish carries what the service wrote -----------------------------------------------


def test_publish_carries_the_service_rows_into_the_new_cache(tmp_path, pg_url) -> None:  # noqa: ANN001
    info = build_sample_cache(pg_url, tmp_path)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        bulk, tombstoned_bulk = _bulk_id(conn), _bulk_id(conn, 1)
        build_rows = hydrated(conn, bulk)
        write_release(conn, FETCHED)
        write_release(conn, Fetched(**{**FETCHED.__dict__, "id": bulk, "title": "Service Title"}))
        tombstone(conn, NEW_ID + 1)
        tombstone(conn, tombstoned_bulk)
        checked = dict(conn.execute(
            "SELECT id, artwork_checked_at FROM release WHERE id = ANY(%s)", ([bulk, tombstoned_bulk],)))
        keys = [record_negative(conn, None, f"track {i}", True) for i in range(3)]
        role = f"lookup_reader_{uuid.uuid4().hex[:8]}"
        conn.execute(sql.SQL("CREATE ROLE {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT SELECT ON ALL TABLES IN SCHEMA public TO {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("GRANT INSERT, UPDATE ON lookup_negative TO {} WITH GRANT OPTION").format(
            sql.Identifier(role)))
        conn.execute("GRANT SELECT ON release TO PUBLIC")
        granted = privileges(conn, role)
    generate(info.out_dir, "20260201")
    with dg.instance_for_test() as instance:
        result = build(instance, sample_resources(pg_url, tmp_path, info))
    published = metadata(result, "discogs_cache")
    assert published["reused"] is False
    with psycopg.connect(pg_url, autocommit=True) as conn:
        assert conn.execute("SELECT dump_id FROM cache_build ORDER BY published_at DESC LIMIT 1").fetchone()[0] \
            .endswith("20260201")
        assert hydrated(conn, NEW_ID) == EXPECTED_FETCHED
        assert hydrated(conn, NEW_ID + 1)["release"][4] is True
        # Releases the new build holds take the build's rows, except what the service wrote back
        # where the build has nothing: the artwork and when it was checked.
        title, year, art, released, not_found, master = build_rows["release"]
        assert art is None
        assert hydrated(conn, bulk) == {**build_rows, "release": (title, year, FETCHED.artwork_url, released, not_found,
                                                                  master)}
        assert hydrated(conn, tombstoned_bulk)["release"][4] is False
        assert dict(conn.execute(
            "SELECT id, artwork_checked_at FROM release WHERE id = ANY(%s)", ([bulk, tombstoned_bulk],))) == checked
        sources = dict(conn.execute(
            "SELECT release_id, source FROM cache_metadata WHERE release_id = ANY(%s)", ([NEW_ID, bulk],)))
        assert sources == {NEW_ID: "api_fetch", bulk: "bulk_import"}
        assert all(negative_hit(conn, None, f"track {i}", True) for i in range(3)) and len(keys) == 3
        # The service's role keeps its rights on the new tables; reading as that role works.
        assert privileges(conn, role) == granted
        with conn.transaction():
            conn.execute(sql.SQL("SET LOCAL ROLE {}").format(sql.Identifier(role)))
            assert read(conn, "release", id=NEW_ID)
        conn.execute(sql.SQL("DROP OWNED BY {}").format(sql.Identifier(role)))
        conn.execute(sql.SQL("DROP ROLE {}").format(sql.Identifier(role)))
    carried = {r.data["table"]: r.data["rows"] for r in published["carried_rows_by_table"].records}
    assert carried["release"] == 2  # the fetched release and the new tombstone
    assert carried["release_artist"] == 4 and carried["release_label"] == 2
    assert carried["release_track"] == 2 and carried["release_track_artist"] == 1
    assert carried["cache_metadata"] == 1 and carried["lookup_negative"] == 3
    assert published["carried_rows"] == sum(carried.values()) == 17
    # Copied by cache_tables, before its indexes; nothing was written since, so the swap had nothing newer.
    kept = {r.data["column"]: r.data["rows"] for r in published["kept_service_values_by_column"].records}
    assert kept == {"artwork_url": 1, "artwork_checked_at": 2, **NO_ARTISTS} and published["kept_service_values"] == 3
    assert published["newer_service_values"] == 0
    # The version record is never swapped: the grants on it stay where they are.
    assert published["carried_grants"] == len([g for g in granted if g[0] in PUBLISHED_TABLES])
    assert published["swap_seconds"] > 0


def _with_artwork(release_id: int, name: str) -> Fetched:
    return Fetched(**{**FETCHED.__dict__, "id": release_id, "artwork_url": f"https://img.example/{name}.jpg"})


def test_artwork_written_while_the_next_cache_waits_is_kept_by_the_swap(tmp_path, pg_url) -> None:  # noqa: ANN001
    """cache_tables copies the service's artwork into the next cache; what it writes after that,
    before the swap, is newer and the swap takes it: the build's other values stay."""
    info = build_sample_cache(pg_url, tmp_path)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        early, late = _bulk_id(conn), _bulk_id(conn, 1)
        write_release(conn, _with_artwork(early, "early"))
    generate(info.out_dir, "20260201")
    with dg.instance_for_test() as instance:
        resources = sample_resources(pg_url, tmp_path, info)
        build(instance, resources, selection=dg.AssetSelection.all() - dg.AssetSelection.assets("discogs_cache"))
        with psycopg.connect(pg_url, autocommit=True) as conn:
            next_title = conn.execute("SELECT title FROM discogs_next.release WHERE id = %s", (late,)).fetchone()[0]
            write_release(conn, _with_artwork(early, "again"))
            write_release(conn, _with_artwork(late, "late"))
            written = dict(conn.execute(
                "SELECT id, artwork_checked_at FROM release WHERE id = ANY(%s)", ([early, late],)))
        result = build(instance, resources)
    published = metadata(result, "discogs_cache")
    assert (published["kept_service_values"], published["newer_service_values"]) == (2, 4)  # urls and times
    with psycopg.connect(pg_url, autocommit=True) as conn:
        rows = {r[0]: r[1:] for r in conn.execute(
            "SELECT id, title, artwork_url, artwork_checked_at FROM release WHERE id = ANY(%s)", ([early, late],))}
    assert rows[early][1:] == ("https://img.example/again.jpg", written[early])
    assert rows[late] == (next_title, "https://img.example/late.jpg", written[late])


def privileges(conn: psycopg.Connection, role: str) -> list[tuple[str, str, bool, str]]:
    """Every privilege the role, or PUBLIC, holds on the published tables (grantor aside)."""
    return conn.execute(
        "SELECT c.relname, a.privilege_type, a.is_grantable, coalesce(pg_get_userbyid(nullif(a.grantee, 0)), 'PUBLIC') "
        "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a "
        "WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.grantee IN (0, %s::regrole) ORDER BY 1, 2, 4",
        (role,),
    ).fetchall()
