"""discogs_dump against a real S3-style dump listing on 127.0.0.1 (a mirror): newest complete
month, resume after a dropped connection, checksum mismatch, and the published cache left
untouched; and local folders, with or without a checksum file and side files."""


import shutil
from pathlib import Path

import dagster as dg
import pytest

from discogs_cache_assets.assets.dump import discogs_dump
from discogs_cache_assets.automation import monthly_build, new_dump_sensor
from discogs_cache_assets.checks import DUMP_HAS_EVERY_FILE, all_checks, dump_has_every_file
from discogs_cache_assets.definitions import all_assets
from discogs_cache_assets.dump.checksum import ChecksumError
from discogs_cache_assets.dump.download import download_month
from discogs_cache_assets.dump.listing import ListingError, newest_month
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.resources import Workspace
from discogs_cache_assets_tests.dump_server import (
    NEW, OLD, YEAR, failure, materialize_dump, serve_bucket, two_months,
)
from discogs_cache_assets_tests.graph import build, graph_resources, metadata, published_ids, published_rows



@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return two_months(tmp_path_factory.mktemp("sample"))


@pytest.fixture
def bucket(tmp_path: Path):  # noqa: ANN201
    with serve_bucket(tmp_path / "bucket") as served:
        yield served


def test_newest_complete_month_is_chosen(bucket, sample, tmp_path) -> None:  # noqa: ANN001
    bucket.publish(sample, OLD)
    bucket.publish(sample, NEW, checksum=False)  # still uploading: no checksum file yet
    assert newest_month(bucket.url).dump_id == OLD
    bucket.publish(sample, NEW)
    month = newest_month(bucket.url)
    assert month.dump_id == NEW and set(month.files) == {f"discogs_{NEW}_{k}.xml.gz" for k in
                                                        ("releases", "artists", "labels", "masters")}
    with pytest.raises(ListingError, match=f"dump {YEAR}0301 is not"):
        newest_month(bucket.url, f"{YEAR}0301")


def test_interrupted_download_resumes_and_verifies(bucket, sample, tmp_path) -> None:  # noqa: ANN001
    bucket.publish(sample, NEW)
    releases = f"discogs_{NEW}_releases.xml.gz"
    bucket.cut[releases] = 1
    result = materialize_dump(bucket.url, tmp_path)
    assert result.success
    md = metadata(result, "discogs_dump")
    assert md["dump_id"] == NEW and md["verified"] and md["resumed"]
    size = (sample / releases).stat().st_size
    # First try cut at half; the second asked only for the rest.
    assert [r for n, r in bucket.requests if n == releases] == ["", f"bytes={size // 2}-"]
    assert (tmp_path / "downloads" / releases).read_bytes() == (sample / releases).read_bytes()
    assert md["bytes"] == sum(p.stat().st_size for p in sample.glob(f"discogs_{NEW}_*"))
    assert len(md["checksum"]) == 64 and md["seconds"] >= 0


def test_download_resumes_across_materializations(bucket, sample, tmp_path) -> None:  # noqa: ANN001
    bucket.publish(sample, NEW)
    releases = f"discogs_{NEW}_releases.xml.gz"
    bucket.cut[releases] = 3  # every try of the first run is cut
    with dg.instance_for_test() as instance:
        first = materialize_dump(bucket.url, tmp_path, instance=instance)
        assert not first.success
        assert f"{releases}: " in failure(first)
        part = tmp_path / "downloads" / (releases + ".part")
        assert part.is_file() and not (tmp_path / "downloads" / releases).exists()
        kept = part.stat().st_size
        second = materialize_dump(bucket.url, tmp_path, instance=instance)
        assert second.success and metadata(second, "discogs_dump")["resumed"]
        assert bucket.requests[-1] == (releases, f"bytes={kept}-")
        assert not part.exists()
        # Unchanged files are not hashed again.
        third = materialize_dump(bucket.url, tmp_path, instance=instance)
        assert metadata(third, "discogs_dump")["reused"]


def test_checksum_mismatch_names_the_file_and_leaves_nothing(bucket, sample, tmp_path) -> None:  # noqa: ANN001
    bucket.publish(sample, NEW, corrupt="releases")
    folder = tmp_path / "downloads"
    with pytest.raises(ChecksumError, match=rf"{folder / f'discogs_{NEW}_releases.xml.gz'}: sha256 mismatch"):
        download_month(newest_month(bucket.url), folder)
    assert not list(folder.glob("*releases*"))


def test_corrupt_month_fails_at_discogs_dump_and_keeps_the_published_cache(bucket, sample, tmp_path, pg_url) -> None:  # noqa: ANN001
    bucket.publish(sample, OLD)
    resources = {
        **graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path, library_db=sample / "library.db",
                          labels_csv=sample / "library_labels.csv"),
        "dump": DumpResource(listing_url=bucket.url, dump_dir=str(tmp_path / "downloads")),
    }
    with dg.instance_for_test() as instance:
        built = build(instance, resources)
        assert built.success
        # One converter run under Pipes reported both assets of convert_dump.
        events = {e.asset_key.path[-1]: e.materialization.metadata for e in built.get_asset_materialization_events()}
        csvs, hierarchy = events["filtered_csvs"], events["label_hierarchy"]
        assert csvs["releases_written"].value > 0 and csvs["dump_id"].value == OLD
        assert hierarchy["rows_label_hierarchy"].value == hierarchy["rows"].value > 0
        assert "rows_release" not in hierarchy
        before = published_rows(pg_url)
        assert before["release"]
        assert_launchers_skip(instance, resources["dump"], OLD)
        bucket.publish(sample, NEW, corrupt="releases")
        result = build(instance, resources, raise_on_error=False)
    assert not result.success
    (failed,) = [e for e in result.all_events if e.is_step_failure]
    assert failed.step_key == "discogs_dump"
    message = failure(result)
    assert message.count("\n") == 0 and f"discogs_{NEW}_releases.xml.gz: sha256 mismatch" in message
    assert not result.asset_materializations_for_node("discogs_cache")
    assert published_rows(pg_url) == before
    assert not list((tmp_path / "downloads").glob(f"discogs_{NEW}_releases*"))


