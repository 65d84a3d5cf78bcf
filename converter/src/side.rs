//! Side dumps: artists, labels, masters, streamed with quick-xml into their CSVs.

use std::io::BufReader;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Result;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::csvout::Row;
use crate::errors::{declaration, InputError};
use crate::filter::discogs_id;
use crate::identity::Keys;
use crate::input::{self, display, Kind};
use crate::output::{CsvFile, Staging};
use crate::{info, progress};

/// Set when any part of the run failed, so side-dump threads stop early.
pub static ABORT: AtomicBool = AtomicBool::new(false);

const OTHER: u8 = 0;
const ROOT: u8 = 1;
const RECORD: u8 = 2;

trait Handler {
    /// Code for a child element `name` of an element with code `parent`.
    fn start(&mut self, parent: u8, name: &[u8], e: &BytesStart, empty: bool) -> Result<u8, String>;
    /// Whether text inside elements with this code is collected.
    fn is_field(&self, code: u8) -> bool;
    fn end(&mut self, code: u8, text: &str) -> Result<()>;
}

fn attr(e: &BytesStart, key: &[u8]) -> Result<Option<String>, String> {
    for a in e.attributes() {
        let a = a.map_err(|e| format!("malformed XML: {e}"))?;
        if a.key.as_ref() == key {
            return a.unescape_value().map(|v| Some(v.into_owned())).map_err(|e| format!("malformed XML: {e}"));
        }
    }
    Ok(None)
}

/// Stream `path` through `h`; returns the number of records (children of the root).
fn drive(path: &Path, kind: Kind, h: &mut dyn Handler, mut on_record: impl FnMut(u64)) -> Result<u64> {
    let name = display(path);
    let (src, gz) = input::open_detect(path)?;
    let mut reader = Reader::from_reader(BufReader::with_capacity(1 << 20, src));
    let mut buf = Vec::with_capacity(64 << 10);
    let mut stack: Vec<u8> = Vec::with_capacity(16);
    let mut text = String::new();
    let mut records = 0u64;
    let mut seen_root = false;
    let mut tick = 0u32;
    let mk = |pos: u64, msg: String| -> anyhow::Error { InputError::at(&name, pos, msg).into() };
    macro_rules! err {
        ($r:expr, $m:expr $(,)?) => {
            mk($r.buffer_position(), $m)
        };
    }
    loop {
        let before = reader.buffer_position();
        let ev = match reader.read_event_into(&mut buf) {
            Ok(ev) => ev,
            Err(quick_xml::Error::Io(e)) => {
                let msg = if gz && e.kind() == std::io::ErrorKind::UnexpectedEof {
                    "truncated gzip stream (unexpected end of compressed data)".to_string()
                } else if gz {
                    format!("corrupt gzip stream: {e}")
                } else {
                    format!("read error: {e}")
                };
                return Err(err!(reader, msg));
            }
            Err(e) => {
                let mut msg = format!("malformed XML: {e}");
                if let quick_xml::Error::Syntax(quick_xml::errors::SyntaxError::InvalidBangMarkup) = e {
                    // The reader stopped right after `<!`: what follows says what it is.
                    if let Ok(next) = std::io::BufRead::fill_buf(reader.get_mut()) {
                        msg = declaration(&[b"<!", &next[..next.len().min(16)]].concat()).unwrap_or(msg);
                    }
                }
                return Err(InputError::at(&name, reader.error_position(), msg).into());
            }
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let code = if stack.is_empty() {
                    if seen_root {
                        return Err(err!(reader, format!("unexpected content after </{}>", kind.root())));
                    }
                    seen_root = true;
                    let n = e.name();
                    if n.as_ref() != kind.root().as_bytes() {
                        return Err(err!(
                            reader,
                            format!("wrong root element <{}>, expected <{}>", String::from_utf8_lossy(n.as_ref()), kind.root()),
                        ));
                    }
                    ROOT
                } else {
                    let parent = *stack.last().unwrap_or(&OTHER);
                    let n = e.name();
                    h.start(parent, n.as_ref(), e, empty).map_err(|m| mk(reader.buffer_position(), m))?
                };
                if h.is_field(code) {
                    text.clear();
                }
                if empty {
                    if code == RECORD {
                        records += 1;
                        on_record(records);
                    }
                    h.end(code, &text)?;
                } else {
                    stack.push(code);
                }
            }
            Event::End(_) => {
                let code = stack.pop().unwrap_or(OTHER);
                if code == RECORD {
                    records += 1;
                    on_record(records);
                }
                h.end(code, &text)?;
                if h.is_field(code) {
                    text.clear();
                }
            }
            Event::Text(t) => {
                let top = *stack.last().unwrap_or(&OTHER);
                if h.is_field(top) {
                    let v = t.unescape().map_err(|e| mk(reader.buffer_position(), format!("malformed XML: {e}")))?;
                    text.push_str(&v);
                } else if stack.is_empty() && t.iter().any(|b| !b.is_ascii_whitespace()) {
                    return Err(err!(reader, "text outside the root element".to_string()));
                }
            }
            Event::CData(c) => {
                let top = *stack.last().unwrap_or(&OTHER);
                if h.is_field(top) {
                    let v = std::str::from_utf8(&c).map_err(|_| mk(reader.buffer_position(), "invalid UTF-8".to_string()))?;
                    text.push_str(v);
                }
            }
            Event::DocType(_) => {
                return Err(mk(before, declaration(b"<!DOCTYPE").unwrap_or_default()));
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
        tick = tick.wrapping_add(1);
        if tick.is_multiple_of(65536) && ABORT.load(Ordering::Relaxed) {
            anyhow::bail!("stopped: another part of the run failed");
        }
    }
    if !seen_root {
        return Err(err!(reader, "empty input: no XML root element".to_string()));
    }
    if !stack.is_empty() {
        return Err(err!(reader, format!("unexpected end of input: <{}> is not closed (truncated file?)", kind.root())));
    }
    Ok(records)
}

fn int(s: &str) -> Option<i64> {
    s.trim().parse::<i64>().ok()
}

// ----- artists -----

const A_ID: u8 = 3;
const A_NAME: u8 = 4;
const A_PROFILE: u8 = 5;
const A_NAMEVARS: u8 = 6;
const A_ALIASES: u8 = 7;
const A_MEMBERS: u8 = 8;
const A_URLS: u8 = 9;
const A_NV: u8 = 10;
const A_ALIAS: u8 = 11;
const A_MEMBER: u8 = 12;
const A_URL: u8 = 13;

struct Artists<'a> {
    artist: CsvFile,
    alias: CsvFile,
    variation: CsvFile,
    member: CsvFile,
    url: CsvFile,
    id: i64,
    name: String,
    profile: String,
    nvs: Vec<String>,
    aliases: Vec<String>,
    members: Vec<(i64, String)>,
    urls: Vec<String>,
    member_id: i64,
    library: Option<&'a FxHashSet<String>>,
    alias_ids: FxHashSet<u64>,
    /// Which library names each of `alias_ids` stands for, when wanted (the pair filter).
    alias_keys: Option<FxHashMap<u64, Vec<String>>>,
    keys: Keys,
}

