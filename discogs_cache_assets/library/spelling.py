"""How a library row is spelt, as far as the row itself tells: the categories coverage is shown by.

One category per row, the first that applies, in this order:

``compilation``
    filed under a compilation pseudo-artist ("Various Artists - Compilations").
``alias``
    the row names its artist a second way (library.db's ``alternate_artist_name``): the album
    may be credited to the other name, or to an artist whose alias the library uses.
``article``
    the artist leads with an article or is filed behind one ("The Clean", "Clean, The",
    "Mutantes, Os").
``letters``
    artist or title has a letter outside ASCII: accents, or letters that do not decompose
    ("Łona", "Straßenjungs").
``and``
    "&", "+" or the word "and" in the artist or title ("Simon & Garfunkel").
``suffix``
    the title ends in a parenthesized or bracketed part or a record size ("(Remastered)",
    "[Bonus Tracks]", ``12"``).
``other``
    anything else, the rows spelt as Discogs spells them among them; what the row cannot tell
    ("Fall" for "The Fall", "Cluster" for "Cluster (2)", a typo) is counted here too.
"""

from __future__ import annotations

import re

from discogs_cache_assets.library.normalize import is_compilation

__all__ = ["CATEGORIES", "category"]

CATEGORIES = ("compilation", "alias", "article", "letters", "and", "suffix", "other")

# The articles the identity key drops in front of a name, and those it also reads behind a
# filing comma.
_DROPPED = r"the|a|an|los|las|la|le|il|gli|der|die|das|os"
_LEADING_ARTICLE = re.compile(rf"^(?:{_DROPPED})\s+\S")
_FILED_ARTICLE = re.compile(rf"\S\s*,\s*(?:{_DROPPED}|les|el|i|as|un|une|lo)$")
_AND = re.compile(r"[&+]|\band\b")
_TITLE_SUFFIX = re.compile(r"(?:\([^()]*\)|\[[^\[\]]*\]|\d+\s*(?:\"|\u201d|-?\s*inch(?:es)?))$")


def category(artist: str, title: str, alternate: str = "", compilation: bool | None = None) -> str:
    """The row's category (see the module docstring); ``compilation``: ``is_compilation(artist)``
    when the caller knows it already."""
    if is_compilation(artist) if compilation is None else compilation:
        return "compilation"
    if alternate.strip():
        return "alias"
    lowered = " ".join(artist.lower().split())  # articles and "and" are ASCII words
    if _LEADING_ARTICLE.match(lowered) or _FILED_ARTICLE.search(lowered):
        return "article"
    if not (artist.isascii() and title.isascii()):
        return "letters"
    if _AND.search(lowered) or _AND.search(title.lower()):
        return "and"
    if _TITLE_SUFFIX.search(title.strip()):
        return "suffix"
    return "other"
