"""How a station's catalog spells a Discogs name or title: one function per kind of difference.

Each takes the Discogs spelling (and a random stream where the difference is drawn) and returns
the station's, or ``None`` when the name or title offers no place for that difference (the caller
then draws another). They only rewrite text; which category a library row belongs to and which
releases it stands for is the generator's business (``_generate``, ``_truth``).
"""

from __future__ import annotations

import random
import re
import unicodedata

# Letters NFKD leaves alone, as a station types them (Łona → Lona, Straßenjungs → Strassenjungs).
_PLAIN_LETTERS = {
    "ß": "ss", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe",
    "þ": "th", "Þ": "Th", "đ": "d", "Đ": "D", "ð": "d", "ı": "i",
}
_PLAIN_TABLE = str.maketrans(_PLAIN_LETTERS)
# Where a Discogs name may carry one: (plain text, letter), tried in a drawn order.
_LETTER_PLACES = (("ss", "ß"), ("o", "ø"), ("O", "Ø"), ("l", "ł"), ("L", "Ł"), ("ae", "æ"),
                  ("oe", "œ"), ("th", "þ"), ("Th", "Þ"), ("d", "đ"), ("i", "ı"))
_ACCENTS = {"a": "áàäâå", "e": "éèëê", "i": "íï", "o": "óöô", "u": "úüû", "n": "ñ", "c": "ç"}

# Leading articles a Discogs name carries and a station files behind the name ("Clean, The").
FILED_ARTICLES = ("The", "The", "The", "The", "The", "The", "Los", "Die", "La", "Les", "El", "Os")
# Articles a station leaves out altogether ("Fall" for "The Fall"); never "Les" or "El", which
# are also given names ("Les Paul").
DROPPED_ARTICLES = ("The", "The", "The", "The", "Los", "Die", "La")
# What a pressing adds to a title, in the dump or in the station's catalog.
TITLE_SUFFIXES = (" (Remastered)", " [Bonus Tracks]", ' 12"', " (Deluxe Edition)", " [Remastered]",
                  " (Expanded Edition)", " (Reissue)", ' 7"', " (Limited Edition)", " (Bonus Tracks)")
_SMALL_WORDS = frozenset({"the", "of", "in", "to", "a", "an", "and", "my", "no", "at", "for", "is", "i"})


def plain_letters(name: str) -> str:
    """``name`` with the letters that do not decompose written in plain Latin letters."""
    return name.translate(_PLAIN_TABLE)


def with_letter(name: str, rng: random.Random) -> str | None:
    """``name`` with one place spelt with a letter that does not decompose (None: no place)."""
    places = [(plain, letter) for plain, letter in _LETTER_PLACES if plain in name]
    if not places:
        return None
    plain, letter = places[int(rng.random() * len(places))]
    starts = [m.start() for m in re.finditer(re.escape(plain), name)]
    at = starts[int(rng.random() * len(starts))]
    return name[:at] + letter + name[at + len(plain):]


def without_accents(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def with_accent(name: str, rng: random.Random) -> str | None:
    """``name`` with accents only where a station can drop them: every other letter plain (None:
    a letter that does not decompose or a script other than Latin), and at least one accent."""
    if not without_accents(name).isascii():
        return None
    if not name.isascii():
        return name
    places = [i for i, ch in enumerate(name) if ch in _ACCENTS and i > 0]
    if not places:
        return None
    at = places[int(rng.random() * len(places))]
    marks = _ACCENTS[name[at]]
    return name[:at] + marks[int(rng.random() * len(marks))] + name[at + 1:]


def filed(name: str) -> str | None:
    """The filing form: ``The Clean`` → ``Clean, The`` (None: no leading article)."""
    article, space, rest = name.partition(" ")
    return f"{rest}, {article}" if space and article in FILED_ARTICLES else None


def spelt_and(name: str) -> str | None:
    """``&`` or ``+`` between words written ``and``, or ``And`` written ``&`` (None: neither)."""
    for sign in (" & ", " + "):
        if sign in name:
            return name.replace(sign, " and ")
    if " And " in name:
        return name.replace(" And ", " & ")
    return None


def with_typo(title: str, rng: random.Random) -> str | None:
    """``title`` one letter off (a letter changed, dropped, doubled, or two swapped) inside a word
    of at least five letters, never its first (None: no such word)."""
    words = [m for m in re.finditer(r"[A-Za-z]{5,}", title)]
    if not words:
        return None
    word = words[int(rng.random() * len(words))]
    at = word.start() + 1 + int(rng.random() * (len(word.group()) - 1))
    ch, op = title[at], int(rng.random() * 4)
    if op == 0:
        other = "abcdefghijklmnopqrstuvwxyz".replace(ch.lower(), "")
        return title[:at] + other[int(rng.random() * len(other))] + title[at + 1:]
    if op == 1:
        return title[:at] + title[at + 1:]
    if op == 2:
        return title[:at] + ch + title[at:]
    if at + 1 < word.end() and title[at + 1] != ch:
        return title[:at] + title[at + 1] + ch + title[at + 2:]
    return title[:at] + title[at + 1:]


def near_title(title: str, word: str) -> str | None:
    """Another album's title sharing words with ``title``: one of its words (not a small one)
    replaced by ``word``, or ``word`` added to a one-word title. None when ``word`` is too close to
    the word it would replace (that would be a typo, not another album)."""
    from rapidfuzz.distance import Levenshtein

    parts = title.split(" ")
    if len(parts) == 1:
        return f"{title} {word}"
    places = [i for i, p in enumerate(parts) if p.lower() not in _SMALL_WORDS and p.isalpha()]
    if not places:
        return None
    at = places[len(word) % len(places)]
    if Levenshtein.distance(parts[at].lower(), word.lower()) < 3:
        return None
    return " ".join([*parts[:at], word, *parts[at + 1:]])
