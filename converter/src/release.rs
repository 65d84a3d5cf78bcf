//! Parser for one `<release>` element and its CSV rows.
//!
//! The parser is reused across records: every text value is unescaped into one arena string and
//! referred to by a `Span`, so steady-state parsing allocates nothing. quick-xml's borrowed pull
//! reader tokenizes the record bytes; a context stack decides what each element means.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::csvout::Row;
use crate::errors::declaration;
use crate::filter::{discogs_id, is_compilation_name, normalize_into, Filter};
use crate::identity::{joined_credit, Keys};

/// Output files in column-set order. The first six are the v1 ("legacy") set.
pub const FILES: [&str; 10] = [
    "release",
    "release_artist",
    "release_label",
    "release_track",
    "release_track_artist",
    "release_image",
    "release_genre",
    "release_style",
    "release_company",
    "release_video",
];
pub const NFILES: usize = FILES.len();
pub const LEGACY_NFILES: usize = 6;

pub fn headers(legacy: bool) -> Vec<(&'static str, Vec<&'static str>)> {
    let mut h: Vec<(&str, Vec<&str>)> = vec![
        (
            "release",
            vec![
                "id", "status", "title", "country", "released", "notes", "data_quality", "master_id", "format",
                "format_descriptions",
            ],
        ),
        ("release_artist", vec!["release_id", "artist_id", "artist_name", "extra", "anv", "position", "join_field", "role"]),
        ("release_label", vec!["release_id", "label", "catno", "label_id"]),
        ("release_track", vec!["release_id", "sequence", "position", "title", "duration"]),
        ("release_track_artist", vec!["release_id", "track_sequence", "artist_name", "extra", "role"]),
        ("release_image", vec!["release_id", "type", "width", "height", "uri"]),
        ("release_genre", vec!["release_id", "genre"]),
        ("release_style", vec!["release_id", "style"]),
        ("release_company", vec!["release_id", "company_id", "company_name", "entity_type", "entity_type_name"]),
        ("release_video", vec!["release_id", "sequence", "src", "title", "duration", "embed"]),
    ];
    if legacy {
        h.truncate(LEGACY_NFILES);
        h[0].1.truncate(9);
        h[1].1.truncate(7);
        h[2].1.truncate(3);
        h[4].1.truncate(3);
    }
    h
}

#[derive(Clone, Copy, Default, Debug, PartialEq, Eq)]
pub struct Span {
    s: u32,
    e: u32,
}

#[derive(Clone, Copy, Default)]
struct Credit {
    id: Span,
    name: Span,
    anv: Span,
    join: Span,
    role: Span,
}

#[derive(Clone, Copy, Default)]
struct Label {
    name: Span,
    catno: Span,
    id: Span,
}

#[derive(Clone, Copy, Default)]
struct Format {
    name: Span,
    qty: Option<Span>,
}

#[derive(Clone, Copy, Default)]
struct Track {
    position: Span,
    title: Span,
    duration: Span,
}

#[derive(Clone, Copy, Default)]
struct TrackArtist {
    seq: u32,
    name: Span,
    extra: bool,
    role: Span,
}

#[derive(Clone, Copy, Default)]
struct Image {
    ty: Span,
    width: Span,
    height: Span,
    uri: Span,
}

#[derive(Clone, Copy, Default)]
struct Video {
    src: Span,
    title: Span,
    duration: Option<Span>,
    embed: Option<Span>,
}

#[derive(Clone, Copy, Default)]
struct Company {
    id: Span,
    name: Span,
    entity_type: Span,
    entity_type_name: Span,
}

