"""Conformance with the reference pipeline's own corpus, its known defects fixed."""

from __future__ import annotations

import dagster as dg
import pytest

from discogs_cache_assets.checks import LIBRARY_COVERED
from discogs_cache_assets_tests.conftest import require_shared
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids

# The reference keeps {1002, 2002, 3001, 4001, 6001, 9001, 9002}; with its compilation rule fixed the library's
# compilation "Sugar Hill" (8001, artist "Various") is kept too.
DEFAULT = [1002, 2002, 3001, 4001, 6001, 8001, 9001, 9002]
NO_LIBRARY = [1002, 2002, 3001, 4001, 5001, 5002, 6001, 8001, 9001, 9002, 10001, 10002]
WITH_LABELS = [1001, 2001, 3001, 4001, 5001, 5002, 6001, 8001, 9001, 9002, 10001, 10002]
LABELS_AND_LIBRARY = [1001, 2001, 3001, 4001, 6001, 8001, 9001, 9002]


@pytest.mark.parametrize(
    ("prune", "labels", "hierarchy", "expected", "label_matches"),
    [
        (True, False, False, DEFAULT, 0),
        (False, False, False, NO_LIBRARY, 0),
        (False, True, False, WITH_LABELS, 2),
        (False, True, True, WITH_LABELS, 3),
        (True, True, True, LABELS_AND_LIBRARY, 3),
    ],
    ids=["default", "no-library", "labels", "labels+hierarchy", "labels+hierarchy+library"],
)
def test_reference_corpus(prune, labels, hierarchy, expected, label_matches, tmp_path, pg_url) -> None:  # noqa: ANN001
    ref = require_shared("reference")
    csv_dir = ref / "csv"
    resources = graph_resources(
        pg_url=pg_url,
        home=tmp_path / "home",
        csv_dir=csv_dir,
        library_db=ref / "library.db",
        labels_csv=csv_dir / "library_labels.csv" if labels else None,
        hierarchy_csv=csv_dir / "label_hierarchy.csv" if hierarchy else tmp_path / "none.csv",
        prune=prune,
    )
    if not hierarchy:
        (tmp_path / "none.csv").write_text("label_id,label_name,parent_label_id,parent_label_name\n")
    with dg.instance_for_test() as instance:
        result = build(instance, resources)
    assert published_ids(pg_url) == expected
    imported = metadata(result, "release_tables")
    assert (imported["releases"], imported["dropped_no_title"]) == (15, 1)
    assert metadata(result, "deduped_releases")["label_matches"] == label_matches
    tracks = metadata(result, "release_tracks")
    assert (tracks["rows_release_track"], tracks["filtered_by_dedup"]) == (22, 8)
    checks = {e.check_name: e.passed for e in result.get_asset_check_evaluations()}
    assert len(checks) == 9, checks
    # The reference library lists 20 albums, the corpus holds 8 of them: the coverage check warns.
    assert checks.pop(LIBRARY_COVERED) is not prune
    assert all(checks.values()), checks
    if prune:
        matches = metadata(result, "library_matches")
        assert (matches["library_rows"], matches["library_rows_answered"]) == (20, 8)
