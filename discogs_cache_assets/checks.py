"""Asset checks: the invariants each step promises, verified in the database after it runs."""


import json

import dagster as dg

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.assets.cache import cache_tables, deduped_releases, discogs_cache, library_matches
from discogs_cache_assets.assets.dump import discogs_dump
from discogs_cache_assets.cache import shrink
from discogs_cache_assets.cache.build import table_exists
from discogs_cache_assets.library.coverage import shares_below
from discogs_cache_assets.library_match import UNANSWERED, CacheSettings
from discogs_cache_assets.resources import PostgresResource, TargetPostgresResource, published_database

ONE_RELEASE_PER_MASTER = "one_release_per_master"
NO_ORPHAN_ROWS = "no_orphan_rows"
ROW_COUNTS_CONSISTENT = "row_counts_consistent"
KEPT_RELEASES_MATCH_LIBRARY = "kept_releases_match_library"
TRIGRAM_INDEXES_SERVE_LOOKUPS = "trigram_indexes_serve_lookups"
CACHE_IS_FRESH = "cache_is_fresh"
DUMP_HAS_EVERY_FILE = "dump_has_every_file"
NEXT_CACHE_NOT_SHRUNK = "next_cache_not_shrunk"
LIBRARY_COVERED = "library_rows_answered"
MAX_AGE_DAYS = 45

# The lookup service's four trigram predicates and the index that must serve each.
TRIGRAM_LOOKUPS = (
    ("release", "title", "idx_release_title_trgm"),
    ("release_artist", "artist_name", "idx_release_artist_name_trgm"),
    ("release_track", "title", "idx_release_track_title_trgm"),
    ("release_track_artist", "artist_name", "idx_release_track_artist_name_trgm"),
)


def _scalar(postgres: PostgresResource, name: str) -> tuple:
    with postgres.connect() as conn:
        return conn.execute(sqlfiles.query(f"checks/{name}")).fetchone()


@dg.asset_check(asset=deduped_releases, name=ONE_RELEASE_PER_MASTER, blocking=True)
def one_release_per_master(postgres: PostgresResource) -> dg.AssetCheckResult:
    """No master has more than one release left after dedup; blocking: the library match and the
    cache are not built from a dedup that kept two."""
    (dupes,) = _scalar(postgres, ONE_RELEASE_PER_MASTER)
    return dg.AssetCheckResult(passed=dupes == 0, metadata={"masters_with_several_releases": dupes})


@dg.asset_check(asset=discogs_cache, name=NO_ORPHAN_ROWS)
def no_orphan_rows(postgres: PostgresResource, target_postgres: TargetPostgresResource) -> dg.AssetCheckResult:
    """No credit, label, track, track credit or metadata row of the published cache lacks its release."""
    (orphans,) = _scalar(published_database(postgres, target_postgres), "orphan_rows")
    return dg.AssetCheckResult(passed=orphans == 0, metadata={"orphan_rows": orphans})


@dg.asset_check(asset=discogs_cache, name=ROW_COUNTS_CONSISTENT)
def row_counts_consistent(postgres: PostgresResource, target_postgres: TargetPostgresResource) -> dg.AssetCheckResult:
    """The published cache has releases, each with its metadata row (the service's tombstones
    aside), and every release from the dump has at least one credit."""
    releases, without_metadata, without_credits = _scalar(published_database(postgres, target_postgres), "row_counts")
    return dg.AssetCheckResult(
        passed=releases > 0 and without_metadata == 0 and without_credits == 0,
        metadata={
            "releases": releases,
            "releases_without_metadata": without_metadata,
            "bulk_releases_without_credits": without_credits,
        },
    )


@dg.asset_check(asset=discogs_cache, name=KEPT_RELEASES_MATCH_LIBRARY)
def kept_releases_match_library(
    postgres: PostgresResource, target_postgres: TargetPostgresResource
) -> dg.AssetCheckResult:
    """Every release from the dump in the published cache is one the library match kept (KEEP or
    REVIEW); skipped when publishing to a target database."""
    if target_postgres.configured:
        # The decisions live in the build database; the published rows elsewhere.
        return dg.AssetCheckResult(passed=True, metadata={"skipped": "published to a target database"})
    with postgres.connect() as conn:
        if not table_exists(conn, "discogs_build", "release_match"):
            return dg.AssetCheckResult(passed=False, metadata={"error": "no library match in the build schema"})
        (unmatched,) = conn.execute(sqlfiles.query("checks/unmatched_releases")).fetchone()
    return dg.AssetCheckResult(passed=unmatched == 0, metadata={"unmatched_releases": unmatched})


