"""Label preferences end to end: the station's label wins dedup, sub-labels count one level deep
in both directions, and names compare without case or accents."""

from __future__ import annotations

import csv
from pathlib import Path

import dagster as dg
import pytest

from discogs_cache_assets_tests.csvsets import RELEASES, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids

GIANT_STEPS = [(601, "Giant Steps", "UK", 6, "John Coltrane", 2), (602, "Giant Steps", "US", 6, "John Coltrane", 2)]
LABELS = {
    101: "Blue Note Sub",  # a sub-label of the preferred "Blue Note": child → parent
    102: "Other Records",
    201: "Columbia",  # the parent of the preferred "Columbia Jazz": parent → child
    202: "Other Records",
    601: "Atlantic Sub Sub",  # two levels below the preferred "Atlantic": no match
    602: "Other Records",
}
PREFERENCES = [
    ("John Coltrane", "Blue Train", "BLUE NOTÉ"),  # case and accents differ from the dump
    ("Miles Davis", "Kind of Blue", "Columbia Jazz"),
    ("John Coltrane", "Giant Steps", "Atlantic"),
]
HIERARCHY = [
    ("1", "Blue Note Sub", "2", "Blue Note"),
    ("3", "Columbia Jazz", "4", "Columbia"),
    ("5", "Atlantic Sub Sub", "6", "Atlantic Sub"),
    ("6", "Atlantic Sub", "7", "Atlantic"),
]


def _write(path: Path, header: list[str], rows: list[tuple]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(
    ("with_hierarchy", "winners", "matches"),
    [
        (True, [101, 201, 301, 401, 602], 2),
        (False, [102, 202, 301, 401, 602], 0),  # without the map no preference applies: US, then tracks
    ],
    ids=["hierarchy", "no-hierarchy"],
)
def test_preferred_label_wins_dedup(tmp_path, pg_url, with_hierarchy, winners, matches) -> None:  # noqa: ANN001
    csv_dir = write_csv_set(tmp_path / "csv", [*RELEASES, *GIANT_STEPS])
    labels = [(rid, LABELS.get(rid, f"Label {rid}"), f"CAT-{rid}", rid) for rid, *_ in [*RELEASES, *GIANT_STEPS]]
    _write(csv_dir / "release_label.csv", ["release_id", "label", "catno", "label_id"], labels)
    prefs = _write(tmp_path / "library_labels.csv", ["artist_name", "release_title", "label_name"], PREFERENCES)
    hierarchy = _write(
        tmp_path / "label_hierarchy.csv",
        ["label_id", "label_name", "parent_label_id", "parent_label_name"],
        HIERARCHY if with_hierarchy else [],
    )
    resources = graph_resources(
        pg_url=pg_url, home=tmp_path / "home", csv_dir=csv_dir, library_db=write_library(tmp_path / "library.db"),
        labels_csv=prefs, hierarchy_csv=hierarchy, prune=False,
    )
    with dg.instance_for_test() as instance:
        result = build(instance, resources)
    assert published_ids(pg_url) == winners
    dedup = metadata(result, "deduped_releases")
    assert (dedup["label_preferences"], dedup["label_matches"]) == (3, matches)


FILED = [
    (801, "Boodle", "NZ", 20, "The Clean", 3),
    (802, "Boodle", "US", 20, "The Clean", 5),  # without the preference: the US pressing
    (811, "Zuckerzeit (Remastered)", "DE", 21, "Cluster (2)", 2),
    (812, "Zuckerzeit (Remastered)", "US", 21, "Cluster (2)", 2),
]
FILED_LABELS = {801: "Flying Nun", 802: "Homestead", 811: "Brain", 812: "Other Records"}


@pytest.mark.parametrize(("preferences", "winners", "matches"), [
    ([("Clean, The", "Boodle", "Flying Nun"), ("Cluster", "Zuckerzeit", "Brain")], [801, 811], 2),
    ([], [802, 812], 0),
], ids=["filed-names", "none"])
def test_preference_for_an_album_filed_under_another_spelling(tmp_path, pg_url, preferences, winners, matches) -> None:  # noqa: ANN001
    """The station files "Boodle" under "Clean, The" and "Zuckerzeit" under "Cluster": the
    preference is keyed like the library match, so it picks the preferred label's release."""
    csv_dir = write_csv_set(tmp_path / "csv", FILED)
    _write(csv_dir / "release_label.csv", ["release_id", "label", "catno", "label_id"],
           [(rid, FILED_LABELS[rid], f"CAT-{rid}", rid) for rid, *_ in FILED])
    prefs = _write(tmp_path / "library_labels.csv", ["artist_name", "release_title", "label_name"], preferences)
    resources = graph_resources(
        pg_url=pg_url, home=tmp_path / "home", csv_dir=csv_dir, prune=False,
        library_db=write_library(tmp_path / "library.db", [("Clean, The", "Boodle"), ("Cluster", "Zuckerzeit")]),
        labels_csv=prefs,
    )
    with dg.instance_for_test() as instance:
        result = build(instance, resources)
    assert published_ids(pg_url) == winners
    assert metadata(result, "deduped_releases")["label_matches"] == matches
