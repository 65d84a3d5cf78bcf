"""The invented part of the station library: artists Discogs credits, the albums of theirs the
station holds, and how its catalog spells them.

Every invented library artist is drawn for one category of ``_truth.CATEGORIES``, in a fixed
cycle so that each category has rows in proportion at every size: the library files the
artist's albums under that spelling (``Clean, The`` for ``The Clean``, an alias, ``Lona`` for
``Łona``, ...). Artists spelt exactly carry the title categories instead (case, a suffix in the
dump or in the library, a typo, and near titles: an album Discogs does not have whose title
shares words with one of the artist's albums that the station does not hold). Each row knows the
album it stands for, so the generator can write which release ids answer it.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from . import _generate, _spelling, _vocab, _words
from ._vocab import zipf
from ._xml import norm

if TYPE_CHECKING:
    from ._generate import _Generator

# One artist per entry, repeated: exact spellings carry the title categories, so more of them.
ARTIST_CYCLE = (
    "exact", "filing-article", "exact", "dropped-article", "exact", "disambiguator", "exact",
    "alias", "exact", "name-variation", "exact", "letters", "exact", "accents", "exact", "and",
    "shared-name", "exact", "filing-article", "letters",
)
# Per title of an exactly spelt artist: what the station's row does with it ("unheld": no row).
TITLE_KINDS = ("exact", "exact", "exact", "case", "suffix-in-dump", "suffix-in-library", "typo",
               "near", "unheld")
_DEFAULT_SUFFIXES = (" (Deluxe Edition)", " (Remastered)", " (Expanded Edition)", " (Reissue)",
                     " (2)", " (Bonus Tracks)", " (Special Edition)", " [Live]", " (Anniversary Edition)")


class LibraryRow(NamedTuple):
    """A row of library.db (a tuple: artist, title, alternate name, genre, format first) and
    what it stands for."""

    artist: str
    title: str
    alternate: str | None
    genre: str
    fmt: str
    category: str
    # keys of the albums whose releases answer the row, and of a look-alike's (near rows):
    # ("syn", artist id, title index) or ("cur", credited name, release title)
    holds: tuple[tuple, ...] = ()
    near: tuple[tuple, ...] = ()


@dataclass
class SynArtist:
    id: int
    name: str  # as Discogs credits it
    lib: str  # as the station files it
    kind: str
    held: bool = True  # False: the station holds none of its albums (one of a shared name)
    titles: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    masters: list[int] = field(default_factory=list)
    variants: list[list[str]] = field(default_factory=list)  # release titles per album
    rids: list[list[int]] = field(default_factory=list)  # release ids per album, as written


def _band_words(rng: random.Random) -> str:
    v = _vocab.vocab()
    noun = zipf(v.nouns, rng.random())
    return f"{zipf(v.adjectives, rng.random())} {noun}" if rng.random() < 0.6 else noun


def _and_name(rng: random.Random) -> str:
    v = _vocab.vocab()
    s1, s2 = zipf(v.surnames, rng.random()), zipf(v.surnames, rng.random())
    r = rng.random()
    if r < 0.35:
        return f"{s1} & {s2}"
    if r < 0.6:
        return f"{zipf(v.first_names, rng.random())} & The {zipf(v.nouns, rng.random())}"
    if r < 0.75:
        return f"{zipf(v.nouns, rng.random())} & {zipf(v.nouns, rng.random())}"
    if r < 0.87:
        return f"{s1} + {s2}"
    return f"{s1} And {s2}"


def _variation(name: str, person: bool, rng: random.Random) -> str:
    words = name.split(" ")
    if person and len(words) > 1 and words[0] != "DJ":
        return f"{words[0][0]}. {words[-1]}"
    return f"{name} {rng.choice(_words.ENSEMBLES)}"


def _draw_spelling(kind: str, rng: random.Random) -> tuple[str, str, bool] | None:
    """(Discogs name, station's spelling, person) for ``kind``; None: draw again."""
    _artist_name = _generate._artist_name
    if kind in ("exact", "alias", "name-variation"):
        name, person = _artist_name(rng)
        return name, name, person
    if kind == "filing-article":
        name = f"{rng.choice(_spelling.FILED_ARTICLES)} {_band_words(rng)}"
        return name, _spelling.filed(name) or name, False
    if kind == "dropped-article":
        rest = _band_words(rng)
        return f"{rng.choice(_spelling.DROPPED_ARTICLES)} {rest}", rest, False
    if kind == "disambiguator":
        base, person = _artist_name(rng)
        return f"{base} ({2 + int(rng.random() * 28)})", base, person
    if kind == "letters":
        base, person = _artist_name(rng)
        name = _spelling.with_letter(base, rng)
        return None if name is None else (name, _spelling.plain_letters(name), person)
    if kind == "accents":
        base, person = _artist_name(rng)
        name = _spelling.with_accent(base, rng)
        return None if name is None else (name, _spelling.without_accents(name), person)
    if kind == "and":
        name = _and_name(rng)
        return name, _spelling.spelt_and(name) or name, False
    raise ValueError(kind)


def draw_artists(g: _Generator, rng: random.Random, count: int) -> list[SynArtist]:
    """``count`` library artists (a shared name counts once and credits two Discogs artists),
    plus the alias artists the alias category files albums under, added to ``g``'s artists."""
    out: list[SynArtist] = []
    for i in range(count):
        kind = ARTIST_CYCLE[i % len(ARTIST_CYCLE)]
        if kind == "shared-name":
            out += _shared_name(g, rng)
            continue
        while True:
            drawn = _draw_spelling(kind, rng)
            if drawn is None:
                continue
            name, lib, person = drawn
            if kind == "alias":
                lib = _generate._artist_name(rng)[0]
            elif kind == "name-variation":
                lib = _variation(name, person, rng)
            if (kind == "exact" or norm(lib) != norm(name) or kind == "accents") and g.unused(name, lib):
                break
        g.reserve(name, lib)
        art = SynArtist(g.add_artist(name, person), name, lib, kind)
        if kind == "alias":
            alias_id = g.add_artist(lib, False)
            g.forced_aliases.setdefault(art.id, []).append(alias_id)
            g.forced_aliases.setdefault(alias_id, []).append(art.id)
        elif kind == "name-variation":
            g.forced_variations.setdefault(art.id, []).append(lib)
        out.append(art)
    return out


def _shared_name(g: _Generator, rng: random.Random) -> list[SynArtist]:
    """Two Discogs artists under one base name ("Foo" and "Foo (2)", or two numbered ones);
    the station holds albums of the first, the second or both, all filed under "Foo"."""
    while True:
        base, person = _generate._artist_name(rng)
        if g.unused(base):
            break
    g.reserve(base)
    if rng.random() < 0.5:
        names = [base, f"{base} (2)"]
    else:
        n = 2 + int(rng.random() * 20)
        names = [f"{base} ({n})", f"{base} ({n + 1 + int(rng.random() * 9)})"]
    held = rng.choice(((True, False), (False, True), (True, True)))
    return [SynArtist(g.add_artist(n, person), n, base, "shared-name", h) for n, h in zip(names, held)]


def _album_title(rng: random.Random, taken: set[str]) -> str:
    """A title a suffix, a typo or a near title can be told from: no brackets, quotes or tabs;
    none of the artist's titles (``taken``, in lower case) again."""
    while True:
        t = _generate._title(rng)
        if t.lower() not in taken and not any(c in t for c in '\t()[]"/'):
            taken.add(t.lower())
            return t


def _near_title(title: str, taken: set[str], rng: random.Random) -> str | None:
    v = _vocab.vocab()
    for _ in range(20):
        word = zipf(v.words, rng.random())
        if len(word) < 4 or not word.isalpha() or not word.isascii():
            continue
        near = _spelling.near_title(title, word)
        if near is not None and near.lower() not in taken:
            taken.add(near.lower())
            return near
    return None


def draw_discographies(g: _Generator, rng: random.Random, artists: list[SynArtist]) -> tuple[
        list[LibraryRow], list[tuple[str, str, str]]]:
    """Each artist's albums, their releases' title variants and the station's rows for them;
    also the label preferences the station gives for some (artist, title, label name)."""
    rows: list[LibraryRow] = []
    prefs: list[tuple[str, str, str]] = []
    suffixes = _spelling.TITLE_SUFFIXES
    for art in artists:
        taken: set[str] = set()
        art.titles = [_album_title(rng, taken) for _ in range(2 + int(rng.random() * 3))]
        art.labels = [g.pick_label(rng) for _ in art.titles]
        art.masters = [0] * len(art.titles)
        art.rids = [[] for _ in art.titles]
        genre = rng.choice(list(_words.GENRE_STYLES))
        alt = f"{art.lib} {rng.choice(_words.ENSEMBLES)}" if rng.random() < 0.12 else None
        for k, (t, lab) in enumerate(zip(art.titles, art.labels)):
            if art.kind == "exact":
                kind = TITLE_KINDS[int(rng.random() * len(TITLE_KINDS))]
            else:
                kind = art.kind if art.held and rng.random() < 0.85 else "unheld"
            variants = [t, t, t, t + rng.choice(_DEFAULT_SUFFIXES), t.upper(), t + rng.choice(_DEFAULT_SUFFIXES)]
            lib_title: str | None = t
            if kind == "case":
                lib_title = t.lower() if t.lower() != t else t.upper()
                kind = kind if lib_title != t else "exact"
            elif kind == "suffix-in-dump":
                variants = [t + s for s in rng.sample(suffixes, 3)]
            elif kind == "suffix-in-library":
                lib_title = t + rng.choice(suffixes)
                variants = [t, t, t.upper()]
            elif kind == "typo":
                variants = [t, t, t.upper()]
                lib_title = _spelling.with_typo(t, rng)
                if lib_title is None or lib_title.lower() in taken:
                    lib_title, kind = t, "exact"
            elif kind == "near":
                near = _near_title(t, taken, rng)
                if near is not None:
                    rows.append(LibraryRow(art.lib, near, alt, genre, "CD", "near", (), (("syn", art.id, k),)))
                lib_title = None
            elif kind == "unheld":
                lib_title = None
            art.variants.append(variants)
            if lib_title is None:
                continue
            rows.append(LibraryRow(art.lib, lib_title, alt, genre, rng.choice(("CD", "LP", '7"')), kind,
                                   (("syn", art.id, k),)))
            if rng.random() < 0.35:
                pref = lab
                if g.label_parent[lab] and rng.random() < 0.4:
                    pref = g.label_parent[lab]  # station names the parent label
                prefs.append((art.lib, lib_title, g.label_names[pref]))
        if art.held and rng.random() < 0.3:  # owned by the station but absent from Discogs
            rows.append(LibraryRow(art.lib, _album_title(rng, taken), alt, genre, "LP", "station-only"))
    return rows, prefs
