"""Glue between the build's survivors and the library classifier (discogs_cache_assets.library)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import dagster as dg
from pydantic import Field

from discogs_cache_assets.cache.errors import InputError
from discogs_cache_assets.cache.matches import Decide, MatchRow
from discogs_cache_assets.library.artists import ALIASES_FILE
from discogs_cache_assets.library.resource import LibraryResource


class CacheSettings(dg.ConfigurableResource):
    """How the cache is cut down to the library (defaults: the reference's thresholds)."""

    prune: bool = Field(default=True, description="Keep only releases matching the library; off: keep all survivors")
    keep_threshold: float = Field(default=0.75, ge=0, le=1, description="Score at or above which a release is KEEP")
    review_threshold: float = Field(default=0.65, ge=0, le=1, description="Score at or above which it is REVIEW")
    mappings_file: str = Field(default="", description="JSON {keep: {artist: library artist}, prune: {artist: null}}")


def library_decider(
    context: dg.AssetExecutionContext, library_dir: Path, library: LibraryResource, settings: CacheSettings
) -> Decide:
    """Decisions against library.db and the alternate names library_artists wrote into
    ``library_dir`` (this run's library's own folder: another build's library is in another)."""
    from discogs_cache_assets.library import classify

    if not (library_dir / ALIASES_FILE).is_file():
        raise InputError(f"{library_dir / ALIASES_FILE}: missing file (materialize library_artists again)")
    match_library = classify.load_match_library(
        library_dir,
        library.db_path,
        mappings=Path(settings.mappings_file) if settings.mappings_file else None,
        thresholds=classify.Thresholds(keep=settings.keep_threshold, review=settings.review_threshold),
    )

    def decide(rows: Sequence[MatchRow]) -> dict[int, str]:
        outcome = classify.classify_releases(match_library, rows)
        context.log.info(f"library match: {outcome.counts}")
        decisions = dict.fromkeys(outcome.prune, "PRUNE")
        decisions.update(dict.fromkeys(outcome.review, "REVIEW"))
        decisions.update(dict.fromkeys(outcome.keep, "KEEP"))
        return decisions

    return decide
