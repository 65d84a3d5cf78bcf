"""The converter's release filter, chosen per build.

``artist`` (the default) keeps every release credited to a library artist (library_artists.txt);
``pair`` keeps only the releases of the library's own (artist, title) rows, read from library.db
by the converter (names by identity key, titles by title key, also through Discogs aliases and
the rows' alternate names and the (artist, title) pairs of library_aliases.csv (the station's
cross references), and a title spelt another way at the library match's review similarity, so
that the filter drops nothing the match would answer): a much smaller build database, as a
station that never looks up other albums needs. Both keep the library's compilations by title
(compilation_titles.txt).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from discogs_cache_assets.fingerprint import file_digest
from discogs_cache_assets.library.artists import ALIASES_FILE, ARTISTS_FILE, COMPILATION_TITLES_FILE

__all__ = ["ARTIST", "FILTER_MODES", "PAIR", "ConverterFilter", "FilterModeError", "converter_filter"]

ARTIST = "artist"
PAIR = "pair"
FILTER_MODES = (ARTIST, PAIR)


class FilterModeError(ValueError):
    """A filter mode that is neither ``artist`` nor ``pair``."""


@dataclass(frozen=True)
class ConverterFilter:
    mode: str
    # What the filter reads, by content: a change of any of them converts the dump again.
    key_parts: tuple[str, ...]
    args: tuple[str, ...]
    # What a kept release is, for the one line of a run that kept none.
    wanted: str

    def command(self, binary: Path, dump: Path, out_dir: Path, keep_release_ids: Path | None = None) -> list[str]:
        """The converter's command line; the pair filter and the pinned releases
        (``keep_release_ids``) exist in the ``build`` form only."""
        pins = ("--keep-release-ids", str(keep_release_ids)) if keep_release_ids else ()
        if self.mode == PAIR or pins:
            return [str(binary), "build", str(dump), "--data-dir", str(out_dir), *self.args, *pins]
        return [str(binary), str(dump), "--output-dir", str(out_dir), *self.args]


def converter_filter(mode: str, library_dir: Path, library_db: Path, title_similarity: float) -> ConverterFilter:
    """The filter of ``mode`` over this build's library files (``library_dir``, as library_artists
    wrote them) and the station's library.db; ``title_similarity`` (0..1) is the library match's
    review threshold."""
    mode = (mode or ARTIST).strip().lower()
    if mode not in FILTER_MODES:
        raise FilterModeError(f"DISCOGS_FILTER={mode!r}: the converter's filter is 'artist' or 'pair'")
    titles = library_dir / COMPILATION_TITLES_FILE
    title_args = ("--compilation-titles", str(titles)) if titles.is_file() else ()
    if mode == PAIR:
        aliases = library_dir / ALIASES_FILE
        alias_args = ("--library-pairs", str(aliases)) if aliases.is_file() else ()
        return ConverterFilter(
            mode,
            (mode, file_digest(library_db), file_digest(aliases), file_digest(titles), repr(title_similarity)),
            ("--library-db", str(library_db), *alias_args, "--pair-title-similarity", repr(title_similarity),
             *title_args),
            "is an album (artist and title) of the library",
        )
    artists = library_dir / ARTISTS_FILE
    return ConverterFilter(
        mode,
        (mode, file_digest(artists), file_digest(titles)),
        ("--library-artists", str(artists), *title_args),
        "is credited to an artist of the library",
    )
