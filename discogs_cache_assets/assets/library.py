"""The station's side of the graph: library.db, the artist list, the label preferences.

Thin assets: the logic lives in ``discogs_cache_assets.library`` (plain, testable modules).
Each asset records a fingerprint of the content that matters as metadata and as its data
version, so an unchanged library leaves downstream assets fresh and any change marks them stale.
"""

from pathlib import Path

import dagster as dg
from dagster import AssetExecutionContext

from discogs_cache_assets.library.artist_list import ArtistListError
from discogs_cache_assets.library.artists import ARTISTS_FILE, build_library_artists, write_library_files
from discogs_cache_assets.library.catalog import LibraryDBError, fingerprint, read_catalog
from discogs_cache_assets.library.folders import content_folder
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
            "path": dg.MetadataValue.path(str(catalog.path)),
            "rows": catalog.total_rows,
            "distinct_entries": len(catalog.rows),
            "artists": len(catalog.artists),
            "alternate_names": len(catalog.alternate_names),
            "has_alternate_artist_name": catalog.has_alternate_column,
            "skipped_rows": catalog.skipped_rows,
            "library_fingerprint": fp,
        },
        data_version=dg.DataVersion(fp),
    )


@dg.asset(group_name=GROUP, code_version="1", deps=[library_db], kinds={"python"})
def library_artists(
    context: AssetExecutionContext, library: LibraryResource, mysql: MySQLResource, workspace: Workspace
) -> dg.MaterializeResult:
    """library_artists.txt for the converter's filter (the station's own list as it is, when one
    is configured), compilation_titles.txt (the library's
    compilations) and library_aliases.csv (alternate names and cross references for the prune step),
    enriched from the station MySQL when it is configured."""
    try:
        catalog = read_catalog(library.db_path)
        if mysql.configured:
            context.log.info(f"enriching from {mysql.describe()}")
        enrichment = mysql.fetch_enrichment() if mysql.configured else None
        given = Path(library.artists_file).expanduser() if library.artists_file else None
        if given:
            context.log.info(f"the artist list is {given}, as it is")
        result = build_library_artists(catalog, enrichment, given)
    except (LibraryDBError, StationDBError, ArtistListError) as exc:
        raise dg.Failure(str(exc), allow_retries=False) from None
    paths = write_library_files(result, content_folder(workspace.dir("library"), "artists", result.fingerprint))
    return dg.MaterializeResult(
        metadata={**result.metadata(), "path": dg.MetadataValue.path(str(paths[ARTISTS_FILE]))},
        data_version=dg.DataVersion(result.fingerprint),
    )


@dg.asset(group_name=GROUP, code_version="1", deps=[library_db], kinds={"python"})
def library_labels(
    context: AssetExecutionContext, library: LibraryResource, mysql: MySQLResource, workspace: Workspace
) -> dg.MaterializeResult:
    """The station's label preference per (artist, release): from the MySQL play log when
    configured, else from the configured library_labels.csv, else none (no file)."""
    try:
        if mysql.configured:
            if library.labels_csv:
                context.log.warning(
                    f"labels_csv {library.labels_csv} is not used: the station MySQL "
                    f"({mysql.describe()}) is configured and its play log wins"
                )
            prefs = preferences(mysql.fetch_label_preferences(), "mysql")
        elif library.labels_csv:
            prefs = read_labels_csv(Path(library.labels_csv).expanduser())
        else:
            prefs = preferences([], "none")
    except (StationDBError, LabelFileError) as exc:
        raise dg.Failure(str(exc), allow_retries=False) from None
    fp = fingerprint(labels=prefs.rows)
    # No preferences: no file, and dedup (which reads the path recorded here) goes without.
    path = content_folder(workspace.dir("library"), "labels", fp) / LABELS_FILE if len(prefs) else None
    if path:
        write_labels_csv(prefs, path)
    return dg.MaterializeResult(
        metadata={
            "label_preferences": len(prefs),
            "label_preferences_from_mysql": len(prefs) if prefs.source == "mysql" else 0,
            "source": prefs.source,
            "dropped_rows": prefs.dropped,
            "path": str(path or ""),
            "labels_fingerprint": fp,
        },
        data_version=dg.DataVersion(fp),
    )