#[derive(Default)]
struct TrackLevel {
    track: Track,
    artists: Vec<TrackArtist>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum F {
    Title,
    Country,
    Released,
    Notes,
    DataQuality,
    MasterId,
    CrId,
    CrName,
    CrAnv,
    CrJoin,
    CrRole,
    Desc,
    Genre,
    Style,
    TrPos,
    TrTitle,
    TrDur,
    TaName,
    TaRole,
    VidTitle,
    CoId,
    CoName,
    CoType,
    CoTypeName,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ctx {
    Release,
    Artists(bool),
    Artist(bool),
    Labels,
    Formats,
    Format,
    Descriptions,
    Genres,
    Styles,
    Tracklist,
    Track,
    SubTracks,
    TrackArtists(bool),
    TrackArtist(bool),
    Images,
    Videos,
    Video,
    Companies,
    Company,
    Field(F),
    Ignore,
}

fn child(parent: Ctx, name: &[u8]) -> Ctx {
    use Ctx::*;
    match parent {
        Release => match name {
            b"title" => Field(F::Title),
            b"artists" => Artists(false),
            b"extraartists" => Artists(true),
            b"labels" => Labels,
            b"formats" => Formats,
            b"tracklist" => Tracklist,
            b"images" => Images,
            b"genres" => Genres,
            b"styles" => Styles,
            b"country" => Field(F::Country),
            b"released" => Field(F::Released),
            b"notes" => Field(F::Notes),
            b"data_quality" => Field(F::DataQuality),
            b"master_id" => Field(F::MasterId),
            b"videos" => Videos,
            b"companies" => Companies,
            _ => Ignore,
        },
        Artists(x) if name == b"artist" => Artist(x),
        Artist(_) => match name {
            b"id" => Field(F::CrId),
            b"name" => Field(F::CrName),
            b"anv" => Field(F::CrAnv),
            b"join" => Field(F::CrJoin),
            b"role" => Field(F::CrRole),
            _ => Ignore,
        },
        Formats if name == b"format" => Format,
        Format if name == b"descriptions" => Descriptions,
        Descriptions if name == b"description" => Field(F::Desc),
        Genres if name == b"genre" => Field(F::Genre),
        Styles if name == b"style" => Field(F::Style),
        Tracklist | SubTracks if name == b"track" => Track,
        Track => match name {
            b"position" => Field(F::TrPos),
            b"title" => Field(F::TrTitle),
            b"duration" => Field(F::TrDur),
            b"artists" => TrackArtists(false),
            b"extraartists" => TrackArtists(true),
            b"sub_tracks" => SubTracks,
            _ => Ignore,
        },
        TrackArtists(x) if name == b"artist" => TrackArtist(x),
        TrackArtist(_) => match name {
            b"name" => Field(F::TaName),
            b"role" => Field(F::TaRole),
            _ => Ignore,
        },
        Videos if name == b"video" => Video,
        Video if name == b"title" => Field(F::VidTitle),
        Companies if name == b"company" => Company,
        Company => match name {
            b"id" => Field(F::CoId),
            b"name" => Field(F::CoName),
            b"entity_type" => Field(F::CoType),
            b"entity_type_name" => Field(F::CoTypeName),
            _ => Ignore,
        },
        // <label>, <image> carry attributes only; handled on start.
        _ => Ignore,
    }
}

/// A parse failure: offset relative to the record start (0: the `<release>` start tag itself,
/// e.g. its id), and what went wrong.
#[derive(Debug)]
pub struct ParseError {
    pub offset: u64,
    pub msg: String,
}

/// What the filter decided for a parsed release.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    NoArtists,
    Filtered,
    Kept,
    /// Failed the filter but is on the keep-list.
    KeptByList,
}

#[derive(Default)]
pub struct ReleaseParser {
    arena: String,
    stack: Vec<Ctx>,
    field_start: usize,

    pub id: u64,
    status: Span,
    title: Span,
    country: Span,
    released: Span,
    notes: Span,
    data_quality: Span,
    master_id: Span,
    main: Vec<Credit>,
    extra: Vec<Credit>,
    labels: Vec<Label>,
    formats: Vec<Format>,
    descriptions: Vec<Span>,
    genres: Vec<Span>,
    styles: Vec<Span>,
    tracks: Vec<Track>,
    track_artists: Vec<TrackArtist>,
    levels: Vec<TrackLevel>,
    active: usize,
    images: Vec<Image>,
    videos: Vec<Video>,
    companies: Vec<Company>,

    norm: String,
    title_key: String,
    keys: Keys,
    scratch: String,
}

/// Largest release id: ids are PostgreSQL `integer`s downstream.
pub const MAX_ID: u64 = i32::MAX as u64;

/// A `<release>`'s `id` attribute value (entity-decoded): a whole number from 1 to [`MAX_ID`],
/// surrounding whitespace allowed. Anything else would publish a wrong release, or merge several
/// into one id, so it is an error.
pub fn release_id(value: Option<&str>) -> Result<u64, String> {
    let Some(raw) = value else { return Err("<release> without an id attribute".to_string()) };
    let shown: String = raw.chars().take(40).collect();
    let t = raw.trim();
    let digits = t.strip_prefix(['+', '-']).unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("release id {shown:?} is not a number"));
    }
    match t.parse::<i64>() {
        Ok(n) if n >= 1 && n as u64 <= MAX_ID => Ok(n as u64),
        _ => Err(format!("release id {shown:?} is out of range (1 to {MAX_ID})")),
    }
}

fn parse_i64(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok()
}

impl ReleaseParser {
    pub fn new() -> Self {
        Self::default()
    }

    #[inline]
    fn get(&self, s: Span) -> &str {
        &self.arena[s.s as usize..s.e as usize]
    }

    #[inline]
    fn push_str(&mut self, v: &str) -> Span {
        let s = self.arena.len() as u32;
        self.arena.push_str(v);
        Span { s, e: self.arena.len() as u32 }
    }

    fn reset(&mut self) {
        self.arena.clear();
        self.stack.clear();
        self.id = 0;
        self.status = Span::default();
        self.title = Span::default();
        self.country = Span::default();
        self.released = Span::default();
        self.notes = Span::default();
        self.data_quality = Span::default();
        self.master_id = Span::default();
        self.main.clear();
        self.extra.clear();
        self.labels.clear();
        self.formats.clear();
        self.descriptions.clear();
        self.genres.clear();
        self.styles.clear();
        self.tracks.clear();
        self.track_artists.clear();
        self.active = 0;
        self.images.clear();
        self.videos.clear();
        self.companies.clear();
    }

