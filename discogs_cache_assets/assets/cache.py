"""The database half of the graph: each asset a step of one build, each a single transaction.

cache_schema → release_tables → deduped_releases → release_tracks → library_matches →
cache_tables → discogs_cache. The first five work in the build schema; cache_tables builds the
next cache with its indexes beside the published one; discogs_cache swaps it in.
"""


from contextlib import nullcontext
from pathlib import Path

import dagster as dg
from dagster import AssetExecutionContext

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache import build, hold, live, pins, publish, schema_version, side_tables, tables
from discogs_cache_assets.cache.child_rows import PUBLISH_ONLY
from discogs_cache_assets.cache.dedup import DedupSettings, dedup_releases
from discogs_cache_assets.cache.search_indexes import SearchIndexes
from discogs_cache_assets.cache.shrink import ShrinkGuard
from discogs_cache_assets.cache.release_import import import_release_tables
from discogs_cache_assets.cache.step import (
    adopted,
    code_version,
    failures_as_one_line,
    hold_database,
    result,
    reuse_or_none,
    run_build_step,
    upstream_step,
)
from discogs_cache_assets.cache.tracks import import_tracks
from discogs_cache_assets.cache.upgrade import upgrade_published
from discogs_cache_assets.dump.converted import remove_older_months
from discogs_cache_assets.history import upstream_metadata
from discogs_cache_assets.library.resource import LibraryResource
from discogs_cache_assets.library_match import CacheSettings, match_survivors
from discogs_cache_assets.resources import (
    PostgresResource,
    TargetPostgresResource,
    Workspace,
    published_database,
)

GROUP = "cache"
# One build at a time: a run holds the database from its first step of this group to its end
# (cache/hold.py); within one Dagster instance the pool also runs one such step at a time.
POOL = "discogs_database"


@dg.asset(group_name=GROUP, pool=POOL, code_version="1", kinds={"postgres"})
def cache_schema(
    context: AssetExecutionContext, postgres: PostgresResource, target_postgres: TargetPostgresResource
) -> dg.MaterializeResult:
    """Extensions (pg_trgm, unaccent), the immutable f_unaccent, the build schema, and the
    published cache upgraded to this code's schema version."""
    files = ("extensions", "build_schema")

    def work(conn):  # noqa: ANN001, ANN202
        for name in files:
            build.run_sql_file(conn, name)
        return {"database": postgres.describe()}

    hold_database(context, postgres)
    # Every run, reused or not: what was published since (by an older version of this code, or
    # into another target) is upgraded, and the build schema's key stays the same.
    with failures_as_one_line():
        published = upgrade_published(postgres, target_postgres)
    if published.applied:
        # "From version 0" on a database no build has published into yet: the steps then only
        # lay down what a published cache starts from.
        context.log.info(
            f"{published.database}: the published cache's schema, version {published.version_before} -> "
            f"{published.version} ({', '.join(published.applied)})"
        )
    step = run_build_step(
        context, postgres, "cache_schema", lambda conn: build.build_key(sqlfiles.digest(*files)), work
    )
    return step._replace(metadata={**(step.metadata or {}), **published.metadata()})


