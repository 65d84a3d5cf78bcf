"""The dump side of the graph: filtered CSVs and the label hierarchy."""


import csv
from pathlib import Path

import dagster as dg
from dagster import AssetExecutionContext

from discogs_cache_assets.dump.binary import converter_path
from discogs_cache_assets.dump.files import newest_dump, stage_dump
from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.cache.build import build_key
from discogs_cache_assets.fingerprint import file_digest, stat_digest
from discogs_cache_assets.history import latest_metadata
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.resources import Workspace

GROUP = "dump"


@dg.asset(group_name=GROUP, code_version="1", deps=["library_artists"], kinds={"rust", "csv"})
def filtered_csvs(
    context: AssetExecutionContext,
    dump: DumpResource,
    workspace: Workspace,
    pipes_subprocess_client: dg.PipesSubprocessClient,
) -> dg.MaterializeResult:
    """The releases of library artists as CSVs in the reference converter's layout: the Rust
    converter run on the newest dump under Dagster Pipes, or a configured folder of CSVs."""
    if csv_dir := dump.csv_path():
        return _configured_csvs(csv_dir, dump.dump_id or csv_dir.name)
    try:
        found = newest_dump(Path(dump.dump_dir).expanduser())
    except FileNotFoundError as exc:
        raise dg.Failure(str(exc)) from None
    library_dir = workspace.dir("library")
    out_dir = workspace.root() / "csv" / found.dump_id
    key = build_key(
        stat_digest(found.files.values()),
        file_digest(library_dir / "library_artists.txt"),
        file_digest(library_dir / "compilation_titles.txt"),
        file_digest(converter_path()),
    )
    previous = latest_metadata(context, context.asset_key)
    if (
        previous
        and previous.get("convert_key") == key
        and out_dir.is_dir()
        and stat_digest(out_dir.glob("*.csv")) == previous.get("csv_fingerprint")
    ):
        context.log.info(f"dump {found.dump_id} was already converted for this library; reusing {out_dir}")
        return dg.MaterializeResult(
            metadata={**previous, "reused": True}, data_version=dg.DataVersion(previous["csv_fingerprint"])
        )
    inputs = stage_dump(found, workspace.dir("dumps", found.dump_id))
    command = [str(converter_path()), str(inputs), "--output-dir", str(out_dir),
               "--library-artists", str(library_dir / "library_artists.txt")]
    if (titles := library_dir / "compilation_titles.txt").is_file():
        command += ["--compilation-titles", str(titles)]
    converted = pipes_subprocess_client.run(command=command, context=context).get_materialize_result()
    files = sorted(out_dir.glob("*.csv"))
    fingerprint = stat_digest(files)
    return dg.MaterializeResult(
        metadata={
            **(converted.metadata or {}),
            "dump_id": found.dump_id,
            "convert_key": key,
            "reused": False,
            "csv_dir": str(out_dir),
            "csv_fingerprint": fingerprint,
            "bytes_csv": sum(f.stat().st_size for f in files),
            "bytes_dump": sum(p.stat().st_size for p in found.files.values()),
        },
        data_version=dg.DataVersion(fingerprint),
    )


def _configured_csvs(csv_dir: Path, dump_id: str) -> dg.MaterializeResult:
    if not (csv_dir / "release.csv").is_file():
        raise dg.Failure(f"{csv_dir / 'release.csv'}: missing file (DISCOGS_CSV_DIR must hold converter CSVs)")
    files = sorted(csv_dir.glob("*.csv"))
    fingerprint = stat_digest(files)
    return dg.MaterializeResult(
        metadata={
            "dump_id": dump_id,
            "csv_dir": str(csv_dir),
            "csv_fingerprint": fingerprint,
            "bytes_csv": sum(f.stat().st_size for f in files),
        },
        data_version=dg.DataVersion(fingerprint),
    )


@dg.asset(group_name=GROUP, code_version="1", deps=[filtered_csvs], kinds={"csv"})
def label_hierarchy(
    context: AssetExecutionContext, library: LibraryResource
) -> dg.MaterializeResult:
    """Sub-label → parent pairs: the configured CSV, else the one the converter wrote from the
    labels dump. Used by dedup to count a sub-label of the station's label as a match."""
    from discogs_cache_assets.history import upstream_metadata

    source: Path | None = None
    if library.label_hierarchy_csv:
        source = Path(library.label_hierarchy_csv).expanduser()
        if not source.is_file():
            raise dg.Failure(f"{source}: missing file (configured label hierarchy)")
    else:
        candidate = Path(upstream_metadata(context, "filtered_csvs")["csv_dir"]) / "label_hierarchy.csv"
        source = candidate if candidate.is_file() else None
    rows = 0
    if source is not None:
        with source.open(newline="", encoding="utf-8") as fh:
            rows = sum(1 for _ in csv.DictReader(fh))
    digest = file_digest(source)
    return dg.MaterializeResult(
        metadata={"path": str(source) if source else "", "rows": rows, "fingerprint": digest},
        data_version=dg.DataVersion(digest),
    )
