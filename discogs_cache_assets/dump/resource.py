"""Where the monthly dump (or already-converted CSVs) comes from."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from pydantic import Field


class DumpResource(dg.ConfigurableResource):
    """Either a folder of dump files (discogs_YYYYMMDD_{releases,artists,labels,masters}.xml.gz)
    to convert, or a folder of CSVs in the converter's layout to use as they are."""

    dump_dir: str = Field(default="", description="Folder holding the monthly dump files")
    csv_dir: str = Field(default="", description="Folder of converter CSVs; skips the converter")
    dump_id: str = Field(default="", description="Name of this dump (default: from the file names or folder)")

    def csv_path(self) -> Path | None:
        return Path(self.csv_dir).expanduser().resolve() if self.csv_dir else None
