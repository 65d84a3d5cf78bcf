"""Hand-written scenarios: the part of the sample that exercises every documented edge case.

Everything here is plain data built once per run. The Discogs side (artists, labels, masters,
releases) and the station side (library rows, preferred labels) are written together so each
scenario reads in one place. Ids are assigned in declaration order and are stable for a given
version of this file; the generator places these releases at seeded positions among the filler.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VARIOUS = "Various"


@dataclass
class CArtist:
    id: int
    name: str
    realname: str = ""
    profile: str = ""
    variations: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # names of other curated artists (resolved to ids)
    members: tuple[str, ...] = ()
    urls: tuple[str, ...] = ()
    old_style_members: bool = False  # <members><id>..</id><name id="..">..</name>


@dataclass
class CLabel:
    id: int
    name: str
    parent: str | None = None
    profile: str = ""


@dataclass
class CTrack:
    position: str
    title: str
    duration: str = ""
    artists: tuple[str, ...] = ()
    extras: tuple[tuple[str, str], ...] = ()  # (artist name, role)
    sub_tracks: tuple["CTrack", ...] = ()


@dataclass
class CRelease:
    artists: tuple[tuple[str, str], ...]  # (artist name, join); empty -> no <artists> element
    title: str
    master: str | None = None
    country: str | None = "US"  # None -> element absent, "" -> empty element
    released: str = ""
    labels: tuple[tuple[str, str], ...] = ()  # (label name, catno)
    formats: tuple[tuple[str, str, tuple[str, ...]], ...] = (("CD", "1", ("Album",)),)
    tracks: tuple[CTrack, ...] | None = ()  # None -> <tracklist/>
    extras: tuple[tuple[str, str], ...] = ()
    genres: tuple[str, ...] = ("Rock",)
    styles: tuple[str, ...] = ()
    notes_xml: str = ""  # raw XML content of <notes> (already escaped / CDATA)
    images: int = 1
    videos: int = 0
    companies: int = 0
    status: str = "Accepted"
    anv: dict[str, str] = field(default_factory=dict)


@dataclass
class CMaster:
    id: int
    key: str
    artists: tuple[str, ...]
    title: str
    year: int | None
    genres: tuple[str, ...]
    styles: tuple[str, ...]


@dataclass
class LibRow:
    artist: str
    title: str
    alternate: str | None = None
    genre: str = "Rock"
    fmt: str = "CD"
    category: str = "exact"  # how its spelling differs from the credit (_truth.CATEGORIES)
    # The releases it stands for: (credited main artist, exact release title) pairs.
    holds: tuple[tuple[str, str], ...] = ()


@dataclass
class Curated:
    artists: list[CArtist] = field(default_factory=list)
    labels: list[CLabel] = field(default_factory=list)
    masters: list[CMaster] = field(default_factory=list)
    releases: list[CRelease] = field(default_factory=list)
    library: list[LibRow] = field(default_factory=list)
    label_prefs: list[tuple[str, str, str]] = field(default_factory=list)
    _artist_ids: dict[str, int] = field(default_factory=dict)
    _label_ids: dict[str, int] = field(default_factory=dict)
    _master_ids: dict[str, int] = field(default_factory=dict)

    # -- builders ---------------------------------------------------------------------------
    def artist(self, name: str, **kw) -> str:
        if name in self._artist_ids:
            raise ValueError(f"duplicate curated artist {name!r}")
        art = CArtist(id=len(self.artists) + 1, name=name, **kw)
        self.artists.append(art)
        self._artist_ids[name] = art.id
        return name

    def label(self, name: str, parent: str | None = None, profile: str = "") -> str:
        if parent is not None and parent not in self._label_ids:
            self.label(parent)
        if name not in self._label_ids:
            lab = CLabel(id=len(self.labels) + 1, name=name, parent=parent, profile=profile)
            self.labels.append(lab)
            self._label_ids[name] = lab.id
        return name

    def master(self, key: str, artists: tuple[str, ...], title: str, year: int | None,
               genres: tuple[str, ...] = ("Rock",), styles: tuple[str, ...] = ()) -> str:
        m = CMaster(len(self.masters) + 1, key, artists, title, year, genres, styles)
        self.masters.append(m)
        self._master_ids[key] = m.id
        return key

    def rel(self, artists, title: str, **kw) -> CRelease:
        if isinstance(artists, str):
            artists = ((artists, ""),)
        r = CRelease(artists=tuple(artists), title=title, **kw)
        for name, _catno in r.labels:
            self.label(name)
        self.releases.append(r)
        return r

    def lib(self, artist: str, title: str, alternate: str | None = None, genre: str = "Rock",
            fmt: str = "CD", cat: str = "exact", holds: tuple[tuple[str, str], ...] | None = None) -> None:
        """A library row; ``holds`` defaults to the release credited and titled as the row is."""
        self.library.append(LibRow(artist, title, alternate, genre, fmt, cat,
                                   ((artist, title),) if holds is None else holds))

    # -- lookups ----------------------------------------------------------------------------
    def artist_id(self, name: str) -> int:
        return self._artist_ids[name]

    def label_id(self, name: str) -> int:
        return self._label_ids[name]

    def master_id(self, key: str) -> int:
        return self._master_ids[key]

    def finish(self) -> "Curated":
        """Create bare entries for every name referenced but not declared."""
        referenced: list[str] = []
        for a in list(self.artists):
            referenced += list(a.aliases) + list(a.members)
        for r in self.releases:
            referenced += [n for n, _ in r.artists] + [n for n, _ in r.extras]
            stack = list(r.tracks or ())
            while stack:
                t = stack.pop(0)
                referenced += list(t.artists) + [n for n, _ in t.extras]
                stack.extend(t.sub_tracks)
        for m in self.masters:
            referenced += list(m.artists)
        for name in referenced:
            if name not in self._artist_ids:
                self.artist(name)
        return self


def T(*titles: str, vinyl: bool = False, durations: tuple[str, ...] = ()) -> tuple[CTrack, ...]:
    """Tracks with generated positions (1, 2, … or A1, A2, B1, …)."""
    out = []
    n = len(titles)
    half = (n + 1) // 2
    for i, title in enumerate(titles):
        if vinyl:
            pos = f"A{i + 1}" if i < half else f"B{i - half + 1}"
        else:
            pos = str(i + 1)
        dur = durations[i] if i < len(durations) else f"{2 + (i * 7) % 6}:{(i * 23) % 60:02d}"
        out.append(CTrack(pos, title, dur))
    return tuple(out)


def numbered(n: int, stem: str = "Track", vinyl: bool = False) -> tuple[CTrack, ...]:
    return T(*[f"{stem} {i + 1}" for i in range(n)], vinyl=vinyl)


OKC = ("Airbag", "Paranoid Android", "Subterranean Homesick Alien", "Exit Music (For A Film)",
       "Let Down", "Karma Police", "Fitter Happier", "Electioneering", "Climbing Up The Walls",
       "No Surprises", "Lucky", "The Tourist")
KIDA = ("Everything In Its Right Place", "Kid A", "The National Anthem",
        "How To Disappear Completely", "Treefingers", "Optimistic", "In Limbo", "Idioteque",
        "Morning Bell", "Motion Picture Soundtrack")
UP = ("Disorder", "Day Of The Lords", "Candidate", "Insight", "New Dawn Fades", "She's Lost Control",
      "Shadowplay", "Wilderness", "Interzone", "I Remember Nothing")
DOOLITTLE = ("Debaser", "Tame", "Wave Of Mutilation", "I Bleed", "Here Comes Your Man", "Dead",
             "Monkey Gone To Heaven", "Mr. Grieves", "Crackity Jones", "La La Love You", "No. 13 Baby",
             "There Goes My Gun", "Hey", "Silver", "Gouge Away")
NEVERMIND = ("Smells Like Teen Spirit", "In Bloom", "Come As You Are", "Breed", "Lithium", "Polly",
             "Territorial Pissings", "Drain You", "Lounge Act", "Stay Away", "On A Plain",
             "Something In The Way")
ABBEY = ("Come Together", "Something", "Maxwell's Silver Hammer", "Oh! Darling",
         "Octopus's Garden", "I Want You (She's So Heavy)", "Here Comes The Sun", "Because",
         "You Never Give Me Your Money", "Sun King", "Mean Mr. Mustard", "Polythene Pam",
         "She Came In Through The Bathroom Window", "Golden Slumbers", "Carry That Weight",
         "The End", "Her Majesty")


def build() -> Curated:  # noqa: PLR0915 - one long declarative scenario list
    c = Curated()
    A, L, M, R, LIB = c.artist, c.label, c.master, c.rel, c.lib

    # ---- labels: hierarchy (labels.xml parentLabel / sublabels) -------------------------------
    L("EMI", profile="British multinational music recording and music publishing company.")
    L("Parlophone", parent="EMI")
    L("Capitol Records", parent="EMI")
    L("Toshiba-EMI", parent="EMI")
    L("Beggars Group")
    L("4AD", parent="Beggars Group")
    L("Matador Records", parent="Beggars Group")
    L("Beggars Banquet", parent="Beggars Group")
    L("XL Recordings", parent="Beggars Group")
    L("Universal Music Group")
    L("Geffen Records", parent="Universal Music Group")
    L("DGC", parent="Geffen Records")
    L("MCA Records", parent="Universal Music Group")
    L("Island Records", parent="Universal Music Group")
    L("Warner Music Group")
    L("Elektra", parent="Warner Music Group")
    L("Sire", parent="Warner Music Group")
    L("Qwest Records", parent="Warner Music Group")
    L("Factory Records")
    L("Factory Benelux", parent="Factory Records")

    # ---- Radiohead: multi-release masters, US vs UK vs no country, label preference --------
    A("Radiohead", profile="Alternative rock band from Abingdon, Oxfordshire, England.",
      members=("Thom Yorke", "Jonny Greenwood", "Colin Greenwood", "Ed O'Brien", "Philip Selway"),
      urls=("https://www.radiohead.com", "https://en.wikipedia.org/wiki/Radiohead", ""))
    A("Nigel Godrich", variations=("N. Godrich", "Godrich"))
    M("okc", ("Radiohead",), "OK Computer", 1997, ("Electronic", "Rock"), ("Alternative Rock", "Art Rock"))
    okc_extras = (("Nigel Godrich", "Producer, Engineer"), ("Radiohead", "Producer"))
    R("Radiohead", "OK Computer", master="okc", country="UK", released="1997-06-16",
      labels=(("Parlophone", "7243 8 55229 2 5"), ("Parlophone", "NODATA 02")),
      tracks=T(*OKC), extras=okc_extras, genres=("Electronic", "Rock"),
      styles=("Alternative Rock", "Art Rock"), images=2, videos=2, companies=3,
      notes_xml="Initial copies came with a &quot;Lucky&quot; sticker.\n"
                "Tracks 1&#8211;12 \u2117 &amp; \u00a9 1997 EMI Records Ltd.\tMade in the EU.")
    R("Radiohead", "OK Computer", master="okc", country="US", released="1997-07-01",
      labels=(("Capitol Records", "CDP 7243 8 55229 2 5"),), tracks=T(*OKC), extras=okc_extras,
      genres=("Electronic", "Rock"), companies=2)
    R("Radiohead", "OK Computer", master="okc", country="Japan", released="1997-05-21",
      labels=(("Toshiba-EMI", "TOCP-50201"),), tracks=T(*OKC, "Polyethylene (Parts 1 & 2)"),
      notes_xml="Bonus track for Japan.&#13;\nObi strip included.")
    R("Radiohead", "OK Computer", master="okc", country="UK", released="1997",
      labels=(("Parlophone", "NODATA 02"),),
      formats=(("Vinyl", "2", ("LP", "Album")),), tracks=None)
    R("Radiohead", "OK Computer", master="okc", country=None, released="2009",
      labels=(("Parlophone", "none"),), tracks=T(*OKC))
    R("Radiohead", "OK Computer OKNOTOK 1997 2017", master=M("oknotok", ("Radiohead",),
      "OK Computer OKNOTOK 1997 2017", 2017), country="UK", released="2017-06-23",
      labels=(("XL Recordings", "XLCD868"),),
      formats=(("CD", "2", ("Album", "Reissue", "Remastered")),),
      tracks=T(*OKC, "I Promise", "Man Of War", "Lift", "Lull", "Meeting In The Aisle",
               "Melatonin", "A Reminder", "Polyethylene (Parts 1 & 2)", "Pearly*",
               "Palo Alto", "How I Made My Millions"))
    M("kida", ("Radiohead",), "Kid A", 2000, ("Electronic", "Rock"), ("IDM", "Alternative Rock"))
    R("Radiohead", "Kid A", master="kida", country="UK", released="2000-10-02",
      labels=(("Parlophone", "7243 5 27753 2 3"),), tracks=T(*KIDA),
      extras=(("Nigel Godrich", "Producer"),), genres=("Electronic", "Rock"))
    R("Radiohead", "Kid A", master="kida", country="US", released="2000-10-03",
      labels=(("Capitol Records", "CDP 7243 5 27753 2 3"),), tracks=T(*KIDA))
    R("Radiohead", "KID A", master="kida", country="Canada", released="2000",
      labels=(("Capitol Records", "CDP 27753"),), tracks=T(*KIDA))
    R("Radiohead", "Kid A\t(Promo)", master="kida", country="", released="2000-09-00",
      labels=(("Capitol Records", "DPRO-7087-6-15822-2-3"),),
      formats=(("CD", "1", ("Promo", "Sampler")),), tracks=T(*KIDA[:3]))
    R("Radiohead", "Kid A Mnesia", master=M("kidamnesia", ("Radiohead",), "Kid A Mnesia", 2021),
      country="UK", released="2021-11-05", labels=(("XL Recordings", "XL1166CD"),),
      formats=(("CD", "3", ("Album", "Compilation")),), tracks=T(*KIDA, *[f"Untitled v{i}" for i in range(1, 4)]))
    R("Radiohead", "Amnesiac", country="UK", released="2001-06-04",
      labels=(("Parlophone", "7243 5 32764 2 3"),), tracks=numbered(11, "Amnesiac Track"))
    R("Radiohead", "Amnesiac", country="US", released="2001-06-05",
      labels=(("Capitol Records", "CDP 7243 5 32764 2 3"),), tracks=numbered(11, "Amnesiac Track"))
    R("Radiohead", "In Rainbows", country="UK", released="2007-12-03",
      labels=(("XL Recordings", "XLCD324"),), tracks=numbered(10, "Rainbow Track"))
    R("Radiohead", "Karma Police", country="UK", released="1997-08-25",
      labels=(("Parlophone", "CDODATA 03"),), formats=(("CD", "1", ("Single",)),),
      tracks=T("Karma Police", "Meeting In The Aisle", "Lull"))
    R("Radiohead", "", country="UK", released="1996", labels=(),
      formats=(("Acetate", "1", ("10\"",)),), tracks=None, images=0)
    LIB("Radiohead", "OK Computer")
    LIB("Radiohead", "Kid A", fmt="LP",
        holds=(("Radiohead", "Kid A"), ("Radiohead", "KID A"), ("Radiohead", "Kid A\t(Promo)")))
    LIB("Radiohead", "Amnesiac")
    LIB("Radiohead", "OK Computer")  # the station owns two copies
    c.label_prefs.append(("Radiohead", "OK Computer", "Parlophone"))

    # ---- Joy Division: exact label preference beats US/track count ------------------------
    A("Joy Division", members=("Ian Curtis", "Bernard Sumner", "Peter Hook", "Stephen Morris"),
      old_style_members=True)
    A("Martin Hannett", variations=("Martin Zero",))
    M("up", ("Joy Division",), "Unknown Pleasures", 1979, ("Rock",), ("Post-Punk",))
    R("Joy Division", "Unknown Pleasures", master="up", country="UK", released="1979-06-15",
      labels=(("Factory Records", "FACT 10"),), formats=(("Vinyl", "1", ("LP", "Album")),),
      tracks=T(*UP, vinyl=True), extras=(("Martin Hannett", "Producer"),), styles=("Post-Punk",),
      notes_xml="<![CDATA[Sleeve: <b>Peter Saville</b>. Outside \"sides\" & \"inside\" labels.\n"
                "Run-out etchings:\tSIDE A \"This is the way\" / SIDE B \"Step inside\"]]>")
    R("Joy Division", "Unknown Pleasures", master="up", country="US", released="1989",
      labels=(("Qwest Records", "9 25840-2"),), tracks=T(*UP))
    R("Joy Division", "Unknown Pleasures", master="up", country="US", released="1995-00-00",
      labels=(("Qwest Records", "9 25840-2"),), tracks=T(*UP[:9]))
    R("Joy Division", "Unknown Pleasures (Collector's Edition)", master="up", country="Germany",
      released="2007-09-24", labels=(("Factory Benelux", "FBN 10"),),
      formats=(("CD", "2", ("Album", "Reissue", "Remastered")),),
      tracks=T(*UP, *[f"Live At The Factory {i}" for i in range(1, 11)]))
    R("Joy Division", "Guilty Pleasures", country="Europe", released="1990",
      labels=(("Not On Label (Joy Division)", "none"),),
      formats=(("Vinyl", "1", ("LP", "Unofficial Release")),), tracks=numbered(8, "Bootleg", vinyl=True))
    M("closer", ("Joy Division",), "Closer", 1980, ("Rock",), ("Post-Punk",))
    R("Joy Division", "Closer", master="closer", country="UK", released="1980-07-18",
      labels=(("Factory Records", "FACT 25"),), formats=(("Vinyl", "1", ("LP",)),),
      tracks=numbered(9, "Closer Track", vinyl=True))
    R("Joy Division", "Closer", country="UK", released="",
      labels=(("Factory Records", "FACD 25"),), tracks=numbered(9, "Closer Track"))
    LIB("Joy Division", "Unknown Pleasures", fmt="LP", holds=(
        ("Joy Division", "Unknown Pleasures"), ("Joy Division", "Unknown Pleasures (Collector's Edition)")))
    LIB("Joy Division", "Closer")
    c.label_prefs.append(("Joy Division", "Unknown Pleasures", "Factory Records"))

    # ---- Pixies: preferred label is the parent of the release's label (4AD < Beggars Group)
    A("Pixies", variations=("The Pixies",))
    A("Gil Norton")
    M("doolittle", ("Pixies",), "Doolittle", 1989, ("Rock",), ("Indie Rock", "Alternative Rock"))
    R("Pixies", "Doolittle", master="doolittle", country="UK", released="1989-04-17",
      labels=(("4AD", "CAD 905 CD"),), tracks=T(*DOOLITTLE), extras=(("Gil Norton", "Producer"),))
    R("Pixies", "Doolittle", master="doolittle", country="US", released="1989-04-18",
      labels=(("Elektra", "9 60856-2"),), tracks=T(*DOOLITTLE))
    R("Pixies", "Doolittle 25", master=M("doolittle25", ("Pixies",), "Doolittle 25", 2014),
      country="UK & Europe", released="2014-12-01", labels=(("4AD", "DAD 3426CD"),),
      formats=(("CD", "3", ("Album", "Reissue")),), tracks=T(*DOOLITTLE, *[f"Demo {i}" for i in range(1, 9)]))
    R("Pixies", "Surfer Rosa", country="UK", released="1988-03-21",
      labels=(("4AD", "CAD 803"),), formats=(("Vinyl", "1", ("LP", "Album")),),
      tracks=numbered(13, "Surfer Track", vinyl=True))
    LIB("Pixies", "Doolittle")
    c.label_prefs.append(("Pixies", "Doolittle", "Beggars Group"))

    # ---- Pavement: "&" vs "and" in titles, empty library title -----------------------------
    A("Pavement")
    M("sae", ("Pavement",), "Slanted & Enchanted", 1992, ("Rock",), ("Indie Rock", "Lo-Fi"))
    R("Pavement", "Slanted & Enchanted", master="sae", country="US", released="1992-04-20",
      labels=(("Matador Records", "OLE 038-2"),), tracks=numbered(14, "Slanted Track"))
    R("Pavement", "Slanted And Enchanted", master="sae", country="UK", released="1992",
      labels=(("Big Cat", "ABB 34 CD"),), tracks=numbered(14, "Slanted Track"))
    R("Pavement", "Slanted & Enchanted: Luxe & Reduxe", master="sae", country="US",
      released="2002-10-29", labels=(("Matador Records", "OLE 549-2"),),
      formats=(("CD", "2", ("Album", "Reissue", "Deluxe Edition")),),
      tracks=numbered(48, "Luxe Track"))
    LIB("Pavement", "Slanted and Enchanted", cat="and", holds=(
        ("Pavement", "Slanted & Enchanted"), ("Pavement", "Slanted And Enchanted"),
        ("Pavement", "Slanted & Enchanted: Luxe & Reduxe")))
    LIB("Pavement", "", cat="no-title", holds=())  # an export row without a title

    # ---- Björk: accents, case, spelling variants in the library, alternate artist name ----
    A("Björk", realname="Björk Guðmundsdóttir", variations=("Bjork", "Björk Guðmundsdóttir", "Бьорк"),
      profile="Icelandic singer, songwriter, composer.\r\nFormer member of [a=The Sugarcubes].",
      urls=("https://bjork.com",))
    A("Björk Guðmundsdóttir & Tríó Guðmundar Ingólfssonar")
    M("homogenic", ("Björk",), "Homogenic", 1997, ("Electronic", "Pop"), ("Trip Hop", "Ambient"))
    R("Björk", "Homogenic", master="homogenic", country="UK", released="1997-09-22",
      labels=(("One Little Indian", "TPLP71CD"),), tracks=numbered(10, "Homogenic Track"),
      genres=("Electronic", "Pop"), styles=("Trip Hop",))
    R("Björk", "Homogenic", master="homogenic", country="US", released="1997-09-23",
      labels=(("Elektra", "62061-2"),), tracks=numbered(10, "Homogenic Track"))
    R("Björk", "Début", country="France", released="1993",
      labels=(("One Little Indian", "TPLP31CD"),), tracks=numbered(11, "Début Track"))
    R("Björk", "Debut", country="UK", released="1993-07-05",
      labels=(("One Little Indian", "TPLP31CD"),), tracks=numbered(11, "Debut Track"))
    R("Björk", "VESPERTINE", country="US", released="2001-08-28",
      labels=(("Elektra", "62653-2"),), tracks=numbered(12, "Vespertine Track"))
    R("Björk", "Vespers", country="Europe", released="2001",
      labels=(("Not On Label (Björk)", "none"),),
      formats=(("CDr", "1", ("EP", "Unofficial Release")),), tracks=numbered(4, "Vespers"))
    R("Björk", "Post", country="UK", released="1995-06-13",
      labels=(("One Little Indian", "TPLP51CD"),), tracks=numbered(11, "Post Track"))
    R("Björk Guðmundsdóttir & Tríó Guðmundar Ingólfssonar", "Gling-Gló", country="Iceland",
      released="1990", labels=(("Smekkleysa", "SM 27 CD"),), genres=("Jazz",),
      tracks=T("Gling Gló", "Luktar-Gvendur", "Kata Rokkar", "Pabbi Minn", "Bella Símamær"))
    LIB("Björk", "Homogenic", genre="Electronic")
    LIB("Björk", "Debut", genre="Electronic", holds=(("Björk", "Debut"), ("Björk", "Début")))
    LIB("Björk", "Vespertine", genre="Electronic", cat="case", holds=(("Björk", "VESPERTINE"),))
    LIB("Bjork", "Post", genre="Electronic", cat="accents", holds=(("Björk", "Post"),))
    LIB("Björk", "Gling-Gló", alternate="Björk Guðmundsdóttir & Tríó Guðmundar Ingólfssonar",
        genre="Jazz", cat="alternate-name",
        holds=(("Björk Guðmundsdóttir & Tríó Guðmundar Ingólfssonar", "Gling-Gló"),))

    # ---- Sigur Rós / Nilüfer Yanya: non-ASCII names and titles ----------------------------
    A("Sigur Rós", variations=("Sigur Ros",))
    M("agaetis", ("Sigur Rós",), "Ágætis Byrjun", 1999, ("Rock",), ("Post Rock",))
    R("Sigur Rós", "Ágætis Byrjun", master="agaetis", country="Iceland", released="1999-06-12",
      labels=(("Smekkleysa", "SM 79 CD"),), tracks=T("Intro", "Svefn-g-englar", "Starálfur",
      "Flugufrelsarinn", "Ný Batterí", "Hjartað Hamast (Bamm Bamm Bamm)", "Viðrar Vel Til Loftárása",
      "Olsen Olsen", "Ágætis Byrjun", "Avalon"))
    R("Sigur Rós", "Ágætis byrjun", master="agaetis", country="UK", released="2000",
      labels=(("Fat Cat Records", "FATCD11"),), tracks=numbered(10, "Lag"))
    R("Sigur Rós", "( )", country="US", released="2002-10-28", labels=(("MCA Records", "088 113 091-2"),),
      tracks=T(*["Untitled"] * 8))
    LIB("Sigur Rós", "Ágætis byrjun", holds=(("Sigur Rós", "Ágætis Byrjun"), ("Sigur Rós", "Ágætis byrjun")))
    LIB("Sigur Rós", "( )")
    A("Nilüfer Yanya", realname="Nilüfer Yanya", variations=("Nilufer Yanya",))
    M("painless", ("Nilüfer Yanya",), "PAINLESS", 2022)
    R("Nilüfer Yanya", "PAINLESS", master="painless", country="UK", released="2022-03-04",
      labels=(("ATO Records", "ATO0590CD"),), tracks=numbered(12, "Painless Track"),
      anv={"Nilüfer Yanya": "Nilufer Yanya"})
    R("Nilüfer Yanya", "PAINLESS", master="painless", country="US", released="2022-03-04",
      labels=(("ATO Records", "ATO0590"),), formats=(("Vinyl", "1", ("LP", "Album")),),
      tracks=numbered(12, "Painless Track", vinyl=True))
    R("Nilüfer Yanya", "Miss Universe", country="UK", released="2019-03-22",
      labels=(("ATO Records", "ATO0443CD"),), tracks=numbered(17, "Universe Track"))
    R("Nilüfer Yanya", "Feeling Lucky?", country="UK", released="2020",
      labels=(("ATO Records", "ATO0512"),), formats=(("File", "1", ("MP3", "EP")),),
      tracks=numbered(3, "Lucky"))
    LIB("Nilufer Yanya", "Painless", cat="accents", holds=(("Nilüfer Yanya", "PAINLESS"),))
    LIB("Nilufer Yanya", "Miss Universe", cat="accents", holds=(("Nilüfer Yanya", "Miss Universe"),))

    # ---- Nirvana vs Nirvana (2); Boris (3) known only through a name variation ----------
    A("Nirvana", members=("Kurt Cobain", "Krist Novoselic", "Dave Grohl"),
      variations=("Nirvana (US)",))
    A("Nirvana (2)", profile="British psychedelic pop group formed in London in 1967.")
    A("Butch Vig")
    A("Steve Albini")
    M("nevermind", ("Nirvana",), "Nevermind", 1991, ("Rock",), ("Grunge", "Alternative Rock"))
    R("Nirvana", "Nevermind", master="nevermind", country="US", released="1991-09-24",
      labels=(("DGC", "DGCD-24425"),), tracks=T(*NEVERMIND), extras=(("Butch Vig", "Producer"),),
      videos=1)
    R("Nirvana", "Nevermind", master="nevermind", country="UK", released="1991-09-23",
      labels=(("DGC", "DGCD 24425"),), tracks=T(*NEVERMIND, "Endless, Nameless"))
    R("Nirvana", "Nevermind (Deluxe Edition)", master="nevermind", country="US", released="2011",
      labels=(("DGC", "B0015885-02"),), formats=(("CD", "2", ("Album", "Deluxe Edition")),),
      tracks=T(*NEVERMIND, *[f"Boombox Rehearsal {i}" for i in range(1, 28)]))
    R("Nirvana", "Nevermore", country="Europe", released="1992",
      labels=(("Not On Label (Nirvana)", "none"),),
      formats=(("Vinyl", "1", ("LP", "Unofficial Release")),), tracks=numbered(10, "Boot", vinyl=True))
    R("Nirvana", "In Utero", country="US", released="1993-09-21", labels=(("DGC", "DGCD-24607"),),
      tracks=numbered(12, "Utero Track"), extras=(("Steve Albini", "Recorded By"),))
    R("Nirvana", "Bleach", country="US", released="1989-06-15", labels=(("Sub Pop", "SP34"),),
      tracks=numbered(11, "Bleach Track"))
    R("Nirvana (2)", "The Story Of Simon Simopath", country="UK", released="1968",
      labels=(("Island Records", "ILPS 9059"),), formats=(("Vinyl", "1", ("LP", "Mono")),),
      tracks=numbered(10, "Simopath", vinyl=True), genres=("Rock", "Pop"), styles=("Psychedelic Rock",))
    R("Nirvana (2)", "All Of Us", country="UK", released="1968",
      labels=(("Island Records", "ILPS 9087"),), tracks=numbered(10, "All Of Us Track"))
    LIB("Nirvana", "Nevermind", holds=(("Nirvana", "Nevermind"), ("Nirvana", "Nevermind (Deluxe Edition)")))
    LIB("Nirvana", "In Utero")
    A("Boris (3)", variations=("Boris", "ボリス"),
      profile="Japanese band from Tokyo formed in 1992.")
    M("pink", ("Boris (3)",), "Pink", 2005, ("Rock",), ("Stoner Rock", "Drone"))
    R("Boris (3)", "Pink", master="pink", country="Japan", released="2005-11-04",
      labels=(("Diwphalanx Records", "PX148"),), tracks=numbered(11, "Pink Track"))
    R("Boris (3)", "Pink", master="pink", country="US", released="2006",
      labels=(("Southern Lord", "SUNN55"),), tracks=numbered(11, "Pink Track"))
    LIB("Boris", "Pink", cat="disambiguator", holds=(("Boris (3)", "Pink"),))
    A("Low (4)", profile="American slowcore band from Duluth, Minnesota.")
    M("thingswelost", ("Low (4)",), "Things We Lost In The Fire", None)
    R("Low (4)", "Things We Lost In The Fire", master="thingswelost", country="US", released="",
      labels=(("Kranky", "krank 046"),), tracks=numbered(13, "Fire Track"))
    LIB("Low", "Things We Lost in the Fire", cat="disambiguator", holds=(("Low (4)", "Things We Lost In The Fire"),))

    # ---- articles: library "Beatles, The" vs Discogs "The Beatles", and the reverse ----------
    A("The Beatles", variations=("Beatles",),
      members=("John Lennon", "Paul McCartney", "George Harrison", "Ringo Starr"))
    A("George Martin")
    L("Apple Records")
    M("abbey", ("The Beatles",), "Abbey Road", 1969, ("Rock", "Pop"), ("Pop Rock",))
    R("The Beatles", "Abbey Road", master="abbey", country="UK", released="1969-09-26",
      labels=(("Apple Records", "PCS 7088"),), formats=(("Vinyl", "1", ("LP", "Album", "Stereo")),),
      tracks=T(*ABBEY, vinyl=True), extras=(("George Martin", "Producer"),))
    R("The Beatles", "Abbey Road", master="abbey", country="US", released="1969-10-01",
      labels=(("Apple Records", "SO-383"),), formats=(("Vinyl", "1", ("LP", "Album")),),
      tracks=T(*ABBEY[:16], vinyl=True))
    R("The Beatles", "Abbey Road (Super Deluxe Edition)", master="abbey", country="Europe",
      released="2019-09-27", labels=(("Apple Records", "0602508007442"),),
      formats=(("CD", "3", ("Album", "Reissue")), ("Blu-ray", "1", ("Album",)),
               ("Box Set", "1", ("Deluxe Edition",))), tracks=T(*ABBEY, *[f"Take {i}" for i in range(1, 24)]))
    R("The Beatles", "Abbey Lane", country="US", released="1975",
      labels=(("Not On Label (The Beatles)", "none"),),
      formats=(("Vinyl", "1", ("LP", "Unofficial Release")),), tracks=numbered(12, "Outtake", vinyl=True))
    M("revolver", ("The Beatles",), "Revolver", 1966)
    R("The Beatles", "Revolver", master="revolver", country="UK", released="1966-08-05",
      labels=(("Parlophone", "PCS 7009"),), formats=(("Vinyl", "1", ("LP",)),),
      tracks=numbered(14, "Revolver Song", vinyl=True))
    R("The Beatles", "Revolver", master="revolver", country="US", released="1966-08-08",
      labels=(("Capitol Records", "ST 2576"),), formats=(("Vinyl", "1", ("LP",)),),
      tracks=numbered(11, "Revolver Song", vinyl=True))
    LIB("Beatles, The", "Abbey Road", fmt="LP", cat="filing-article",
        holds=(("The Beatles", "Abbey Road"), ("The Beatles", "Abbey Road (Super Deluxe Edition)")))
    LIB("Beatles, The", "Revolver", fmt="LP", cat="filing-article", holds=(("The Beatles", "Revolver"),))
    c.label_prefs.append(("Beatles, The", "Revolver", "Parlophone"))
    A("Fall, The", variations=("The Fall",), profile="Discogs sorts this name with the article last.")
    R("Fall, The", "This Nation's Saving Grace", country="UK", released="1985-09-23",
      labels=(("Beggars Banquet", "BEGA 67"),), tracks=numbered(10, "Grace Track"))
    LIB("The Fall", "This Nation's Saving Grace", cat="filing-article",
        holds=(("Fall, The", "This Nation's Saving Grace"),))
    A("The Smiths")
    R("The Smiths", "The Queen Is Dead", country="UK", released="1986-06-16",
      labels=(("Rough Trade", "ROUGH 96"),), tracks=numbered(10, "Queen Track"))
    LIB("The Smiths", "The Queen Is Dead")

    # ---- "&" vs "and" in artist names --------------------------------------------------
    A("Simon & Garfunkel", variations=("Simon And Garfunkel", "S&G"),
      members=("Paul Simon", "Art Garfunkel"))
    M("bridge", ("Simon & Garfunkel",), "Bridge Over Troubled Water", 1970)
    R("Simon & Garfunkel", "Bridge Over Troubled Water", master="bridge", country="US",
      released="1970-01-26", labels=(("Columbia", "KCS 9914"),),
      formats=(("Vinyl", "1", ("LP", "Album")),), tracks=numbered(11, "Bridge Song", vinyl=True))
    R("Simon & Garfunkel", "Bridge Over Troubled Water", master="bridge", country="UK",
      released="1970", labels=(("CBS", "S 63699"),), tracks=numbered(11, "Bridge Song"))
    LIB("Simon and Garfunkel", "Bridge Over Troubled Water", cat="and",
        holds=(("Simon & Garfunkel", "Bridge Over Troubled Water"),))
    A("Echo & The Bunnymen")
    R("Echo & The Bunnymen", "Ocean Rain", country="UK", released="1984-05-04",
      labels=(("Korova", "KODE 8"),), tracks=numbered(9, "Ocean Track"))
    LIB("Echo & the Bunnymen", "Ocean Rain", cat="case", holds=(("Echo & The Bunnymen", "Ocean Rain"),))

    # ---- several main artists: "&" and "Feat." joins -----------------------------------
    A("Duke Ellington")
    A("John Coltrane")
    M("ellcol", ("Duke Ellington", "John Coltrane"), "Duke Ellington & John Coltrane", 1963,
      ("Jazz",), ("Modal",))
    R((("Duke Ellington", "&"), ("John Coltrane", "")), "Duke Ellington & John Coltrane",
      master="ellcol", country="US", released="1963-02-00", labels=(("Impulse!", "A-30"),),
      tracks=T("In A Sentimental Mood", "Take The Coltrane", "Big Nick", "Stevie", "My Little Brown Book",
               "Angelica", "The Feeling Of Jazz"), genres=("Jazz",), styles=("Modal",))
    R("John Coltrane", "Giant Steps", country="US", released="1960", labels=(("Atlantic", "SD 1311"),),
      tracks=numbered(7, "Steps"), genres=("Jazz",), styles=("Hard Bop",))
    LIB("John Coltrane", "Giant Steps", genre="Jazz")
    LIB("John Coltrane", "Duke Ellington & John Coltrane", genre="Jazz")
    A("Gorillaz")
    A("De La Soul")
    R("Gorillaz", "Demon Days", country="UK", released="2005-05-23",
      labels=(("Parlophone", "0946 3 11559 2 0"),), tracks=numbered(15, "Demon Track"))
    R((("Gorillaz", "Feat."), ("De La Soul", "")), "Feel Good Inc.", country="UK",
      released="2005-05-09", labels=(("Parlophone", "12R 6663"),),
      formats=(("Vinyl", "1", ("12\"", "33 \u2153 RPM", "Single")),),
      tracks=T("Feel Good Inc.", "Spitting Out The Demons", "Feel Good Inc. (Instrumental)", vinyl=True))
    LIB("Gorillaz", "Demon Days")
    A("Lou Reed")
    A("John Cale")
    R((("Lou Reed", "&"), ("John Cale", "")), "Songs For Drella", country="US", released="1990",
      labels=(("Sire", "9 26140-2"),), tracks=numbered(15, "Drella Song"))
    LIB("Lou Reed & John Cale", "Songs for Drella", cat="joined-artists", holds=(("Lou Reed", "Songs For Drella"),))

    # ---- aliases: releases credited to an alias id -------------------------------------
    A("Aphex Twin", realname="Richard David James",
      aliases=("AFX", "Polygon Window", "Caustic Window", "Richard D. James"),
      variations=("Aphex", "The Aphex Twin"))
    A("AFX", aliases=("Aphex Twin", "Polygon Window", "Caustic Window", "Richard D. James"))
    A("Polygon Window", aliases=("Aphex Twin", "AFX"))
    A("Caustic Window", aliases=("Aphex Twin", "AFX"))
    A("Richard D. James", aliases=("Aphex Twin", "AFX"))
    M("saw", ("Aphex Twin",), "Selected Ambient Works 85-92", 1992, ("Electronic",), ("Ambient", "IDM"))
    R("Aphex Twin", "Selected Ambient Works 85-92", master="saw", country="Belgium",
      released="1992-11-09", labels=(("Apollo", "AMB 3922 CD"),), tracks=numbered(13, "Ambient Work"),
      genres=("Electronic",), styles=("Ambient", "IDM"))
    R("Aphex Twin", "Selected Ambient Works 85-92", master="saw", country="US", released="1993",
      labels=(("R&S Records", "RS 93019 CD"),), tracks=numbered(13, "Ambient Work"),
      genres=("Electronic",))
    R("Aphex Twin", "Selected Ambient Works Volume II", country="UK", released="1994-03-07",
      labels=(("Warp Records", "WARPCD21"),), formats=(("CD", "2", ("Album",)),),
      tracks=numbered(24, "Untitled"), genres=("Electronic",))
    R("Aphex Twin", "Richard D. James Album", country="UK", released="1996-11-04",
      labels=(("Warp Records", "WARPCD43"),), tracks=numbered(10, "Album Track"), genres=("Electronic",))
    R("AFX", "Analord 08", country="UK", released="2005",
      labels=(("Rephlex", "ANALORD 08"),), formats=(("Vinyl", "1", ("12\"", "EP")),),
      tracks=numbered(4, "Analord", vinyl=True), genres=("Electronic",), styles=("Acid",))
    R("Polygon Window", "Surfing On Sine Waves", country="UK", released="1993-01-00",
      labels=(("Warp Records", "WARPCD7"),), tracks=numbered(10, "Sine Wave"), genres=("Electronic",))
    LIB("Aphex Twin", "Selected Ambient Works 85-92", genre="Electronic")
    LIB("Aphex Twin", "Richard D. James Album", genre="Electronic")
    LIB("Caustic Window", "Selected Ambient Works Volume II", genre="Electronic", cat="alias",
        holds=(("Aphex Twin", "Selected Ambient Works Volume II"),))  # filed under an alias
    A("Prince", aliases=("The Artist (Formerly Known As Prince)",),
      variations=("Prince Rogers Nelson", "Prince And The Revolution"))
    A("The Artist (Formerly Known As Prince)", aliases=("Prince",), variations=("TAFKAP",))
    R("Prince", "Sign \"O\" The Times", country="US", released="1987-03-30",
      labels=(("Paisley Park", "1-25577"),), formats=(("Vinyl", "2", ("LP", "Album")),),
      tracks=numbered(16, "Times Song", vinyl=True))
    R("The Artist (Formerly Known As Prince)", "Emancipation", country="US", released="1996-11-19",
      labels=(("NPG Records", "7243 8 54982 2 5"),), formats=(("CD", "3", ("Album",)),),
      tracks=numbered(36, "Emancipation Song"))
    LIB("Prince", "Sign \"O\" the Times", genre="Funk / Soul", cat="case",
        holds=(("Prince", "Sign \"O\" The Times"),))
    LIB("Prince", "Emancipation", genre="Funk / Soul", cat="alias",
        holds=(("The Artist (Formerly Known As Prince)", "Emancipation"),))
    A("Lee \"Scratch\" Perry", variations=("Lee Perry", "Lee Scratch Perry", "Scratch"),
      aliases=("The Upsetters",))
    A("The Upsetters", aliases=("Lee \"Scratch\" Perry",))
    R("Lee \"Scratch\" Perry", "Return Of The Super Ape", country="Jamaica", released="1978",
      labels=(("Lion Of Judah", "LOJ 001"),), tracks=numbered(10, "Super Ape Dub"),
      genres=("Reggae",), styles=("Dub",))
    LIB("Lee Scratch Perry", "Return of the Super Ape", genre="Reggae", cat="punctuation",
        holds=(('Lee "Scratch" Perry', "Return Of The Super Ape"),))

    # ---- compilations: Various + track artists; library compilation names ------------------
    A(VARIOUS, profile="Use this artist for compilations featuring several artists.")
    M("nuggets", (VARIOUS,), "Nuggets: Original Artyfacts From The First Psychedelic Era 1965-1968", 1972)
    nugget_tracks = tuple(
        CTrack(p, t, d, artists=(a,)) for p, t, d, a in (
            ("A1", "I Had Too Much To Dream (Last Night)", "3:01", "The Electric Prunes"),
            ("A2", "Dirty Water", "2:49", "The Standells"),
            ("A3", "Night Time", "2:35", "The Strangeloves"),
            ("B1", "Pushin' Too Hard", "2:36", "The Seeds"),
            ("B2", "Psychotic Reaction", "3:01", "Count Five"),
        )
    )
    R(VARIOUS, "Nuggets: Original Artyfacts From The First Psychedelic Era 1965-1968",
      master="nuggets", country="US", released="1972",
      labels=(("Elektra", "7E-2006"),), formats=(("Vinyl", "2", ("LP", "Compilation")),),
      tracks=nugget_tracks, extras=(("Lenny Kaye", "Compiled By, Liner Notes"),))
    R(VARIOUS, "Nuggets: Original Artyfacts From The First Psychedelic Era 1965-1968",
      master="nuggets", country="UK", released="1976",
      labels=(("Sire", "SASH 3716-2"),), formats=(("Vinyl", "2", ("LP", "Compilation", "Reissue")),),
      tracks=nugget_tracks)
    R(VARIOUS, "No New York", country="US", released="1978", labels=(("Antilles", "AN-7067"),),
      formats=(("Vinyl", "1", ("LP", "Compilation")),),
      tracks=tuple(CTrack(f"{'A' if i < 8 else 'B'}{i % 8 + 1}", f"No Wave {i + 1}", "",
                          artists=(("Contortions", "Teenage Jesus And The Jerks", "Mars", "DNA (2)")[i // 4],))
                   for i in range(16)),
      extras=(("Brian Eno", "Producer"),))
    R(VARIOUS, "Pulp Fiction (Music From The Motion Picture)", country="US", released="1994",
      labels=(("MCA Records", "MCAD-11103"),), genres=("Rock", "Stage & Screen"), styles=("Soundtrack",),
      tracks=(CTrack("1", "Misirlou", "2:27", artists=("Dick Dale & His Del-Tones",)),
              CTrack("2", "Jungle Boogie", "3:05", artists=("Kool & The Gang",),
                     extras=(("Eumir Deodato", "Producer"),)),
              CTrack("3", "Girl, You'll Be A Woman Soon", "3:09", artists=("Urge Overkill",)),
              CTrack("4", "Son Of A Preacher Man", "2:25", artists=("Dusty Springfield",))))
    R(VARIOUS, "Indie Top 20 Volume III", country="UK", released="1988",
      labels=(("Beechwood Music", "TT 003"),), formats=(("Vinyl", "2", ("LP", "Compilation")),),
      tracks=(CTrack("A1", "Gigantic", "3:54", artists=("Pixies",), extras=(("Gil Norton", "Producer"),)),
              CTrack("A2", "Atmosphere", "4:10", artists=("Joy Division",),
                     extras=(("Martin Hannett", "Producer"),)),
              CTrack("B1", "Tuhkalapsi", "4:01", artists=("Värttinä",))))
    R(VARIOUS, "Now That's What I Call Music! 23", country="UK", released="1992-11-16",
      labels=(("EMI", "CDNOW 23"),), formats=(("CD", "2", ("Compilation",)),),
      tracks=tuple(CTrack(f"{d}-{i}", f"Hit {d}.{i}", "3:30", artists=(f"Chart Act {d}{i}",))
                   for d in (1, 2) for i in range(1, 4)))
    LIB("Various Artists - Compilations", "Nuggets: Original Artyfacts from the First Psychedelic Era 1965-1968",
        cat="compilation", holds=((VARIOUS, "Nuggets: Original Artyfacts From The First Psychedelic Era 1965-1968"),))
    LIB("Various Artists - Compilations", "No New York", cat="compilation", holds=((VARIOUS, "No New York"),))
    LIB("Various Artists - Soundtracks", "Pulp Fiction (Music From the Motion Picture)", genre="Soundtracks",
        cat="compilation", holds=((VARIOUS, "Pulp Fiction (Music From The Motion Picture)"),))
    LIB("V/A", "Wanna Buy a Bridge?", cat="station-only", holds=())
    A("The Soundtrack Of Our Lives", variations=("TSOOL",))
    M("behind", ("The Soundtrack Of Our Lives",), "Behind The Music", 2001)
    R("The Soundtrack Of Our Lives", "Behind The Music", master="behind", country="Sweden",
      released="2001-03-12", labels=(("Telegram", "8573 87233 2"),), tracks=numbered(14, "Music Track"))
    R("The Soundtrack Of Our Lives", "Behind The Music", master="behind", country="US",
      released="2002", labels=(("Universal Records", "UNIR 20003-2"),), tracks=numbered(16, "Music Track"))
    LIB("Soundtrack of Our Lives, The", "Behind the Music", cat="filing-article",
        holds=(("The Soundtrack Of Our Lives", "Behind The Music"),))

    # ---- alternate_artist_name, Cyrillic, Japanese, sub_tracks -----------------------------
    A("Sun Ra", aliases=("Sun Ra Arkestra",), variations=("Sun-Ra", "Le Sony'r Ra"))
    A("Sun Ra And His Intergalactic Solar Arkestra",
      variations=("Sun Ra & His Intergalactic Solar Arkestra",))
    R("Sun Ra", "Space Is The Place", country="US", released="1973", labels=(("Blue Thumb Records", "BTS 41"),),
      genres=("Jazz",), styles=("Free Jazz",),
      tracks=(CTrack("A", "Space Is The Place", "21:15"),
              CTrack("", "Sea Of Sounds", "", sub_tracks=(
                  CTrack("B1a", "Rocket Number Nine", "4:11"),
                  CTrack("B1b", "Discipline", "2:03"))),
              CTrack("B2", "Images", "6:20")))
    R("Sun Ra And His Intergalactic Solar Arkestra", "Space Is The Place", country="US",
      released="1993", labels=(("Evidence", "ECD 22070-2"),), genres=("Jazz", "Stage & Screen"),
      tracks=numbered(20, "Soundtrack Cue"))
    LIB("Sun Ra", "Space Is the Place", alternate="Sun Ra and His Intergalactic Solar Arkestra", genre="Jazz",
        cat="case", holds=(("Sun Ra", "Space Is The Place"),
                           ("Sun Ra And His Intergalactic Solar Arkestra", "Space Is The Place")))
    A("Кино", profile="Советская рок-группа.", variations=("Kino",))
    M("gruppa", ("Кино",), "Группа Крови", 1988)
    R("Кино", "Группа Крови", master="gruppa", country="USSR", released="1988",
      labels=(("Мелодия", "С60 27409 009"),), formats=(("Vinyl", "1", ("LP", "Album")),),
      tracks=T("Группа Крови", "Закрой За Мной Дверь, Я Ухожу", "Война", "Спокойная Ночь",
               "Мы Ждём Перемен", "Попробуй Спеть Вместе Со Мной", vinyl=True))
    R("Кино", "Группа Крови", master="gruppa", country="Russia", released="1996",
      labels=(("Moroz Records", "MR 96067 CD"),), tracks=numbered(11, "Песня"))
    LIB("Кино", "Группа крови", alternate="Kino", cat="case", holds=(("Кино", "Группа Крови"),))
    A("Shintaro Sakamoto", variations=("坂本慎太郎", "Sakamoto Shintaro"))
    R("Shintaro Sakamoto", "ナマで踊ろう", country="Japan", released="2014-05-28",
      labels=(("zelone records", "ZEL-012"),),
      tracks=T("ボイス", "スーパーカルト誕生", "あなたもロボットになれる", "義務のように", "ナマで踊ろう"))
    LIB("坂本慎太郎", "ナマで踊ろう", alternate="Shintaro Sakamoto", cat="alternate-name",
        holds=(("Shintaro Sakamoto", "ナマで踊ろう"),))
    A("たま")
    R("たま", "さんだる", country="Japan", released="1990-07-01", labels=(("Nippon Crown", "CRCR-6015"),),
      tracks=numbered(12, "曲"))
    LIB("たま", "さんだる")

    # ---- extra artists: a library artist credited only as producer -------------------------
    A("Brian Eno", variations=("Eno",))
    A("Talking Heads")
    A("Ultravox")
    R("Brian Eno", "Another Green World", country="UK", released="1975-09-00",
      labels=(("Island Records", "ILPS 9351"),), tracks=numbered(14, "Green World"))
    R("Talking Heads", "Remain In Light", country="US", released="1980-10-08",
      labels=(("Sire", "SRK 6095"),), tracks=numbered(8, "Light Song"),
      extras=(("Brian Eno", "Producer"), ("Talking Heads", "Producer")))
    R("Ultravox", "Ultravox!", country="UK", released="1977-02-25",
      labels=(("Island Records", "ILPS 9449"),), tracks=numbered(9, "Ultravox Song"),
      extras=(("Brian Eno", "Producer"), ("Steve Lillywhite", "Producer")))
    LIB("Brian Eno", "Another Green World", genre="Electronic")
    R("Talking Heads", "Stop Making Sense\n(Special New Edition)", country="US", released="1999",
      labels=(("Sire", "9 47475-2"),), tracks=numbered(16, "Live Song"))
    LIB("Talking Heads", "Remain in Light", cat="case", holds=(("Talking Heads", "Remain In Light"),))
    A("David Bowie")
    R("David Bowie", "\"Heroes\"", country="UK", released="1977-10-14",
      labels=(("RCA Victor", "PL 12522"),), tracks=numbered(10, "Berlin Song"),
      extras=(("Brian Eno", "Synthesizer, Guitar [Treatments]"),))
    R("David Bowie", "Low", country="UK", released="1977-01-14",
      labels=(("RCA Victor", "PL 12030"),), tracks=numbered(11, "Low Song"))
    LIB("David Bowie", "\"Heroes\"")
    LIB("David Bowie", "Low")

    # ---- library staples, one release each; an untitled release without artists ----------
    for artist, title, label, catno in (
        ("Sonic Youth", "Daydream Nation", "Enigma", "7 75403-2"),
        ("My Bloody Valentine", "Loveless", "Creation Records", "CRECD 060"),
        ("Yo La Tengo", "I Can Hear The Heart Beating As One", "Matador Records", "OLE 222-2"),
        ("Guided By Voices", "Bee Thousand", "Scat Records", "SCAT 35"),
    ):
        A(artist)
        R(artist, title, country="US" if label != "Creation Records" else "UK", released="1990",
          labels=((label, catno),), tracks=numbered(12, "Song"))
        LIB(artist, title)
    R((), "Untitled Acetate", country="US", released="1970", labels=(), tracks=numbered(2, "Side"))
    LIB("The Pneumatic Zeppelins", "Live On WXYC 1998", cat="station-only", holds=())  # station-only: no Discogs release
    LIB("Chapel Hill Lo-Fi Collective", "Four-Track Demos, Vol. 2", cat="station-only", holds=())
    return c.finish()
