"""Where the monthly dump (or already-converted CSVs) comes from."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from pydantic import Field

from discogs_cache_assets.dump.files import DumpFiles, find_dumps

# The official source since the old S3 bucket closed (2026): a Cloudflare proxy serving an HTML
# listing per year and ?download= file URLs.
DISCOGS_SOURCE = "https://data.discogs.com/"


class DumpResource(dg.ConfigurableResource):
    """One of three sources: a dump source (``listing_url``: data.discogs.com or an S3-style
    mirror; downloads into ``dump_dir``), a folder of dump files (``dump_dir``:
    discogs_YYYYMMDD_{releases,artists,labels,masters}.xml.gz, with the month's
    discogs_YYYYMMDD_CHECKSUM.txt when there is one), or a folder of CSVs in the converter's
    layout to use as they are (``csv_dir``)."""

    dump_dir: str = Field(default="", description="Folder holding the monthly dump files (downloads go here)")
    listing_url: str = Field(
        default="", description=f"Base URL of the dump source ({DISCOGS_SOURCE} or an S3-style mirror); empty: local files only"
    )
    csv_dir: str = Field(default="", description="Folder of converter CSVs; skips the converter")
    dump_id: str = Field(default="", description="Name of this dump (default: from the file names or folder)")
    filter_mode: str = Field(
        default="artist",
        description="The converter's filter: 'artist' keeps the releases of library artists, 'pair' only "
        "the library's own (artist, title) albums (a smaller build)",
    )

    def csv_path(self) -> Path | None:
        return Path(self.csv_dir).expanduser().resolve() if self.csv_dir else None

    def folder(self, home: Path) -> Path:
        """The dump files' folder: ``dump_dir``, else (downloads only) ``<home>/downloads``."""
        if self.dump_dir:
            return Path(self.dump_dir).expanduser()
        if self.listing_url:
            return home / "downloads"
        raise FileNotFoundError("no dump configured: set DISCOGS_DUMP_DIR, DISCOGS_DUMP_URL or DISCOGS_CSV_DIR")

    def newest_local(self) -> DumpFiles | None:
        """The newest complete month in the dump folder (no source URL, no CSVs), or None."""
        dumps = find_dumps(Path(self.dump_dir).expanduser()) if self.dump_dir else []
        return dumps[-1] if dumps else None