# code_version 2: genres, styles, videos and tracks are grouped and counted, no longer typed here;
# 3: the masters and artists files are loaded and counted too.
@dg.asset(group_name=GROUP, pool=POOL, code_version="3", deps=[cache_schema, "filtered_csvs"], kinds={"postgres"})
def release_tables(context: AssetExecutionContext, postgres: PostgresResource) -> dg.MaterializeResult:
    """Every CSV COPYed; releases, credits and labels cleaned; the publish-only children counted."""
    csvs = upstream_metadata(context, "filtered_csvs")
    csv_dir = Path(csvs["csv_dir"])

    def key_of(conn):  # noqa: ANN001, ANN202
        return build.build_key(
            sqlfiles.digest(
                "release_tables", "release_clean", "clean/release_artist", "clean/release_label", "child_stats_all",
                "child_keys", "child_key_stats", "forget_import", *(f"child_rows/{t}" for t in PUBLISH_ONLY),
                *side_tables.import_files(),
            ),
            upstream_step(context, conn, "cache_schema"),
            csvs["csv_fingerprint"],
            csvs["dump_id"],
        )

    def work(conn):  # noqa: ANN001, ANN202
        hold.note_dump(context.run.run_id, str(csvs["dump_id"]))
        report = import_release_tables(conn, csv_dir, postgres.connect)
        metadata: dict[str, object] = {
            "dump_id": csvs["dump_id"],
            "releases": report.releases,
            "releases_in_file": report.releases_in_file,
            "dropped_no_title": report.skipped_no_title,
            "dropped_repeated_id": report.repeated_ids,
            "dropped_bad_id": report.bad_ids,
            "bytes": report.bytes,
            "seconds": round(report.seconds, 3),
            "rows_per_second": round(sum(report.raw_rows.values()) / max(report.seconds, 1e-6)),
        }
        for child in report.children:
            metadata[f"rows_{child.table}"] = child.kept
            metadata[f"dropped_{child.table}"] = child.dirty
            metadata[f"dropped_{child.table}_of_skipped"] = child.of_skipped
        for side in report.sides:
            metadata[f"rows_{side.table}"] = side.kept
            metadata[f"dropped_{side.table}"] = side.dropped
        return metadata

    return run_build_step(context, postgres, "release_tables", key_of, work)


@dg.asset(
    group_name=GROUP,
    pool=POOL,
    code_version="3",  # 2: track counts from release_tables' groups; 3: preferences by identity keys
    deps=[release_tables, "library_labels", "label_hierarchy"],
    kinds={"postgres"},
)
def deduped_releases(
    context: AssetExecutionContext, postgres: PostgresResource, dedup: DedupSettings, library: LibraryResource
) -> dg.MaterializeResult:
    """One release per master_id (or per master_id and normalized format):
    station label > US > most tracks > lowest id."""
    from discogs_cache_assets.fingerprint import file_digest

    labels = upstream_metadata(context, "library_labels").get("path") or ""
    labels_path = Path(labels) if labels else None
    hierarchy = upstream_metadata(context, "label_hierarchy").get("path") or ""
    hierarchy_path = Path(hierarchy) if hierarchy else None
    pinned = pins.pins_path(library.keep_release_ids_file)

    def key_of(conn):  # noqa: ANN001, ANN202
        return build.build_key(
            sqlfiles.digest("label_prefs", "label_pref_names", "label_accepted", "label_candidates", "dedup"),
            sqlfiles.digest("release_pins", "release_pins_missing"),
            file_digest(pinned),
            upstream_step(context, conn, "release_tables"),
            file_digest(labels_path),
            file_digest(hierarchy_path),
            dedup.mode(),
        )

    def work(conn):  # noqa: ANN001, ANN202
        pinned_count = pins.store_pins(conn, pins.read_pins(pinned))
        r = dedup_releases(conn, labels_path, hierarchy_path, by_format=dedup.mode() == "format")
        return {
            **pins.pins_found(conn, pinned_count).metadata(),
            "dedup_by": dedup.mode(),
            "releases_before": r.candidates,
            "releases_after": r.survivors,
            "removed": r.removed,
            "label_preferences": r.label_preferences,
            "label_hierarchy_rows": r.label_hierarchy_rows,
            "label_matches": r.label_matches,
            "seconds": round(r.seconds, 3),
        }

    return run_build_step(context, postgres, "deduped_releases", key_of, work)