    /// Parse one record (`<release ...>...</release>`); the bytes must be valid UTF-8.
    pub fn parse(&mut self, rec: &[u8]) -> Result<(), ParseError> {
        self.reset();
        let mut reader = Reader::from_reader(rec);
        let mut seen_root = false;
        loop {
            let before = reader.buffer_position();
            let ev = match reader.read_event() {
                Ok(ev) => ev,
                Err(e) => {
                    let at = reader.error_position();
                    let msg = declaration(&rec[(at as usize).min(rec.len())..]).unwrap_or_else(|| format!("malformed XML: {e}"));
                    return Err(ParseError { offset: at, msg });
                }
            };
            let pos = reader.buffer_position();
            let res: Result<(), String> = match ev {
                Event::Start(e) => {
                    if !seen_root {
                        seen_root = true;
                        self.root(&e).map_err(|msg| ParseError { offset: 0, msg })?;
                        self.stack.push(Ctx::Release);
                        Ok(())
                    } else {
                        self.start(&e, false)
                    }
                }
                Event::Empty(e) => {
                    if !seen_root {
                        seen_root = true;
                        self.root(&e).map_err(|msg| ParseError { offset: 0, msg })?;
                        Ok(())
                    } else {
                        self.start(&e, true)
                    }
                }
                Event::DocType(_) => {
                    let msg = declaration(&rec[before as usize..]).unwrap_or_else(|| "unexpected <!DOCTYPE>".to_string());
                    return Err(ParseError { offset: before, msg });
                }
                Event::End(_) => {
                    self.end();
                    Ok(())
                }
                Event::Text(t) => {
                    if let Some(Ctx::Field(_)) = self.stack.last() {
                        match t.unescape() {
                            Ok(v) => {
                                self.arena.push_str(&v);
                                Ok(())
                            }
                            Err(e) => Err(format!("malformed XML: {e}")),
                        }
                    } else if self.stack.is_empty() && t.iter().any(|b| !b.is_ascii_whitespace()) {
                        Err("text outside <release>".to_string())
                    } else {
                        Ok(())
                    }
                }
                Event::CData(c) => {
                    if let Some(Ctx::Field(_)) = self.stack.last() {
                        match std::str::from_utf8(&c) {
                            Ok(v) => {
                                self.arena.push_str(v);
                                Ok(())
                            }
                            Err(_) => Err("invalid UTF-8 in CDATA".to_string()),
                        }
                    } else {
                        Ok(())
                    }
                }
                Event::Eof => break,
                _ => Ok(()),
            };
            if let Err(msg) = res {
                return Err(ParseError { offset: pos, msg });
            }
            if seen_root && self.stack.is_empty() {
                break;
            }
        }
        if !self.stack.is_empty() {
            return Err(ParseError {
                offset: reader.buffer_position(),
                msg: "malformed XML: <release> is not closed".to_string(),
            });
        }
        if !seen_root {
            return Err(ParseError { offset: 0, msg: "expected a <release> element".to_string() });
        }
        Ok(())
    }

    fn attrs(&mut self, e: &BytesStart, mut f: impl FnMut(&[u8], Span)) -> Result<(), String> {
        for a in e.attributes() {
            let a = a.map_err(|e| format!("malformed XML: {e}"))?;
            let v = a.unescape_value().map_err(|e| format!("malformed XML: {e}"))?;
            let span = self.push_str(&v);
            f(a.key.as_ref(), span);
        }
        Ok(())
    }

    fn root(&mut self, e: &BytesStart) -> Result<(), String> {
        if e.name().as_ref() != b"release" {
            return Err(format!(
                "expected <release>, found <{}>",
                String::from_utf8_lossy(e.name().as_ref())
            ));
        }
        let (mut id, mut status) = (None, Span::default());
        self.attrs(e, |k, v| match k {
            b"id" => id = Some(v),
            b"status" => status = v,
            _ => {}
        })?;
        self.id = release_id(id.map(|s| self.get(s)))?;
        self.status = status;
        Ok(())
    }

