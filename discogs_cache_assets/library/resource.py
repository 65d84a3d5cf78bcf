"""The station library as configured: the SQLite catalog and optional label preference files."""

from __future__ import annotations

import dagster as dg
from pydantic import Field


class LibraryResource(dg.ConfigurableResource):
    """Resource key ``library``. Classification settings (thresholds, mappings) live in the
    cache settings; this says only where the station's files are."""

    db_path: str = Field(description="Path of the station's library.db (SQLite)")
    labels_csv: str | None = Field(
        default=None, description="library_labels.csv (used when no station MySQL is configured)"
    )
    label_hierarchy_csv: str | None = Field(
        default=None, description="label_hierarchy.csv (else the converter's)"
    )
    artists_file: str | None = Field(
        default=None,
        description="The station's own artist list (one name per line), used as the converter's artist "
        "filter as it is instead of one derived from library.db",
    )
    keep_release_ids_file: str | None = Field(
        default=None,
        description="Release ids the station pins, one per line (# comments): kept through the converter, "
        "dedup and the library match whatever they decide",
    )
