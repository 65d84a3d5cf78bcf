"""The build's filter mode: the generated sample built through the real graph with the artist filter
and with the pair filter (DISCOGS_FILTER=pair): the pair build converts fewer releases and
publishes no more, each of them a library album (its title one of the credited artist's library
titles, or like one at the review similarity)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import dagster as dg
import psycopg
import pytest
from rapidfuzz import fuzz

from discogs_cache_assets.dump.filter import FilterModeError, converter_filter
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.library.identity import identity_key, joined_credit, title_key
from discogs_cache_assets.library.normalize import is_compilation, sort_tokens
from discogs_cache_assets.library_match import CacheSettings
from discogs_cache_assets_tests.graph import build, published_ids
from discogs_cache_assets_tests.samplecache import generate, sample_resources
from discogs_cache_assets_tests.test_sample import parse_artists


def _library_albums(library_db: Path) -> tuple[dict[str, set[str]], set[str]]:
    """Title key -> identity keys of the artist and alternate names filed with it; and the title
    keys of the library's compilations."""
    pairs: dict[str, set[str]] = {}
    compilations: set[str] = set()
    with sqlite3.connect(library_db) as conn:
        for artist, title, alternate in conn.execute("SELECT artist, title, alternate_artist_name FROM library"):
            pairs.setdefault(title_key(title), set()).update(
                k for k in (identity_key(artist), identity_key(alternate or "")) if k)
            if is_compilation(artist):
                compilations.add(title_key(title))
    return pairs, compilations


def test_pair_mode_publishes_only_library_albums(pg_url_factory, tmp_path: Path) -> None:  # noqa: ANN001
    info = generate(tmp_path / "sample")
    urls: dict[str, str] = {}
    written: dict[str, int] = {}
    for mode in ("artist", "pair"):
        urls[mode] = pg_url_factory()
        resources = sample_resources(urls[mode], tmp_path / mode, info)
        resources["dump"] = DumpResource(dump_dir=str(info.out_dir), filter_mode=mode)
        with dg.instance_for_test() as instance:
            result = build(instance, resources)
        csvs = [e for e in result.asset_materializations_for_node("convert_dump")
                if e.asset_key == dg.AssetKey("filtered_csvs")]
        assert csvs[-1].metadata["filter_mode"].value == mode
        written[mode] = csvs[-1].metadata["releases_written"].value
    assert written["pair"] < written["artist"]
    by_artist, by_pair = published_ids(urls["artist"]), published_ids(urls["pair"])
    assert 0 < len(by_pair) <= len(by_artist)

    pairs, compilations = _library_albums(info.library_db)
    aliases = {aid: {identity_key(n) for n in a["variations"] + [x[1] for x in a["aliases"]]}
               for aid, a in parse_artists(info.artists_path).items()}
    with psycopg.connect(urls["pair"]) as conn:
        titles = dict(conn.execute("SELECT id, title FROM public.release").fetchall())
        credits: dict[int, list[tuple[int | None, str, int]]] = {}
        for rid, aid, name, extra in conn.execute(
                "SELECT release_id, artist_id, artist_name, extra FROM public.release_artist"):
            credits.setdefault(rid, []).append((aid, name, extra))
    titles_of: dict[str, list[str]] = {}
    for title, artists in pairs.items():
        for artist in artists:
            titles_of.setdefault(artist, []).append(sort_tokens(title))
    review = CacheSettings().review_threshold * 100

    def near(artists: set[str], title: str) -> bool:
        return any(fuzz.ratio(sort_tokens(title), t) >= review - 1e-6 for a in artists for t in titles_of.get(a, ()))

    not_albums = []
    near_titles = 0
    for rid, title in titles.items():
        key = title_key(title)
        names = pairs.get(key, set())
        credited = {identity_key(name) for _aid, name, _x in credits[rid]}
        # An album filed under an alias of the credited artist ("Polygon Window" for Aphex Twin).
        credited |= {k for aid, _name, _x in credits[rid] for k in aliases.get(aid, ())}
        # An album filed under all its main artists as Discogs joins them ("Lou Reed & John Cale");
        # the published rows keep no join, and the sample joins by "&".
        mains = [name for _aid, name, extra in credits[rid] if not extra]
        if len(mains) > 1:
            credited.add(identity_key(joined_credit([(name, "&") for name in mains])))
        if credited & names:
            continue
        if near(credited, key):
            near_titles += 1
            continue
        if key in compilations and mains and all(is_compilation(n) for n in mains):
            continue
        not_albums.append((rid, title, credits[rid]))
    assert not not_albums, not_albums[:10]
    assert near_titles > 0  # the sample's catalog has typos in titles, and answers them


def test_filter_mode_is_checked_and_keyed(tmp_path: Path) -> None:
    """An unknown mode is one clear line; the two modes read different files, and convert again
    when switched (their keys differ though the files are the same)."""
    (tmp_path / "library_artists.txt").write_text("A\n", encoding="utf-8")
    db = tmp_path / "library.db"
    db.write_bytes(b"x")
    with pytest.raises(FilterModeError, match="DISCOGS_FILTER='pairs'"):
        converter_filter("pairs", tmp_path, db, 0.65)
    artist, pair = converter_filter("", tmp_path, db, 0.65), converter_filter("PAIR", tmp_path, db, 0.65)
    assert (artist.mode, pair.mode) == ("artist", "pair")
    assert artist.key_parts != pair.key_parts
    assert converter_filter("pair", tmp_path, db, 0.7).key_parts != pair.key_parts
    assert converter_filter("artist", tmp_path, db, 0.7).key_parts == artist.key_parts
    assert "--library-artists" in artist.args and "--library-db" in pair.args
    assert "--library-pairs" not in pair.args
    (tmp_path / "library_aliases.csv").write_text("artist_name,release_title,source\n", encoding="utf-8")
    with_aliases = converter_filter("pair", tmp_path, db, 0.65)
    assert "--library-pairs" in with_aliases.args and with_aliases.key_parts != pair.key_parts
    assert pair.command(Path("conv"), Path("d"), Path("o"))[:2] == ["conv", "build"]
