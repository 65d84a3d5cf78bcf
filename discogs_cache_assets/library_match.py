"""Glue between the build's survivors and the library classifier (discogs_cache_assets.library)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import dagster as dg
import psycopg
from pydantic import Field

from discogs_cache_assets.cache.match_credits import alias_names, joined_credits
from discogs_cache_assets.cache.errors import InputError
from discogs_cache_assets.cache.matches import MatchReport, store_matches
from discogs_cache_assets.library import classify
from discogs_cache_assets.library.ambiguity import SharedRows
from discogs_cache_assets.library.artists import ALIASES_FILE, read_aliases
from discogs_cache_assets.library.catalog import LibraryCatalog, read_catalog
from discogs_cache_assets.library.coverage import Coverage, library_coverage
from discogs_cache_assets.library.resource import LibraryResource

# The settings that decide the match, in library_matches' build key; the coverage threshold
# only judges its result.
MATCH_SETTINGS = ("prune", "keep_threshold", "review_threshold", "mappings_file")
# library_matches' metadata: the first unanswered library rows, a Markdown table.
UNANSWERED = "unanswered_library_rows"


class CacheSettings(dg.ConfigurableResource):
    """How the cache is cut down to the library (defaults: the reference's thresholds)."""

    prune: bool = Field(default=True, description="Keep only releases matching the library; off: keep all survivors")
    keep_threshold: float = Field(default=0.75, ge=0, le=1, description="Score at or above which a release is KEEP")
    review_threshold: float = Field(default=0.65, ge=0, le=1, description="Score at or above which it is REVIEW")
    mappings_file: str = Field(default="", description="JSON {keep: {artist: library artist}, prune: {artist: null}}")
    min_coverage_percent: float = Field(
        default=95.0, ge=0, le=100,
        description="library_matches_cover_library warns when fewer library rows (overall or in a spelling "
        "category) are answered by a KEEP or REVIEW release",
    )

    def match_key(self) -> dict[str, object]:
        return self.model_dump(include=set(MATCH_SETTINGS))


class LibraryMatch:
    """One build's match: batches decided one by one, then the KEEP decisions to hold at REVIEW
    (library rows two Discogs artists of one name reach, across batches), then the coverage."""

    def __init__(
        self,
        library: classify.MatchLibrary,
        catalog: LibraryCatalog,
        cross_references: Sequence[tuple[str, str]] = (),
        alias_names: Mapping[int, Sequence[str]] | None = None,
        log: Callable[[str], None] | None = None,
    ) -> None:
        self.library = library
        self.catalog = catalog
        self.cross_references = cross_references
        self.aliases = library.alias_targets(alias_names or {})
        self.alias_names = sum(len(v) for v in (alias_names or {}).values())
        self.shared = SharedRows()
        self.answered: set[tuple[int, str]] = set()
        self.counts: Counter[str] = Counter()
        self.log = log
        self._held: list[int] | None = None
        self.joined: dict[int, str] = {}  # release id → its main credits' line, a library name

    def decide(self, rows: Sequence[classify.MatchRow]) -> dict[int, str]:
        outcome = classify.classify_releases(self.library, rows, self.aliases, self.shared, self.joined)
        if self.log:
            self.log(f"library match: {outcome.counts}")
        self.counts.update(outcome.counts)
        self.answered |= outcome.answered
        decisions = dict.fromkeys(outcome.prune, "PRUNE")
        decisions.update(dict.fromkeys(outcome.review, "REVIEW"))
        decisions.update(dict.fromkeys(outcome.keep, "KEEP"))
        return decisions

    def held(self) -> list[int]:
        """The KEEP releases the ambiguity rule holds at REVIEW, over every batch (a batch's own
        are REVIEW already)."""
        if self._held is None:
            self._held = self.shared.reviews()
        return self._held

    def coverage(self) -> Coverage:
        return library_coverage(
            self.catalog.rows, self.library.artist_index, self.answered, self.cross_references, self.library.keys
        )

    def metadata(self) -> dict[str, object]:
        return {
            "alias_names_read": self.alias_names,
            "artists_with_library_aliases": len(self.aliases),
            "matched_by_alias": self.counts["alias"],
            "joined_credits_in_library": len(self.joined),
            "held_at_review": len(self.held()),
            "shared_library_rows": self.shared.shared_rows,
        }


def library_matcher(
    context: dg.AssetExecutionContext | None,
    library_dir: Path,
    library: LibraryResource,
    settings: CacheSettings,
    alias_names: Mapping[int, Sequence[str]] | None = None,
) -> LibraryMatch:
    """The match against library.db and the alternate names library_artists wrote into
    ``library_dir`` (this run's library's own folder: another build's library is in another)."""
    if not (library_dir / ALIASES_FILE).is_file():
        raise InputError(f"{library_dir / ALIASES_FILE}: missing file (materialize library_artists again)")
    catalog = read_catalog(library.db_path)
    match_library = classify.load_match_library(
        library_dir,
        catalog,
        mappings=Path(settings.mappings_file) if settings.mappings_file else None,
        thresholds=classify.Thresholds(keep=settings.keep_threshold, review=settings.review_threshold),
    )
    cross_references = [(artist, title) for artist, title, _src in read_aliases(library_dir / ALIASES_FILE)]
    return LibraryMatch(
        match_library, catalog, cross_references, alias_names, context.log.info if context else None
    )


def match_survivors(
    context: dg.AssetExecutionContext,
    conn: psycopg.Connection,
    library_dir: Path | None,
    library: LibraryResource,
    settings: CacheSettings,
) -> dict[str, object]:
    """library_matches' work: every survivor decided (all KEEP without pruning), and with
    pruning the aliases it used and the library's coverage as metadata."""
    started = time.monotonic()
    if not settings.prune or library_dir is None:
        report = store_matches(conn, None)
        return {**_report_metadata(report), "seconds": round(time.monotonic() - started, 3)}
    names = alias_names(conn)
    matcher = library_matcher(context, library_dir, library, settings, names)
    matcher.joined = joined_credits(conn, matcher.library.artist_index.__contains__)
    report = store_matches(conn, matcher.decide, held=matcher.held)
    coverage = matcher.coverage()
    return {
        **_report_metadata(report),
        **matcher.metadata(),
        **coverage.metadata(),
        UNANSWERED: dg.MetadataValue.md(coverage.markdown()),
        "seconds": round(time.monotonic() - started, 3),
    }


def _report_metadata(report: MatchReport) -> dict[str, object]:
    return {
        "releases": report.releases,
        "keep": report.keep,
        "review": report.review,
        "prune": report.prune,
        "unclassified": report.unclassified,
        "cached": report.cached,
    }
