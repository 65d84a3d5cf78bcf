"""The lookup service's reads and writes as it performs them today, on our own SQL files.

`sql/lookup/*.sql` are its reads, `sql/service/*.sql` its writes. Every search runs in its own
transaction bounded by SET LOCAL (statement_timeout, work_mem, the 0.3 trigram threshold), as
the service does; the probes and hydration run as single statements. Tests and bench/lookup.py
drive the cache through these functions, so both measure exactly the contract.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass

import psycopg
from psycopg import sql

from discogs_cache_assets import sqlfiles

SEARCH_TIMEOUT_MS = 5000
SEARCH_WORK_MEM = "128MB"
TRIGRAM_THRESHOLD = 0.3
CANDIDATE_MIN_SCORE = 0.85
NEGATIVE_TTL_SECONDS = 604_800

# The reads that run inside a bounded search transaction (the trigram searches).
SEARCHES = (
    "search_track",
    "search_track_artist",
    "search_release",
    "search_title",
    "search_track_title",
    "autocomplete_track",
    "artist_candidates",
)
# Reads by key: hydration and the negative-cache probe.
PROBES = ("release", "release_extras", "negative_hit")


def search_bounds(
    timeout_ms: int = SEARCH_TIMEOUT_MS, work_mem: str = SEARCH_WORK_MEM, threshold: float = TRIGRAM_THRESHOLD
) -> sql.Composed | sql.SQL:
    return sqlfiles.query(
        "service/search_bounds",
        timeout=sql.Literal(timeout_ms),
        work_mem=sql.Literal(work_mem),
        threshold=sql.Literal(threshold),
    )


def search(conn: psycopg.Connection, name: str, **params: object) -> list[tuple]:
    """One of SEARCHES, bounded as the service bounds it."""
    with conn.transaction():
        conn.execute(search_bounds())
        return conn.execute(sqlfiles.query(f"lookup/{name}"), params).fetchall()


def probe(conn: psycopg.Connection, name: str, **params: object) -> list[tuple]:
    """One of PROBES: a single statement by key."""
    return conn.execute(sqlfiles.query(f"lookup/{name}"), params).fetchall()


def read(conn: psycopg.Connection, name: str, **params: object) -> list[tuple]:
    return search(conn, name, **params) if name in SEARCHES else probe(conn, name, **params)


# The nearest-neighbour form of each search (sql/lookup/nearest_<search>.sql): same parameters,
# same bounds, over the optional GiST indexes (sql/cache_indexes_nearest.sql). Not the service's
# form today: the form proposed to it, measured beside it (docs/lookup-search.md).
NEAREST = {name: f"nearest_{name}" for name in SEARCHES}


def nearest(conn: psycopg.Connection, name: str, **params: object) -> list[tuple]:
    """The nearest-neighbour form of one of SEARCHES, bounded as the service bounds a search."""
    return search(conn, NEAREST[name], **params)


# The tiered form of each search: the current form's very SQL, run first with a raised trigram
# threshold and again at the next lower one only when it found nothing, down to the service's
# 0.3. The rows at or above a threshold are the current form's best-scoring rows, so the first
# tier with any row holds the current form's best match; a raised threshold lets the GIN index
# hand over far fewer candidates to recheck and score. Not the service's form today: the form
# proposed to it, measured beside it (docs/lookup-search.md).
TIERS = (0.7, 0.5, TRIGRAM_THRESHOLD)


def tiers(name: str, params: dict[str, object]) -> tuple[float, ...]:
    """The thresholds a search runs at, in order. artist_candidates keeps only names at or above
    min_score: its threshold is min_score itself, one step, and its answer the current one."""
    if name == "artist_candidates":
        return (max(TRIGRAM_THRESHOLD, float(params["min_score"])),)  # type: ignore[arg-type]
    return TIERS


# The track searches' tiered form reads each folded title once (sql/cache_indexes_tiered.sql);
# the other searches run their current SQL.
TIERED_SQL = {name: f"tiered_{name}" for name in ("search_track", "search_track_title")}


def tiered(conn: psycopg.Connection, name: str, **params: object) -> list[tuple]:
    """The tiered form of one of SEARCHES, in one transaction bounded as the service bounds a search."""
    query = sqlfiles.query(f"lookup/{TIERED_SQL.get(name, name)}")
    rows: list[tuple] = []
    with conn.transaction():
        for threshold in tiers(name, params):
            conn.execute(search_bounds(threshold=threshold))
            rows = conn.execute(query, params).fetchall()
            if rows:
                break
    return rows


def negative_key(artist: str | None, track: str, artist_as_keyword: bool) -> bytes:
    """sha256 of the folded (artist, track, keyword flag): case and accents collapse to one key."""

    def fold(s: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).lower().strip()

    payload = f"{fold(artist or '')}\x1f{fold(track)}\x1f{int(artist_as_keyword)}"
    return hashlib.sha256(payload.encode("utf-8")).digest()


# --- writes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Credit:
    name: str
    artist_id: int | None = None
    role: str | None = None


@dataclass(frozen=True)
class Track:
    title: str
    position: str = ""
    duration: str | None = None
    artists: tuple[str, ...] = ()


@dataclass(frozen=True)
class Label:
    name: str
    label_id: int | None = None
    catno: str | None = None


@dataclass(frozen=True)
class Fetched:
    """A release as the service hydrates it from the Discogs API."""

    id: int
    title: str
    release_year: int | None = None
    artwork_url: str | None = None
    released: str | None = None
    master_id: int | None = None
    artists: tuple[Credit, ...] = ()
    extra_artists: tuple[Credit, ...] = ()
    labels: tuple[Label, ...] = ()
    tracks: tuple[Track, ...] = ()
    genres: tuple[str, ...] = ()
    styles: tuple[str, ...] = ()


def _q(name: str, **identifiers: str) -> sql.Composed | sql.SQL:
    return sqlfiles.query(f"service/{name}", **identifiers)


def write_release(conn: psycopg.Connection, r: Fetched) -> None:
    """The service's hydrated-release write: one transaction replacing the row and its children.

    Track credits are inserted without deleting the old ones first, as the service does (its
    ON CONFLICT DO NOTHING has no key to conflict on)."""
    with conn.transaction():
        conn.execute(_q("release"), dict(id=r.id, title=r.title, release_year=r.release_year,
                                         artwork_url=r.artwork_url, released=r.released, master_id=r.master_id))
        for table in ("release_artist", "release_label", "release_genre", "release_style", "release_track"):
            conn.execute(_q("delete_children", table=table), {"id": r.id})
        with conn.cursor() as cur:
            credits = [(c, 0) for c in r.artists] + [(c, 1) for c in r.extra_artists]
            cur.executemany(_q("release_artist"), [
                dict(release_id=r.id, artist_id=c.artist_id, artist_name=c.name, extra=extra, role=c.role)
                for c, extra in credits
            ])
            cur.executemany(_q("release_label"), [
                dict(release_id=r.id, label_id=lb.label_id, label_name=lb.name, catno=lb.catno) for lb in r.labels
            ])
            cur.executemany(_q("release_genre"), [dict(release_id=r.id, genre=g) for g in r.genres])
            cur.executemany(_q("release_style"), [dict(release_id=r.id, style=s) for s in r.styles])
            cur.executemany(_q("release_track"), [
                dict(release_id=r.id, sequence=i, position=t.position, title=t.title, duration=t.duration)
                for i, t in enumerate(r.tracks, start=1)
            ])
            cur.executemany(_q("release_track_artist"), [
                dict(release_id=r.id, track_sequence=i, artist_name=name)
                for i, t in enumerate(r.tracks, start=1) for name in t.artists
            ])
        conn.execute(_q("cache_metadata"), {"id": r.id})


def tombstone(conn: psycopg.Connection, release_id: int) -> None:
    with conn.transaction():
        conn.execute(_q("tombstone"), {"id": release_id})


def record_negative(
    conn: psycopg.Connection, artist: str | None, track: str, artist_as_keyword: bool,
    ttl_seconds: int = NEGATIVE_TTL_SECONDS,
) -> bytes:
    key = negative_key(artist, track, artist_as_keyword)
    with conn.transaction():
        conn.execute(_q("lookup_negative"), dict(key_hash=key, artist=artist, track=track,
                                                 artist_as_keyword=artist_as_keyword, ttl_seconds=ttl_seconds))
    return key


def negative_hit(conn: psycopg.Connection, artist: str | None, track: str, artist_as_keyword: bool) -> bool:
    return bool(probe(conn, "negative_hit", key_hash=negative_key(artist, track, artist_as_keyword)))


@dataclass(frozen=True)
class FetchedArtist:
    """An artist as the service hydrates it from the Discogs API."""

    id: int
    name: str
    profile: str | None = None
    image_url: str | None = None
    aliases: tuple[tuple[int | None, str], ...] = ()  # (alias id, name)
    name_variations: tuple[str, ...] = ()
    members: tuple[tuple[int, str, bool], ...] = ()  # (member id, name, active)
    urls: tuple[str, ...] = ()


def write_artist(conn: psycopg.Connection, a: FetchedArtist) -> None:
    """The service's hydrated-artist write: one transaction replacing the row and its children."""
    with conn.transaction():
        conn.execute(_q("artist"), dict(id=a.id, name=a.name, profile=a.profile, image_url=a.image_url))
        for table in ("artist_alias", "artist_name_variation", "artist_member", "artist_url"):
            conn.execute(_q("delete_artist_children", table=table), {"id": a.id})
        with conn.cursor() as cur:
            cur.executemany(_q("artist_alias"), [
                dict(artist_id=a.id, alias_id=alias_id, alias_name=name) for alias_id, name in a.aliases])
            cur.executemany(_q("artist_name_variation"), [dict(artist_id=a.id, name=n) for n in a.name_variations])
            cur.executemany(_q("artist_member"), [
                dict(artist_id=a.id, member_id=m, member_name=n, active=act) for m, n, act in a.members])
            cur.executemany(_q("artist_url"), [dict(artist_id=a.id, url=u) for u in a.urls])


def tombstone_artist(conn: psycopg.Connection, artist_id: int) -> None:
    with conn.transaction():
        conn.execute(_q("artist_tombstone"), {"id": artist_id})