impl Handler for Artists<'_> {
    fn start(&mut self, parent: u8, name: &[u8], e: &BytesStart, _empty: bool) -> Result<u8, String> {
        Ok(match (parent, name) {
            (ROOT, b"artist") => {
                self.id = 0;
                self.name.clear();
                self.profile.clear();
                self.nvs.clear();
                self.aliases.clear();
                self.members.clear();
                self.urls.clear();
                RECORD
            }
            (RECORD, b"id") => A_ID,
            (RECORD, b"name") => A_NAME,
            (RECORD, b"profile") => A_PROFILE,
            (RECORD, b"namevariations") => A_NAMEVARS,
            (RECORD, b"aliases") => A_ALIASES,
            (RECORD, b"members") => A_MEMBERS,
            (RECORD, b"urls") => A_URLS,
            (A_NAMEVARS, b"name") => A_NV,
            (A_ALIASES, b"name") => A_ALIAS,
            (A_MEMBERS, b"name") => {
                self.member_id = attr(e, b"id")?.and_then(|v| int(&v)).unwrap_or(0);
                A_MEMBER
            }
            (A_URLS, b"url") => A_URL,
            _ => OTHER,
        })
    }

    fn is_field(&self, code: u8) -> bool {
        matches!(code, A_ID | A_NAME | A_PROFILE | A_NV | A_ALIAS | A_MEMBER | A_URL)
    }

    fn end(&mut self, code: u8, text: &str) -> Result<()> {
        let t = text.trim();
        match code {
            A_ID => self.id = int(t).unwrap_or(0),
            A_NAME => t.clone_into(&mut self.name),
            A_PROFILE => t.clone_into(&mut self.profile),
            A_NV if !t.is_empty() => self.nvs.push(t.to_string()),
            A_ALIAS if !t.is_empty() => self.aliases.push(t.to_string()),
            A_MEMBER => self.members.push((self.member_id, t.to_string())),
            A_URL if !t.is_empty() => self.urls.push(t.to_string()),
            RECORD => self.write()?,
            _ => {}
        }
        Ok(())
    }
}