    fn start(&mut self, e: &BytesStart, empty: bool) -> Result<(), String> {
        let parent = *self.stack.last().unwrap_or(&Ctx::Ignore);
        let name = e.name();
        let name = name.as_ref();
        let c = child(parent, name);
        match c {
            Ctx::Ignore => {
                if parent == Ctx::Labels && name == b"label" {
                    let mut l = Label::default();
                    self.attrs(e, |k, v| match k {
                        b"name" => l.name = v,
                        b"catno" => l.catno = v,
                        b"id" => l.id = v,
                        _ => {}
                    })?;
                    self.labels.push(l);
                } else if parent == Ctx::Images && name == b"image" {
                    let mut i = Image::default();
                    self.attrs(e, |k, v| match k {
                        b"type" => i.ty = v,
                        b"width" => i.width = v,
                        b"height" => i.height = v,
                        b"uri" => i.uri = v,
                        _ => {}
                    })?;
                    self.images.push(i);
                }
            }
            Ctx::Artist(x) => {
                let list = if x { &mut self.extra } else { &mut self.main };
                list.push(Credit::default());
            }
            Ctx::Format => {
                let mut f = Format::default();
                self.attrs(e, |k, v| match k {
                    b"name" => f.name = v,
                    b"qty" => f.qty = Some(v),
                    _ => {}
                })?;
                self.formats.push(f);
            }
            Ctx::Track => {
                if self.levels.len() <= self.active {
                    self.levels.push(TrackLevel::default());
                }
                let l = &mut self.levels[self.active];
                l.track = Track::default();
                l.artists.clear();
                self.active += 1;
            }
            Ctx::TrackArtist(x) if self.active > 0 => {
                self.levels[self.active - 1].artists.push(TrackArtist { extra: x, ..Default::default() });
            }
            Ctx::Video => {
                let mut vd = Video::default();
                self.attrs(e, |k, v| match k {
                    b"src" => vd.src = v,
                    b"duration" => vd.duration = Some(v),
                    b"embed" => vd.embed = Some(v),
                    _ => {}
                })?;
                self.videos.push(vd);
            }
            Ctx::Company => self.companies.push(Company::default()),
            Ctx::Field(_) => self.field_start = self.arena.len(),
            _ => {}
        }
        self.stack.push(c);
        if empty {
            self.end();
        }
        Ok(())
    }

    fn end(&mut self) {
        let Some(c) = self.stack.pop() else { return };
        match c {
            Ctx::Field(f) => {
                let span = Span { s: self.field_start as u32, e: self.arena.len() as u32 };
                self.assign(f, span);
            }
            Ctx::Track => {
                if self.active == 0 {
                    return;
                }
                self.active -= 1;
                let l = &self.levels[self.active];
                self.tracks.push(l.track);
                let seq = self.tracks.len() as u32;
                for extra in [false, true] {
                    for a in l.artists.iter().filter(|a| a.extra == extra) {
                        self.track_artists.push(TrackArtist { seq, ..*a });
                    }
                }
            }
            _ => {}
        }
    }

    fn credit_mut(&mut self, parent: Option<Ctx>) -> Option<&mut Credit> {
        match parent {
            Some(Ctx::Artist(true)) => self.extra.last_mut(),
            Some(Ctx::Artist(false)) => self.main.last_mut(),
            _ => None,
        }
    }

    fn assign(&mut self, f: F, v: Span) {
        let parent = self.stack.last().copied();
        let level = self.active.checked_sub(1);
        match f {
            F::Title => self.title = v,
            F::Country => self.country = v,
            F::Released => self.released = v,
            F::Notes => self.notes = v,
            F::DataQuality => self.data_quality = v,
            F::MasterId => self.master_id = v,
            F::CrId => {
                if let Some(c) = self.credit_mut(parent) {
                    c.id = v
                }
            }
            F::CrName => {
                if let Some(c) = self.credit_mut(parent) {
                    c.name = v
                }
            }
            F::CrAnv => {
                if let Some(c) = self.credit_mut(parent) {
                    c.anv = v
                }
            }
            F::CrJoin => {
                if let Some(c) = self.credit_mut(parent) {
                    c.join = v
                }
            }
            F::CrRole => {
                if let Some(c) = self.credit_mut(parent) {
                    c.role = v
                }
            }
            F::Desc => {
                if v.e > v.s {
                    self.descriptions.push(v)
                }
            }
            F::Genre => self.genres.push(v),
            F::Style => self.styles.push(v),
            F::TrPos | F::TrTitle | F::TrDur => {
                if let Some(i) = level {
                    let t = &mut self.levels[i].track;
                    match f {
                        F::TrPos => t.position = v,
                        F::TrTitle => t.title = v,
                        _ => t.duration = v,
                    }
                }
            }
            F::TaName | F::TaRole => {
                if let Some(a) = level.and_then(|i| self.levels[i].artists.last_mut()) {
                    if f == F::TaName {
                        a.name = v
                    } else {
                        a.role = v
                    }
                }
            }
            F::VidTitle => {
                if let Some(x) = self.videos.last_mut() {
                    x.title = v
                }
            }
            F::CoId | F::CoName | F::CoType | F::CoTypeName => {
                if let Some(c) = self.companies.last_mut() {
                    match f {
                        F::CoId => c.id = v,
                        F::CoName => c.name = v,
                        F::CoType => c.entity_type = v,
                        _ => c.entity_type_name = v,
                    }
                }
            }
        }
    }

