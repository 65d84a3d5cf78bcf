"""A releases dump written the way Discogs writes them today, converted and built through the real
graph: no XML declaration, no status attribute, no images, ``master_id`` 0 on masterless releases,
credits and companies without an id, heading tracks without a position, sub-tracks with their own
credits, a label without a name, CR as ``&#13;``."""

from __future__ import annotations

import csv
import logging
from pathlib import Path

import dagster as dg
import psycopg

from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets_tests.csvsets import write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids

LIBRARY = [("Lib Band", t) for t in ("Alpha", "Beta", "Delta", "Epsilon", "Gamma")]

LIB = "<artists><artist><id>10</id><name>Lib Band</name><anv></anv><join></join><role></role><tracks></tracks></artist></artists>"
MASTERLESS = '<master_id is_main_release="false">0</master_id>'


def _release(rid: int, title: str, master: str, rest: str = "") -> str:
    return f'<release id="{rid}">{LIB}<title>{title}</title>{rest}{master}</release>\n'


# 1, 2: master 0; 5: empty master_id; 6: none at all -- four releases without a master, all
# published. 3 and 4 share master 77: one is (the US one).
RELEASES = (
    "<releases>"
    + _release(
        1,
        "Alpha",
        MASTERLESS,
        '<labels><label name="" catno="NL-1" id="212"/><label name="Lab" catno="L1" id="5"/></labels>'
        "<extraartists><artist><name>Anon Photographer</name><role>Photography By</role></artist>"
        "<artist><id>12</id><name>Known Engineer</name><role>Mastered By</role></artist></extraartists>"
        "<country>US</country><notes>Line one&#13;\nline two</notes>"
        "<tracklist><track><title>Side A</title><duration></duration></track>"
        "<track><position>1</position><title>Suite</title><duration>10:00</duration><sub_tracks>"
        "<track><position>1a</position><title>Part One</title><artists><artist><id>11</id><name>Sub Artist</name>"
        "</artist></artists><extraartists><artist><name>Sub Mixer</name><role>Mixed By</role></artist>"
        "</extraartists></track><track><position>1b</position><title>Part Two</title></track></sub_tracks>"
        "</track></tracklist>"
        "<companies><company><name>Anon Pressing</name><entity_type>17</entity_type>"
        "<entity_type_name>Pressed By</entity_type_name></company></companies>",
    )
    + _release(2, "Beta", MASTERLESS, '<labels><label name="Lab" catno="L2" id="5"/></labels>')
    + _release(3, "Gamma", '<master_id is_main_release="true">77</master_id>', "<country>UK</country>")
    + _release(4, "Gamma", '<master_id is_main_release="false">77</master_id>', "<country>US</country>")
    + _release(5, "Delta", "<master_id></master_id>")
    + _release(6, "Epsilon", "")
    + "</releases>\n"
)
LABELS = (
    "<labels><label><id>212</id><contactinfo>x</contactinfo><data_quality>Needs Vote</data_quality>"
    '<parentLabel id="5">Lab</parentLabel></label>\n'
    "<label><id>5</id><name>Lab</name></label>\n</labels>\n"
)


# The side dumps are there so that the month is complete (a missing one is warned about).
ARTISTS = "<artists><artist><id>10</id><name>Lib Band</name></artist>\n</artists>\n"
MASTERS = '<masters><master id="77"><main_release>4</main_release><title>Gamma</title></master>\n</masters>\n'


def _build(tmp_path: Path, pg_url: str) -> tuple[dg.ExecuteInJobResult, list[str], Path]:
    """The run's result, its warnings and the converter's CSV folder."""
    dump = tmp_path / "dump"
    dump.mkdir()
    (dump / "discogs_20260801_releases.xml").write_text(RELEASES, encoding="utf-8")
    for kind, xml in (("labels", LABELS), ("artists", ARTISTS), ("masters", MASTERS)):
        (dump / f"discogs_20260801_{kind}.xml").write_text(xml, encoding="utf-8")
    resources = graph_resources(
        pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path, library_db=write_library(tmp_path / "lib.db", LIBRARY)
    )
    resources["dump"] = DumpResource(dump_dir=str(dump))
    with dg.instance_for_test() as instance:
        result = build(instance, resources)
        warnings = [e.user_message for e in instance.all_logs(result.run_id) if e.level >= logging.WARNING]
        csvs = instance.get_latest_materialization_event(dg.AssetKey("filtered_csvs"))
    return result, warnings, Path(csvs.asset_materialization.metadata["csv_dir"].value)


