"""Name folding for the converter's compilation titles, fuzzy scores and the compilation rule.

The matching keys themselves (artist names and release titles) are ``identity.identity_key`` /
``identity.title_key``, shared with the converter. What stays here:

``normalize_filter(s)``
    NFKD, drop combining marks, lower-case, trim. Used for
    ``compilation_titles.txt``.

``fold(s)``
    Accents, case, apostrophes, dashes, white space: the base of the compilation rule.

``sort_tokens(key)``
    A key's words sorted, so that fuzzy scores ignore word order.

``is_compilation(name)``
    The compilation rule: keywords matched as words with a position, not as substrings.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "fold",
    "is_compilation",
    "normalize_filter",
    "sort_tokens",
    "strip_accents",
]


class _CombiningMarks(dict):
    """str.translate table dropping combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_DROP_MARKS = _CombiningMarks()


def strip_accents(text: str) -> str:
    """NFKD, then drop combining marks (``Björk`` → ``Bjork``)."""
    if text.isascii():
        return text
    return unicodedata.normalize("NFKD", text).translate(_DROP_MARKS)


def normalize_filter(text: str) -> str:
    """The converter's key: NFKD, drop combining marks, lower-case, trim."""
    return strip_accents(text).lower().strip()


# Apostrophes: ASCII, right/left single quote, modifier letter apostrophe, grave, acute,
# prime, fullwidth. Removed outright ("Guns N’ Roses" = "Guns N' Roses" = "Guns N Roses").
_APOSTROPHES = "'\u2019\u2018\u201b\u02bc\u0060\u00b4\u2032\uff07"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DQUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02"
_TRANSLATE = {ord(c): None for c in _APOSTROPHES}
_TRANSLATE.update({ord(c): "-" for c in _DASHES})
_TRANSLATE.update({ord(c): '"' for c in _DQUOTES})


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