def assert_launchers_skip(instance: dg.DagsterInstance, dump: DumpResource, dump_id: str) -> None:
    """After a whole build of ``dump_id``, neither the sensor (even with no cursor: a listing on
    its first tick, the checksum file on its second) nor the schedule asks for it again."""
    with dg.build_sensor_context(instance=instance, resources={"dump": dump}) as context:
        listed = new_dump_sensor.evaluate_tick(context)
    assert not listed.run_requests and f"dump {dump_id} is listed" in listed.skip_message
    with dg.build_sensor_context(instance=instance, resources={"dump": dump}, cursor=listed.cursor) as context:
        sensed = new_dump_sensor.evaluate_tick(context)
    assert not sensed.run_requests and f"{dump_id} (checksums " in sensed.skip_message
    assert sensed.skip_message.endswith("is already built")
    with dg.build_schedule_context(instance=instance, resources={"dump": dump}) as context:
        scheduled = monthly_build.evaluate_tick(context)
    assert not scheduled.run_requests and scheduled.skip_message == sensed.skip_message


def test_local_folder_is_checked_against_its_checksum_file(bucket, sample, tmp_path) -> None:  # noqa: ANN001
    # The bucket's layout doubles as a local folder: a month with its checksum file, one file bad.
    bucket.publish(sample, NEW, corrupt="labels")
    folder = bucket.root / "data" / str(YEAR)
    resources = {"dump": DumpResource(dump_dir=str(folder)), "workspace": Workspace(home=str(tmp_path / "home"))}
    result = dg.materialize([discogs_dump], resources=resources, raise_on_error=False)
    assert failure(result).startswith(f"{folder / f'discogs_{NEW}_labels.xml.gz'}: sha256 mismatch")
    assert (folder / f"discogs_{NEW}_labels.xml.gz").is_file()  # the user's own files are never deleted
    (folder / f"discogs_{NEW}_labels.xml.gz").write_bytes((sample / f"discogs_{NEW}_labels.xml.gz").read_bytes())
    ok = dg.materialize([discogs_dump, dump_has_every_file], resources=resources)
    assert metadata(ok, "discogs_dump")["verified"] is True
    (complete,) = ok.get_asset_check_evaluations()
    assert complete.check_name == DUMP_HAS_EVERY_FILE and complete.passed


def test_a_local_month_without_its_side_files_is_built_and_says_so(sample, tmp_path, pg_url) -> None:  # noqa: ANN001
    # No checksum file: nothing says the month should have more than its releases file.
    folder = tmp_path / "dumps"
    folder.mkdir()
    shutil.copy(sample / f"discogs_{OLD}_releases.xml.gz", folder)
    resources = {
        **graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path, library_db=sample / "library.db",
                          labels_csv=sample / "library_labels.csv"),
        "dump": DumpResource(dump_dir=str(folder)),
    }
    with dg.instance_for_test() as instance:
        with dg.build_sensor_context(instance=instance, resources={"dump": resources["dump"]}) as context:
            (request,) = new_dump_sensor.evaluate_tick(context).run_requests
        result = dg.materialize([*all_assets, *all_checks], instance=instance, resources=resources,
                                run_config=request.run_config, tags=request.tags)
    assert result.success and published_ids(pg_url)
    md = metadata(result, "discogs_dump")
    assert md["missing_files"] == "artists, labels, masters" and md["verified"] is False
    assert "alias-aware artist matching is off" in md["missing_effects"] and "no label hierarchy" in md["missing_effects"]
    (warned,) = [e for e in result.get_asset_check_evaluations() if e.check_name == DUMP_HAS_EVERY_FILE]
    assert not warned.passed and warned.severity == dg.AssetCheckSeverity.WARN
    assert warned.description.startswith("built without its artists, labels, masters file: alias-aware")
    (hierarchy,) = [e.materialization for e in result.get_asset_materialization_events()
                    if e.asset_key.path[-1] == "label_hierarchy"]
    assert hierarchy.metadata["rows"].value == 0  # nothing to derive it from


def test_a_month_converted_again_without_its_labels_file_keeps_no_old_hierarchy(sample, tmp_path, pg_url) -> None:  # noqa: ANN001
    folder = tmp_path / "dumps"
    folder.mkdir()
    for kind in ("releases", "labels"):
        shutil.copy(sample / f"discogs_{OLD}_{kind}.xml.gz", folder)
    resources = {
        **graph_resources(pg_url=pg_url, home=tmp_path / "home", csv_dir=tmp_path, library_db=sample / "library.db"),
        "dump": DumpResource(dump_dir=str(folder)),
    }
    selection = ["library_db", "library_artists", "discogs_dump", "filtered_csvs", "label_hierarchy"]

    def hierarchy_rows(instance: dg.DagsterInstance) -> int:
        result = dg.materialize(all_assets, instance=instance, resources=resources, selection=selection)
        (hierarchy,) = [e.materialization for e in result.get_asset_materialization_events()
                        if e.asset_key.path[-1] == "label_hierarchy"]
        return hierarchy.metadata["rows"].value

    with dg.instance_for_test() as instance:
        assert hierarchy_rows(instance) > 0
        (folder / f"discogs_{OLD}_labels.xml.gz").unlink()
        assert hierarchy_rows(instance) == 0
