"""The build's filter mode: the generated sample built through the real graph with the artist filter
and with the pair filter (DISCOGS_FILTER=pair); the pair build publishes fewer releases, each of
them a library album."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets.dump.filter import FilterModeError, converter_filter
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.library.identity import identity_key, title_key
from discogs_cache_assets.library.normalize import is_compilation
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
    for mode in ("artist", "pair"):
        urls[mode] = pg_url_factory()
        resources = sample_resources(urls[mode], tmp_path / mode, info)
        resources["dump"] = DumpResource(dump_dir=str(info.out_dir), filter_mode=mode)
        with dg.instance_for_test() as instance:
            result = build(instance, resources)
        csvs = [e for e in result.asset_materializations_for_node("convert_dump")
                if e.asset_key == dg.AssetKey("filtered_csvs")]
        assert csvs[-1].metadata["filter_mode"].value == mode
    by_artist, by_pair = published_ids(urls["artist"]), published_ids(urls["pair"])
    assert 0 < len(by_pair) < len(by_artist)

    pairs, compilations = _library_albums(info.library_db)
    aliases = {aid: {identity_key(n) for n in a["variations"] + [x[1] for x in a["aliases"]]}
               for aid, a in parse_artists(info.artists_path).items()}
    with psycopg.connect(urls["pair"]) as conn:
        titles = dict(conn.execute("SELECT id, title FROM public.release").fetchall())
        credits: dict[int, list[tuple[int | None, str, int]]] = {}
        for rid, aid, name, extra in conn.execute(
                "SELECT release_id, artist_id, artist_name, extra FROM public.release_artist"):
            credits.setdefault(rid, []).append((aid, name, extra))
    not_albums = []
    for rid, title in titles.items():
        key = title_key(title)
        names = pairs.get(key, set())
        if any(identity_key(name) in names for _aid, name, _x in credits[rid]):
            continue
        # An album filed under an alias of the credited artist ("Polygon Window" for Aphex Twin).
        if any(aliases.get(aid, set()) & names for aid, _name, _x in credits[rid]):
            continue
        main = [name for _aid, name, extra in credits[rid] if not extra]
        if key in compilations and main and all(is_compilation(n) for n in main):
            continue
        not_albums.append((rid, title, credits[rid]))
    assert not not_albums, not_albums[:10]


def test_filter_mode_is_checked_and_keyed(tmp_path: Path) -> None:
    """An unknown mode is one clear line; the two modes read different files, and convert again
    when switched (their keys differ though the files are the same)."""
    (tmp_path / "library_artists.txt").write_text("A\n", encoding="utf-8")
    db = tmp_path / "library.db"
    db.write_bytes(b"x")
    with pytest.raises(FilterModeError, match="DISCOGS_FILTER='pairs'"):
        converter_filter("pairs", tmp_path, db)
    artist, pair = converter_filter("", tmp_path, db), converter_filter("PAIR", tmp_path, db)
    assert (artist.mode, pair.mode) == ("artist", "pair")
    assert artist.key_parts != pair.key_parts
    assert "--library-artists" in artist.args and "--library-db" in pair.args
    assert pair.command(Path("conv"), Path("d"), Path("o"))[:2] == ["conv", "build"]
