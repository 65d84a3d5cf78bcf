"""Where the platform keeps its state on this machine when nothing else is configured."""

from __future__ import annotations

import os
from pathlib import Path

HOME_ENV = "DISCOGS_CACHE_HOME"


def default_home() -> Path:
    """$DISCOGS_CACHE_HOME, else ~/.discogs-cache-assets (embedded Postgres, CSVs, library files)."""
    configured = os.environ.get(HOME_ENV)
    return Path(configured).expanduser() if configured else Path.home() / ".discogs-cache-assets"
