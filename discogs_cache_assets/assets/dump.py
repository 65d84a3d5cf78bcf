"""The dump side of the graph: the verified monthly dump, then one converter run under Dagster
Pipes producing the filtered CSVs and the label hierarchy."""


import time
from collections.abc import Iterator
from pathlib import Path

import dagster as dg
from dagster import AssetExecutionContext

from discogs_cache_assets.cache import hold
from discogs_cache_assets.cache.build import build_key
from discogs_cache_assets.cache.pins import pins_path
from discogs_cache_assets.cache.step import hold_database
from discogs_cache_assets.dump import source
from discogs_cache_assets.dump.checksum import ChecksumError
from discogs_cache_assets.dump.download import DownloadError
from discogs_cache_assets.dump.filter import FilterModeError, converter_filter
from discogs_cache_assets.dump.files import stage_dump
from discogs_cache_assets.dump.http import RateLimited
from discogs_cache_assets.dump.listing import ListingError, newest_month
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.dump.space import NoRoom
from discogs_cache_assets.fingerprint import file_digest, stat_digest
from discogs_cache_assets.history import latest_metadata, upstream_metadata, without_timings
from discogs_cache_assets.library.labels import LabelFileError, read_label_hierarchy
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.library_match import CacheSettings
from discogs_cache_assets.pipes_reader import converter_binary
from discogs_cache_assets.resources import PostgresResource, Workspace

GROUP = "dump"
FILTERED_CSVS = dg.AssetKey("filtered_csvs")
LABEL_HIERARCHY = dg.AssetKey("label_hierarchy")
TRY_AGAIN_AFTER = "try_again_after"  # failure metadata: when the dump source may be asked again


class DumpSelection(dg.Config):
    """Which month to build; the sensor and the schedule set it, a manual run takes the newest."""

    dump_id: str = ""


@dg.asset(group_name=GROUP, code_version="1", kinds={"xml"})
def discogs_dump(
    context: AssetExecutionContext, config: DumpSelection, dump: DumpResource, workspace: Workspace
) -> dg.MaterializeResult:
    """One month of the Discogs dump on local disk, every file verified against the month's
    published sha256: downloaded from the dump source (data.discogs.com or a mirror; after a
    disk-space check, one file at a time) or found in the dump folder. A corrupt or partial file
    is never passed on; a month without its artists, labels or masters file is built, and says so."""
    started = time.monotonic()
    if csv_dir := dump.csv_path():
        # Already converted elsewhere: nothing to fetch; the CSVs' fingerprint stands for the dump.
        fingerprint = stat_digest(csv_dir.glob("*.csv"))
        metadata = {"dump_id": dump.dump_id or csv_dir.name, "source": str(csv_dir), "checksum": fingerprint}
        return dg.MaterializeResult(metadata=metadata, data_version=dg.DataVersion(fingerprint))
    try:
        folder = dump.folder(workspace.root())
        month = newest_month(dump.listing_url, config.dump_id) if dump.listing_url else None
        dump_id = month.dump_id if month else config.dump_id
        local = source.present(folder, dump_id)
        previous = latest_metadata(context, context.asset_key)
        if local and previous and previous.get("dump_id") == local.dump_id and (
            previous.get("files_fingerprint") == source.files_fingerprint(local)
        ) and (month is None or previous.get("month_digest") == month.digest):
            context.log.info(f"dump {local.dump_id} is unchanged since it was verified; reusing {folder}")
            staged = stage_dump(local, workspace.dir("dumps", local.dump_id))
            return dg.MaterializeResult(
                metadata={**without_timings(previous), "path": str(staged), "reused": True, "downloaded_bytes": 0},
                data_version=dg.DataVersion(str(previous["checksum"])),
            )
        if month:
            got = source.download(month, folder, workspace.root() / "csv", context.log.info)
        elif local:
            got = source.check_local(local)
        else:
            raise FileNotFoundError(f"{folder}: no complete discogs_{dump_id or 'YYYYMMDD'}_releases.xml.gz dump found")
    except RateLimited as exc:
        # The sensor reads the time from here, so that it does not ask the host before either.
        raise dg.Failure(str(exc), metadata={TRY_AGAIN_AFTER: exc.until.isoformat()}) from None
    except (ChecksumError, DownloadError, ListingError, FileNotFoundError, NoRoom) as exc:
        raise dg.Failure(str(exc)) from None
    staged = stage_dump(got.dump, workspace.dir("dumps", got.dump.dump_id))
    missing = got.dump.missing_side_files()
    if missing:
        context.log.warning(f"dump {got.dump.dump_id} has no {', '.join(missing)} file: " + "; ".join(missing.values()))
    metadata: dict[str, object] = {
        "dump_id": got.dump.dump_id,
        "source": dump.listing_url or str(folder),
        "path": str(staged),
        "bytes": got.bytes,
        "checksum": got.checksum,
        "month_digest": source.month_digest(got.dump),
        "verified": got.verified,
        "downloaded_bytes": got.downloaded,
        "resumed": got.resumed,
        "range_ignored": bool(got.restarted),
        "restarted_files": ", ".join(got.restarted),
        "space_needed_bytes": got.space_needed,
        "missing_files": ", ".join(missing),
        "missing_effects": "; ".join(missing.values()),
        "seconds": round(time.monotonic() - started, 3),
        "files_fingerprint": source.files_fingerprint(got.dump),
        "reused": False,
    }
    metadata.update({f"sha256_{kind}": got.sha256[p.name] for kind, p in got.dump.files.items()})
    return dg.MaterializeResult(metadata=metadata, data_version=dg.DataVersion(got.checksum))


