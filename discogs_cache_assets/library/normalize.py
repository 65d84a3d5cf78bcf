"""Name normalization shared by the artist list, the converter filter and the classification.

Three functions, three purposes:

``normalize_filter(s)``
    What the converter compares (PIPELINE.md §2.5): NFKD, drop combining marks, lower-case,
    trim. Used for ``compilation_titles.txt`` so the converter can compare titles byte for byte.

``normalize_artist(s)`` / ``normalize_title(s)``
    The matching keys of the prune classification (PIPELINE.md §6.2, with the D17 fixes):

    * accents: NFKD, drop combining marks; case: ``casefold`` (``ß`` → ``ss``);
    * every apostrophe kind (``' ’ ‘ ʼ ` ´ ′ ＇``) removed, every dash kind read as ``-``,
      curly double quotes read as ``"``;
    * artist only: trailing Discogs disambiguators ``(2)`` and ``[…]`` stripped repeatedly, in
      any order (``X (2) [US]`` and ``X [US] (2)`` → ``x``); a trailing article
      ``, the|los|las|les|la|le|el|die|der|das`` moved to the front (``beatles, the`` →
      ``the beatles``; leading articles are kept); ``.`` removed (``R.E.M.`` = ``REM``); ``,``
      read as a space;
    * title only: trailing format/edition suffixes stripped repeatedly (``12"``, ``(2)``,
      ``(2 cd set)``, ``(3lp)``, ``[deluxe edition]``, ``(remastered)``, …);
    * both: ``&`` and ``+`` between words read as ``and``; white space collapsed.

``is_compilation(name)``
    The compilation rule (D5): keywords matched as words with a position, not as substrings.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold",
    "is_compilation",
    "normalize_artist",
    "normalize_filter",
    "normalize_title",
    "sort_tokens",
    "strip_accents",
]


def strip_accents(text: str) -> str:
    """NFKD, then drop combining marks (``Björk`` → ``Bjork``)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalize_filter(text: str) -> str:
    """The converter's key: NFKD, drop combining marks, lower-case, trim (PIPELINE.md §2.5)."""
    return strip_accents(text).lower().strip()


# Apostrophes: ASCII, right/left single quote, modifier letter apostrophe, grave, acute,
# prime, fullwidth. Removed outright ("Guns N’ Roses" = "Guns N' Roses" = "Guns N Roses").
_APOSTROPHES = "'\u2019\u2018\u201b\u02bc\u0060\u00b4\u2032\uff07"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
_TRANSLATE = {ord(c): None for c in _APOSTROPHES}
_TRANSLATE.update({ord(c): "-" for c in _DASHES})
_TRANSLATE.update({ord(c): '"' for c in _DQUOTES})
_WS = re.compile(r"\s+")
_AND = re.compile(r"\s+[&+]\s+|\s*&\s*")


def fold(text: str) -> str:
    """Common base of the matching keys: accents, case, apostrophes, dashes, spaces."""
    if text.isascii():  # fast path: the only ASCII characters to fold are ' and `
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        return " ".join(text.lower().split())
    # The acute accent U+00B4 would decompose to a space + combining mark: drop it first.
    text = strip_accents(text.translate(_TRANSLATE).casefold())
    if not text.isascii():
        text = text.translate(_TRANSLATE)  # NFKD can produce ASCII apostrophes (fullwidth)
    return " ".join(text.split())


_DISAMBIGUATOR = re.compile(r"\s*(?:\(\d+\)|\[[^\[\]]*\])$")
_TRAILING_ARTICLE = re.compile(r"^(.+?),\s*(the|los|las|les|la|le|el|die|der|das)$")


def normalize_artist(name: str) -> str:
    """Matching key of an artist name (see the module docstring)."""
    key = fold(name)
    while True:
        stripped = _DISAMBIGUATOR.sub("", key)
        if stripped == key or not stripped:
            break
        key = stripped.rstrip()
    match = _TRAILING_ARTICLE.match(key)
    if match:
        key = f"{match.group(2)} {match.group(1)}"
    key = _AND.sub(" and ", key)
    key = key.replace(".", "").replace(",", " ")
    return _WS.sub(" ", key).strip()


_EDITION_WORDS = (
    r"\d+"
    r"|\d+\s*x?\s*(?:cd|lp|disc|disk|cassette|cass)s?(?:\s*(?:set|box|box\s*set))?"
    r"|(?:\d{4}\s+)?(?:digital(?:ly)?\s+)?remaster(?:ed)?(?:\s+(?:edition|version))?(?:\s+\d{4})?"
    r"|re-?issue|re-?press|deluxe(?:\s+(?:edition|version))?|expanded(?:\s+edition)?"
    r"|(?:\d+(?:st|nd|rd|th)\s+)?anniversary(?:\s+edition)?|special\s+edition|limited\s+edition"
    r"|collectors\s+edition|bonus\s+tracks?(?:\s+version)?|ep|lp|single|mono|stereo"
    r"|ost|original\s+(?:motion\s+picture\s+)?soundtrack|music\s+from\s+the\s+motion\s+picture"
)
_TITLE_SUFFIX = re.compile(
    r"\s*(?:\d+\s*(?:\"|-?\s*inch(?:es)?)|[(\[]\s*(?:" + _EDITION_WORDS + r")\s*[)\]])$"
)


def normalize_title(title: str) -> str:
    """Matching key of a release title (see the module docstring)."""
    key = fold(title)
    if key.endswith((")", "]", '"', "inch", "inches")):
        while True:
            stripped = _TITLE_SUFFIX.sub("", key)
            if stripped == key or not stripped:
                break
            key = stripped.rstrip()
    if "&" in key or "+" in key:
        key = _WS.sub(" ", _AND.sub(" and ", key)).strip()
    return key


def sort_tokens(key: str) -> str:
    """Tokens sorted, so that fuzzy scores ignore word order (``davis miles`` = ``miles davis``)."""
    if " " not in key:
        return key
    return " ".join(sorted(key.split()))


# --- compilations -----------------------------------------------------------------------------
# A name is a compilation when, after fold() (accents, case, apostrophes):
#   1. it is "various" / "various artists" / "v/a" / "v.a." / "va", alone or followed by a
#      separator (" - ", ":", "/", "(", ",") and more text: "Various Artists - Compilations";
#      ("Various Production", "Various Cruelties" are bands: not compilations), or
#   2. its last word is soundtrack(s) / compilation(s) / ost / o.s.t.: "Original Soundtrack",
#      "Original Motion Picture Soundtrack", "Soundtrack"; "The Soundtrack of Our Lives" is a
#      band: the keyword is not at the end.
_COMPILATION_HEAD = re.compile(
    r"^(?:various(?:\s+artists?)?|v\s*/\s*a\.?|v\.\s*a\.?|va)(?:$|\s*[-:/(,\u2013]|\s+-)"
)
_COMPILATION_TAIL = re.compile(r"(?:^|[\s\-:(/])(?:soundtracks?|compilations?|ost|o\.s\.t\.?)\)?$")


def is_compilation(name: str) -> bool:
    """True for compilation pseudo-artists ("Various", "Original Soundtrack", …), see above."""
    key = fold(name)
    return bool(_COMPILATION_HEAD.match(key) or _COMPILATION_TAIL.search(key))