    /// Apply the filter to the parsed release.
    pub fn decide(&mut self, filter: &Filter) -> Outcome {
        if self.main.is_empty() {
            return Outcome::NoArtists;
        }
        if !filter.active() {
            return Outcome::Kept;
        }
        let mut norm = std::mem::take(&mut self.norm);
        let mut title_key = std::mem::take(&mut self.title_key);
        let mut keys = std::mem::take(&mut self.keys);
        let kept = self.matches(filter, &mut keys, &mut norm, &mut title_key);
        self.keys = keys;
        self.norm = norm;
        self.title_key = title_key;
        if kept {
            Outcome::Kept
        } else if filter.keep_ids.contains(&self.id) {
            Outcome::KeptByList
        } else {
            Outcome::Filtered
        }
    }

    fn matches(&self, filter: &Filter, keys: &mut Keys, norm: &mut String, title_key: &mut String) -> bool {
        // The title's key: at once for the pair filter, only for an all-compilation release else.
        let pair_artists = filter.pairs.as_ref().and_then(|p| {
            keys.title_into(self.get(self.title), title_key);
            p.get(title_key.as_str())
        });
        // The title key with its words sorted, for the pair filter's other spellings of a title.
        let mut sorted_title: Option<String> = None;
        // Without compilation titles, whether all main credits are compilations decides nothing.
        let mut all_compilation = filter.compilation_titles.is_some();
        for (i, c) in self.main.iter().chain(self.extra.iter()).enumerate() {
            let is_main = i < self.main.len();
            if filter.names.is_some() || filter.pairs.is_some() {
                let key = keys.key(self.get(c.name));
                if filter.names.as_ref().is_some_and(|n| n.contains(key)) || pair_artists.is_some_and(|a| a.contains(key)) {
                    return true;
                }
                let id = self.get(c.id).as_bytes();
                if filter.names.is_some() && filter.alias_match(id) {
                    return true;
                }
                if filter.pairs.is_some() {
                    let aliases = filter.alias_keys_of(id);
                    if pair_artists.is_some_and(|a| aliases.iter().any(|k| a.contains(k))) {
                        return true;
                    }
                    // One of this artist's library titles spelt another way.
                    let sorted = sorted_title.get_or_insert_with(|| crate::filter::sort_words(title_key));
                    if filter.near_title(key, sorted) || aliases.iter().any(|k| filter.near_title(k, sorted)) {
                        return true;
                    }
                }
            }
            if all_compilation && is_main {
                normalize_into(self.get(c.name), norm);
                if !is_compilation_name(norm) {
                    all_compilation = false;
                }
            }
        }
        // A library name for all the main artists together ("Lou Reed & John Cale").
        if self.main.len() > 1 && !filter.joined_heads.is_empty() {
            let first = keys.key(self.get(self.main[0].name));
            if filter.joined_heads.contains(first) {
                joined_credit(self.main.iter().map(|c| (self.get(c.name), self.get(c.join))), norm);
                let key = keys.key(norm);
                if filter.names.as_ref().is_some_and(|n| n.contains(key)) || pair_artists.is_some_and(|a| a.contains(key)) {
                    return true;
                }
                if filter.pairs.is_some() {
                    let sorted = sorted_title.get_or_insert_with(|| crate::filter::sort_words(title_key));
                    if filter.near_title(key, sorted) {
                        return true;
                    }
                }
            }
        }
        if all_compilation {
            if let Some(titles) = &filter.compilation_titles {
                if filter.pairs.is_none() {
                    keys.title_into(self.get(self.title), title_key);
                }
                if titles.contains(title_key.as_str()) {
                    return true;
                }
            }
        }
        false
    }

