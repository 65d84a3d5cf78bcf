"""Optional index sets for other forms of the lookup service's searches than its current one.

Every cache has the GIN trigram indexes the service's current searches use (cache_indexes.sql).
The nearest-neighbour set (cache_indexes_nearest.sql: GiST trigram indexes for
``ORDER BY lower(f_unaccent(col)) <-> lower(f_unaccent($1)) LIMIT n``) and the tiered set
(cache_indexes_tiered.sql: each folded track title once, for the tiered form of the track
searches) cost build time and space and serve no current search, so a station turns one on only
for a service that uses it (docs/lookup-search.md has the measurements).
"""

from __future__ import annotations

import re
import time

import dagster as dg
import psycopg
from pydantic import Field

from discogs_cache_assets import sqlfiles
from discogs_cache_assets.cache.build import run_sql_file

NEAREST_FILE = "cache_indexes_nearest"
TIERED_FILE = "cache_indexes_tiered"


class SearchIndexes(dg.ConfigurableResource):
    """Which optional index sets cache_tables builds besides the ones every cache has."""

    nearest: bool = Field(
        default=False,
        description="GiST trigram indexes for nearest-neighbour search (ORDER BY col <-> query LIMIT n); "
        "see docs/lookup-search.md",
    )

    tiered: bool = Field(
        default=False,
        description="each folded track title once, trigram-indexed, for the tiered form of the track "
        "searches; see docs/lookup-search.md",
    )

    def files(self) -> tuple[str, ...]:
        """The SQL files of the enabled sets (part of cache_tables' build key)."""
        return (*((NEAREST_FILE,) if self.nearest else ()), *((TIERED_FILE,) if self.tiered else ()))


def index_names(name: str) -> list[str]:
    """The indexes an index file creates, in its order."""
    return re.findall(r"CREATE (?:UNIQUE )?INDEX (\w+)", sqlfiles.text(name))


def build_index_sets(conn: psycopg.Connection, schema: str, files: tuple[str, ...]) -> tuple[float, int]:
    """Run each file in ``conn``'s search path; seconds taken and bytes of the indexes made."""
    started = time.monotonic()
    for name in files:
        run_sql_file(conn, name)
    seconds = time.monotonic() - started
    names = [n for name in files for n in index_names(name)]
    (size,) = conn.execute(sqlfiles.query("index_bytes"), {"schema": schema, "names": names}).fetchone()
    return seconds, int(size)
