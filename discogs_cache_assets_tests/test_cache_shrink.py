"""The shrink guard: a rebuild that would publish far fewer releases than are live is refused, and
the published cache stays; a run that allows it publishes."""

from __future__ import annotations

from pathlib import Path

import dagster as dg

from discogs_cache_assets.checks import NEXT_CACHE_NOT_SHRUNK
from discogs_cache_assets.cache.shrink import ShrinkGuard
from discogs_cache_assets_tests.csvsets import write_csv_set, write_library
from discogs_cache_assets.definitions import all_assets
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids, published_rows


def _releases(n: int) -> list[tuple]:
    """n releases without a master, so each one is published (no pruning); 101 has the set's track credit."""
    return [(101 + i, f"Record {i}", "US", None, f"Artist {i}", 1) for i in range(n)]


def _resources(pg_url: str, tmp_path: Path, csv_dir: Path, **settings: object) -> dict[str, object]:
    library = tmp_path / "library.db"
    if not library.exists():
        write_library(library)
    resources = graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=csv_dir, library_db=library, prune=False)
    resources["shrink_guard"] = ShrinkGuard(**settings)
    return resources


def _shrink_check(result: dg.ExecuteInProcessResult) -> dg.AssetCheckEvaluation:
    (evaluation,) = [e for e in result.get_asset_check_evaluations() if e.check_name == NEXT_CACHE_NOT_SHRUNK]
    return evaluation


def _failures(result: dg.ExecuteInProcessResult) -> list[str]:
    return [
        e.step_failure_data.user_failure_data.description if e.step_failure_data.user_failure_data
        else e.step_failure_data.error.message
        for e in result.all_events if e.is_step_failure
    ]


def test_a_rebuild_losing_30_percent_is_refused_unless_allowed(tmp_path, pg_url) -> None:  # noqa: ANN001
    ten = write_csv_set(tmp_path / "ten", _releases(10))
    seven = write_csv_set(tmp_path / "seven", _releases(7))
    with dg.instance_for_test() as instance:
        first = build(instance, _resources(pg_url, tmp_path, ten))  # a first build: nothing to lose
        assert _shrink_check(first).passed
        before = published_rows(pg_url)
        assert len(before["release"]) == 10

        refused = build(instance, _resources(pg_url, tmp_path, seven), raise_on_error=False)
        assert not refused.success
        check = _shrink_check(refused)
        assert not check.passed and check.severity == dg.AssetCheckSeverity.ERROR
        assert check.description.startswith(
            "the next cache has 7 releases where 10 are published (30.0 % fewer), past the 10 % limit: not published"
        ), check.description
        assert not refused.asset_materializations_for_node("discogs_cache")
        assert published_rows(pg_url) == before

        # Published on its own, without the check, the swap itself refuses with the same line.
        alone = dg.materialize(
            all_assets, instance=instance, raise_on_error=False,
            resources=_resources(pg_url, tmp_path, seven), selection=dg.AssetSelection.assets("discogs_cache"),
        )
        assert not alone.success
        (line,) = _failures(alone)
        assert line == check.description
        assert published_rows(pg_url) == before

        forced = build(instance, _resources(pg_url, tmp_path, seven, allow_shrink=True))
    check = _shrink_check(forced)
    assert not check.passed and check.severity == dg.AssetCheckSeverity.WARN
    assert "published as allowed" in check.description
    assert published_ids(pg_url) == [101 + i for i in range(7)]
    live = metadata(forced, "discogs_cache")
    assert (live["releases"], live["releases_before"], live["releases_loss_percent"]) == (7, 10, 30.0)


def test_a_higher_limit_publishes_the_same_rebuild(tmp_path, pg_url) -> None:  # noqa: ANN001
    with dg.instance_for_test() as instance:
        build(instance, _resources(pg_url, tmp_path, write_csv_set(tmp_path / "ten", _releases(10))))
        result = build(instance, _resources(pg_url, tmp_path, write_csv_set(tmp_path / "seven", _releases(7)),
                                            max_release_loss_percent=30))
    assert _shrink_check(result).passed
    assert published_ids(pg_url) == [101 + i for i in range(7)]