impl Artists<'_> {
    fn write(&mut self) -> Result<()> {
        let (id, name) = (self.id, self.name.as_str());
        if !self.profile.is_empty() {
            Row::new(&mut self.artist.line).i(id).s(name).s(&self.profile).end();
            self.artist.flush_line()?;
        }
        for a in &self.aliases {
            Row::new(&mut self.alias.line).i(id).s(name).s(a).end();
            self.alias.flush_line()?;
        }
        for v in &self.nvs {
            Row::new(&mut self.variation.line).i(id).s(v).end();
            self.variation.flush_line()?;
        }
        for (mid, m) in &self.members {
            Row::new(&mut self.member.line).i(id).s(name).i(*mid).s(m).end();
            self.member.flush_line()?;
        }
        for u in &self.urls {
            Row::new(&mut self.url.line).i(id).s(u).end();
            self.url.flush_line()?;
        }
        if let Some(lib) = self.library {
            if id > 0 {
                for alt in self.aliases.iter().chain(self.nvs.iter()) {
                    let key = self.keys.key(alt);
                    if lib.contains(key) {
                        self.alias_ids.insert(id as u64);
                        let Some(map) = &mut self.alias_keys else { break };
                        let keys = map.entry(id as u64).or_default();
                        if !keys.iter().any(|k| k == key) {
                            keys.push(key.to_string());
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

pub struct SideStats {
    pub records: u64,
    pub rows: Vec<(String, u64)>,
}

/// What the artists dump tells the filter: the ids of artists with an alias or name variation
/// that is a library name, and, when asked for, which names.
#[derive(Default)]
pub struct Aliases {
    pub ids: FxHashSet<u64>,
    pub keys: FxHashMap<u64, Vec<String>>,
}

/// Artists dump → artist, artist_alias, artist_name_variation, artist_member, artist_url.
/// With `library` (identity keys), also returns its [`Aliases`]; `with_keys` fills their keys.
pub fn artists(
    path: &Path,
    st: &Staging,
    library: Option<&FxHashSet<String>>,
    with_keys: bool,
) -> Result<(SideStats, Aliases)> {
    info!("Processing artists XML: {}", path.display());
    let mut h = Artists {
        artist: st.create("artist", &["artist_id", "artist_name", "profile"])?,
        alias: st.create("artist_alias", &["artist_id", "artist_name", "alias_name"])?,
        variation: st.create("artist_name_variation", &["artist_id", "name"])?,
        member: st.create("artist_member", &["group_artist_id", "group_name", "member_artist_id", "member_name"])?,
        url: st.create("artist_url", &["artist_id", "url"])?,
        id: 0,
        name: String::new(),
        profile: String::new(),
        nvs: Vec::new(),
        aliases: Vec::new(),
        members: Vec::new(),
        urls: Vec::new(),
        member_id: 0,
        library,
        alias_ids: FxHashSet::default(),
        alias_keys: with_keys.then(FxHashMap::default),
        keys: Keys::default(),
    };
    let n = drive(path, Kind::Artists, &mut h, |n| {
        if n % 100_000 == 0 {
            progress!("Parsed {n} artists...");
        }
    })?;
    info!("Parsed {n} artists total");
    let Artists { artist, alias, variation, member, url, alias_ids, alias_keys, .. } = h;
    let mut rows = Vec::new();
    for f in [artist, alias, variation, member, url] {
        let name = f.name.trim_end_matches(".csv").to_string();
        rows.push((name, f.finish()?));
    }
    info!("Wrote {n} artists to CSV");
    if library.is_some() {
        info!("Loaded {} artist aliases for enhanced filtering", alias_ids.len());
    }
    Ok((SideStats { records: n, rows }, Aliases { ids: alias_ids, keys: alias_keys.unwrap_or_default() }))
}

// ----- labels -----

const L_ID: u8 = 3;
const L_NAME: u8 = 4;
const L_PARENT: u8 = 5;

struct Labels {
    out: CsvFile,
    id: i64,
    name: String,
    parent: Option<(i64, String)>,
    parent_id: i64,
}

impl Handler for Labels {
    fn start(&mut self, parent: u8, name: &[u8], e: &BytesStart, empty: bool) -> Result<u8, String> {
        Ok(match (parent, name) {
            (ROOT, b"label") => {
                self.id = 0;
                self.name.clear();
                self.parent = None;
                RECORD
            }
            (RECORD, b"id") => L_ID,
            (RECORD, b"name") => L_NAME,
            // A self-closing <parentLabel/> is not a parent (as in the reference).
            (RECORD, b"parentLabel") if !empty => {
                self.parent_id = attr(e, b"id")?.and_then(|v| int(&v)).unwrap_or(0);
                L_PARENT
            }
            _ => OTHER,
        })
    }

    fn is_field(&self, code: u8) -> bool {
        matches!(code, L_ID | L_NAME | L_PARENT)
    }

    fn end(&mut self, code: u8, text: &str) -> Result<()> {
        match code {
            L_ID => self.id = int(text).unwrap_or(0),
            L_NAME => text.trim().clone_into(&mut self.name),
            L_PARENT => self.parent = Some((self.parent_id, text.trim().to_string())),
            RECORD => {
                if let Some((pid, pname)) = &self.parent {
                    Row::new(&mut self.out.line).i(self.id).s(&self.name).i(*pid).s(pname).end();
                    self.out.flush_line()?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Labels dump → label_hierarchy (labels having a parent).
pub fn labels(path: &Path, st: &Staging) -> Result<SideStats> {
    info!("Processing labels XML: {}", path.display());
    let mut h = Labels {
        out: st.create("label_hierarchy", &["label_id", "label_name", "parent_label_id", "parent_label_name"])?,
        id: 0,
        name: String::new(),
        parent: None,
        parent_id: 0,
    };
    let n = drive(path, Kind::Labels, &mut h, |n| {
        if n % 100_000 == 0 {
            progress!("Parsed {n} labels...");
        }
    })?;
    info!("Parsed {n} labels total");
    let k = h.out.finish()?;
    info!("Wrote {n} labels ({k} with parent relationships) to CSV");
    Ok(SideStats { records: n, rows: vec![("label_hierarchy".to_string(), k)] })
}

// ----- masters -----

const M_MAIN: u8 = 3;
const M_YEAR: u8 = 4;
const M_TITLE: u8 = 5;
const M_ARTISTS: u8 = 6;
const M_ARTIST: u8 = 7;
const M_AID: u8 = 8;
const M_ANAME: u8 = 9;

struct Masters {
    master: CsvFile,
    artist: CsvFile,
    id: i64,
    main: Option<i64>,
    year: Option<i64>,
    title: String,
    artists: Vec<(Option<u64>, String)>,
}

impl Handler for Masters {
    fn start(&mut self, parent: u8, name: &[u8], e: &BytesStart, _empty: bool) -> Result<u8, String> {
        Ok(match (parent, name) {
            (ROOT, b"master") => {
                self.id = attr(e, b"id")?.and_then(|v| int(&v)).unwrap_or(0);
                self.main = None;
                self.year = None;
                self.title.clear();
                self.artists.clear();
                RECORD
            }
            (RECORD, b"main_release") => M_MAIN,
            (RECORD, b"year") => M_YEAR,
            (RECORD, b"title") => M_TITLE,
            (RECORD, b"artists") => M_ARTISTS,
            (M_ARTISTS, b"artist") => {
                self.artists.push((None, String::new()));
                M_ARTIST
            }
            (M_ARTIST, b"id") => M_AID,
            (M_ARTIST, b"name") => M_ANAME,
            _ => OTHER,
        })
    }

    fn is_field(&self, code: u8) -> bool {
        matches!(code, M_MAIN | M_YEAR | M_TITLE | M_AID | M_ANAME)
    }

    fn end(&mut self, code: u8, text: &str) -> Result<()> {
        match code {
            M_MAIN => self.main = int(text).filter(|v| *v > 0),
            M_YEAR => self.year = int(text).filter(|v| (1..=65535).contains(v)),
            M_TITLE => text.trim().clone_into(&mut self.title),
            M_AID => {
                if let Some(a) = self.artists.last_mut() {
                    a.0 = discogs_id(text)
                }
            }
            M_ANAME => {
                if let Some(a) = self.artists.last_mut() {
                    text.trim().clone_into(&mut a.1)
                }
            }
            RECORD => {
                Row::new(&mut self.master.line)
                    .i(self.id)
                    .s(&self.title)
                    .opt(self.main.map(|v| v as u64))
                    .opt(self.year.map(|v| v as u64))
                    .end();
                self.master.flush_line()?;
                for (aid, an) in &self.artists {
                    Row::new(&mut self.artist.line).i(self.id).opt(*aid).s(an).end();
                    self.artist.flush_line()?;
                }
            }
            _ => {}
        }
        Ok(())
    }
}

/// Masters dump → master, master_artist.
pub fn masters(path: &Path, st: &Staging) -> Result<SideStats> {
    info!("Processing masters XML: {}", path.display());
    let mut h = Masters {
        master: st.create("master", &["id", "title", "main_release_id", "year"])?,
        artist: st.create("master_artist", &["master_id", "artist_id", "artist_name"])?,
        id: 0,
        main: None,
        year: None,
        title: String::new(),
        artists: Vec::new(),
    };
    let n = drive(path, Kind::Masters, &mut h, |n| {
        if n % 100_000 == 0 {
            progress!("Parsed {n} masters...");
        }
    })?;
    info!("Parsed {n} masters total");
    let Masters { master, artist, .. } = h;
    let rows = vec![("master".to_string(), master.finish()?), ("master_artist".to_string(), artist.finish()?)];
    info!("Wrote {n} masters to CSV");
    Ok(SideStats { records: n, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// A fresh folder holding `xml` as `<kind>.xml`, and a staging area for its CSVs.
    fn dump(kind: &str, xml: &str) -> (PathBuf, PathBuf, Staging) {
        let d = std::env::temp_dir().join(format!("side-{kind}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        let path = d.join(format!("{kind}.xml"));
        std::fs::write(&path, xml).unwrap();
        let st = Staging::new(&d.join("out")).unwrap();
        (d, path, st)
    }

    #[test]
    fn artists_without_an_id_widen_nothing() {
        let (d, xml, st) = dump(
            "artists",
            "<artists><artist><name>X</name><aliases><name>Lib</name></aliases></artist>\n\
             <artist><id>0</id><name>Y</name><namevariations><name>Lib</name></namevariations></artist>\n\
             <artist><id>7</id><name>Z</name><namevariations><name>Lib</name><name>The Lib (2)</name>\
             <name>Other</name></namevariations><aliases><name>Two</name></aliases></artist></artists>\n",
        );
        let lib: FxHashSet<String> = ["lib".to_string(), "two".to_string()].into_iter().collect();
        let (_, aliases) = artists(&xml, &st, Some(&lib), true).unwrap();
        assert_eq!(aliases.ids.into_iter().collect::<Vec<_>>(), vec![7]);
        // Which library names, each once (for the pair filter).
        let mut keys = aliases.keys.get(&7).cloned().unwrap_or_default();
        keys.sort();
        assert_eq!(keys, vec!["lib", "two"]);
        assert_eq!(aliases.keys.len(), 1);
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn master_artists_without_an_id_are_empty() {
        let (d, xml, st) = dump(
            "masters",
            "<masters><master id=\"1\"><artists><artist><name>Anon</name></artist><artist><id>4</id><name>B</name>\
             </artist></artists><title>M</title></master></masters>",
        );
        masters(&xml, &st).unwrap();
        st.commit().unwrap();
        let rows = std::fs::read_to_string(d.join("out").join("master_artist.csv")).unwrap();
        assert_eq!(rows, "master_id,artist_id,artist_name\n1,,Anon\n1,4,B\n");
        let _ = std::fs::remove_dir_all(&d);
    }

    #[test]
    fn declarations_are_refused_where_they_are() {
        for (xml, what) in [
            ("<?xml version=\"1.0\"?>\n<!DOCTYPE labels [<!ENTITY x \"y\">]>\n<labels></labels>", "<!DOCTYPE> refused"),
            ("<labels>\n<!DOCTYPE labels>\n</labels>", "<!DOCTYPE> refused"),
            ("<labels><label><id>1</id></label>\n<!ENTITY x \"y\">\n</labels>", "entity definition <!ENTITY> refused"),
        ] {
            let (d, path, st) = dump("labels", xml);
            let e = labels(&path, &st).map(|_| ()).unwrap_err().to_string();
            let at = xml.find("<!").unwrap();
            assert!(e.contains(&format!(": byte {at}: ")) && e.contains(what), "{e}");
            drop(st);
            let _ = std::fs::remove_dir_all(d);
        }
    }
}
