"""Seeded generator of Discogs-shaped dumps plus a matching station library.

Layout of the release stream: the curated scenarios (``_curated``) sit at seeded positions among
synthetic releases. Two synthetic kinds exist: *library* releases by invented artists who are also
in the invented part of the station library (spelt there as real catalogs differ from Discogs,
see ``_library``; at least one release per album the station holds, some masters with several),
and *filler* by invented artists that the library never names — the bulk, as in a
real dump where the filter keeps a few per cent. Heavy sub-blocks of filler releases (tracklists,
credits, identifiers, …) come from pools rendered once per run, so a release costs a handful of
random draws and one f-string. Tracklists are pooled as skeletons only: their titles are filled
in per release from a pool sized to the dump, so track titles vary as much as a real dump's
(names and titles draw from ``_vocab``'s large Zipf-ranked vocabulary, see there why).
"""

from __future__ import annotations

import csv
import json
import random
import sqlite3
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from . import _curated, _library, _truth, _vocab, _words
from ._form import FORMS, Form
from ._vocab import zipf
from ..library.identity import identity_key, joined_credit, title_key
from ..library.normalize import sort_tokens
from ._xml import GzipStream, esc, esc_attr, fold, is_compilation, norm

DEFAULT_LIBRARY_FRACTION = 0.05
CHUNK_RELEASES = 1024


@dataclass(frozen=True)
class SampleInfo:
    """What ``generate_sample`` wrote. The ``kept_*`` counts are the releases the documented
    filters keep (main + release-level extra credits): ``kept_by_artist``
    against library.db's distinct non-compilation artists by identity key,
    ``kept_by_artist_or_alias`` also through artists.xml aliases/name variations of the credited
    id (directory input), ``kept_by_pair`` with the (artist, title) pair filter (artist or
    alternate name by identity key, title by title key; single-file input, so no aliases)."""

    out_dir: Path
    dump_date: str
    seed: int
    form: str  # "current" or "older" (see _form)
    releases_path: Path
    artists_path: Path
    labels_path: Path
    masters_path: Path
    library_db: Path
    library_labels_csv: Path
    library_truth_csv: Path  # what each library row stands for (_truth)
    info_json: Path
    releases: int
    releases_without_artists: int  # dropped by the converter even without a filter
    artists: int
    labels: int
    masters: int
    library_rows: int
    library_label_rows: int
    kept_by_artist: int
    kept_by_artist_or_alias: int
    kept_by_pair: int
    releases_xml_bytes: int
    xml_bytes: int
    seconds: float = field(compare=False)

    @property
    def xml_mb_per_s(self) -> float:
        return self.xml_bytes / 1e6 / self.seconds if self.seconds > 0 else 0.0


def minimum_releases() -> int:
    return len(_curated.build().releases) + 40


# --------------------------------------------------------------------------------------------
# small helpers


class _Registry:
    """Discogs-style unique names: the second "Foo" becomes "Foo (2)". Names whose fold() key is
    reserved (curated or library names) are refused."""

    def __init__(self, reserved: set[str]) -> None:
        self.reserved = reserved
        self.counts: dict[str, int] = {}

    def claim(self, base: str, rng: random.Random | None = None) -> str | None:
        """``rng`` given: now and then number a first use too, as if the "Foo" of a bigger
        dump existed outside the sample (real dumps are full of "(N)" names)."""
        if fold(base) in self.reserved:
            return None
        n = self.counts.get(base, 0) + 1
        if n == 1 and rng is not None and rng.random() < 0.06:
            n = rng.randrange(2, 30)
        self.counts[base] = n
        return base if n == 1 else f"{base} ({n})"


