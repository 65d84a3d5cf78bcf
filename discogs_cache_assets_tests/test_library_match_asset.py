"""library_matches as the graph materializes it: names by their identity keys, aliases by the
credited artist's id (the month's artists CSVs), one library name for two Discogs artists held at
REVIEW, and the library rows the cache answers (metadata and the coverage check)."""

from __future__ import annotations

import csv
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets.checks import LIBRARY_COVERED
from discogs_cache_assets.library_match import UNANSWERED, CacheSettings
from discogs_cache_assets_tests.csvsets import write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids

# (id, title, country, master, artist, tracks) and the credited artist's id.
RELEASES = [
    (701, "Surfing on Sine Waves", "UK", 7, "Aphex Twin", 2),
    (702, "Zuckerzeit", "DE", 8, "Cluster", 2),
    (703, "Zuckerzeit", "DE", 9, "Cluster (2)", 2),  # another Discogs artist, the same library row
    (704, "Sowiesoso", "DE", 10, "Cluster", 2),
    (705, "Boodle", "NZ", 11, "The Clean", 2),
    (706, "Music for Airports", "UK", 12, "Nobody Else", 2),
    (707, "Songs for Drella", "US", 13, "Lou Reed", 2),  # with John Cale: see _csvs
]
ARTIST_IDS = {701: 45, 702: 60, 703: 61, 704: 60, 705: 70, 706: 80, 707: 90}
LIBRARY = [
    ("Polygon Window", "Surfing on Sine Waves"),  # Aphex Twin's alias
    ("Cluster", "Zuckerzeit"),
    ("Cluster", "Sowiesoso"),
    ("Clean, The", "Boodle"),
    ("Strassenjungs", "Dampfmaschine"),  # no release in the dump
    ("Lou Reed and John Cale", "Songs for Drella"),  # the two main credits joined
]


def _csvs(folder: Path, aliases: bool) -> Path:
    csv_dir = write_csv_set(folder, RELEASES)
    with (csv_dir / "release_artist.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["release_id", "artist_id", "artist_name", "extra", "anv", "position", "join_field", "role"])
        writer.writerows([rid, ARTIST_IDS[rid], artist, 0, "", 1, "&" if rid == 707 else "", ""]
                         for rid, _t, _c, _m, artist, _n in RELEASES)
        writer.writerow([707, 91, "John Cale", 0, "", 2, "", ""])
    if aliases:
        (csv_dir / "artist_alias.csv").write_text(
            "artist_id,artist_name,alias_name\n45,Aphex Twin,AFX\n45,Aphex Twin,Polygon Window\n", encoding="utf-8"
        )
        (csv_dir / "artist_name_variation.csv").write_text("artist_id,name\n80,Nobody\n", encoding="utf-8")
    return csv_dir


def _run(tmp_path: Path, pg_url: str, *, aliases: bool = True, min_percent: float = 95.0):  # noqa: ANN202
    resources = graph_resources(
        pg_url=pg_url, home=tmp_path / "home", csv_dir=_csvs(tmp_path / "csv", aliases),
        library_db=write_library(tmp_path / "library.db", LIBRARY),
    )
    resources["cache_settings"] = CacheSettings(min_coverage_percent=min_percent)
    with dg.instance_for_test() as instance:
        return build(instance, resources)


def _decisions(pg_url: str) -> dict[int, str]:
    with psycopg.connect(pg_url) as conn:
        return dict(conn.execute("SELECT release_id, decision FROM discogs_build.release_match ORDER BY 1"))


def _coverage_check(result) -> dg.AssetCheckEvaluation:  # noqa: ANN001
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == LIBRARY_COVERED]
    return evaluation


def test_aliases_ambiguity_and_coverage(tmp_path, pg_url) -> None:  # noqa: ANN001
    result = _run(tmp_path, pg_url)
    assert _decisions(pg_url) == {701: "KEEP", 702: "REVIEW", 703: "REVIEW", 704: "KEEP", 705: "KEEP", 706: "PRUNE",
                                  707: "KEEP"}
    assert published_ids(pg_url) == [701, 702, 703, 704, 705, 707]
    matches = metadata(result, "library_matches")
    assert (matches["matched_by_alias"], matches["held_at_review"], matches["joined_credits_in_library"]) == (1, 2, 1)
    assert (matches["library_rows"], matches["library_rows_answered"], matches["coverage"]) == (6, 5, 0.8333)
    assert matches["coverage_article"] == 1.0 and matches["coverage_other"] == pytest.approx(3 / 4)
    assert matches["coverage_and"] == 1.0
    assert "| Strassenjungs | Dampfmaschine | other |" in matches[UNANSWERED]

    check = _coverage_check(result)
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert "below 95 %: overall, other" in check.description
    table = check.metadata[UNANSWERED].value
    assert table.splitlines()[:3] == ["| artist | title | category |", "| --- | --- | --- |",
                                       "| Strassenjungs | Dampfmaschine | other |"]
    assert check.metadata["coverage"].value == 0.8333


def test_coverage_threshold_is_configurable(tmp_path, pg_url) -> None:  # noqa: ANN001
    check = _coverage_check(_run(tmp_path, pg_url, min_percent=75))
    assert check.passed and check.metadata["min_coverage_percent"].value == 75


def test_without_the_artists_csvs_no_alias_matches(tmp_path, pg_url) -> None:  # noqa: ANN001
    result = _run(tmp_path, pg_url, aliases=False)
    assert _decisions(pg_url)[701] == "PRUNE"
    assert metadata(result, "library_matches")["library_rows_answered"] == 4
