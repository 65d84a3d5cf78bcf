"""Where the monthly dump (or already-converted CSVs) comes from."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from pydantic import Field

from discogs_cache_assets.dump.files import find_dumps
from discogs_cache_assets.dump.listing import newest_month


class DumpResource(dg.ConfigurableResource):
    """One of three sources: the Discogs dump listing (``listing_url``: download into
    ``dump_dir``), a folder of dump files (``dump_dir``:
    discogs_YYYYMMDD_{releases,artists,labels,masters}.xml.gz, with the month's
    discogs_YYYYMMDD_CHECKSUM.txt when there is one), or a folder of CSVs in the converter's
    layout to use as they are (``csv_dir``)."""

    dump_dir: str = Field(default="", description="Folder holding the monthly dump files (downloads go here)")
    listing_url: str = Field(default="", description="Base URL of the dump listing (S3 bucket); empty: local files only")
    csv_dir: str = Field(default="", description="Folder of converter CSVs; skips the converter")
    dump_id: str = Field(default="", description="Name of this dump (default: from the file names or folder)")

    def csv_path(self) -> Path | None:
        return Path(self.csv_dir).expanduser().resolve() if self.csv_dir else None

    def folder(self, home: Path) -> Path:
        """The dump files' folder: ``dump_dir``, else (downloads only) ``<home>/downloads``."""
        if self.dump_dir:
            return Path(self.dump_dir).expanduser()
        if self.listing_url:
            return home / "downloads"
        raise FileNotFoundError("no dump configured: set DISCOGS_DUMP_DIR, DISCOGS_DUMP_URL or DISCOGS_CSV_DIR")

    def newest_available(self) -> str | None:
        """The newest complete month the source offers (the listing's, else the folder's), or
        None; what the sensor and the schedule launch a build for."""
        if self.csv_dir:
            return None
        if self.listing_url:
            return newest_month(self.listing_url).dump_id
        dumps = find_dumps(Path(self.dump_dir).expanduser()) if self.dump_dir else []
        return dumps[-1].dump_id if dumps else None
