"""Bad CSV input: one line naming file and line, a failed run, the published cache untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import dagster as dg
import psycopg
import pytest

from discogs_cache_assets.cache.build import step_marker
from discogs_cache_assets_tests.csvsets import KEPT, write_csv_set, write_library
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_rows


def _missing_column(d: Path) -> None:
    text = (d / "release.csv").read_text(encoding="utf-8").replace(",title,", ",name,", 1)
    (d / "release.csv").write_text(text, encoding="utf-8")


def _wrong_column_count(d: Path) -> None:
    with (d / "release_label.csv").open("a", encoding="utf-8") as fh:
        fh.write("102,Extra Label,CAT,7,surplus\n")


def _not_utf8(d: Path) -> None:
    with (d / "release_track.csv").open("ab") as fh:
        fh.write(b"102,4,4,Caf\xe9 Latin-1,3:00\n")


def _orphans(d: Path) -> None:
    with (d / "release_artist.csv").open("a", encoding="utf-8") as fh:
        for i in range(5):
            fh.write(f"{9000 + i},1,Ghost Artist,0,,1,,\n")


def _empty_file(d: Path) -> None:
    (d / "release_label.csv").write_bytes(b"")


def _truncated(d: Path) -> None:
    data = (d / "release.csv").read_bytes()
    (d / "release.csv").write_bytes(data + b'999,Accepted,"Unterminated title')


CASES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "missing column": (_missing_column, "release.csv", "line 1: missing column(s) title"),
    "wrong column count": (_wrong_column_count, "release_label.csv", "line 10: extra data after last expected column"),
    "non-utf8": (_not_utf8, "release_track.csv", "invalid UTF-8"),
    "orphan child rows": (_orphans, "release_artist.csv", "line 10: 5 of 13 rows"),
    "empty file": (_empty_file, "release_label.csv", "line 1: empty file"),
    "truncated file": (_truncated, "release.csv", "unterminated CSV quoted field"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_fails_clearly_and_keeps_the_published_cache(case: str, tmp_path, pg_url) -> None:  # noqa: ANN001
    corrupt, file, expected = CASES[case]
    good = write_csv_set(tmp_path / "good")
    bad = write_csv_set(tmp_path / "bad")
    corrupt(bad)
    library_db = write_library(tmp_path / "library.db")
    common = dict(pg_url=pg_url, home=tmp_path / "home", library_db=library_db)
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(csv_dir=good, **common))
        before = published_rows(pg_url)
        result = build(instance, graph_resources(csv_dir=bad, **common), raise_on_error=False)
    assert not result.success
    failures = [e for e in result.all_events if e.is_step_failure]
    assert len(failures) == 1
    message = failures[0].step_failure_data.user_failure_data.description
    assert "\n" not in message
    assert message.startswith(str(bad / file)), message
    assert expected in message, message
    assert published_rows(pg_url) == before
    assert [r[0] for r in before["release"]] == KEPT


def test_import_failing_after_its_helper_committed_forgets_the_build_then_rebuilds(tmp_path, pg_url) -> None:  # noqa: ANN001
    """release_tables' helper connection commits the publish-only raw tables before the import
    itself fails (release.csv is broken, the other files are not): no step built on the raw
    tables may be reused afterwards, and a run with good CSVs publishes what it did before."""
    good = write_csv_set(tmp_path / "good")
    bad = write_csv_set(tmp_path / "bad")
    _missing_column(bad)
    library_db = write_library(tmp_path / "library.db")
    common = dict(pg_url=pg_url, home=tmp_path / "home", library_db=library_db)
    with dg.instance_for_test() as instance:
        build(instance, graph_resources(csv_dir=good, **common))
        before = published_rows(pg_url)
        assert not build(instance, graph_resources(csv_dir=bad, **common), raise_on_error=False).success
        with psycopg.connect(pg_url) as conn:
            forgotten = {s: step_marker(conn, s) for s in ("release_tables", "deduped_releases", "release_tracks", "library_matches")}
        again = build(instance, graph_resources(csv_dir=good, **common))
    assert forgotten == dict.fromkeys(forgotten)
    assert published_rows(pg_url) == before
    assert metadata(again, "release_tables")["reused"] is False
