"""The library files the converter and the prune step read.

Written to the workspace's ``library/`` folder, each atomically:

``library_artists.txt``
    The converter's artist filter, one name per line, sorted by code point, spelling kept:
    distinct trimmed ``library.artist``, the ``alternate_artist_name`` values of library.db
    (when the column exists), and the station MySQL names (alternate names, both sides of
    artist cross references, release cross references) when configured. Compilation
    pseudo-artists ("Various Artists - Compilations") are left out: the converter would import
    every "Various" release otherwise.
``compilation_titles.txt``
    The title keys (``title_key``) of the library's compilation entries, sorted, distinct.
    The converter keeps a release whose artists are all compilation names when its title's key
    is in this list.
``library_aliases.csv``
    ``artist_name,release_title,source`` rows that widen the library beyond
    library.db's (artist, title) rows, so that the prune step knows every name the converter
    filtered on: library.db alternate names (source ``alternate``) and the MySQL pairs
    (``alternate``, ``cross_reference``, ``release_cross_reference``). ``release_title`` is
    empty for a name known without a title.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.library.artist_list import read_artist_list
from discogs_cache_assets.library.catalog import LibraryCatalog, fingerprint
from discogs_cache_assets.library.files import atomic_text, write_lines
from discogs_cache_assets.library.mysql import StationEnrichment
from discogs_cache_assets.library.identity import title_key
from discogs_cache_assets.library.normalize import is_compilation

__all__ = [
    "ALIASES_FILE",
    "ARTISTS_FILE",
    "COMPILATION_TITLES_FILE",
    "LibraryArtists",
    "build_library_artists",
    "read_aliases",
    "write_library_files",
]

ARTISTS_FILE = "library_artists.txt"
COMPILATION_TITLES_FILE = "compilation_titles.txt"
ALIASES_FILE = "library_aliases.csv"
ALIASES_HEADER = ("artist_name", "release_title", "source")


@dataclass(frozen=True)
class LibraryArtists:
    artists: tuple[str, ...]
    compilation_titles: tuple[str, ...]
    aliases: tuple[tuple[str, str, str], ...]
    from_library_db: int  # distinct non-compilation library.artist names
    from_alternates: int  # names only library.db's alternate_artist_name adds
    from_mysql: int  # names only the station MySQL adds
    compilation_entries: int  # distinct library (artist, title) rows filed under a compilation
    mysql_used: bool
    fingerprint: str
    # The station's own list, used as the artist list as it is ("" when derived from library.db).
    artists_file: str = ""

    def metadata(self) -> dict[str, object]:
        return {
            "artist_count": len(self.artists),
            "artists_source": "file" if self.artists_file else "library",
            "artists_file": self.artists_file,
            "artists_from_library_db": self.from_library_db,
            "artists_from_alternate_names": self.from_alternates,
            "artists_from_mysql": self.from_mysql,
            "mysql_enrichment": self.mysql_used,
            "compilation_entries": self.compilation_entries,
            "compilation_titles": len(self.compilation_titles),
            "alias_pairs": len(self.aliases),
            "library_fingerprint": self.fingerprint,
        }


def build_library_artists(
    catalog: LibraryCatalog, enrichment: StationEnrichment | None = None, artists_file: Path | None = None
) -> LibraryArtists:
    """Everything ``library_artists`` writes, computed from the catalog and the MySQL data; with
    ``artists_file`` the artist list is that file's (the compilation titles and aliases, which
    the converter and the prune step also read, still come from the catalog)."""
    base: set[str] = set()
    compilation_titles: set[str] = set()
    compilation_entries = 0
    aliases: set[tuple[str, str, str]] = set()
    for row in catalog.rows:
        if is_compilation(row.artist):
            compilation_entries += 1
            compilation_titles.add(title_key(row.title))
        else:
            base.add(row.artist)
        if row.alternate:
            aliases.add((row.alternate, row.title, "alternate"))
    alternates = {a for a, _t, _s in aliases}
    mysql_pairs = enrichment.pairs if enrichment is not None else frozenset()
    aliases |= mysql_pairs
    names = base | alternates | {a for a, _t, _s in mysql_pairs}
    for artist, title, _source in aliases:
        if title and is_compilation(artist):
            compilation_titles.add(title_key(title))
    artists = tuple(sorted(n for n in names if not is_compilation(n)))
    sections = {"library": ((r.artist, r.title, r.alternate) for r in catalog.rows)}
    if enrichment is not None:
        sections["mysql"] = mysql_pairs
    if artists_file is not None:
        artists = read_artist_list(artists_file)
        sections["artists_file"] = ((name,) for name in artists)
    return LibraryArtists(
        artists=artists,
        compilation_titles=tuple(sorted(t for t in compilation_titles if t)),
        aliases=tuple(sorted(aliases)),
        from_library_db=len(base),
        from_alternates=len({n for n in alternates - base if not is_compilation(n)}),
        from_mysql=len(
            {a for a, _t, _s in mysql_pairs if not is_compilation(a)} - base - alternates
        ),
        compilation_entries=compilation_entries,
        mysql_used=enrichment is not None,
        fingerprint=fingerprint(**sections),
        artists_file=str(artists_file or ""),
    )


def write_library_files(result: LibraryArtists, out_dir: Path) -> dict[str, Path]:
    """Write the three files into ``out_dir``; returns their paths by file name."""
    paths = {name: out_dir / name for name in (ARTISTS_FILE, COMPILATION_TITLES_FILE, ALIASES_FILE)}
    write_lines(paths[ARTISTS_FILE], result.artists)
    write_lines(paths[COMPILATION_TITLES_FILE], result.compilation_titles)
    with atomic_text(paths[ALIASES_FILE]) as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(ALIASES_HEADER)
        writer.writerows(result.aliases)
    return paths


def read_aliases(path: Path) -> list[tuple[str, str, str]]:
    """Rows of ``library_aliases.csv`` ([] when the file does not exist)."""
    if not path.is_file():
        return []
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        return [
            (row["artist_name"], row["release_title"] or "", row.get("source") or "")
            for row in reader
            if row.get("artist_name")
        ]