# code_version 2: counts only; cache_tables types the published releases' tracks.
@dg.asset(group_name=GROUP, pool=POOL, code_version="2", deps=[deduped_releases], kinds={"postgres"})
def release_tracks(context: AssetExecutionContext, postgres: PostgresResource) -> dg.MaterializeResult:
    """The import policy on the dedup survivors' tracks and track credits (counted, not copied)."""
    csv_dir = Path(upstream_metadata(context, "filtered_csvs")["csv_dir"])

    def key_of(conn):  # noqa: ANN001, ANN202
        return build.build_key(
            sqlfiles.digest("child_key_stats"), upstream_step(context, conn, "deduped_releases")
        )

    def work(conn):  # noqa: ANN001, ANN202
        r = import_tracks(conn, csv_dir)
        return {
            "rows_release_track": r.tracks.kept,
            "rows_release_track_artist": r.track_artists.kept,
            "filtered_by_dedup": r.tracks.not_survivor,
            "dropped_release_track": r.tracks.dirty,
            "dropped_release_track_artist": r.track_artists.dirty,
            "seconds": round(r.seconds, 3),
        }

    return run_build_step(context, postgres, "release_tracks", key_of, work)


@dg.asset(
    group_name=GROUP, pool=POOL, code_version="2", deps=[deduped_releases, "library_artists"], kinds={"postgres"}
)  # code_version 2: names and titles compared by their identity keys; aliases by credited artist id
def library_matches(
    context: AssetExecutionContext,
    postgres: PostgresResource,
    library: LibraryResource,
    cache_settings: CacheSettings,
) -> dg.MaterializeResult:
    """KEEP / REVIEW / PRUNE for each survivor by matching it against the library (names and titles
    by their identity keys, aliases by credited artist id), and which library rows the kept
    releases answer (coverage, overall and per spelling category)."""
    artists = upstream_metadata(context, "library_artists") if cache_settings.prune else {}
    library_fp = artists.get("library_fingerprint", "")

    def key_of(conn):  # noqa: ANN001, ANN202
        return build.build_key(
            sqlfiles.digest("match_input", "match_artist_ids", "match_alias_names", "match_joined_credits",
                            "match_hold_review", "library_matches", "cache_release_ids"),
            upstream_step(context, conn, "deduped_releases"),
            library_fp,
            cache_settings.match_key(),
        )

    def work(conn):  # noqa: ANN001, ANN202
        library_dir = Path(artists["path"]).parent if cache_settings.prune else None
        return {
            **match_survivors(context, conn, library_dir, library, cache_settings),
            "library_fingerprint": library_fp,
            "pruning": cache_settings.prune,
        }

    return run_build_step(context, postgres, "library_matches", key_of, work)


@dg.asset(
    group_name=GROUP, pool=POOL, code_version="4", deps=[release_tracks, library_matches], kinds={"postgres"}
)  # code_version 3: the artwork the service wrote back onto the published releases is copied in;
# 4: the masters and credited artists, and the artists the service fetched
def cache_tables(
    context: AssetExecutionContext,
    postgres: PostgresResource,
    target_postgres: TargetPostgresResource,
    search_indexes: SearchIndexes,
) -> dg.MaterializeResult:
    """The next cache (only the kept releases) with constraints, indexes and statistics."""
    dest_db = published_database(postgres, target_postgres)
    same = dest_db is postgres
    csvs = upstream_metadata(context, "filtered_csvs")
    matches = upstream_metadata(context, "library_matches")
    hold_database(context, postgres)
    hold.note_dump(context.run.run_id, str(csvs["dump_id"]))
    with postgres.connect() as src, failures_as_one_line():
        build.tune_session(src)
        key = build.build_key(
            sqlfiles.digest(
                "cache_tables", "cache_constraints", "cache_indexes", *search_indexes.files(), *tables.cache_rows_files()
            ),
            upstream_step(context, src, "release_tracks"),
            upstream_step(context, src, "library_matches"),
            "same" if same else "target",
            code_version(context),
        )
        with (dest_db.connect() if not same else nullcontext(src)) as dest:
            published = publish.published_build_key(dest) == key
            if reused := reuse_or_none(context, key, published or publish.next_build_key(dest) == key):
                return reused
            if published:
                # Published by another run (another Dagster instance) from the very same inputs and code.
                return adopted(context, key, {"dump_id": publish.recorded_dump(dest, key), "database": dest_db.describe()})
            schema_version.require_current(dest, dest_db.describe())
            build.tune_session(dest)
            report = tables.build_cache_tables(
                src,
                dest,
                same_database=same,
                provenance=tables.Provenance(key, str(csvs["dump_id"]), str(matches.get("library_fingerprint", ""))),
                index_sets=search_indexes.files(),
            )
            dest.commit()
            dump_id = publish.recorded_dump(dest, key)
    metadata: dict[str, object] = {
        "dump_id": dump_id,  # as cache_build records it
        "database": dest_db.describe(),
        "load_seconds": round(report.load_seconds, 3),
        "index_seconds": round(report.index_seconds, 3),
        "nearest_indexes": search_indexes.nearest,
        "tiered_indexes": search_indexes.tiered,
        "optional_index_seconds": round(report.optional_index_seconds, 3),
        "optional_index_bytes": report.optional_index_bytes,
        "bytes": sum(report.bytes.values()),
        **live.kept_metadata(report.kept),
    }
    metadata.update({f"rows_{t}": n for t, n in report.rows.items()})
    return result(key, metadata)


