"""What each library row of the sample stands for: ``library_truth.csv`` beside ``library.db``.

One line per library row: its id and spelling, the category of difference between its spelling
and the Discogs credit (``CATEGORIES``), the ids of the dump's releases of that album (empty when
Discogs does not have it) and, for a ``near`` row, the releases of the other album whose title
shares words with it: those stand for no row, so a cache that answers the row with them is wrong.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TRUTH_FILE = "library_truth.csv"

# category: how the library row's spelling differs from the Discogs credit of its album
CATEGORIES = {
    "exact": "artist and title spelt as Discogs credits them",
    "case": "only upper and lower case differ",
    "filing-article": 'the leading article filed behind the name ("Clean, The" for "The Clean")',
    "dropped-article": 'the leading article left out ("Fall" for "The Fall")',
    "disambiguator": 'Discogs\' trailing "(n)" left out ("Cluster" for "Cluster (2)")',
    "shared-name": 'two Discogs artists share the name the library uses ("Foo" and "Foo (2)")',
    "alias": "the album filed under an alias of the credited artist (artists dump <aliases>)",
    "name-variation": "the album filed under a name variation of the credited artist (<namevariations>)",
    "letters": 'letters that do not decompose written plainly ("Strassenjungs", "Lona", "Mo")',
    "accents": "accents dropped",
    "and": '"and" for "&" or "+", or the reverse',
    "suffix-in-dump": 'every release of the album carries a title suffix ("(Remastered)", \' 12"\')',
    "suffix-in-library": "the library's title carries a suffix the releases do not",
    "typo": "the library's title is one letter off",
    "near": "an album Discogs does not have whose title shares words with one it has",
    "alternate-name": "the credited name is the row's alternate artist name",
    "joined-artists": 'several credited artists as one library name ("Lou Reed & John Cale")',
    "punctuation": "punctuation differs",
    "compilation": "a various-artists compilation",
    "station-only": "an album Discogs does not have",
    "no-title": "an export row without a title",
}


@dataclass(frozen=True)
class TruthRow:
    library_id: int
    artist: str
    title: str
    category: str
    release_ids: frozenset[int]  # the dump's releases of this album
    near_release_ids: frozenset[int] = frozenset()  # a look-alike album's releases (near rows)


_HEADER = ("library_id", "artist", "title", "category", "release_ids", "near_release_ids")


def _ids(ids: Iterable[int]) -> str:
    return " ".join(str(i) for i in sorted(ids))


def write_truth(path: Path, rows: Iterable[TruthRow]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(_HEADER)
        for r in rows:
            w.writerow((r.library_id, r.artist, r.title, r.category, _ids(r.release_ids), _ids(r.near_release_ids)))


def read_truth(path: Path) -> list[TruthRow]:
    with Path(path).open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = tuple(next(reader, ()))
        if header != _HEADER:
            raise ValueError(f"{path}: line 1: expected columns {','.join(_HEADER)}")
        rows = []
        for line, (lid, artist, title, category, ids, near) in enumerate(reader, start=2):
            if category not in CATEGORIES:
                raise ValueError(f"{path}: line {line}: unknown category {category!r}")
            rows.append(TruthRow(int(lid), artist, title, category, frozenset(map(int, ids.split())),
                                 frozenset(map(int, near.split()))))
    return rows
