"""The dump side of the graph: filtered CSVs and the label hierarchy."""

from __future__ import annotations

import csv
from pathlib import Path

import dagster as dg

from discogs_cache_assets.dump.resource import DumpResource
from discogs_cache_assets.fingerprint import file_digest, stat_digest
from discogs_cache_assets.library.resource import LibraryResource

GROUP = "dump"


@dg.asset(group_name=GROUP, code_version="1", kinds={"csv"})
def filtered_csvs(context: dg.AssetExecutionContext, dump: DumpResource) -> dg.MaterializeResult:
    """The releases of library artists as CSVs in the reference converter's layout."""
    csv_dir = dump.csv_path()
    if csv_dir is None:
        raise dg.Failure("no dump configured: set DISCOGS_CSV_DIR (converted CSVs) or DISCOGS_DUMP_DIR")
    if not (csv_dir / "release.csv").is_file():
        raise dg.Failure(f"{csv_dir / 'release.csv'}: missing file (DISCOGS_CSV_DIR must hold converter CSVs)")
    files = sorted(csv_dir.glob("*.csv"))
    fingerprint = stat_digest(files)
    metadata: dict[str, object] = {
        "dump_id": dump.dump_id or csv_dir.name,
        "csv_dir": str(csv_dir),
        "csv_fingerprint": fingerprint,
        "bytes": sum(f.stat().st_size for f in files),
    }
    metadata.update({f"bytes_{f.stem}": f.stat().st_size for f in files})
    return dg.MaterializeResult(metadata=metadata, data_version=dg.DataVersion(fingerprint))


@dg.asset(group_name=GROUP, code_version="1", deps=[filtered_csvs], kinds={"csv"})
def label_hierarchy(
    context: dg.AssetExecutionContext, library: LibraryResource
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
