"""The station's side of the graph: library.db, the artist list, the label preferences."""

from pathlib import Path

import dagster as dg
from dagster import AssetExecutionContext

from discogs_cache_assets.library.artists import build_library_artists, write_library_files
from discogs_cache_assets.library.catalog import LibraryDBError, read_catalog
from discogs_cache_assets.library.labels import LabelFileError, preferences, read_labels_csv, write_labels_csv
from discogs_cache_assets.library.mysql import MySQLResource, StationDBError
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.resources import Workspace

GROUP = "library"
LABELS_FILE = "library_labels.csv"


@dg.asset(group_name=GROUP, code_version="1", kinds={"sqlite"})
def library_db(context: AssetExecutionContext, library: LibraryResource) -> dg.MaterializeResult:
    """The station's catalog (SQLite): validated, counted and fingerprinted."""
    try:
        catalog = read_catalog(library.db_path)
    except LibraryDBError as exc:
        raise dg.Failure(str(exc), allow_retries=False) from None
    fp = catalog.fingerprint()
    return dg.MaterializeResult(
        metadata={
            "path": str(catalog.path),
            "rows": catalog.total_rows,
            "distinct_entries": len(catalog.rows),
            "artists": len(catalog.artists),
            "skipped_rows": catalog.skipped_rows,
            "library_fingerprint": fp,
        },
        data_version=dg.DataVersion(fp),
    )


@dg.asset(group_name=GROUP, code_version="1", deps=[library_db], kinds={"python"})
def library_artists(
    context: AssetExecutionContext, library: LibraryResource, mysql: MySQLResource, workspace: Workspace
) -> dg.MaterializeResult:
    """library_artists.txt for the converter's filter (plus compilation titles and alternate
    names for the prune step), enriched from the station MySQL when it is configured."""
    try:
        catalog = read_catalog(library.db_path)
        enrichment = mysql.fetch_enrichment() if mysql.configured else None
    except (LibraryDBError, StationDBError) as exc:
        raise dg.Failure(str(exc), allow_retries=False) from None
    result = build_library_artists(catalog, enrichment)
    paths = write_library_files(result, workspace.dir("library"))
    return dg.MaterializeResult(
        metadata={**result.metadata(), "path": str(paths["library_artists.txt"])},
        data_version=dg.DataVersion(result.fingerprint),
    )


@dg.asset(group_name=GROUP, code_version="1", deps=[library_db], kinds={"python"})
def library_labels(
    context: AssetExecutionContext, library: LibraryResource, mysql: MySQLResource, workspace: Workspace
) -> dg.MaterializeResult:
    """The station's label preference per (artist, release): from the MySQL play log when
    configured, else from the configured library_labels.csv, else none."""
    try:
        if mysql.configured:
            prefs = preferences(mysql.fetch_label_preferences(), "mysql")
        elif library.labels_csv:
            prefs = read_labels_csv(Path(library.labels_csv).expanduser())
        else:
            prefs = preferences([], "none")
    except (StationDBError, LabelFileError) as exc:
        raise dg.Failure(str(exc), allow_retries=False) from None
    path = workspace.dir("library") / LABELS_FILE
    if len(prefs):
        write_labels_csv(prefs, path)
    elif path.exists():
        path.unlink()  # no preferences this time: dedup must not see last build's
    return dg.MaterializeResult(
        metadata={
            "label_preferences": len(prefs),
            "source": prefs.source,
            "dropped_rows": prefs.dropped,
            "path": str(path) if len(prefs) else "",
        }
    )
