"""The station's own artist list (DISCOGS_LIBRARY_ARTISTS_FILE) as the converter's artist filter,
instead of the list derived from library.db: through the real converter into a published cache."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets_tests.csvsets import write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids
from discogs_cache_assets_tests.test_converter_failures import MONTH, SIDES
from discogs_cache_assets_tests.test_library_assets import ASSETS, meta
from discogs_cache_assets.library.mysql import MySQLResource
from discogs_cache_assets.resources import Workspace

# Artist -> (release id, title); the library holds Alpha Band and Gamma Band.
RELEASES = {"Alpha Band": (1, "Alpha"), "Beta Band": (2, "Beta"), "Gamma Band": (3, "Gamma")}
LIBRARY = [("Alpha Band", "Alpha"), ("Gamma Band", "Gamma")]


def _month(folder: Path) -> Path:
    folder.mkdir()
    releases = "".join(
        f'<release id="{rid}"><artists><artist><id>{rid}</id><name>{artist}</name></artist></artists>'
        f"<title>{title}</title><master_id>{rid}</master_id></release>\n"
        for artist, (rid, title) in RELEASES.items()
    )
    (folder / f"discogs_{MONTH}_releases.xml").write_text(f"<releases>{releases}</releases>\n", encoding="utf-8")
    for kind, xml in SIDES.items():
        (folder / f"discogs_{MONTH}_{kind}.xml").write_text(xml, encoding="utf-8")
    return folder


def _resources(tmp_path: Path, pg_url: str, artists_file: Path | None) -> dict[str, object]:
    library_db = write_library(tmp_path / "library.db", LIBRARY)
    resources = graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path, library_db=library_db,
                                prune=False)
    resources["dump"] = DumpResource(dump_dir=str(_month(tmp_path / "dump")))
    resources["library"] = LibraryResource(db_path=str(library_db), artists_file=str(artists_file or "") or None)
    return resources


def test_the_converter_filters_on_the_given_list_as_it_is(tmp_path: Path, pg_url: str) -> None:
    given = tmp_path / "station_artists.txt"
    # Beta Band is not in library.db; Gamma Band is, but the station's list leaves it out.
    given.write_text("\ufeffAlpha Band\n\n  Beta Band  \r\n", encoding="utf-8")
    with dg.instance_for_test() as instance:
        result = build(instance, _resources(tmp_path, pg_url, given))
    artists = metadata(result, "library_artists")
    assert artists["artists_source"] == "file" and artists["artists_file"] == str(given)
    assert artists["artist_count"] == 2
    written = Path(str(artists["path"]))
    assert written.read_text(encoding="utf-8") == "Alpha Band\nBeta Band\n"
    # The prune step's files are still written from library.db.
    assert {p.name for p in written.parent.iterdir()} >= {"compilation_titles.txt", "library_aliases.csv"}
    assert published_ids(pg_url) == [1, 2]


def test_without_a_list_the_filter_comes_from_library_db(tmp_path: Path, pg_url: str) -> None:
    with dg.instance_for_test() as instance:
        result = build(instance, _resources(tmp_path, pg_url, None))
    assert metadata(result, "library_artists")["artists_source"] == "library"
    assert published_ids(pg_url) == [1, 3]


def test_an_unreadable_list_fails_in_one_line_naming_it(tmp_path: Path) -> None:
    db = write_library(tmp_path / "library.db", LIBRARY)
    missing = tmp_path / "nowhere" / "artists.txt"
    not_utf8 = tmp_path / "latin1.txt"
    not_utf8.write_bytes("Alpha Band\nBj\xf6rk\n".encode("latin-1"))
    for path, expected in ((missing, f"{missing}: cannot read the library artists file: No such file"),
                           (not_utf8, f"{not_utf8}: line 2: not UTF-8")):
        resources = {
            "workspace": Workspace(home=str(tmp_path / "home")),
            "library": LibraryResource(db_path=str(db), artists_file=str(path)),
            "mysql": MySQLResource(url=None),
        }
        result = dg.materialize(ASSETS, resources=resources, raise_on_error=False)
        (failed,) = [e for e in result.all_events if e.is_step_failure]
        message = failed.step_failure_data.user_failure_data.description
        assert failed.step_key == "library_artists" and "\n" not in message
        assert message.startswith(expected), message
    assert meta(dg.materialize(ASSETS, resources={**resources, "library": LibraryResource(db_path=str(db))}),
                "library_artists")["artists_source"] == "library"