    /// Append this release's rows; `rows[i]` counts the rows added to file `i`.
    pub fn write(&mut self, outs: &mut [Vec<u8>], rows: &mut [u32; NFILES], legacy: bool) {
        let id = self.id;
        let mut fmt = std::mem::take(&mut self.scratch);
        fmt.clear();
        let g = |s: Span| &self.arena[s.s as usize..s.e as usize];

        // release
        for (i, f) in self.formats.iter().enumerate() {
            if i > 0 {
                fmt.push_str(", ");
            }
            let qty = match f.qty {
                None => 0,
                Some(q) => parse_i64(g(q)).unwrap_or(1),
            };
            if qty > 1 {
                fmt.push_str(itoa::Buffer::new().format(qty));
                fmt.push('x');
            }
            fmt.push_str(g(f.name));
        }
        let r = Row::new(&mut outs[0])
            .u(id)
            .s(g(self.status))
            .s(g(self.title))
            .s(g(self.country))
            .s(g(self.released))
            .s(g(self.notes))
            .s(g(self.data_quality));
        let r = r.opt(discogs_id(g(self.master_id))).s(&fmt);
        if legacy {
            r.end();
        } else {
            fmt.clear();
            for (i, d) in self.descriptions.iter().enumerate() {
                if i > 0 {
                    fmt.push_str(", ");
                }
                fmt.push_str(g(*d));
            }
            r.s(&fmt).end();
        }
        rows[0] += 1;

        // release_artist: one position counter across main then extra credits
        for (i, c) in self.main.iter().chain(self.extra.iter()).enumerate() {
            let extra = i >= self.main.len();
            let r = Row::new(&mut outs[1])
                .u(id)
                .opt(discogs_id(g(c.id)))
                .s(g(c.name))
                .u(extra as u64)
                .s(g(c.anv))
                .u(i as u64 + 1)
                .s(g(c.join));
            if legacy {
                r.end();
            } else {
                r.s(if extra { g(c.role) } else { "" }).end();
            }
            rows[1] += 1;
        }

        for l in &self.labels {
            let r = Row::new(&mut outs[2]).u(id).s(g(l.name)).s(g(l.catno));
            if legacy {
                r.end();
            } else {
                r.opt(discogs_id(g(l.id))).end();
            }
            rows[2] += 1;
        }

        for (i, t) in self.tracks.iter().enumerate() {
            Row::new(&mut outs[3])
                .u(id)
                .u(i as u64 + 1)
                .s(g(t.position))
                .s(g(t.title))
                .s(g(t.duration))
                .end();
            rows[3] += 1;
        }

        for a in &self.track_artists {
            if legacy {
                if a.extra {
                    continue;
                }
                Row::new(&mut outs[4]).u(id).u(a.seq as u64).s(g(a.name)).end();
            } else {
                Row::new(&mut outs[4])
                    .u(id)
                    .u(a.seq as u64)
                    .s(g(a.name))
                    .u(a.extra as u64)
                    .s(if a.extra { g(a.role) } else { "" })
                    .end();
            }
            rows[4] += 1;
        }

        for im in &self.images {
            Row::new(&mut outs[5])
                .u(id)
                .s(g(im.ty))
                .i(parse_i64(g(im.width)).unwrap_or(0))
                .i(parse_i64(g(im.height)).unwrap_or(0))
                .s(g(im.uri))
                .end();
            rows[5] += 1;
        }

        if !legacy {
            for s in &self.genres {
                Row::new(&mut outs[6]).u(id).s(g(*s)).end();
                rows[6] += 1;
            }
            for s in &self.styles {
                Row::new(&mut outs[7]).u(id).s(g(*s)).end();
                rows[7] += 1;
            }
            for c in &self.companies {
                Row::new(&mut outs[8])
                    .u(id)
                    .opt(discogs_id(g(c.id)))
                    .s(g(c.name))
                    .s(g(c.entity_type))
                    .s(g(c.entity_type_name))
                    .end();
                rows[8] += 1;
            }
            for (i, v) in self.videos.iter().enumerate() {
                let r = Row::new(&mut outs[9]).u(id).u(i as u64 + 1).s(g(v.src)).s(g(v.title));
                let r = match v.duration.and_then(|d| parse_i64(g(d))) {
                    Some(d) => r.i(d),
                    None => r.s(""),
                };
                let embed = v.embed.is_none_or(|e| g(e) != "false");
                r.s(if embed { "true" } else { "false" }).end();
                rows[9] += 1;
            }
        }
        self.scratch = fmt;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str, legacy: bool) -> Vec<String> {
        let mut p = ReleaseParser::new();
        p.parse(xml.as_bytes()).expect("parses");
        let mut outs: Vec<Vec<u8>> = vec![Vec::new(); NFILES];
        let mut rows = [0u32; NFILES];
        p.write(&mut outs, &mut rows, legacy);
        outs.into_iter().map(|b| String::from_utf8(b).unwrap()).collect()
    }

    const SUBTRACKS: &str = r#"<release id="7" status="Accepted"><artists><artist><id>3</id><name>A</name></artist></artists>
<extraartists><artist><id>4</id><name>P, Q</name><role>Producer</role></artist></extraartists>
<title>Main</title><formats><format name="Vinyl" qty="2"><descriptions><description>LP</description><description></description><description>33 &#8531; RPM</description></descriptions></format><format name="CD" qty="x"/></formats>
<tracklist><track><position>A</position><title>Suite</title><sub_tracks>
<track><position>A1</position><title>Part &amp; 1</title><artists><artist><name>T1</name></artist></artists></track>
<track><position>A2</position><title><![CDATA[Part <2>]]></title></track></sub_tracks><duration>9:00</duration>
<extraartists><artist><name>X</name><role>Mix</role></artist></extraartists><artists><artist><name>M</name></artist></artists></track></tracklist>
<videos><video src="s" duration="x" embed="false"><title>V</title></video><video src="t"/></videos>
<labels><label name="L" catno="C1" id=" 12 "/></labels></release>"#;

    #[test]
    fn subtracks_precede_parent_and_fields_map() {
        let o = run(SUBTRACKS, false);
        assert_eq!(o[0], "7,Accepted,Main,,,,,,\"2xVinyl, CD\",\"LP, 33 \u{2153} RPM\"\n");
        assert_eq!(o[1], "7,3,A,0,,1,,\n7,4,\"P, Q\",1,,2,,Producer\n");
        assert_eq!(o[2], "7,L,C1,12\n");
        assert_eq!(o[3], "7,1,A1,Part & 1,\n7,2,A2,Part <2>,\n7,3,A,Suite,9:00\n");
        assert_eq!(o[4], "7,1,T1,0,\n7,3,M,0,\n7,3,X,1,Mix\n");
        assert_eq!(o[9], "7,1,s,V,,false\n7,2,t,,,true\n");
    }