# code_version 2: only the tables the swap wrote into are analyzed again.
@dg.asset(group_name=GROUP, pool=POOL, code_version="2", deps=[cache_tables], kinds={"postgres"})
def discogs_cache(
    context: AssetExecutionContext,
    postgres: PostgresResource,
    target_postgres: TargetPostgresResource,
    workspace: Workspace,
    shrink_guard: ShrinkGuard,
) -> dg.MaterializeResult:
    """The published cache the lookup service reads: swapped in atomically, vacuumed, analyzed."""
    dest_db = published_database(postgres, target_postgres)
    key = str(upstream_metadata(context, "cache_tables")["build_key"])
    hold_database(context, postgres)
    # A separate target database is held for the publish itself (the run holds its build database).
    target_lock = nullcontext if dest_db is postgres else build.build_lock
    with dest_db.connect(autocommit=True) as conn, failures_as_one_line(), target_lock(conn):
        published = publish.published_build_key(conn) == key
        if reused := reuse_or_none(context, key, published):
            return reused
        if published:
            # Another run published this very build first (same inputs and code): nothing to swap.
            return adopted(
                context,
                key,
                {"database": dest_db.describe(), **live.published_metadata(conn, key), **_matched(context)},
            )
        if publish.next_build_key(conn) != key:
            raise dg.Failure(
                "the next cache in discogs_next is not the one cache_tables last built: materialize cache_tables again"
            )
        schema_version.require_current(conn, dest_db.describe())
        report = publish.publish(conn, shrink_guard.limit())
        if report.shrink and report.shrink.past_limit:
            context.log.warning(report.shrink.line())
        publish.vacuum_analyze(conn, report)
        metadata: dict[str, object] = {
            "database": dest_db.describe(),
            **live.published_metadata(conn, key),
            **_matched(context),
            **live.publish_metadata(report),
            # What cache_tables copied of the service's write-backs (publish adds what is newer).
            **{k: v for k, v in upstream_metadata(context, "cache_tables").items() if k.startswith(live.KEPT)},
        }
    published_month = str(upstream_metadata(context, "cache_tables")["dump_id"])
    removed = remove_older_months(workspace.root() / "csv", published_month, workspace.keep_csv_months)
    metadata["removed_csv_months"] = ", ".join(removed)
    return result(key, metadata)


def _matched(context: AssetExecutionContext) -> dict[str, object]:
    """KEEP and REVIEW counts of the library match the published cache was cut with."""
    matches = upstream_metadata(context, "library_matches")
    return {"keep": matches.get("keep", 0), "review": matches.get("review", 0)}