@dg.multi_asset(
    specs=[
        dg.AssetSpec(
            FILTERED_CSVS,
            deps=[discogs_dump, "library_artists"],
            group_name=GROUP,
            code_version="1",
            kinds={"rust", "csv"},
            description="The releases of library artists as CSVs in the reference converter's layout",
        ),
        dg.AssetSpec(
            LABEL_HIERARCHY,
            deps=[discogs_dump],
            group_name=GROUP,
            code_version="1",
            kinds={"csv"},
            description="Sub-label → parent pairs from the labels dump (or LABEL_HIERARCHY_CSV); "
            "dedup counts a sub-label of the station's label as a match",
        ),
    ],
    name="convert_dump",
    # Selecting one of the two (e.g. "+release_tables" in the UI or CLI) runs the converter all
    # the same, but only the selected asset is reported, by Pipes and by us.
    can_subset=True,
)
def convert_dump(
    context: AssetExecutionContext,
    dump: DumpResource,
    workspace: Workspace,
    library: LibraryResource,
    pipes_subprocess_client: dg.PipesSubprocessClient,
    postgres: PostgresResource,
    cache_settings: CacheSettings,
) -> Iterator[dg.MaterializeResult]:
    """One run of the Rust converter under Dagster Pipes, which reports both assets; reused when
    the dump, the library and the converter are unchanged; or a configured folder of CSVs."""
    # The build's turn starts here, not at its first database step: the month's CSV folder is
    # shared, and a second build converting into it would change the files the first one imports.
    hold_database(context, postgres)
    selected = context.selected_asset_keys
    for result in _convert(context, dump, workspace, library, pipes_subprocess_client, cache_settings):
        if result.asset_key in selected:
            yield result


