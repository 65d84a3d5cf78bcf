"""Library rows answered, by spelling category: the categories a row tells by itself, the table
the coverage check shows."""

from __future__ import annotations

import pytest

from discogs_cache_assets.library.catalog import LibraryRow
from discogs_cache_assets.library.coverage import UNANSWERED_SHOWN, library_coverage, shares_below
from discogs_cache_assets.library.spelling import category


@pytest.mark.parametrize(
    ("artist", "title", "alternate", "expected"),
    [
        ("Various Artists - Compilations", "Sugar Hill", "", "compilation"),
        ("Ice-T", "Body Count", "Body Count", "alias"),
        ("Clean, The", "Boodle", "", "article"),
        ("The Clean", "Boodle", "", "article"),
        ("Mutantes, Os", "Tecnicolor", "", "article"),
        ("Les Paul", "The New Sound", "", "other"),  # "Les" leads a given name: kept by the key
        ("Łona", "Absurd", "", "letters"),
        ("Björk", "Homogenic", "", "letters"),
        ("Simon & Garfunkel", "Bookends", "", "and"),
        ("Earth and Fire", "Song of the Marching Children", "", "and"),
        ("Pavement", "Slanted + Enchanted", "", "and"),
        ("Radiohead", "OK Computer (Remastered)", "", "suffix"),
        ("New Order", 'Blue Monday 12"', "", "suffix"),
        ("Fall", "Hex Enduction Hour", "", "other"),
        ("Cluster", "Zuckerzeit", "", "other"),
    ],
)
def test_category(artist: str, title: str, alternate: str, expected: str) -> None:
    assert category(artist, title, alternate) == expected


def test_coverage_by_category_and_the_unanswered_table() -> None:
    rows = [LibraryRow("Clean, The", "Boodle"), LibraryRow("Fall", "Grotesque"), LibraryRow("A|B", "x|y"),
            LibraryRow("Eric Bachmann", "To the Races"), LibraryRow("Various", "Sugar Hill")]
    index = {"clean": 0, "crooked fingers": 1}
    answered = {(0, "boodle"), (1, "to the races"), (-1, "sugar hill")}
    coverage = library_coverage(rows, index, answered, cross_references=[("Crooked Fingers", "To the Races")])
    assert (coverage.rows, coverage.answered) == (5, 3)
    meta = coverage.metadata()
    assert meta["coverage"] == 0.6 and meta["coverage_article"] == 1.0 and meta["coverage_other"] == 0.3333
    assert isinstance(meta["coverage_other"], float) and meta["library_rows_other"] == 3
    assert shares_below(meta, 0.95) == ["overall", "other"]
    assert coverage.markdown().splitlines()[2:] == ["| Fall | Grotesque | other |", "| A\\|B | x\\|y | other |"]


def test_the_table_shows_the_first_hundred() -> None:
    rows = [LibraryRow(f"Artist {i:03d}", "Title") for i in range(150)]
    coverage = library_coverage(rows, {}, set())
    table = coverage.markdown().splitlines()
    assert len(coverage.unanswered) == UNANSWERED_SHOWN == 100
    assert table[2] == "| Artist 000 | Title | other |" and table[-1] == "… and 50 more."