    #[test]
    fn legacy_columns() {
        let o = run(SUBTRACKS, true);
        assert_eq!(o[0], "7,Accepted,Main,,,,,,\"2xVinyl, CD\"\n");
        assert_eq!(o[1], "7,3,A,0,,1,\n7,4,\"P, Q\",1,,2,\n");
        assert_eq!(o[2], "7,L,C1\n");
        assert_eq!(o[4], "7,1,T1\n7,3,M\n");
        assert!(o[6].is_empty() && o[9].is_empty());
    }

    /// Today's form: no status, no images, `master_id` 0 for "no master", an extra credit and a
    /// company without `<id>`, a credit with id 0, a label without a name, a heading track
    /// without a position, CR as `&#13;`.
    const CURRENT: &str = "<release id=\"8\"><artists><artist><id>3</id><name>A</name></artist></artists>\
<title>T</title><labels><label name=\"\" catno=\"C\" id=\"212\"/></labels>\
<extraartists><artist><name>Anon</name><role>Photo</role></artist><artist><id>0</id><name>Zero</name></artist></extraartists>\
<notes>a&#13;\nb</notes><master_id is_main_release=\"false\">0</master_id>\
<tracklist><track><title>Heading</title></track></tracklist>\
<companies><company><name>Co</name><entity_type>17</entity_type><entity_type_name>Pressed By</entity_type_name></company></companies></release>";

    #[test]
    fn absent_or_zero_ids_are_empty() {
        let o = run(CURRENT, false);
        assert_eq!(o[0], "8,,T,,,\"a\r\nb\",,,,\n");
        assert_eq!(o[1], "8,3,A,0,,1,,\n8,,Anon,1,,2,,Photo\n8,,Zero,1,,3,,\n");
        assert_eq!(o[2], "8,,C,212\n");
        assert_eq!(o[3], "8,1,,Heading,\n");
        assert_eq!(o[5], "");
        assert_eq!(o[8], "8,,Co,17,Pressed By\n");
        let o = run(CURRENT, true);
        assert_eq!(o[0], "8,,T,,,\"a\r\nb\",,,\n");
        assert_eq!(o[1], "8,3,A,0,,1,\n8,,Anon,1,,2,\n8,,Zero,1,,3,\n");
        for m in ["", "<master_id/>", "<master_id> 0 </master_id>", "<master_id>-3</master_id>"] {
            let o = run(&format!("<release id=\"9\"><title>T</title>{m}</release>"), false);
            assert_eq!(o[0], "9,,T,,,,,,,\n", "{m}");
        }
        let o = run("<release id=\"9\"><title>T</title><master_id> 77 </master_id></release>", false);
        assert_eq!(o[0], "9,,T,,,,,77,,\n");
    }

    #[test]
    fn nested_titles_do_not_override_release_title() {
        let x = r#"<release id="1"><tracklist><track><title>T</title></track></tracklist><videos><video src="v"><title>VT</title></video></videos><title>Real</title><notes><title>N</title></notes><artists><artist><name>A</name></artist></artists></release>"#;
        let o = run(x, false);
        assert!(o[0].starts_with("1,,Real,"), "{}", o[0]);
    }