def _convert(
    context: AssetExecutionContext,
    dump: DumpResource,
    workspace: Workspace,
    library: LibraryResource,
    pipes_subprocess_client: dg.PipesSubprocessClient,
    cache_settings: CacheSettings,
) -> Iterator[dg.MaterializeResult]:
    fetched = upstream_metadata(context, "discogs_dump")
    hold.note_dump(context.run.run_id, str(fetched["dump_id"]))  # named to a build that waits for this one
    if csv_dir := dump.csv_path():
        yield _csvs_result(csv_dir, {"dump_id": fetched["dump_id"]})
        yield _hierarchy_result(library, csv_dir, {})
        return
    # This run's library's own folder (library/folders.py), as library_artists recorded it.
    library_dir = Path(upstream_metadata(context, "library_artists")["path"]).parent
    out_dir = workspace.root() / "csv" / str(fetched["dump_id"])
    binary = converter_binary()
    try:
        chosen = converter_filter(dump.filter_mode, library_dir, Path(library.db_path).expanduser(),
                                  cache_settings.review_threshold)
    except FilterModeError as exc:
        raise dg.Failure(str(exc), allow_retries=False) from None
    pinned = pins_path(library.keep_release_ids_file)
    pinned_key = [file_digest(pinned)] if pinned else []  # builds without pins keep the keys they had
    key = build_key(fetched["checksum"], *chosen.key_parts, file_digest(binary), *pinned_key)
    previous = latest_metadata(context, FILTERED_CSVS)
    if (
        previous
        and previous.get("convert_key") == key
        and out_dir.is_dir()
        and stat_digest(out_dir.glob("*.csv")) == previous.get("csv_fingerprint")
    ):
        context.log.info(f"dump {fetched['dump_id']} was already converted for this library; reusing {out_dir}")
        yield dg.MaterializeResult(
            asset_key=FILTERED_CSVS,
            metadata={**without_timings(previous), "reused": True},
            data_version=dg.DataVersion(previous["csv_fingerprint"]),
        )
        hierarchy = latest_metadata(context, LABEL_HIERARCHY) or {}
        yield _hierarchy_result(library, out_dir, {**without_timings(hierarchy), "reused": True})
        return
    # The converter replaces only the files it writes: a CSV of an earlier conversion of this month
    # (say label_hierarchy.csv, when the labels file has since gone) would pass for this run's.
    for stale in out_dir.glob("*.csv"):
        stale.unlink()
    command = chosen.command(binary, Path(fetched["path"]), out_dir, keep_release_ids=pinned)
    reported = {
        r.asset_key: dict(r.metadata or {})
        for r in pipes_subprocess_client.run(command=command, context=context).get_results()
    }
    if nothing := _nothing_converted(Path(fetched["path"]), reported.get(FILTERED_CSVS, {}), library, chosen.wanted):
        raise dg.Failure(nothing, allow_retries=False)
    yield _csvs_result(
        out_dir,
        {
            **reported.get(FILTERED_CSVS, {}),
            "dump_id": fetched["dump_id"],
            "convert_key": key,
            "filter_mode": chosen.mode,
            "reused": False,
            "bytes_dump": fetched["bytes"],
        },
    )
    yield _hierarchy_result(library, out_dir, {**reported.get(LABEL_HIERARCHY, {}), "reused": False})


def _nothing_converted(staged: Path, reported: dict[str, object], library: LibraryResource,
                       wanted: str) -> str | None:
    """One line when the month's releases file holds no release, or none by a library artist:
    said as such here, not as a release.csv without data rows two steps later."""
    scanned, written = (getattr(v, "value", v) for v in map(reported.get, ("releases_scanned", "releases_written")))
    if scanned is None or written:
        return None
    link = next(staged.glob("*_releases.xml*"), staged)
    named = link.resolve()  # the user's file, not the workspace's link to it
    if not scanned:
        return f"{named}: an empty releases dump (no <release> in it)"
    return f"{named}: none of its {scanned} releases {wanted} ({library.db_path})"


def _csvs_result(csv_dir: Path, extra: dict[str, object]) -> dg.MaterializeResult:
    if not (csv_dir / "release.csv").is_file():
        raise dg.Failure(f"{csv_dir / 'release.csv'}: missing file (DISCOGS_CSV_DIR must hold converter CSVs)")
    files = sorted(csv_dir.glob("*.csv"))
    fingerprint = stat_digest(files)
    return dg.MaterializeResult(
        asset_key=FILTERED_CSVS,
        metadata={
            **extra,
            "csv_dir": str(csv_dir),
            "csv_fingerprint": fingerprint,
            "bytes_csv": sum(f.stat().st_size for f in files),
        },
        data_version=dg.DataVersion(fingerprint),
    )


def _hierarchy_result(library: LibraryResource, csv_dir: Path, extra: dict[str, object]) -> dg.MaterializeResult:
    """The configured CSV wins over the one the converter wrote from the labels dump (absent
    when the dump has no labels file: dedup then goes without)."""
    if library.label_hierarchy_csv:
        source_csv: Path | None = Path(library.label_hierarchy_csv).expanduser()
        if not source_csv.is_file():
            raise dg.Failure(f"{source_csv}: missing file (configured label hierarchy)")
    else:
        candidate = csv_dir / "label_hierarchy.csv"
        source_csv = candidate if candidate.is_file() else None
    rows = 0
    if source_csv is not None:
        try:
            rows = len(read_label_hierarchy(source_csv))
        except LabelFileError as exc:
            raise dg.Failure(str(exc), allow_retries=False) from None
    digest = file_digest(source_csv)
    return dg.MaterializeResult(
        asset_key=LABEL_HIERARCHY,
        metadata={**extra, "path": str(source_csv) if source_csv else "", "rows": rows, "fingerprint": digest},
        data_version=dg.DataVersion(digest),
    )