def _person(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.03:
        first, last = _words.CYRILLIC_NAMES
        return f"{rng.choice(first)} {rng.choice(last)}"
    if r < 0.05:
        family, given = _words.JAPANESE_NAMES
        return rng.choice(family) + rng.choice(given)
    v = _vocab.vocab()
    first, last = zipf(v.first_names, rng.random()), zipf(v.surnames, rng.random())
    if r < 0.40:
        return f"{first} {chr(65 + rng.randrange(26))}. {last}"
    if r < 0.45:
        return f"DJ {first}"
    if r < 0.50:
        return f"{first} {zipf(v.surnames, rng.random())}-{last}"
    return f"{first} {last}"


def _band(rng: random.Random) -> str:
    v = _vocab.vocab()
    adj, noun = zipf(v.adjectives, rng.random()), zipf(v.nouns, rng.random())
    r = rng.random()
    if r < 0.30:
        return f"The {adj} {noun}"
    if r < 0.55:
        return f"{adj} {noun}"
    if r < 0.70:
        return f"{zipf(v.surnames, rng.random())} {rng.choice(_words.ENSEMBLES)}"
    if r < 0.80:
        return f"{zipf(v.first_names, rng.random())} & The {noun}"
    if r < 0.88:
        return f"{noun} & {zipf(v.nouns, rng.random())}"
    if r < 0.94:
        return f"{adj}{noun.lower()}"
    return f"{adj} {noun} {rng.choice(_words.ENSEMBLES)}"


def _artist_name(rng: random.Random) -> tuple[str, bool]:
    if rng.random() < 0.45:
        return _person(rng), True
    return _band(rng), False


def _titles(rng: random.Random, k: int, common: float = 0.0, escaped: bool = False) -> list[str]:
    """``k`` titles; a share ``common`` of them one of the titles every dump repeats (intros,
    standards), the rest templates filled with Zipf-drawn words. The draws are made column-wise
    with numpy and each template filled by one %-format per title: the track-title pool needs
    millions, which a per-title loop of random calls made the slowest part of the run.
    ``escaped``: XML-escaped, ready to paste."""
    import numpy as np

    v = _vocab.vocab()
    words, commons, template_parts = _title_parts(escaped)
    # RandomState, not Generator: its streams are frozen across numpy versions, so a seed keeps
    # giving the same dump.
    gen = np.random.RandomState(rng.getrandbits(32))
    q = _vocab.ZIPF_Q

    def zipf_ranks(n: int, size: int | tuple[int, int]) -> np.ndarray:  # _vocab.zipf, vectorised
        return np.minimum((q * (n / q + 1.0) ** gen.random_sample(size) - q).astype(np.int64), n - 1)

    template_of = gen.randint(0, len(v.templates), k)
    slots = {f: words[zipf_ranks(len(words), k)] for f in "abcd"}
    slots["n"] = np.array([str(i) for i in range(13)], dtype=object)[gen.randint(1, 13, k)]
    out = np.empty(k, dtype=object)
    for t, parts in enumerate(template_parts):
        rows = np.flatnonzero(template_of == t)
        if not rows.size:
            continue
        fmt, fields = parts
        if len(fields) == 1:
            filled = [fmt % a for a in slots[fields[0]][rows].tolist()]
        else:
            filled = [fmt % args for args in zip(*(slots[f][rows].tolist() for f in fields))]
        out[rows] = filled
    if common:
        picked = np.flatnonzero(gen.random_sample(k) < common)
        out[picked] = commons[zipf_ranks(len(commons), picked.size)]
    return out.tolist()


@lru_cache(maxsize=2)
def _title_parts(escaped: bool) -> tuple:
    """The vocabulary as object arrays and each template as a %-format and its fields in order."""
    import string

    import numpy as np

    v = _vocab.vocab()
    e = esc if escaped else str
    words = np.array([e(w) for w in v.words], dtype=object)
    commons = np.array([e(c) for c in v.common_tracks], dtype=object)
    parts = []
    for t in v.templates:
        parsed = list(string.Formatter().parse(t))
        fmt = "".join(e(lit).replace("%", "%%") + ("%s" if field else "") for lit, field, _s, _c in parsed)
        parts.append((fmt, [field for _l, field, _s, _c in parsed if field]))
    return words, commons, parts


def _title(rng: random.Random) -> str:
    """One title, as ``_titles`` makes them (for the few drawn one at a time)."""
    v = _vocab.vocab()
    w = v.words
    return v.templates[int(rng.random() * len(v.templates))].format(
        a=zipf(w, rng.random()), b=zipf(w, rng.random()), c=zipf(w, rng.random()),
        d=zipf(w, rng.random()), n=1 + int(rng.random() * 12))


def _word_heads(keys: set[str]) -> set[str]:
    """The leading words of every key of two words or more (the converter's joined_heads)."""
    return {key[:at] for key in keys for at, ch in enumerate(key) if ch == " "}


def _yt(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    return "".join(rng.choice(alphabet) for _ in range(11))


def _hexid(rng: random.Random, n: int = 32) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(n))


def _positions(n: int, style: str) -> list[str]:
    if style == "vinyl":
        per_side = max(1, (n + 3) // 4) if n > 8 else max(1, (n + 1) // 2)
        return [f"{'ABCDEFGH'[i // per_side]}{i % per_side + 1}" for i in range(n)]
    if style == "multi":
        per = (n + 1) // 2
        return [f"{i // per + 1}-{i % per + 1}" for i in range(n)]
    return [str(i + 1) for i in range(n)]


def _duration(rng: random.Random) -> str:
    if rng.random() < 0.12:
        return ""
    secs = int(rng.gauss(240, 90))
    secs = max(secs, 25)
    return f"{secs // 60}:{secs % 60:02d}"


# --------------------------------------------------------------------------------------------


class _Generator:  # noqa: PLR0902 - a run's state
    def __init__(self, out_dir: Path, releases: int, seed: int, dump_date: str,
                 library_fraction: float, gzip_level: int, form: Form) -> None:
        self.out_dir = out_dir
        self.n_releases = releases
        self.seed = seed
        self.dump_date = dump_date
        self.library_fraction = library_fraction
        self.gzip_level = gzip_level
        self.rng = random.Random(f"discogs-sample/{seed}/main")
        self.form = form
        # What only the current form adds (unlinked credits, sub-track artists) is drawn from
        # here, so that every other stream gives both forms the same numbers.
        self.form_rng = random.Random(f"discogs-sample/{seed}/form")
        self.cur = _curated.build()

    # ---- universe -----------------------------------------------------------------------
    def build_universe(self) -> None:
        cur, rng = self.cur, self.rng
        self.names: list[str] = [""] + [a.name for a in cur.artists]  # index = artist id
        self.is_person: list[bool] = [False] * len(self.names)
        self.curated_count = len(cur.artists)

        reserved: set[str] = set()
        for a in cur.artists:
            reserved.add(fold(a.name))
            reserved.update(fold(v) for v in a.variations)
        for row in cur.library:
            reserved.add(fold(row.artist))
            if row.alternate:
                reserved.add(fold(row.alternate))
        self.registry = _Registry(reserved)

        # library artists the curated part already covers
        lib_names = [r.artist for r in cur.library]
        lib_set = {norm(n) for n in lib_names if n.strip() and not is_compilation(n)}
        lib_set.discard("")
        curated_lib_releases = sum(
            1 for r in cur.releases if any(norm(n) in lib_set for n, _ in r.artists))
        n_curated = len(cur.releases)
        target = round(self.n_releases * self.library_fraction)
        room = max(0, (self.n_releases - n_curated) // 2)
        self.n_synthetic = min(room, max(12, target - curated_lib_releases))

        # synthetic library artists (invented names that the station library also lists, each
        # spelt there as its category has it) and the alias artists some are filed under
        self.forced_aliases: dict[int, list[int]] = {}
        self.forced_variations: dict[int, list[str]] = {}
        self.syn = _library.draw_artists(self, rng, max(len(_library.ARTIST_CYCLE), self.n_synthetic // 4))
        self.syn_first = self.syn[0].id
        self.syn_by_id = {art.id: art for art in self.syn}
        self.station_only: list[str] = []
        for _ in range(max(2, len(self.syn) // 5)):
            name = None
            while name is None:
                base = _band(rng)
                name = self.registry.claim(base)
                if name is not None and name != base:
                    name = None
            reserved.add(fold(name))
            self.station_only.append(name)

        # filler artists
        n_filler = max(300, int(self.n_releases * 0.42))
        self.filler_first = len(self.names)
        for _ in range(n_filler):
            name = None
            while name is None:
                base, person = _artist_name(rng)
                name = self.registry.claim(base, rng)
            self.names.append(name)
            self.is_person.append(person)
        self.filler_count = n_filler
        self.names_xml = [esc(n) for n in self.names]
        self.various_id = cur.artist_id(_curated.VARIOUS)

        # labels: curated first, then invented ones (some sub-labels)
        self.label_names: list[str] = [""] + [lab.name for lab in cur.labels]
        self.label_parent: list[int] = [0] + [
            cur.label_id(lab.parent) if lab.parent else 0 for lab in cur.labels]
        label_reg = _Registry({fold(lab.name) for lab in cur.labels})
        self.filler_label_first = len(self.label_names)
        n_labels = max(120, min(200_000, self.n_releases // 10))
        vocab = _vocab.vocab()
        for i in range(n_labels):
            name = None
            while name is None:
                r = rng.random()
                if r < 0.5:
                    base = f"{zipf(vocab.nouns, rng.random())} {rng.choice(_words.LABEL_SUFFIXES)}"
                elif r < 0.8:
                    base = (f"{zipf(vocab.adjectives, rng.random())} {zipf(vocab.nouns, rng.random())} "
                            f"{rng.choice(_words.LABEL_SUFFIXES)}")
                else:
                    base = f"{zipf(vocab.surnames, rng.random())} {rng.choice(_words.LABEL_SUFFIXES)}"
                name = label_reg.claim(base)
            self.label_names.append(name)
            parent = 0
            if i > 10 and rng.random() < 0.15:
                parent = self.filler_label_first + rng.randrange(i)
                if self.label_parent[parent]:  # keep hierarchies shallow-ish but allow 2 levels
                    parent = self.label_parent[parent] if rng.random() < 0.5 else parent
            self.label_parent.append(parent)
        self.label_xml = [esc_attr(n) for n in self.label_names]
        self.label_prefix = [""]
        for n in self.label_names[1:]:
            letters = "".join(w[0] for w in n.split() if w[:1].isalpha()).upper()[:4] or "LBL"
            self.label_prefix.append(esc_attr(letters))
        self.n_filler_labels = n_labels

        # synthetic discographies and their library rows; each held album comes first in the
        # order synthetic releases are credited, so every one of them has a release
        self.syn_library, self.syn_prefs = _library.draw_discographies(self, rng, self.syn)
        for name in self.station_only:  # owned by the station, unknown to Discogs
            self.syn_library.append(_library.LibraryRow(name, _title(rng), None, "Rock", "CD", "station-only"))
        self.album_order = [(art, k) for art in self.syn for k in range(len(art.titles))]
        rng.shuffle(self.album_order)

    # ---- names the synthetic library draws (see _library) ------------------------------------
    def unused(self, *names: str) -> bool:
        """No curated, library or other invented name folds onto any of ``names``."""
        return all(fold(n) not in self.registry.reserved for n in names)

    def reserve(self, *names: str) -> None:
        self.registry.reserved.update(fold(n) for n in names)

    def add_artist(self, name: str, person: bool) -> int:
        self.names.append(name)
        self.is_person.append(person)
        return len(self.names) - 1

    def pick_label(self, rng: random.Random) -> int:
        return self._pick_label(rng)

    def _pick_label(self, rng: random.Random) -> int:
        return self.filler_label_first + int(self.n_filler_labels * rng.random() ** 1.7)

    def _unlinked_name(self) -> str:
        """A credited name Discogs links to no artist; never one a library row could match."""
        while True:
            name = _person(self.form_rng)
            if fold(name) not in self.registry.reserved:
                return name

    def _nameless_label(self, children: dict[int, list[int]]) -> int:
        """The label written without a name: id 212 as in the real dump, or the invented label
        nearest to it that is no one's parent or child, so that a missing name removes no
        label_hierarchy row a preference could match through (0: none)."""
        ids = [lid for lid in range(self.filler_label_first, len(self.label_names))
               if not self.label_parent[lid] and lid not in children]
        return min(ids, key=lambda lid: (lid < 212, abs(lid - 212)), default=0)

    # ---- pools ----------------------------------------------------------------------------
    def build_pools(self) -> None:  # noqa: PLR0915
        rng = random.Random(f"discogs-sample/{self.seed}/pools")
        size = 1024 if self.n_releases < 50_000 else 4096
        n_titles = min(max(2000, self.n_releases * 7 // 10), 1_000_000)
        titles = []
        for i, t in enumerate(_titles(rng, n_titles)):
            if i % 997 == 5:
                t = t.replace(" ", "\t", 1) if i % 2 else t.replace(" ", "\n", 1)
            titles.append(esc(t))
        self.title_pool = titles
        # Track titles are filled in per release (tracklists below are skeletons with a slot per
        # title) from a pool of about 0.5 titles per expected track: most tracks get a title few
        # others share, while the common titles and words repeat, as in a real dump. Rendering
        # every title afresh would cost as much as the rest of the release.
        n_track_titles = min(max(4000, self.n_releases * 6), 4_000_000)
        track_titles = _titles(rng, n_track_titles, common=0.07, escaped=True)
        self.track_pool = tuple(track_titles)
        # Extra credits (producers, engineers, players) come from a pool of regulars big enough
        # that credit names stay varied; the trigram index on credits covers these rows too.
        session = [self.filler_first + i for i in range(min(60_000, self.filler_count // 3))]
        self.session = session
        form, frng = self.form, self.form_rng

        def credit_list(k: int, track_level: bool = False) -> str:
            out = []
            for _ in range(k):
                aid = rng.choice(session)
                role = rng.choice(_words.ROLES)
                tracks = ""
                if not track_level and rng.random() < 0.2:
                    tracks = f"A{rng.randrange(1, 4)} to B{rng.randrange(1, 4)}"
                anv = ""
                if rng.random() < 0.05:
                    anv = esc(self.names[aid].split(" ")[-1])
                if form.unlinked_credits and frng.random() < form.unlinked_credits:
                    # An unlinked credit takes the place of a session regular, whose name and
                    # aliases match no library name, and its own name is none either: no filter
                    # keeps or drops a release for it, and without an id it has no aliases.
                    out.append(f"<artist><name>{esc(self._unlinked_name())}</name><role>{esc(role)}</role>"
                               f"<tracks>{tracks}</tracks></artist>")
                    continue
                out.append(f"<artist><id>{aid}</id><name>{self.names_xml[aid]}</name><anv>{anv}</anv>"
                           f"<join></join><role>{esc(role)}</role><tracks>{tracks}</tracks></artist>")
            return form.tidy("".join(out))

        n_extras = max(size, min(100_000, self.n_releases // 8))
        self.extras_pool = [""] * (n_extras // 3) + [
            f"<extraartists>{credit_list(rng.randrange(1, 9))}</extraartists>" for _ in range(n_extras)]

        slot = "\x00"  # where a title goes; becomes %s once the skeleton is done

        def sub_artists(various: bool) -> str:
            if not form.sub_track_artists or not (various or frng.random() < 0.5):
                return ""
            aid = self.filler_first + frng.randrange(self.filler_count)
            return f"<artists>{form.credit(aid, self.names_xml[aid])}</artists>"

        def tracklist(style: str, various: bool) -> tuple[str, int]:
            n = max(1, min(40, int(rng.gauss(15, 6))))
            if rng.random() < 0.15:
                n = rng.randrange(1, 5)
            pos = _positions(n, style)
            parts = ["<tracklist>"]
            for i in range(n):
                extra = ""
                if various:
                    aid = self.filler_first + rng.randrange(self.filler_count)
                    extra = f"<artists>{form.credit(aid, self.names_xml[aid])}</artists>"
                if rng.random() < 0.08:
                    extra += f"<extraartists>{credit_list(rng.randrange(1, 3), True)}</extraartists>"
                if rng.random() < 0.02:
                    subs = "".join(
                        f"<track><position>{pos[i]}{'abc'[j]}</position><title>{slot}"
                        f"</title><duration>{_duration(rng)}</duration>{sub_artists(various)}</track>"
                        for j in range(rng.randrange(2, 4)))
                    parts.append(f"<track><position></position><title>{slot}</title>"
                                 f"<duration></duration><sub_tracks>{subs}</sub_tracks></track>")
                    continue
                if i and rng.random() < 0.02:
                    parts.append("<track><position></position><title>Bonus Tracks</title><duration></duration></track>")
                parts.append(f"<track><position>{pos[i]}</position><title>{slot}</title>"
                             f"<duration>{_duration(rng)}</duration>{extra}</track>")
            parts.append("</tracklist>")
            text = form.tidy("".join(parts))
            return text.replace("%", "%%").replace(slot, "%s"), text.count(slot)

        self.tracklists = {
            (style, va): [tracklist(style, va) for _ in range(size if not va else size // 4)]
            for style in ("cd", "vinyl", "multi") for va in (False, True)
        }
        third = "33 &#8531; RPM"
        self.formats = {
            "cd": [f'<formats><format name="CD" qty="1" text="{t}"><descriptions>{d}</descriptions></format></formats>'
                   for t in ("", "", "Digipak", "Jewel Case")
                   for d in ("<description>Album</description>",
                             "<description>Album</description><description>Reissue</description>",
                             "<description>EP</description>", "<description>Single</description>",
                             "<description>Compilation</description>",
                             "<description>Album</description><description>Limited Edition</description>")],
            "vinyl": [f'<formats><format name="Vinyl" qty="{q}" text="{t}"><descriptions>{d}</descriptions></format></formats>'
                      for q in ("1", "1", "2") for t in ("", "180 Gram", "Gatefold", "Red Translucent")
                      for d in ("<description>LP</description><description>Album</description>",
                                f"<description>12&quot;</description><description>{third}</description>",
                                "<description>7&quot;</description><description>45 RPM</description><description>Single</description>",
                                "<description>LP</description><description>Album</description><description>Reissue</description><description>Stereo</description>",
                                "<description>12\"</description><description>33 \u2153 RPM</description><description>EP</description>")],
            "multi": ['<formats><format name="CD" qty="2" text=""><descriptions><description>Album</description></descriptions></format></formats>',
                      '<formats><format name="Box Set" qty="1" text=""><descriptions><description>Limited Edition</description></descriptions></format>'
                      '<format name="CD" qty="3" text=""><descriptions><description>Album</description><description>Remastered</description></descriptions></format></formats>',
                      '<formats><format name="File" qty="24" text="320 kbps"><descriptions><description>MP3</description><description>Album</description></descriptions></format>'
                      '<format name="File" qty="24" text=""><descriptions><description>FLAC</description></descriptions></format></formats>',
                      '<formats><format name="Cassette" qty="2" text="Chrome"><descriptions><description>Album</description></descriptions></format></formats>'],
        }
        gs = []
        for _ in range(256):
            genres = rng.sample(list(_words.GENRE_STYLES), rng.choice((1, 1, 1, 2, 2, 3)))
            styles = []
            for g in genres:
                styles += rng.sample(_words.GENRE_STYLES[g], min(len(_words.GENRE_STYLES[g]), rng.randrange(0, 3)))
            block = "<genres>" + "".join(f"<genre>{esc(g)}</genre>" for g in genres) + "</genres>"
            if styles:
                block += "<styles>" + "".join(f"<style>{esc(s)}</style>" for s in styles) + "</styles>"
            gs.append(block)
        self.gs_pool = gs
        countries = [f"<country>{esc(c)}</country>" for c, w in _words.COUNTRIES for _ in range(w)]
        self.country_pool = countries + ["<country></country>", ""]
        released = []
        for _ in range(2048):
            year = int(min(2026, max(1950, rng.gauss(1995, 18))))
            r = rng.random()
            if r < 0.5:
                s = f"{year}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
            elif r < 0.78:
                s = str(year)
            elif r < 0.92:
                s = f"{year}-{rng.randrange(1, 13):02d}-00"
            elif r < 0.995:
                s, year = "", 0
            else:
                s, year = "Unknown", 0
            released.append((f"<released>{s}</released>", year))
        self.released_pool = released
        notes = [""] * 6
        for i in range(400):
            text = "\n".join(rng.sample(_words.NOTE_LINES, rng.randrange(1, 4)))
            if i % 29 == 0:
                notes.append(f"<notes><![CDATA[{text} <i>as printed</i> & more]]></notes>")
            else:
                notes.append(f"<notes>{esc(text)}</notes>")
        self.notes_pool = notes

        def images(k: int) -> str:
            if not k:
                return ""
            out = []
            for j in range(k):
                kind = "primary" if j == 0 else "secondary"
                w, h = rng.choice(((600, 600), (500, 500), (600, 593), (1200, 1200), (450, 600)))
                if rng.random() < 0.8:
                    uri = uri150 = ""
                else:
                    h_ = _hexid(rng)
                    uri = f"https://i.discogs.com/{h_}/rs:fit/g:sm/q:90/h:{h}/w:{w}/R-{j}.jpeg"
                    uri150 = f"https://i.discogs.com/{h_}/rs:fit/g:sm/q:40/h:150/w:150/R-{j}.jpeg"
                out.append(f'<image type="{kind}" uri="{uri}" uri150="{uri150}" width="{w}" height="{h}"/>')
            return "<images>" + "".join(out) + "</images>"

        self.images_fn = images
        self.images_pool = [images(rng.choice((0, 0, 1, 1, 2, 3, 5))) for _ in range(size)]
        if not form.images:  # drawn all the same: the streams stay those of the older form
            self.images_fn = lambda k: images(k) and ""
            self.images_pool = [""] * size

        def identifiers() -> str:
            if rng.random() < 0.25:
                return ""
            out = [f'<identifier type="Barcode" value="{rng.randrange(10**11, 10**12)}"/>']
            for side in "ABCD"[: rng.randrange(0, 5)]:
                out.append(f'<identifier type="Matrix / Runout" description="Side {side}" '
                           f'value="{_hexid(rng, 6).upper()} {side}1 &#9651;"/>')
            if rng.random() < 0.4:
                out.append(f'<identifier type="Label Code" value="LC {rng.randrange(1000, 99999):05d}"/>')
            if rng.random() < 0.3:
                out.append(f'<identifier type="Rights Society" value="{rng.choice(("GEMA", "BIEM", "SACEM", "ASCAP"))}"/>')
            return "<identifiers>" + "".join(out) + "</identifiers>"

        self.identifiers_pool = [identifiers() for _ in range(size)]

        def videos(k: int) -> str:
            if not k:
                return ""
            out = []
            for _ in range(k):
                src = f"https://www.youtube.com/watch?v={_yt(rng)}"
                d = rng.randrange(60, 600)
                if rng.random() < 0.2:
                    out.append(f'<video src="{src}" duration="{d}" embed="false"/>')
                else:
                    out.append(f'<video src="{src}" duration="{d}" embed="true"><title>{rng.choice(track_titles)}'
                               f'</title><description>{rng.choice(track_titles)}</description></video>')
            return "<videos>" + "".join(out) + "</videos>"

        self.videos_fn = videos
        self.videos_pool = [videos(rng.choice((0, 0, 0, 1, 2, 4))) for _ in range(size)]

        def companies(k: int) -> str:
            if not k:
                return ""
            out = []
            for _ in range(k):
                cid = rng.randrange(1, 3_000_000)
                etype, ename = rng.choice(_words.COMPANY_TYPES)
                name = esc(rng.choice(_words.COMPANY_NAMES))
                if form.unlinked_companies and frng.random() < form.unlinked_companies:
                    out.append(f"<company><name>{name}</name><entity_type>{etype}</entity_type>"
                               f"<entity_type_name>{esc(ename)}</entity_type_name></company>")
                    continue
                out.append(f"<company><id>{cid}</id><name>{name}</name>"
                           f"<catno></catno><entity_type>{etype}</entity_type><entity_type_name>{esc(ename)}"
                           f"</entity_type_name><resource_url>https://api.discogs.com/labels/{cid}</resource_url></company>")
            return form.tidy("<companies>" + "".join(out) + "</companies>")

        self.companies_fn = companies
        self.companies_pool = [companies(rng.choice((0, 1, 2, 3, 4, 6))) for _ in range(size)]

    # ---- side dumps -------------------------------------------------------------------------
    def write_labels(self, path: Path) -> int:
        rng = random.Random(f"discogs-sample/{self.seed}/labels")
        children: dict[int, list[int]] = {}
        for lid in range(1, len(self.label_names)):
            if self.label_parent[lid]:
                children.setdefault(self.label_parent[lid], []).append(lid)
        profiles = {lab.id: lab.profile for lab in self.cur.labels}
        nameless = self._nameless_label(children) if self.form.nameless_label else 0
        with GzipStream(path, self.gzip_level) as out:
            buf = [f"{self.form.declaration}<labels>\n"]
            for lid in range(1, len(self.label_names)):
                name = "" if lid == nameless else f"<name>{esc(self.label_names[lid])}</name>"
                profile = profiles.get(lid) or (rng.choice(_words.NOTE_LINES) if rng.random() < 0.3 else "")
                parent = self.label_parent[lid]
                parent_xml = (f'<parentLabel id="{parent}">{esc(self.label_names[parent])}</parentLabel>'
                              if parent else "")
                subs = "".join(f'<label id="{c}">{esc(self.label_names[c])}</label>' for c in children.get(lid, ()))
                urls = (f"<urls><url>https://www.example-label-{lid}.com</url><url></url></urls>"
                        if rng.random() < 0.3 else "")
                contact = esc(f"{self.label_names[lid]}\nPO Box {lid}\r\nFrankfurt") if rng.random() < 0.2 else ""
                buf.append(f"<label>{self.images_pool[lid % len(self.images_pool)]}<id>{lid}</id>{name}"
                           f"<contactinfo>{contact}</contactinfo><profile>{esc(profile)}</profile>"
                           f"<data_quality>{rng.choice(_words.DATA_QUALITY)}</data_quality>{urls}"
                           f"{f'<sublabels>{subs}</sublabels>' if subs else ''}{parent_xml}</label>\n")
                if len(buf) >= 4096:
                    out.write("".join(buf))
                    buf = []
            buf.append("</labels>\n")
            out.write("".join(buf))
            self.bytes_total += out.bytes_in
        return len(self.label_names) - 1

    def write_artists(self, path: Path) -> int:
        rng = random.Random(f"discogs-sample/{self.seed}/artists")
        cur = self.cur
        self.alternates: dict[int, list[str]] = {}
        with GzipStream(path, self.gzip_level) as out:
            buf = [f"{self.form.declaration}<artists>\n"]
            for aid in range(1, len(self.names)):
                name = self.names[aid]
                realname = profile = urls = variations = aliases = members = ""
                if aid <= self.curated_count:
                    spec = cur.artists[aid - 1]
                    realname, profile = spec.realname, spec.profile
                    urls = "".join(f"<url>{esc(u)}</url>" for u in spec.urls)
                    variations = "".join(f"<name>{esc(v)}</name>" for v in spec.variations)
                    aliases = "".join(f'<name id="{cur.artist_id(a)}">{esc(a)}</name>' for a in spec.aliases)
                    alts = list(spec.variations) + list(spec.aliases)
                    if spec.members:
                        ids = [cur.artist_id(m) for m in spec.members]
                        if spec.old_style_members:
                            members = "".join(f'<id>{i}</id><name id="{i}">{esc(m)}</name>'
                                              for i, m in zip(ids, spec.members))
                        else:
                            members = "".join(f'<name id="{i}">{esc(m)}</name>' for i, m in zip(ids, spec.members))
                else:
                    alts = []
                    person = self.is_person[aid]
                    if person and rng.random() < 0.3:
                        realname = name.split(" (")[0]
                    r = rng.random()
                    if r < 0.35:
                        profile = rng.choice(_words.NOTE_LINES)
                    if rng.random() < 0.2:
                        urls = f"<url>https://www.facebook.com/artist{aid}</url><url>https://artist{aid}.bandcamp.com</url>"
                    if rng.random() < 0.25:
                        base = name.split(" (")[0]
                        cands = [base.upper(), base.replace(" & ", " And ")]
                        if base.startswith("The "):
                            cands.append(base[4:])
                        if person and " " in base:
                            cands.append(f"{base[0]}. {base.split(' ')[-1]}")
                        alts = [v for v in dict.fromkeys(cands) if v != name and fold(v) not in self.registry.reserved]
                        variations = "".join(f"<name>{esc(v)}</name>" for v in alts)
                    if aid >= self.filler_first and rng.random() < 0.06:
                        others = [self.filler_first + rng.randrange(self.filler_count) for _ in range(rng.randrange(1, 3))]
                        others = [o for o in dict.fromkeys(others) if o != aid]
                        aliases = "".join(f'<name id="{o}">{self.names_xml[o]}</name>' for o in others)
                        alts += [self.names[o] for o in others]
                    if not person and aid >= self.filler_first and rng.random() < 0.3:
                        ms = [rng.choice(self.session) for _ in range(rng.randrange(2, 5))]
                        members = "".join(f'<name id="{m}">{self.names_xml[m]}</name>' for m in dict.fromkeys(ms))
                    # the alias or name variation a library category files the artist under
                    forced = self.forced_variations.get(aid, [])
                    if forced:
                        kept = list(dict.fromkeys(alts + forced))
                        variations = "".join(f"<name>{esc(v)}</name>" for v in kept)
                        alts = kept
                    linked = self.forced_aliases.get(aid, [])
                    if linked:
                        aliases = "".join(f'<name id="{o}">{self.names_xml[o]}</name>' for o in linked)
                        alts += [self.names[o] for o in linked]
                if alts:
                    self.alternates[aid] = alts
                parts = [f"<artist>{self.images_pool[aid % len(self.images_pool)] if aid % 3 == 0 else ''}"
                         f"<id>{aid}</id><name>{self.names_xml[aid]}</name>"]
                parts.append(f"<realname>{esc(realname)}</realname>" if realname else "")
                parts.append(f"<profile>{esc(profile)}</profile><data_quality>Needs Vote</data_quality>")
                if urls:
                    parts.append(f"<urls>{urls}</urls>")
                if variations:
                    parts.append(f"<namevariations>{variations}</namevariations>")
                if aliases:
                    parts.append(f"<aliases>{aliases}</aliases>")
                if members:
                    parts.append(f"<members>{members}</members>")
                parts.append("</artist>\n")
                buf.append("".join(parts))
                if len(buf) >= 4096:
                    out.write("".join(buf))
                    buf = []
            buf.append("</artists>\n")
            out.write("".join(buf))
            self.bytes_total += out.bytes_in
        return len(self.names) - 1

    # ---- library ----------------------------------------------------------------------------
    def library_rows(self) -> list[_library.LibraryRow]:
        rows = [_library.LibraryRow(r.artist, r.title, r.alternate, r.genre, r.fmt, r.category,
                                    tuple(("cur", *h) for h in r.holds)) for r in self.cur.library]
        return rows + self.syn_library

    def _release_ids(self, keys: tuple[tuple, ...]) -> frozenset[int]:
        ids: list[int] = []
        for key in keys:
            if key[0] == "cur":
                ids += self.curated_rids.get(key[1:], ())
            else:
                ids += self.syn_by_id[key[1]].rids[key[2]]
        return frozenset(ids)

    def prepare_filters(self) -> None:
        rows = self.library_rows()
        # Names compare by identity key and titles by title key, as the converter's filters do; its
        # pair filter also reads the alternate name of a row.
        self.lib_set = {identity_key(a) for a, *_ in rows if a.strip() and not is_compilation(a)}
        self.lib_set.discard("")
        pairs: dict[str, set[str]] = {}
        for a, t, alt, *_ in rows:
            nt = title_key(t)
            for na in (identity_key(a), identity_key(alt or "")):
                if na and nt:
                    pairs.setdefault(nt, set()).add(na)
        self.pairs = pairs
        # A release filed under all its main artists together ("Lou Reed & John Cale"): the
        # converter reads its joined credit when the first artist's key begins a library name.
        self.lib_heads = _word_heads(self.lib_set)
        self.pair_heads = _word_heads({a for names in pairs.values() for a in names})
        # The pair filter also keeps an artist's title spelt another way (a typo).
        self.titles_of: dict[str, list[str]] = {}
        for t, names in pairs.items():
            for a in names:
                self.titles_of.setdefault(a, []).append(sort_tokens(t))
        self._key_cache: dict[int, str] = {}
        self._alt_keys: dict[int, list[str]] = {}

    def _key(self, aid: int) -> str:
        v = self._key_cache.get(aid)
        if v is None:
            v = self._key_cache[aid] = identity_key(self.names[aid])
        return v

    def _alternate_keys(self, aid: int) -> list[str]:
        v = self._alt_keys.get(aid)
        if v is None:
            v = self._alt_keys[aid] = [identity_key(alt) for alt in self.alternates.get(aid, ())]
        return v

    def count_keep(self, credit_ids: list[int], title: str, main: tuple[tuple[str, str], ...] = ()) -> None:
        """Count a release for each filter that keeps it; ``main`` its main (name, join) credits
        when it has several."""
        credited = {self._key(a) for a in credit_ids}
        first = identity_key(main[0][0]) if len(main) > 1 else ""
        joined = identity_key(joined_credit(main)) if first in self.lib_heads or first in self.pair_heads else ""
        by_artist = bool(credited & self.lib_set) or (first in self.lib_heads and joined in self.lib_set)
        by_alias = by_artist or any(k in self.lib_set for a in credit_ids for k in self._alternate_keys(a))
        if first in self.pair_heads:
            credited.add(joined)
        key = title_key(title)
        by_pair = bool(credited & self.pairs.get(key, set())) or self._near_title(credited, key)
        self.kept[0] += by_artist
        self.kept[1] += by_alias
        self.kept[2] += by_pair

    def _near_title(self, artists: set[str], key: str) -> bool:
        """One of the artists' library titles like ``key`` at the pair filter's default title
        similarity (the converter's --pair-title-similarity, the library match's review threshold)."""
        candidates = [t for a in artists for t in self.titles_of.get(a, ())]
        if not candidates:
            return False
        words = sort_tokens(key)
        return any(fuzz.ratio(words, t) >= 65.0 for t in candidates)

    def write_library(self, db_path: Path, labels_csv: Path, truth_csv: Path) -> tuple[int, int]:
        rows = self.library_rows()
        rng = random.Random(f"discogs-sample/{self.seed}/library")
        if db_path.exists():
            db_path.unlink()
        con = sqlite3.connect(db_path)
        try:
            con.executescript(
                """
                CREATE TABLE library (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    artist TEXT NOT NULL,
                    title TEXT NOT NULL,
                    alternate_artist_name TEXT,
                    call_letters TEXT,
                    artist_call_number INTEGER,
                    release_call_number INTEGER,
                    genre TEXT,
                    format TEXT
                );
                CREATE INDEX idx_library_artist ON library(artist);
                CREATE INDEX idx_library_title ON library(title);
                CREATE INDEX idx_library_alternate ON library(alternate_artist_name);
                """
            )
            letters = {"Rock": "RO", "Electronic": "EL", "Jazz": "JA", "Reggae": "RE", "Hip Hop": "HH",
                       "Funk / Soul": "SO", "Soundtracks": "ST", "Classical": "CL", "Blues": "BL"}
            artist_numbers: dict[str, int] = {}
            release_numbers: dict[str, int] = {}
            order = list(range(len(rows)))
            rng.shuffle(order)  # interleave curated and synthetic rows like a real export
            out = []
            truth = []
            for i in order:
                artist, title, alt, genre, fmt, category, holds, near = rows[i]
                truth.append(_truth.TruthRow(len(out) + 1, artist, title, category, self._release_ids(holds),
                                             self._release_ids(near)))
                num = artist_numbers.setdefault(artist, len(artist_numbers) + 1)
                release_numbers[artist] = release_numbers.get(artist, 0) + 1
                call = letters.get(genre, "OC") if not is_compilation(artist) else "VA"
                out.append((artist, title, alt, call if rng.random() > 0.03 else None,
                            num, release_numbers[artist], genre, fmt))
            con.executemany(
                "INSERT INTO library (artist, title, alternate_artist_name, call_letters, "
                "artist_call_number, release_call_number, genre, format) VALUES (?,?,?,?,?,?,?,?)", out)
            try:
                con.execute("CREATE VIRTUAL TABLE library_fts USING fts5("
                            "title, artist, alternate_artist_name, content='library', content_rowid='id')")
                con.execute("INSERT INTO library_fts(library_fts) VALUES ('rebuild')")
            except sqlite3.OperationalError:
                pass  # SQLite without FTS5: the pipeline never reads library_fts
            con.commit()
        finally:
            con.close()
        prefs = sorted(set(self.cur.label_prefs) | set(self.syn_prefs))
        with labels_csv.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(("artist_name", "release_title", "label_name"))
            w.writerows(prefs)
        _truth.write_truth(truth_csv, truth)
        return len(rows), len(prefs)

    # ---- releases + masters --------------------------------------------------------------
    def _master_xml(self, mid: int, main_release: int, artists_xml: str, title_xml: str,
                    year: int, gs: str, images: str, videos: str) -> str:
        year_xml = f"<year>{year}</year>" if year else ""
        return (f'<master id="{mid}"><main_release>{main_release}</main_release>{images}'
                f"<artists>{artists_xml}</artists>{gs}{year_xml}<title>{title_xml}</title>"
                f"<data_quality>Correct</data_quality>{videos}</master>\n")

    def _tracks_xml(self, tracks) -> str:
        out = []
        for t in tracks:
            artists = "".join(self.form.credit(self.cur.artist_id(a), esc(a)) for a in t.artists)
            extras = "".join(self.form.credit(self.cur.artist_id(a), esc(a), role=esc(r)) for a, r in t.extras)
            subs = self._tracks_xml(t.sub_tracks) if t.sub_tracks else ""
            out.append(f"<track><position>{esc(t.position)}</position><title>{esc(t.title)}</title>"
                       f"<duration>{t.duration}</duration>"
                       f"{f'<artists>{artists}</artists>' if artists else ''}"
                       f"{f'<extraartists>{extras}</extraartists>' if extras else ''}"
                       f"{f'<sub_tracks>{subs}</sub_tracks>' if subs else ''}</track>")
        return "".join(out)

    def _curated_release(self, rid: int, r: _curated.CRelease, masters: GzipStream, rng: random.Random) -> str:
        cur, form = self.cur, self.form
        credits = "".join(
            form.credit(cur.artist_id(n), esc(n), join=esc(j), anv=esc(r.anv.get(n, ""))) for n, j in r.artists)
        artists_xml = f"<artists>{credits}</artists>" if r.artists else ""
        labels = "".join(f'<label name="{esc_attr(n)}" catno="{esc_attr(c)}" id="{cur.label_id(n)}"/>'
                         for n, c in r.labels)
        extras = "".join(form.credit(cur.artist_id(n), esc(n), role=esc(role)) for n, role in r.extras)
        formats = "".join(
            f'<format name="{esc_attr(n)}" qty="{q}" text="">'
            + (f"<descriptions>{''.join(f'<description>{esc(d)}</description>' for d in ds)}</descriptions>" if ds else "")
            + "</format>" for n, q, ds in r.formats)
        gs = "<genres>" + "".join(f"<genre>{esc(g)}</genre>" for g in r.genres) + "</genres>"
        if r.styles:
            gs += "<styles>" + "".join(f"<style>{esc(s)}</style>" for s in r.styles) + "</styles>"
        country = "" if r.country is None else f"<country>{esc(r.country)}</country>"
        notes = f"<notes>{r.notes_xml}</notes>" if r.notes_xml else ""
        master = form.no_master
        images, videos = self.images_fn(r.images), self.videos_fn(r.videos)
        if r.master:
            mid = self.curated_mid.get(r.master)
            main = mid is None
            if main:
                self.n_masters += 1
                mid = self.curated_mid[r.master] = self.n_masters
                spec = cur.masters[cur.master_id(r.master) - 1]
                m_artists = "".join(form.credit(cur.artist_id(a), esc(a), join="&amp;" if i < len(spec.artists) - 1 else "")
                                    for i, a in enumerate(spec.artists))
                m_gs = "<genres>" + "".join(f"<genre>{esc(g)}</genre>" for g in spec.genres) + "</genres>"
                if spec.styles:
                    m_gs += "<styles>" + "".join(f"<style>{esc(s)}</style>" for s in spec.styles) + "</styles>"
                masters.write(self._master_xml(mid, rid, m_artists, esc(spec.title), spec.year or 0,
                                               m_gs, images, videos))
            master = f'<master_id is_main_release="{"true" if main else "false"}">{mid}</master_id>'
        if r.tracks is None:
            tracklist = "<tracklist/>"
        else:
            tracklist = f"<tracklist>{self._tracks_xml(r.tracks)}</tracklist>"
        for name, _join in r.artists:
            self.curated_rids.setdefault((name, r.title), []).append(rid)
        if r.artists:
            self.count_keep([cur.artist_id(n) for n, _ in r.artists] + [cur.artist_id(n) for n, _ in r.extras],
                            r.title, r.artists)
        return form.tidy(
            f"{form.release_open(rid, r.status)}{images}{artists_xml}<title>{esc(r.title)}</title>"
            f"{f'<labels>{labels}</labels>' if labels else ''}"
            f"{f'<extraartists>{extras}</extraartists>' if extras else ''}"
            f"<formats>{formats}</formats>{gs}{country}<released>{esc(r.released)}</released>{notes}"
            f"<data_quality>Correct</data_quality>{master}{tracklist}"
            f"{self.identifiers_pool[rid % len(self.identifiers_pool)]}{videos}"
            f"{self.companies_fn(r.companies)}</release>\n")

    def write_releases(self, releases_path: Path, masters_path: Path) -> tuple[int, int]:  # noqa: PLR0915
        rng = random.Random(f"discogs-sample/{self.seed}/releases")
        rnd = rng.random
        n = self.n_releases
        curated = self.cur.releases
        positions = sorted(rng.sample(range(n), len(curated)))
        p_syn = self.n_synthetic / max(1, n - len(curated))
        self.curated_mid: dict[str, int] = {}
        self.curated_rids: dict[tuple[str, str], list[int]] = {}
        self.n_masters = 0
        self.kept = [0, 0, 0]

        names_xml, fill0, nfill = self.names_xml, self.filler_first, self.filler_count
        title_pool, n_titles = self.title_pool, len(self.title_pool)
        extras_pool, n_extras = self.extras_pool, len(self.extras_pool)
        tl, fm = self.tracklists, self.formats
        # Titles drawn per release use their own stream, so that the release stream (and with it
        # every release id, which the README's demo shows) does not depend on how they are drawn.
        trng = random.Random(f"discogs-sample/{self.seed}/titles")
        trnd = trng.random
        tpool = self.track_pool
        n_tpool = len(tpool)

        def titles(k: int) -> tuple[str, ...]:
            # A strided slice of the (random) pool: as independent as k draws for one release,
            # and releases rarely share more than a title, at the cost of two random numbers.
            step = 1 + int(trnd() * 61)
            if k * step >= n_tpool:
                step = 1
            start = int(trnd() * max(1, n_tpool - k * step))
            return tpool[start:start + k * step:step]

        gs_pool, country_pool, released_pool = self.gs_pool, self.country_pool, self.released_pool
        notes_pool, images_pool = self.notes_pool, self.images_pool
        idents, videos_pool, companies_pool = self.identifiers_pool, self.videos_pool, self.companies_pool
        label_xml, label_prefix = self.label_xml, self.label_prefix
        lab0, nlab = self.filler_label_first, self.n_filler_labels
        dq_pool = _words.DATA_QUALITY
        joins = ("&amp;", "Feat.", "And", "Vs.", ",", "With", "/", "Featuring", "Presents", "+")
        credit, no_master = self.form.credit, self.form.no_master
        accepted = ' status="Accepted">' if self.form.status else ">"
        various_block = credit(self.various_id, names_xml[self.various_id])
        styles = ("cd", "cd", "cd", "vinyl", "vinyl", "multi")
        open_masters: list[tuple[int, str, str, str]] = []
        syn, album_order, next_album = self.syn, self.album_order, 0

        def pick_artist() -> int:
            return fill0 + int(nfill * rnd() ** 1.5)

        rid = 0
        next_cur = 0
        buf: list[str] = []
        with GzipStream(releases_path, self.gzip_level) as out, GzipStream(masters_path, self.gzip_level) as mout:
            out.write(f"{self.form.declaration}<releases>\n")
            mout.write(f"{self.form.declaration}<masters>\n")
            for slot in range(n):
                rid += 1 if rnd() < 0.9 else 2 + int(rnd() * 4)
                if next_cur < len(positions) and positions[next_cur] == slot:
                    buf.append(self._curated_release(rid, curated[next_cur], mout, rng))
                    next_cur += 1
                    if len(buf) >= CHUNK_RELEASES:
                        out.write("".join(buf))
                        buf = []
                    continue
                style = styles[int(rnd() * 6)]
                r = rnd()
                images = images_pool[int(rnd() * len(images_pool))]
                rel_year = released_pool[int(rnd() * 2048)]
                gs = gs_pool[int(rnd() * 256)]
                master = no_master
                if r < p_syn:  # a synthetic library artist
                    u_artist, u_title = rnd(), rnd()
                    single = rnd() < 0.1  # a single / non-album release
                    if not single and next_album < len(album_order):
                        art, k = album_order[next_album]
                        next_album += 1
                    else:
                        art = syn[int(u_artist * len(syn))]
                        k = min(int(len(art.titles) * u_title ** 1.3), len(art.titles) - 1)
                    aid = art.id
                    artists = credit(aid, names_xml[aid])
                    if single:
                        title_raw = _title(trng)
                    else:
                        variants = art.variants[k]
                        # an album's first release carries its title as the album's rows expect it
                        title_raw = variants[int(rnd() * len(variants)) if art.rids[k] else 0]
                        art.rids[k].append(rid)
                        mid = art.masters[k]
                        main = mid == 0
                        if main:
                            self.n_masters += 1
                            mid = art.masters[k] = self.n_masters
                            mout.write(self._master_xml(mid, rid, artists, esc(art.titles[k]), rel_year[1],
                                                        gs, images, ""))
                        master = f'<master_id is_main_release="{"true" if main else "false"}">{mid}</master_id>'
                    title = esc(title_raw)
                    lid = art.labels[k] if rnd() < 0.5 else lab0 + int(nlab * rnd() ** 1.7)
                    extras = extras_pool[int(rnd() * n_extras)]
                    self.count_keep([aid], title_raw)
                    skel, k = tl[(style, False)][int(rnd() * len(tl[(style, False)]))]
                    tracklist = skel % titles(k)
                    if rnd() < 0.04:
                        tracklist = "<tracklist></tracklist>"
                else:
                    various = r > 0.97
                    lid = lab0 + int(nlab * rnd() ** 1.7)
                    extras = extras_pool[int(rnd() * n_extras)]
                    if open_masters and rnd() < 0.25:  # another release of an existing master
                        mid, artists, title, gs = open_masters[int(rnd() * len(open_masters))]
                        master = f'<master_id is_main_release="false">{mid}</master_id>'
                        various = artists is various_block
                    else:
                        if various:
                            artists = various_block
                        elif rnd() < 0.06:
                            a1, a2 = pick_artist(), pick_artist()
                            artists = (credit(a1, names_xml[a1], join=joins[int(rnd() * len(joins))])
                                       + credit(a2, names_xml[a2]))
                        else:
                            a1 = pick_artist()
                            artists = credit(a1, names_xml[a1])
                        title = title_pool[int(rnd() * n_titles)]
                        if rnd() < 0.0015:
                            title = ""
                        if rnd() < 0.45:
                            self.n_masters += 1
                            mid = self.n_masters
                            mout.write(self._master_xml(mid, rid, artists, title, rel_year[1], gs, images, ""))
                            master = f'<master_id is_main_release="true">{mid}</master_id>'
                            entry = (mid, artists, title, gs)
                            if len(open_masters) < 20000:
                                open_masters.append(entry)
                            else:
                                open_masters[int(rnd() * 20000)] = entry
                    tlist = tl[(style, various)]
                    skel, k = tlist[int(rnd() * len(tlist))]
                    tracklist = skel % titles(k)
                    if rnd() < 0.01:
                        tracklist = "<tracklist />"
                labels = f'<label name="{label_xml[lid]}" catno="{label_prefix[lid]} {int(rnd() * 99999)}" id="{lid}"/>'
                if rnd() < 0.1:
                    lid2 = lab0 + int(nlab * rnd())
                    labels += f'<label name="{label_xml[lid2]}" catno="none" id="{lid2}"/>'
                buf.append(
                    f'<release id="{rid}"{accepted}{images}<artists>{artists}</artists>'
                    f"<title>{title}</title><labels>{labels}</labels>{extras}{fm[style][int(rnd() * len(fm[style]))]}"
                    f"{gs}{country_pool[int(rnd() * len(country_pool))]}{rel_year[0]}"
                    f"{notes_pool[int(rnd() * len(notes_pool))]}<data_quality>{dq_pool[int(rnd() * 9)]}</data_quality>"
                    f"{master}{tracklist}{idents[int(rnd() * len(idents))]}{videos_pool[int(rnd() * len(videos_pool))]}"
                    f"{companies_pool[int(rnd() * len(companies_pool))]}</release>\n")
                if len(buf) >= CHUNK_RELEASES:
                    out.write("".join(buf))
                    buf = []
            buf.append("</releases>\n")
            out.write("".join(buf))
            mout.write("</masters>\n")
        self.releases_bytes = out.bytes_in
        self.bytes_total += out.bytes_in + mout.bytes_in
        return n, self.n_masters

    # ---- run --------------------------------------------------------------------------------
    def run(self) -> SampleInfo:
        start = time.perf_counter()
        self.bytes_total = 0
        d, date = self.out_dir, self.dump_date
        paths = {k: d / f"discogs_{date}_{k}.xml.gz" for k in ("releases", "artists", "labels", "masters")}
        self.build_universe()
        self.build_pools()
        n_labels = self.write_labels(paths["labels"])
        n_artists = self.write_artists(paths["artists"])
        self.prepare_filters()
        n_rel, n_masters = self.write_releases(paths["releases"], paths["masters"])
        n_lib, n_prefs = self.write_library(d / "library.db", d / "library_labels.csv", d / _truth.TRUTH_FILE)
        seconds = time.perf_counter() - start
        info = SampleInfo(
            out_dir=d, dump_date=date, seed=self.seed, form=self.form.name,
            releases_path=paths["releases"], artists_path=paths["artists"], labels_path=paths["labels"],
            masters_path=paths["masters"], library_db=d / "library.db",
            library_labels_csv=d / "library_labels.csv", library_truth_csv=d / _truth.TRUTH_FILE,
            info_json=d / "sample_info.json",
            releases=n_rel, releases_without_artists=sum(1 for r in self.cur.releases if not r.artists),
            artists=n_artists, labels=n_labels, masters=n_masters,
            library_rows=n_lib, library_label_rows=n_prefs,
            kept_by_artist=self.kept[0], kept_by_artist_or_alias=self.kept[1], kept_by_pair=self.kept[2],
            releases_xml_bytes=self.releases_bytes, xml_bytes=self.bytes_total, seconds=seconds,
        )
        payload = {k: (str(v) if isinstance(v, Path) else v) for k, v in info.__dict__.items()
                   if k not in ("seconds", "out_dir")}
        payload = {k: (Path(v).name if k.endswith(("_path", "_db", "_csv", "_json")) else v)
                   for k, v in payload.items()}
        info.info_json.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return info


def generate_sample(out_dir: Path, releases: int = 2000, seed: int = 0, dump_date: str = "20260101",
                    library_fraction: float = DEFAULT_LIBRARY_FRACTION, gzip_level: int = 1,
                    form: str = "current") -> SampleInfo:
    """Write a seeded Discogs-shaped dump (four ``discogs_<date>_*.xml.gz``), ``library.db``,
    ``library_labels.csv`` and ``sample_info.json`` into ``out_dir``.

    ``releases`` is the exact number of ``<release>`` elements; ``library_fraction`` the rough
    share of them credited to library artists (the curated scenarios are always included, so
    small samples run above it). ``form`` is the dump's shape: ``"current"`` as Discogs writes it
    today, ``"older"`` as until 2024 (see ``_form``); a seed gives the same releases in both.
    Output bytes depend only on the arguments.
    """
    if not (len(dump_date) == 8 and dump_date.isdigit()):
        raise ValueError(f"dump_date must be YYYYMMDD, got {dump_date!r}")
    low = minimum_releases()
    if releases < low:
        raise ValueError(f"releases must be at least {low} (the curated scenarios alone take {low - 40})")
    if not 0.0 <= library_fraction < 0.5:
        raise ValueError("library_fraction must be in [0, 0.5)")
    if not 0 <= gzip_level <= 9:
        raise ValueError("gzip_level must be 0..9")
    if form not in FORMS:
        raise ValueError(f"form must be one of {', '.join(FORMS)}, got {form!r}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    return _Generator(out_dir, releases, seed, dump_date, library_fraction, gzip_level, FORMS[form]).run()