    #[test]
    fn malformed_records_error() {
        let mut p = ReleaseParser::new();
        for bad in [
            "<release id=\"1\"><title>x</titel></release>",
            "<release id=\"1\"><title>a &bogus; b</title></release>",
            "<release id=\"1\"><artists><artist></release>",
            "<release id=\"1\" id=\"2\"></release>",
        ] {
            assert!(p.parse(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn release_ids_are_whole_numbers_in_range() {
        use crate::scan::Scan;
        let (mut p, mut scan) = (ReleaseParser::new(), Scan::new());
        for (attrs, want) in [
            ("id=\"7\"", Ok(7)),
            ("status=\"Accepted\" id=' 8 '", Ok(8)),
            ("id=\"&#49;0\"", Ok(10)),
            ("id=\"0012\"", Ok(12)),
            ("id=\"2147483647\"", Ok(MAX_ID)),
            ("", Err("<release> without an id attribute")),
            ("ID=\"3\"", Err("<release> without an id attribute")),
            ("id=\"abc\"", Err("release id \"abc\" is not a number")),
            ("id=\"\"", Err("release id \"\" is not a number")),
            ("id=\"1.5\"", Err("release id \"1.5\" is not a number")),
            ("id=\"2147483648\"", Err("release id \"2147483648\" is out of range (1 to 2147483647)")),
            ("id=\"99999999999999999999999\"", Err("release id \"99999999999999999999999\" is out of range (1 to 2147483647)")),
            ("id=\"0\"", Err("release id \"0\" is out of range (1 to 2147483647)")),
            ("id=\"-3\"", Err("release id \"-3\" is out of range (1 to 2147483647)")),
        ] {
            for rec in [format!("<release {attrs}><title>t</title></release>"), format!("<release {attrs}/>")] {
                let parsed = p.parse(rec.as_bytes()).map(|_| p.id).map_err(|e| (e.offset, e.msg));
                assert_eq!(parsed, want.map_err(|m| (0, m.to_string())), "{rec}");
                scan.run(rec.as_bytes()).unwrap();
                assert_eq!(scan.release_id(rec.as_bytes()), want.map_err(str::to_string), "{rec}");
            }
        }
    }

    #[test]
    fn declarations_inside_a_record_are_refused_where_they_are() {
        use crate::scan::Scan;
        let (mut p, mut scan) = (ReleaseParser::new(), Scan::new());
        for (rec, what) in [
            ("<release id=\"1\"><!DOCTYPE r [<!ENTITY e \"x\">]><title>&e;</title></release>", "<!DOCTYPE> refused"),
            ("<release id=\"1\"><title>t</title><!ENTITY e \"x\"></release>", "entity definition <!ENTITY> refused"),
        ] {
            let at = rec.find("<!").unwrap();
            let e = p.parse(rec.as_bytes()).unwrap_err();
            assert!(e.msg.contains(what) && e.offset == at as u64, "{rec}: {e:?}");
            let e = scan.run(rec.as_bytes()).unwrap_err();
            assert!(e.msg.contains(what) && e.offset == at, "{rec}: {e:?}");
        }
    }

    #[test]
    fn decides_with_filter() {
        let mut f = Filter::default();
        let mut names = rustc_hash::FxHashSet::default();
        names.insert("nilufer yanya".to_string());
        f.names = Some(names);
        let mut p = ReleaseParser::new();
        p.parse("<release id=\"5\"><artists><artist><id>9</id><name>Nilüfer Yanya</name></artist></artists></release>".as_bytes()).unwrap();
        assert_eq!(p.decide(&f), Outcome::Kept);
        p.parse(b"<release id=\"6\"><artists><artist><id>9</id><name>Other</name></artist></artists></release>").unwrap();
        assert_eq!(p.decide(&f), Outcome::Filtered);
        f.alias_ids.insert(9);
        assert_eq!(p.decide(&f), Outcome::Kept);
        f.alias_ids.clear();
        f.keep_ids.insert(6);
        assert_eq!(p.decide(&f), Outcome::KeptByList);
        p.parse(b"<release id=\"8\"><title>x</title></release>").unwrap();
        assert_eq!(p.decide(&f), Outcome::NoArtists);
        let mut titles = rustc_hash::FxHashSet::default();
        titles.insert("hits 1999".to_string());
        f.compilation_titles = Some(titles);
        p.parse(b"<release id=\"9\"><title>Hits 1999</title><artists><artist><name>Various</name></artist></artists></release>").unwrap();
        assert_eq!(p.decide(&f), Outcome::Kept);
        p.parse(b"<release id=\"9\"><title>Hits 1999</title><artists><artist><name>Various</name></artist><artist><name>Someone</name></artist></artists></release>").unwrap();
        assert_eq!(p.decide(&f), Outcome::Filtered);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Arbitrary bytes never crash the parser (errors are fine).
        #[test]
        fn parser_never_panics(tail in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let mut rec = b"<release id=\"1\">".to_vec();
            rec.extend_from_slice(&tail);
            let mut p = ReleaseParser::new();
            if p.parse(&rec).is_ok() {
                let mut outs: Vec<Vec<u8>> = vec![Vec::new(); NFILES];
                let mut rows = [0u32; NFILES];
                p.decide(&Filter::default());
                p.write(&mut outs, &mut rows, false);
            }
        }

        /// Structured fragments: well-formed-ish markup from a small vocabulary.
        #[test]
        fn parser_never_panics_on_markup(parts in proptest::collection::vec(proptest::sample::select(vec![
            "<artists>", "</artists>", "<artist>", "</artist>", "<name>", "</name>", "x", "&amp;", "<track>",
            "</track>", "<tracklist>", "</tracklist>", "<sub_tracks>", "</sub_tracks>", "<title>", "</title>",
            "<extraartists>", "</extraartists>", "<role>", "</role>", "<![CDATA[a<b]]>", "<labels><label name=\"n\"/></labels>",
            "<videos>", "<video src=\"s\">", "</video>", "</videos>", "<id>", "</id>", "<!-- c -->", "<position/>",
        ]), 0..40)) {
            let mut rec = String::from("<release id=\"1\">");
            for p in parts { rec.push_str(p); }
            rec.push_str("</release>");
            let mut p = ReleaseParser::new();
            if p.parse(rec.as_bytes()).is_ok() {
                let mut outs: Vec<Vec<u8>> = vec![Vec::new(); NFILES];
                let mut rows = [0u32; NFILES];
                p.write(&mut outs, &mut rows, false);
            }
        }
    }
}