def test_current_form_converts_and_publishes(tmp_path: Path, pg_url: str) -> None:
    result, warnings, csvs = _build(tmp_path, pg_url)
    assert warnings == []
    assert published_ids(pg_url) == [1, 2, 4, 5, 6]
    with psycopg.connect(pg_url) as conn:
        for table in ("public.release", "discogs_build.release"):
            masters = conn.execute(f"SELECT id, master_id FROM {table} ORDER BY id").fetchall()  # noqa: S608
            assert [m for _, m in masters if m is not None] == [77] * (len(masters) - 4), table
        credits = dict(conn.execute("SELECT artist_name, artist_id FROM release_artist WHERE release_id = 1"))
        assert credits == {"Lib Band": 10, "Anon Photographer": None, "Known Engineer": 12}
        labels = conn.execute("SELECT label_name, label_id, catno FROM release_label WHERE release_id = 1 ORDER BY 2")
        assert labels.fetchall() == [("Lab", 5, "L1"), ("", 212, "NL-1")]
        tracks = conn.execute(
            "SELECT sequence, position, title FROM release_track WHERE release_id = 1 ORDER BY 1"
        ).fetchall()
        assert tracks == [(1, None, "Side A"), (2, "1a", "Part One"), (3, "1b", "Part Two"), (4, "1", "Suite")]
        track_credits = conn.execute(
            "SELECT track_sequence, artist_name, extra FROM release_track_artist WHERE release_id = 1 ORDER BY 3"
        ).fetchall()
        assert track_credits == [(2, "Sub Artist", 0), (2, "Sub Mixer", 1)]
        assert conn.execute("SELECT count(*) FROM release WHERE artwork_url IS NOT NULL").fetchone()[0] == 0
    imported = metadata(result, "release_tables")
    assert imported["dropped_release_label"] == 0 and imported["dropped_release_artist"] == 0
    # The converter's CSVs carry no 0 as an id: absent means empty.
    with (csvs / "release.csv").open(newline="", encoding="utf-8") as fh:
        rows = {r["id"]: r for r in csv.DictReader(fh)}
    assert {i: r["master_id"] for i, r in rows.items()} == {"1": "", "2": "", "3": "77", "4": "77", "5": "", "6": ""}
    assert rows["1"]["notes"] == "Line one\r\nline two" and rows["1"]["status"] == ""
    with (csvs / "release_company.csv").open(newline="", encoding="utf-8") as fh:
        assert [r["company_id"] for r in csv.DictReader(fh)] == [""]


def test_reference_converter_zero_ids_load_as_null(tmp_path: Path, pg_url: str) -> None:
    """CSVs from the reference converter write 0 for "no master" and for a credit or label
    without an id: the import reads all of them as unknown."""
    csv_dir = tmp_path / "csv"
    csv_dir.mkdir()
    files = {
        "release.csv": [["id", "status", "title", "country", "released", "notes", "data_quality", "master_id", "format"],
                        *([i, "", f"T{i}", "US", "", "", "", "0", ""] for i in (1, 2, 3)),
                        [4, "", "T4", "US", "", "", "", "", ""]],
        "release_artist.csv": [["release_id", "artist_id", "artist_name", "extra", "anv", "position", "join_field"],
                               *([i, 10, "Lib Band", 0, "", 1, ""] for i in (1, 2, 3, 4)),
                               [1, 0, "Anon", 1, "", 2, ""]],
        "release_label.csv": [["release_id", "label", "catno", "label_id"], [1, "Lab", "C", "0"]],
        "release_track.csv": [["release_id", "sequence", "position", "title", "duration"], [1, 1, "", "Intro", ""]],
        "release_track_artist.csv": [["release_id", "track_sequence", "artist_name"]],
        "release_image.csv": [["release_id", "type", "width", "height", "uri"]],
    }
    for name, rows in files.items():
        with (csv_dir / name).open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh, lineterminator="\n").writerows(rows)
    library = write_library(tmp_path / "lib.db", [("Lib Band", f"T{i}") for i in (1, 2, 3, 4)])
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=csv_dir, library_db=library))
    assert published_ids(pg_url) == [1, 2, 3, 4]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM release WHERE master_id IS NOT NULL").fetchone()[0] == 0
        assert conn.execute("SELECT artist_id FROM release_artist WHERE artist_name = 'Anon'").fetchone()[0] is None
        assert conn.execute("SELECT label_id FROM release_label").fetchone()[0] is None
