"""The identity key: when a station's spelling of a name and a Discogs credit are the same name.

``identity_key(name)`` is defined once, here and in the converter (``converter/src/identity.rs``),
and both pass every row of ``identity_cases.tsv`` beside this file. The steps, in order:

1. characters: NFKD, combining marks (canonical combining class != 0) dropped, lower case, then
   the letters that do not decompose spelt out (``ß``→``ss``, ``ł``→``l``, ``ø``→``o``, ``æ``→``ae``,
   ``þ``→``th``, ``ı``→``i``, ...; ``ς``→``σ`` so a final sigma is the sigma it is);
2. Discogs' trailing disambiguator ``(n)`` dropped (``Cluster (2)``);
3. the filing form ``Clean, The`` read as ``The Clean``;
4. a leading article dropped when a word follows it (``The Clean`` = ``Clean``; ``The The`` keeps
   one ``the``); some articles are also common words or given names in the plain form (``Les
   Paul``, ``As I Lay Dying``, ``I Monster``, ``El DeBarge``): those are only moved to the
   front from the filing form, never dropped;
5. words: runs of letters, digits and marks; apostrophes join (``D'Angelo`` = ``DAngelo``),
   every other character separates; ``&`` and ``+`` between two words are the word ``and``;
   a run of one-letter words is one word (``M.I.A.`` = ``M I A`` = ``MIA``);
6. a name with no word at all (``!!!``) keeps its folded characters, spaces collapsed.

``title_key(title)`` is the same key for a release title, from ``title_cases.tsv``: steps 1, 3, 4
and 5 as above, with what titles need instead of step 2:

* trailing edition and format suffixes in parentheses or brackets are dropped, repeatedly and in
  any order (``(Remastered)``, ``[Bonus Tracks]``, ``(Deluxe Edition)``, ``(2 CD Set)``, ``(3LP)``,
  ``(2)``, ...), and so is a trailing record size (``12"``, ``12 inch``); a title that is only
  such a suffix keeps it (``(Remastered)`` is ``remastered``). Discogs' ``(n)`` is one of them:
  on a title it numbers a disc, not a name;
* the leading article is read and dropped as on a name: catalogs file titles under it too
  (``Wall, The``), and two titles of one artist that differ only by it are too rare to keep apart;
* a title with no word at all keeps its folded characters with the suffixes dropped.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

__all__ = ["CASES_FILE", "TITLE_CASES_FILE", "identity_key", "joined_credit", "read_cases", "title_key"]

CASES_FILE = Path(__file__).with_name("identity_cases.tsv")
TITLE_CASES_FILE = Path(__file__).with_name("title_cases.tsv")

# Letters NFKD leaves alone (lower case; upper case is lowered first).
_LETTERS = {
    "ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "ɖ": "d", "æ": "ae", "œ": "oe",
    "þ": "th", "ı": "i", "ħ": "h", "ŧ": "t", "ĸ": "k", "ς": "σ",
}
_LETTER_TABLE = str.maketrans(_LETTERS)
# Dropped in front of a name, plain or filing form.
_DROP = frozenset({"the", "a", "an", "los", "las", "la", "le", "il", "gli", "der", "die", "das", "os"})
# Read from the filing form but kept: also a word or a given name in front of other names.
_MOVE = frozenset({"les", "el", "i", "as", "un", "une", "lo"})
_APOSTROPHES = frozenset("'\u2019\u2018\u201b\u02bc`\u2032")


def _fold_chars(name: str) -> str:
    if name.isascii():
        return name.lower()
    decomposed = unicodedata.normalize("NFKD", name)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return kept.lower().translate(_LETTER_TABLE)


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch)[0] == "M"


def _strip_disambiguator(s: str) -> str:
    """``cluster (2)`` → ``cluster``; only when something is left before it."""
    if not s.endswith(")"):
        return s
    open_at = s.rfind("(")
    digits = s[open_at + 1:-1]
    if open_at <= 0 or not digits or not all("0" <= c <= "9" for c in digits):
        return s
    head = s[:open_at].rstrip(" ")
    return head if head else s


def _has_word(s: str) -> bool:
    return any(ch not in _APOSTROPHES and _is_word_char(ch) for ch in s)


def _article_form(s: str) -> str:
    """Filing form to plain form, then the leading article dropped where it may be."""
    comma = s.rfind(",")
    if comma > 0:
        article = s[comma + 1:].strip(" ")
        head = s[:comma].rstrip(" ")
        if article in _DROP and _has_word(head):
            return head
        if article in _MOVE and _has_word(head):
            return f"{article} {head}"
    first, space, rest = s.partition(" ")
    if space and first in _DROP and _has_word(rest):
        return rest
    return s


# ASCII: a word is a run of [a-z0-9] once the apostrophes are gone; "&" and "+" are the only
# other characters that count. Tokens instead of characters: the key of an ASCII name (most
# names and titles) in a fraction of the loop's time, with the loop's result.
_ASCII_TOKENS = re.compile(r"[a-z0-9]+|[&+]")


def _ascii_words(s: str) -> str:
    words: list[str] = []
    joined_run = pending_and = False
    for token in _ASCII_TOKENS.findall(s.replace("'", "").replace("`", "")):
        if token == "&" or token == "+":
            pending_and = True
            continue
        if pending_and and words:
            words.append("and")
            joined_run = False
        pending_and = False
        if len(token) == 1 and joined_run:
            words[-1] += token
        else:
            words.append(token)
            joined_run = len(token) == 1
    return " ".join(words)


def _words(s: str) -> str:
    """Step 5 on the folded, article-free name; words joined by one space."""
    if s.isascii():
        return _ascii_words(s)
    words: list[str] = []
    word: list[str] = []
    joined_run = False  # the last word is a run of one-letter words
    pending_and = False
    for ch in s + " ":
        if ch in _APOSTROPHES:
            continue
        if _is_word_char(ch):
            if not word and pending_and and words:
                words.append("and")
                joined_run = False
            pending_and = False
            word.append(ch)
        else:
            if word:
                if len(word) == 1 and joined_run:
                    words[-1] += word[0]
                else:
                    words.append("".join(word))
                    joined_run = len(word) == 1
                word = []
            if ch in "&+":
                pending_and = True
    return " ".join(words)


# Already in key form: words of [a-z0-9] joined by single spaces, with no leading article to drop
# and no two one-letter words in a row (most names and titles once lowered). Such a name is its
# own key: the steps would return it unchanged, at several times the cost.
_KEY_FORM = re.compile(r"[a-z0-9]+(?: [a-z0-9]+)*")
_ONE_LETTER_RUN = re.compile(r"(?:^| )[a-z0-9] [a-z0-9](?: |$)")


def _in_key_form(s: str) -> bool:
    return (
        _KEY_FORM.fullmatch(s) is not None
        and (s.partition(" ")[0] not in _DROP or " " not in s)
        and _ONE_LETTER_RUN.search(s) is None
    )


def identity_key(name: str) -> str:
    """The key under which two spellings of an artist name are the same name."""
    folded = " ".join(_fold_chars(name).split())
    if _in_key_form(folded):
        return folded
    return _words(_article_form(_strip_disambiguator(folded))) or folded


# A trailing edition or format suffix of a folded title (lower case, single spaces). The converter
# compiles the same pattern (converter/src/identity.rs): keep the two identical, with [0-9] and
# literal spaces rather than classes whose Unicode extent differs between the two regex engines.
_SIZE = r'[0-9]+ ?(?:"|\u201d|\u2032\u2032|-? ?inch(?:es)?)'
TITLE_SUFFIX_PATTERN = (
    r" ?(?:" + _SIZE + r"|[(\[] ?(?:[0-9]+|" + _SIZE +
    r"|(?:[0-9]+ ?x? ?)?(?:cd|lp|disc|disk|cassette|cass|vinyl)s?(?: ?(?:set|box|box ?set))?"
    r"|(?:[0-9]{4} )?(?:digital(?:ly)? )?remaster(?:ed)?(?: (?:edition|version))?(?: [0-9]{4})?"
    r"|re-?issue|re-?press|deluxe(?: (?:edition|version))?|expanded(?: edition)?"
    r"|(?:[0-9]+(?:st|nd|rd|th) )?anniversary(?: edition)?|special edition|limited edition"
    r"|collector(?:'|\u2019)?s edition|bonus tracks?(?: version)?|ep|single|mono|stereo"
    r"|ost|original (?:motion picture )?soundtrack|music from the motion picture"
    r") ?[)\]])$"
)
_TITLE_SUFFIX = re.compile(TITLE_SUFFIX_PATTERN)
# Only a title ending in one of these can end in a suffix: the pattern runs on those alone.
_SUFFIX_ENDS = (")", "]", '"', "\u201d", "\u2032", "inch", "inches")


def _strip_title_suffixes(s: str) -> str:
    """Suffixes dropped from the end while a title is left before them."""
    while s.endswith(_SUFFIX_ENDS):
        match = _TITLE_SUFFIX.search(s)
        if match is None or match.start() == 0:
            break
        s = s[:match.start()]
    return s


def title_key(title: str) -> str:
    """The key under which two spellings of a release title are the same title."""
    folded = " ".join(_fold_chars(title).split())
    if _in_key_form(folded) and not folded.endswith(("inch", "inches")):
        return folded
    stripped = _strip_title_suffixes(folded)
    return _words(_article_form(stripped)) or stripped


def joined_credit(credits: Iterable[tuple[str, str]]) -> str:
    """The credit line of a release's main artists as Discogs shows it, from their (name, join)
    pairs in order: ``Lou Reed & John Cale``, each name without its ``(n)``, the last join left
    out. Its ``identity_key`` is the key of a library name that files the release under all its
    artists. The converter builds the same line (``joined_credit`` in identity.rs)."""
    parts: list[str] = []
    join = ""
    for name, next_join in credits:
        if parts and join:
            parts.append(join)
        parts.append(_strip_disambiguator(name))
        join = next_join
    return " ".join(parts)


def read_cases(path: Path = CASES_FILE) -> list[tuple[str, str, str]]:
    """The shared table: (input, expected key, why) per row; ``#`` lines and blank lines skipped."""
    rows: list[tuple[str, str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, key, why = line.split("\t")
        rows.append((name, key, why))
    return rows
