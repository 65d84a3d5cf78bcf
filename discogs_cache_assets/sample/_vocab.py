"""A large, Discogs-like vocabulary for invented titles and names.

Trigram search cost depends on how varied the text is: with a few hundred words every typo query
shares trigrams with a third of the dump, which says nothing about the real service. So invented
text draws from tens of thousands of pseudo-words built from syllables, with the hand-picked
words of ``_words`` as the frequent head, through a Zipf-like rank distribution (``zipf``): a
handful of words are everywhere, most are rare, as in real titles and names.

The pseudo-words are built once from a fixed seed (not the sample's), so every sample shares them
and a seed still fixes the output. None of them spells a word of the curated scenarios: those are
the names and titles tests look up, and an invented lookalike would change their results.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from . import _curated, _words
from ._xml import norm

if TYPE_CHECKING:
    import numpy as np

# Weighted by repetition; the accented vowels make f_unaccent matter for invented text too.
_ONSETS = ("", "", "", "b", "b", "br", "bl", "c", "ch", "cl", "cr", "d", "d", "dr", "f", "fl", "fr",
           "g", "gl", "gr", "h", "h", "j", "k", "k", "kr", "l", "l", "m", "m", "n", "n", "p", "pl",
           "pr", "qu", "r", "r", "s", "s", "sc", "sh", "sk", "sl", "sm", "sn", "sp", "st", "str", "sw",
           "t", "t", "th", "tr", "v", "v", "w", "wh", "y", "z", "zh", "ts", "kv", "dj")
_NUCLEI = ("a", "a", "a", "e", "e", "e", "i", "i", "o", "o", "o", "u", "u", "y", "ai", "ea", "ee",
           "ie", "oa", "oo", "ou", "au", "ei", "io", "é", "ö", "ü", "á", "ó", "å", "ø", "í", "ä", "ã")
_CODAS = ("", "", "", "", "", "n", "n", "r", "r", "l", "s", "s", "t", "nd", "ng", "nk", "st", "rt",
          "ck", "m", "x", "ll", "rn", "sh", "th", "rd", "lt", "mp", "z", "k", "ñ", "ss", "tz")
_SURNAME_ENDINGS = ("", "", "", "", "son", "sen", "ez", "ini", "ova", "berg", "mann", "ski", "ic",
                    "ström", "ard", "ley", "ton", "elli", "ović", "ides", "oglu", "awa")

PSEUDO_WORDS = 60_000
PSEUDO_SURNAMES = 40_000

# Titles that recur across unrelated releases (intros, skits, standards, seasonal songs).
COMMON_TRACKS = (
    "Intro", "Outro", "Interlude", "Untitled", "Introduction", "Reprise", "Skit", "Prelude",
    "Intermission", "Hidden Track", "Bonus Track", "Theme", "Finale", "Overture", "Instrumental",
    "Silent Night", "White Christmas", "Jingle Bells", "Summertime", "Autumn Leaves", "Stardust",
    "Blue Moon", "Body And Soul", "My Funny Valentine", "Over The Rainbow", "Greensleeves",
    "Amazing Grace", "Ave Maria", "Danny Boy", "Home", "Love", "Tonight", "Forever", "Angel",
    "Hallelujah", "Happy Birthday", "Auld Lang Syne", "Dub", "Dub Version", "Version", "Radio Edit",
    "Extended Mix", "Original Mix", "Instrumental Version", "Acapella", "Untitled 1", "Untitled 2",
    "Track 1", "Track 2", "Interview", "Medley", "Jam", "Rain", "Stay", "Alone", "Dreams",
    "Paradise", "Fire", "Heaven", "Freedom", "Hope", "Goodbye", "Hello", "Sunrise", "Sunset",
    "La Vie En Rose", "Besame Mucho", "Yesterday Once More", "Fly Me To The Moon", "Misty",
    "Caravan", "Take Five", "Georgia On My Mind", "Moonlight Serenade", "Greensleeves (Reprise)",
)

TITLE_TEMPLATES = (
    ("{a}", 10), ("{a} {b}", 14), ("The {a} {b}", 4), ("{a} Of {b}", 3), ("{a} Of The {b}", 3),
    ("{a} & {b}", 2), ("{a} In The {b}", 3), ("{a} {b} {c}", 8), ("{a} {b} {c} {d}", 3),
    ("{a}, {b}", 1), ("{a}!", 1), ("{a} ({b} Mix)", 3), ("{a} ({b} Remix)", 2), ("{a} (Live)", 2),
    ("{a} {b} EP", 1), ("{a} Vol. {n}", 1), ("No {a} Without {b}", 1), ("{a} {b} ({c} Version)", 1),
    ("Live At The {a} {b}", 1), ("{a} / {b}", 1), ("{a} {n}", 2), ("Songs For {a}", 1),
    ("I {a} You", 2), ("Don't {a} My {b}", 1), ("When The {a} {b}", 1), ("{a} Part {n}", 1),
    ("My {a}", 2), ("{a} Is {b}", 1), ("{a} To {b}", 2), ("All The {a}", 1), ("Let's {a}", 1),
)


def _curated_texts() -> list[str]:
    cur = _curated.build()
    texts: list[str] = [a.name for a in cur.artists]
    for a in cur.artists:
        texts += list(a.variations)
    for r in cur.releases:
        texts.append(r.title)
        stack = list(r.tracks or ())
        while stack:
            t = stack.pop()
            texts.append(t.title)
            stack.extend(t.sub_tracks)
    for m in cur.masters:
        texts.append(m.title)
    for row in cur.library:
        texts += [row.artist, row.title, row.alternate or ""]
    return texts


def _pseudo(gen: np.random.RandomState, n: int, seen: set[str], syllables: tuple[int, ...],
            endings: tuple[str, ...] = ("",)) -> list[str]:
    """``n`` new capitalised words of ``syllables`` (a weighted choice of counts) plus one of
    ``endings``; ``seen`` (normalised keys) is refused and grows. Candidates are built in bulk
    with numpy object arrays: a word-by-word loop of random calls cost more than the rest of a
    small sample."""
    import numpy as np

    onsets, nuclei, codas = (np.array(x, dtype=object) for x in (_ONSETS, _NUCLEI, _CODAS))
    out: list[str] = []
    while len(out) < n:
        size = (n - len(out)) * 3 // 2 + 64
        count = np.array(syllables)[gen.randint(0, len(syllables), size)]
        words = np.full(size, "", dtype=object)
        for i in range(max(syllables)):
            syl = (onsets[gen.randint(0, len(onsets), size)] + nuclei[gen.randint(0, len(nuclei), size)]
                   + codas[gen.randint(0, len(codas), size)])
            words = np.where(count > i, words + syl, words)
        words = words + np.array(endings, dtype=object)[gen.randint(0, len(endings), size)]
        for w in words.tolist():
            key = w.translate(_FOLD)  # norm() for these letters, at a fraction of the cost
            if len(key) < 3 or key in seen:
                continue
            seen.add(key)
            out.append(w[:1].upper() + w[1:])
            if len(out) == n:
                break
    return out


_FOLD = str.maketrans({c: norm(c) for part in (_NUCLEI, _CODAS, _SURNAME_ENDINGS) for x in part
                       for c in x if not c.isascii()})


class Vocab:
    """Ranked word lists; index 0 is the most frequent."""

    def __init__(self) -> None:
        rng = random.Random("discogs-sample/vocab")
        texts = _curated_texts()
        curated = {w for t in texts for w in re.split(r"\W+", norm(t)) if w}
        # The head in a seeded order (the lists are alphabetical, and rank 1 is in one title of
        # a hundred); the words that exercise escaping and scripts (the tail of TITLE_WORDS) at
        # fixed ranks near the top so that even small samples contain them.
        special = [w for w in _words.TITLE_WORDS if not (w.isascii() and w.isalpha())]
        plain = [w for w in dict.fromkeys(_words.TITLE_WORDS + _words.ADJECTIVES + _words.NOUNS)
                 if w not in special]
        rng.shuffle(plain)
        head = plain
        for i, w in enumerate(special):
            head.insert(3 + 5 * i, w)
        blocked = curated | {norm(w) for w in head + _words.SURNAMES + _words.FIRST_NAMES}

        import numpy as np

        gen = np.random.RandomState(rng.getrandbits(32))  # frozen streams, as in _generate
        pseudo = _pseudo(gen, PSEUDO_WORDS, blocked, (1, 1, 2, 2, 2, 3))  # blocked now holds these too
        self.words = head + pseudo
        # Band names: the curated-style adjectives and plural nouns first, then pseudo-words.
        self.adjectives = list(_words.ADJECTIVES) + pseudo[::2]
        self.nouns = list(_words.NOUNS) + [w + "s" if not w.endswith("s") else w for w in pseudo[1::2]]
        self.surnames = list(_words.SURNAMES) + _pseudo(gen, PSEUDO_SURNAMES, blocked, (1, 2, 2, 3), _SURNAME_ENDINGS)
        self.first_names = list(_words.FIRST_NAMES) + pseudo[:: 40]
        curated_titles = {norm(t) for t in texts}
        self.common_tracks = list(dict.fromkeys(t for t in COMMON_TRACKS if norm(t) not in curated_titles))
        self.templates: list[str] = [t for t, w in TITLE_TEMPLATES for _ in range(w)]


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    return Vocab()


ZIPF_Q = 10.0


def zipf(words: list[str], u: float) -> str:
    """The word at a Zipf-Mandelbrot-distributed rank (weight 1/(rank + ZIPF_Q)) for a uniform
    ``u`` in [0, 1): the inverse of the continuous law, so a draw costs one pow() instead of a
    search over weights. The offset keeps the top word near 1 % of draws, as in real titles."""
    return words[int(ZIPF_Q * (len(words) / ZIPF_Q + 1.0) ** u - ZIPF_Q)]
