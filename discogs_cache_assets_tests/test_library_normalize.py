"""Table-driven tests of the name normalization and the compilation rule (§6.2, D5, D17)."""

from __future__ import annotations

import pytest

from discogs_cache_assets.library.labels import label_key
from discogs_cache_assets.library.normalize import (
    is_compilation,
    normalize_artist,
    normalize_filter,
    normalize_title,
    sort_tokens,
)

SAME_ARTIST = [
    # accents (NFKD, combining marks dropped) and case
    ("Björk", "Bjork"),
    ("BJÖRK", "björk"),
    ("Sigur Rós", "sigur ros"),
    ("Motörhead", "Motorhead"),
    ("Beyoncé", "Beyonce"),
    ("Straße", "Strasse"),  # casefold
    ("İlhan Erşahin", "ilhan ersahin"),
    # Discogs disambiguators, in any order and combination (D17)
    ("Nirvana (2)", "Nirvana"),
    ("X (2) [US]", "X"),
    ("X [US] (2)", "X"),
    ("Low (3)", "low"),
    # trailing articles move to the front; leading ones are kept
    ("Beatles, The", "The Beatles"),
    ("Beatles, The (2)", "The Beatles"),
    ("Pogues, The", "the pogues"),
    ("Ärzte, Die", "Die Arzte"),
    ("Lobos, Los", "Los Lobos"),
    # & / + between words = and
    ("Simon & Garfunkel", "Simon and Garfunkel"),
    ("Simon&Garfunkel", "Simon and Garfunkel"),
    ("Earth, Wind & Fire", "Earth Wind and Fire"),
    ("Belle + Sebastian", "Belle and Sebastian"),
    # every apostrophe kind (D17), dots, white space
    ("Guns N' Roses", "Guns N’ Roses"),
    ("Guns N‘ Roses", "Guns N Roses"),
    ("Guns Nʼ Roses", "Guns N` Roses"),
    ("R.E.M.", "REM"),
    ("  Sonic   Youth ", "Sonic Youth"),
    ("Sleater–Kinney", "Sleater-Kinney"),  # en dash
]

DIFFERENT_ARTIST = [
    ("The Beatles", "Beatles"),  # leading articles are not removed
    ("Joy", "Joy Division"),
    ("Simon & Garfunkel", "Simon"),
    ("Nirvana (2)", "Nirvana (UK)"),  # "(UK)" is not a disambiguator in Discogs' sense
]


@pytest.mark.parametrize(("a", "b"), SAME_ARTIST)
def test_same_artist_key(a: str, b: str) -> None:
    assert normalize_artist(a) == normalize_artist(b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT_ARTIST)
def test_different_artist_key(a: str, b: str) -> None:
    assert normalize_artist(a) != normalize_artist(b)


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Beatles, The", "the beatles"),
        ("X (2) [US]", "x"),
        ("Björk", "bjork"),
        ("Simon & Garfunkel", "simon and garfunkel"),
        ("Davis, Miles", "davis miles"),
        ("(2)", "(2)"),  # never stripped to nothing
    ],
)
def test_artist_key_values(raw: str, key: str) -> None:
    assert normalize_artist(raw) == key


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("OK Computer", "ok computer"),
        ("OK Computer (Collector's Edition)", "ok computer"),
        ("Abbey Road (Remastered) [Deluxe Edition]", "abbey road"),
        ("Abbey Road [2009 Remaster]", "abbey road"),
        ('Blue Monday 12"', "blue monday"),
        ("Blue Monday 12 inch", "blue monday"),
        ("Kid A (2 CD Set)", "kid a"),
        ("Loveless (3LP)", "loveless"),
        ("Homogenic (2)", "homogenic"),
        ("Slanted And Enchanted (Reissue)", "slanted and enchanted"),
        ("Sugar Hill (Original Motion Picture Soundtrack)", "sugar hill"),
        ("Rock & Roll", "rock and roll"),
        ("Rapper’s Delight", "rappers delight"),
        ("Every Inch", "every inch"),  # a word, not an inch mark
        ('7"', '7"'),  # never stripped to nothing
        ("Jóga (EP)", "joga"),
    ],
)
def test_title_key(raw: str, key: str) -> None:
    assert normalize_title(raw) == key


@pytest.mark.parametrize(
    ("raw", "key"),
    [("Björk", "bjork"), ("  Sigur Rós ", "sigur ros"), ("Beatles, The", "beatles, the"), ("AC/DC", "ac/dc")],
)
def test_filter_key_is_the_converters(raw: str, key: str) -> None:
    """NFKD, drop combining marks, lower-case, trim: nothing else (the converter mirrors it)."""
    assert normalize_filter(raw) == key


COMPILATIONS = [
    "Various",
    "Various Artists",
    "VARIOUS ARTISTS",
    "Various Artists - Compilations",
    "Various Artists - Soundtracks",
    "V/A",
    "V.A.",
    "VA",
    "Soundtrack",
    "Original Soundtrack",
    "Original Motion Picture Soundtrack",
    "Compilation",
]
NOT_COMPILATIONS = [
    "The Soundtrack of Our Lives",  # a band: the keyword is not at the end (D5)
    "Soundtrack of Our Lives",
    "Various Production",  # a band: "various" followed by a word
    "Various Cruelties",
    "Vanessa",
    "Radiohead",
    "Compilation of Fools",
]


@pytest.mark.parametrize("name", COMPILATIONS)
def test_compilation_names(name: str) -> None:
    assert is_compilation(name)


@pytest.mark.parametrize("name", NOT_COMPILATIONS)
def test_not_compilation_names(name: str) -> None:
    assert not is_compilation(name)


def test_sort_tokens() -> None:
    assert sort_tokens("miles davis") == sort_tokens("davis miles") == "davis miles"
    assert sort_tokens("pixies") == "pixies"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Capitol Records", "capitol"),
        ("Capitol", "CAPITOL RECORDS"),
        ("XL Recordings", "XL"),
        ("Sugar  Hill Records ", "sugar hill"),
        ("Sub Pop Records Ltd", "Sub Pop"),
        ("Föllakzoid Records", "follakzoid"),
    ],
)
def test_label_key(a: str, b: str) -> None:
    assert label_key(a) == label_key(b)


def test_label_key_keeps_a_bare_records() -> None:
    assert label_key("Records") == "records"
    assert label_key("Parlophone") != label_key("EMI")
