"""Table-driven tests of the converter's compilation-title key, the compilation rule and the label key."""

from __future__ import annotations

import pytest

from discogs_cache_assets.library.labels import label_key
from discogs_cache_assets.library.normalize import (
    is_compilation,
    normalize_filter,
    sort_tokens,
)

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
    "The Soundtrack of Our Lives",  # a band: the keyword is not at the end
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
