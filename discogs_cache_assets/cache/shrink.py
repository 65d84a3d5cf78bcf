"""The shrink guard: a next cache that holds much less than the published one is not swapped in.

A broken month (a truncated dump, a library export that lost half its rows, two builds run over
each other) still builds a valid cache, only a smaller one, and once published the lookup
service answers from it. So before the swap the next cache is measured against the published
one; past the allowed loss the publish stops and the published cache stays, unless the run is
configured to allow it. Each measure is one row of ``MEASURES`` (releases today; library coverage
would be another).
"""

from __future__ import annotations

from dataclasses import dataclass

import dagster as dg
import psycopg
from pydantic import Field

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import NEXT_SCHEMA, PUBLISHED_SCHEMA, table_exists
from discogs_cache_assets.cache.errors import BuildConflict

DEFAULT_MAX_LOSS_PERCENT = 10.0
# Measure name -> the SQL file that counts it in the published and in the next cache.
MEASURES = {"releases": "shrink_releases"}


@dataclass(frozen=True)
class ShrinkLimit:
    max_loss_percent: float = DEFAULT_MAX_LOSS_PERCENT
    allowed: bool = False


class ShrinkGuard(dg.ConfigurableResource):
    """How much smaller than the published cache a next one may be and still be published. A
    resource of its own, so that a run allowing a shrink (allow_shrink in the launchpad) resets
    nothing that decides what the cache holds."""

    max_release_loss_percent: float = Field(
        default=DEFAULT_MAX_LOSS_PERCENT,
        ge=0,
        le=100,
        description="A next cache with more than this many percent fewer releases than the published one "
        "is not published",
    )
    allow_shrink: bool = Field(
        default=False, description="Publish a next cache past max_release_loss_percent all the same"
    )

    def limit(self) -> ShrinkLimit:
        return ShrinkLimit(self.max_release_loss_percent, self.allow_shrink)


@dataclass(frozen=True)
class Loss:
    measure: str
    published: int
    next: int

    @property
    def percent(self) -> float:
        return 100.0 * (self.published - self.next) / self.published if self.published else 0.0


@dataclass(frozen=True)
class Verdict:
    losses: tuple[Loss, ...]
    limit: ShrinkLimit

    @property
    def past_limit(self) -> tuple[Loss, ...]:
        return tuple(loss for loss in self.losses if loss.percent > self.limit.max_loss_percent)

    @property
    def refused(self) -> bool:
        return bool(self.past_limit) and not self.limit.allowed

    def line(self) -> str:
        """One line saying what shrank and what to do; empty when nothing is past the limit."""
        if not self.past_limit:
            return ""
        lost = "; ".join(
            f"{loss.next:,} {loss.measure} where {loss.published:,} are published ({loss.percent:.1f} % fewer)"
            for loss in self.past_limit
        )
        if self.limit.allowed:
            return f"the next cache has {lost}, past the {self.limit.max_loss_percent:g} % limit; published as allowed"
        return (
            f"the next cache has {lost}, past the {self.limit.max_loss_percent:g} % limit: not published, "
            "the published cache stays (allow it with allow_shrink in shrink_guard or DISCOGS_ALLOW_SHRINK=1)"
        )

    def metadata(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for loss in self.losses:
            out[f"published_{loss.measure}"] = loss.published
            out[f"next_{loss.measure}"] = loss.next
            out[f"{loss.measure}_loss_percent"] = round(loss.percent, 2)
        return {**out, "max_loss_percent": self.limit.max_loss_percent, "allow_shrink": self.limit.allowed}


def measure(conn: psycopg.Connection) -> tuple[Loss, ...]:
    """Each measure in the published and the next cache; nothing when either is missing (a first
    build is never refused)."""
    if not (table_exists(conn, PUBLISHED_SCHEMA, "release") and table_exists(conn, NEXT_SCHEMA, "release")):
        return ()
    carried = sqlfiles.query("publish_carried")
    losses = []
    for name, file in MEASURES.items():
        published, next_ = conn.execute(sqlfiles.query(file, carried=carried)).fetchone()
        losses.append(Loss(name, int(published), int(next_)))
    return tuple(losses)


def judge(conn: psycopg.Connection, limit: ShrinkLimit) -> Verdict:
    return Verdict(measure(conn), limit)


class ShrinkRefused(BuildConflict):
    """The next cache is past the allowed loss and the run does not allow it."""