@dg.asset_check(asset=discogs_cache, name=TRIGRAM_INDEXES_SERVE_LOOKUPS)
def trigram_indexes_serve_lookups(
    postgres: PostgresResource, target_postgres: TargetPostgresResource
) -> dg.AssetCheckResult:
    """EXPLAIN each lookup predicate; sequential scans are disabled so that on a small cache the
    plan shows whether the index *can* serve it, which is what breaks when an expression drifts."""
    served: dict[str, bool] = {}
    with published_database(postgres, target_postgres).connect() as conn:
        conn.execute("SET LOCAL enable_seqscan = off")
        for table, column, index in TRIGRAM_LOOKUPS:
            plan = conn.execute(
                sqlfiles.query("checks/trigram_plan", table=table, column=column), {"q": "radiohead"}
            ).fetchone()[0]
            served[index] = f'"Index Name": "{index}"' in json.dumps(plan)
    return dg.AssetCheckResult(passed=all(served.values()), metadata={k: v for k, v in served.items()})


@dg.asset_check(asset=discogs_cache, name=CACHE_IS_FRESH)
def cache_is_fresh(postgres: PostgresResource, target_postgres: TargetPostgresResource) -> dg.AssetCheckResult:
    """Warns when the published cache is older than MAX_AGE_DAYS (45): a monthly build was missed.
    Run daily by check_freshness_schedule."""
    (age,) = _scalar(published_database(postgres, target_postgres), "cache_age")
    age_days = float(age) if age is not None else float("inf")
    return dg.AssetCheckResult(
        passed=age_days <= MAX_AGE_DAYS,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"age_days": round(age_days, 2) if age is not None else -1, "max_age_days": MAX_AGE_DAYS},
    )


@dg.asset_check(asset=discogs_dump, name=DUMP_HAS_EVERY_FILE)
def dump_has_every_file(context: dg.AssetCheckExecutionContext) -> dg.AssetCheckResult:
    """Warns when the month was built without its artists, labels or masters file (a local folder
    without a checksum file may lack them): the cache is built, without what they give."""
    event = context.instance.get_latest_materialization_event(discogs_dump.key)
    recorded = event.asset_materialization.metadata if event and event.asset_materialization else {}
    missing, effects = (str(recorded[k].value) if k in recorded else "" for k in ("missing_files", "missing_effects"))
    return dg.AssetCheckResult(
        passed=not missing,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={"missing_files": missing, "effects": effects},
        description=f"built without its {missing} file: {effects}" if missing else None,
    )


@dg.asset_check(asset=cache_tables, name=NEXT_CACHE_NOT_SHRUNK, blocking=True)
def next_cache_not_shrunk(
    postgres: PostgresResource, target_postgres: TargetPostgresResource, shrink_guard: shrink.ShrinkGuard
) -> dg.AssetCheckResult:
    """The next cache holds at most max_release_loss_percent fewer releases than the published one
    (counting the service's releases the swap carries over). Past it the check fails and blocks
    discogs_cache, so the published cache stays; with allow_shrink it only warns. A first build,
    with nothing published, always passes."""
    with published_database(postgres, target_postgres).connect() as conn:
        verdict = shrink.judge(conn, shrink_guard.limit())
    return dg.AssetCheckResult(
        passed=not verdict.past_limit,
        severity=dg.AssetCheckSeverity.WARN if shrink_guard.allow_shrink else dg.AssetCheckSeverity.ERROR,
        metadata=verdict.metadata(),
        description=verdict.line() or None,
    )


@dg.asset_check(asset=library_matches, name=LIBRARY_COVERED)
def library_rows_answered(context: dg.AssetCheckExecutionContext, cache_settings: CacheSettings) -> dg.AssetCheckResult:
    """Warns when fewer than min_coverage_percent (default 95) of the library's rows, overall or in
    one spelling category, are answered by a KEEP or REVIEW release: each unanswered row is an
    album the lookup service fetches from Discogs instead. Lists the first 100 unanswered rows
    (artist, title, category) for the music staff to check their spelling. Passes without
    pruning (nothing is matched then)."""
    event = context.instance.get_latest_materialization_event(library_matches.key)
    recorded = event.asset_materialization.metadata if event and event.asset_materialization else {}
    values = {k: v.value for k, v in recorded.items()}
    minimum = cache_settings.min_coverage_percent
    if "coverage" not in values:
        return dg.AssetCheckResult(
            passed=True, severity=dg.AssetCheckSeverity.WARN, metadata={"skipped": "no library match (pruning off)"}
        )
    below = shares_below(values, minimum / 100)
    shares = {k: v for k, v in values.items() if k == "coverage" or k.startswith(("coverage_", "library_rows"))}
    return dg.AssetCheckResult(
        passed=not below,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            **shares,
            "min_coverage_percent": minimum,
            UNANSWERED: dg.MetadataValue.md(str(values.get(UNANSWERED, ""))),
        },
        description=(
            f"library rows answered below {minimum:g} %: {', '.join(below)} "
            f"({values['library_rows_answered']} of {values['library_rows']} overall)"
        ) if below else None,
    )


all_checks = [
    dump_has_every_file,
    one_release_per_master,
    library_rows_answered,
    next_cache_not_shrunk,
    no_orphan_rows,
    row_counts_consistent,
    kept_releases_match_library,
    trigram_indexes_serve_lookups,
    cache_is_fresh,
]
