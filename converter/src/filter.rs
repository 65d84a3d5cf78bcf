//! Release filter (§5): library artist names, aliases by credited artist id, the
//! (artist, title) pair filter, the keep-list, and our compilation-title extension.
//! Artist names and aliases are compared by their identity key (`identity.rs`); titles, the pair
//! filter and the compilation rule by the v1 normalisation below.

use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context, Result};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::errors::InputError;
use crate::identity::{identity_key, is_py_space, Keys};
use crate::info;

/// v1/v2 normalisation, as the project's Python `normalize_filter`: NFKD, drop combining
/// characters (canonical combining class != 0, like `unicodedata.combining`), lowercase, trim
/// (Python's `str.strip` white space). Writes into `out`.
pub fn normalize_into(s: &str, out: &mut String) {
    out.clear();
    let t = s.trim_matches(is_py_space);
    if t.is_ascii() {
        out.extend(t.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let stripped: String = t.nfkd().filter(|c| canonical_combining_class(*c) == 0).collect();
    let lower = stripped.to_lowercase();
    out.push_str(lower.trim_matches(is_py_space));
}

pub fn normalize(s: &str) -> String {
    let mut out = String::new();
    normalize_into(s, &mut out);
    out
}

// The library side's rule (discogs_cache_assets/library/normalize.py, is_compilation), so that a
// compilation the library lists is recognised the same way on both sides:
//   1. "various" / "various artists" / "v/a" / "v.a." / "va", alone or followed by a separator
//      and more text ("Various Artists - Soundtracks"); "Various Production" is a band;
//   2. a last word soundtrack(s) / compilation(s) / ost / o.s.t.: "Original Soundtrack";
//      "The Soundtrack of Our Lives" is a band.
static COMPILATION_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:various(?:\s+artists?)?|v\s*/\s*a\.?|v\.\s*a\.?|va)(?:$|\s*[-:/(,\x{2013}]|\s+-)").unwrap()
});
static COMPILATION_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s\-:(/])(?:soundtracks?|compilations?|ost|o\.s\.t\.?)\)?$").unwrap()
});

/// True when a normalised name is a compilation credit ("Various", "V/A", "Original Soundtrack", ...).
pub fn is_compilation_name(norm: &str) -> bool {
    // Most names are neither: skip the regexes unless a keyword can match.
    let maybe_head = norm.starts_with('v');
    let maybe_tail = norm.ends_with(|c: char| matches!(c, 'k' | 's' | 'n' | 't' | '.' | ')'));
    (maybe_head && COMPILATION_HEAD.is_match(norm)) || (maybe_tail && COMPILATION_TAIL.is_match(norm))
}

/// A Discogs id (artist, master, label, company) from its text: a positive integer. Dumps say
/// "none" with an absent element or with 0 (`<master_id>0</master_id>` on every release without a
/// master); taken for an id, 0 would rank all masterless releases together or make every credit
/// without an id match an artist.
#[inline]
pub fn discogs_id(s: &str) -> Option<u64> {
    s.trim().parse::<u64>().ok().filter(|&v| v > 0)
}

/// A worker's reusable buffers for `Filter::rejects`.
#[derive(Default)]
pub struct Scratch {
    pub keys: Keys,
    pub norm: String,
}

#[derive(Default)]
pub struct Filter {
    /// Identity keys of the library artist names (`--library-artists`).
    pub names: Option<FxHashSet<String>>,
    /// Artist ids whose alias or name variation is a library name (directory input only).
    pub alias_ids: FxHashSet<u64>,
    /// `--library-db`: normalised title -> normalised artists.
    pub pairs: Option<FxHashMap<String, FxHashSet<String>>>,
    /// Every artist of `pairs` (for the scan's early rejection).
    pub pair_artists: FxHashSet<String>,
    /// `--compilation-titles`: normalised titles kept for all-compilation releases.
    pub compilation_titles: Option<FxHashSet<String>>,
    /// `--keep-release-ids`.
    pub keep_ids: FxHashSet<u64>,
}

impl Filter {
    pub fn active(&self) -> bool {
        self.names.is_some() || self.pairs.is_some() || self.compilation_titles.is_some()
    }

    /// Whether a credited artist id (its raw text) is one whose alias or name variation is a
    /// library name. A credit without an id matches no alias.
    #[inline]
    pub fn alias_match(&self, id: &[u8]) -> bool {
        !self.alias_ids.is_empty()
            && std::str::from_utf8(id).ok().and_then(discogs_id).is_some_and(|i| self.alias_ids.contains(&i))
    }

    pub fn set_pairs(&mut self, pairs: FxHashMap<String, FxHashSet<String>>) {
        self.pair_artists = pairs.values().flatten().cloned().collect();
        self.pairs = Some(pairs);
    }

    /// Whether the release scanned by `scan` certainly fails the filter (so the full parse can be
    /// skipped). `false` means "parse it and decide".
    pub fn rejects(&self, scan: &crate::scan::Scan, id: u64, rec: &[u8], buf: &mut Scratch) -> bool {
        if scan.complex || scan.main_count() == 0 {
            return false;
        }
        if !self.keep_ids.is_empty() && self.keep_ids.contains(&id) {
            return false;
        }
        // Without compilation titles, whether all main credits are compilations decides nothing.
        let mut all_compilation = self.compilation_titles.is_some();
        for c in &scan.creds {
            let raw = &rec[c.name.0 as usize..c.name.1 as usize];
            let Ok(raw) = std::str::from_utf8(raw) else { return false };
            let Ok(name) = quick_xml::escape::unescape(raw) else { return false };
            if let Some(names) = &self.names {
                if names.contains(buf.keys.key(&name)) || self.alias_match(&rec[c.id.0 as usize..c.id.1 as usize]) {
                    return false;
                }
            }
            let compilation_open = all_compilation && !c.extra;
            if compilation_open || !self.pair_artists.is_empty() {
                normalize_into(&name, &mut buf.norm);
                if self.pair_artists.contains(buf.norm.as_str()) {
                    return false;
                }
                if compilation_open && !is_compilation_name(&buf.norm) {
                    all_compilation = false;
                }
            }
        }
        !all_compilation
    }
}

fn read_lines_set(path: &Path, key: fn(&str) -> String) -> Result<FxHashSet<String>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError::file(&path.display().to_string(), format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
    })?;
    let mut set = FxHashSet::default();
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        let n = key(l);
        if !n.is_empty() {
            set.insert(n);
        }
    }
    Ok(set)
}

pub fn load_library_artists(path: &Path) -> Result<FxHashSet<String>> {
    let set = read_lines_set(path, identity_key)?;
    info!("Loaded {} library artists from {}", set.len(), path.display());
    Ok(set)
}

pub fn load_compilation_titles(path: &Path) -> Result<FxHashSet<String>> {
    let set = read_lines_set(path, normalize)?;
    info!("Loaded {} compilation titles from {}", set.len(), path.display());
    Ok(set)
}

/// One unsigned integer per line; blank and `#` lines ignored; a missing file is an empty list.
pub fn load_keep_ids(path: &Path) -> Result<FxHashSet<u64>> {
    let mut set = FxHashSet::default();
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(set),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    for (i, line) in text.lines().enumerate() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') {
            continue;
        }
        let id: u64 = l.parse().map_err(|_| {
            InputError::line(&path.display().to_string(), i as u64 + 1, format!("not a release id: {l:?}"))
        })?;
        set.insert(id);
    }
    info!("Loaded {} release ids to keep from {}", set.len(), path.display());
    Ok(set)
}

/// `SELECT artist, title FROM library` from a SQLite file, read-only.
pub fn load_library_db(path: &Path) -> Result<FxHashMap<String, FxHashSet<String>>> {
    use rusqlite::{Connection, OpenFlags};
    let shown = path.display().to_string();
    if !path.is_file() {
        anyhow::bail!("cannot open library.db {shown}: no such file");
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .with_context(|| format!("cannot open library.db {shown}"))?;
    let mut stmt = conn
        .prepare("SELECT artist, title FROM library")
        .with_context(|| format!("cannot read library.db {shown}"))?;
    let mut rows = stmt.query([]).with_context(|| format!("cannot read library.db {shown}"))?;
    let mut map: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
    let mut pairs = 0usize;
    while let Some(row) = rows.next().with_context(|| format!("cannot read library.db {shown}"))? {
        let artist: Option<String> = row.get(0).ok();
        let title: Option<String> = row.get(1).ok();
        let (Some(a), Some(t)) = (artist, title) else { continue };
        let (a, t) = (normalize(&a), normalize(&t));
        if a.is_empty() || t.is_empty() {
            continue;
        }
        if map.entry(t).or_default().insert(a) {
            pairs += 1;
        }
    }
    info!("Loaded {} library titles spanning {} (artist, title) pairs from {}", map.len(), pairs, shown);
    Ok(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_the_reference() {
        assert_eq!(normalize("Björk"), "bjork");
        assert_eq!(normalize("  Mixed Case  "), "mixed case");
        assert_eq!(normalize("Nilüfer Yanya"), "nilufer yanya");
        assert_eq!(normalize("Beatles, The"), "beatles, the");
        assert_ne!(normalize("Various"), normalize("Various Artists"));
        assert_eq!(normalize("Sigur Rós"), "sigur ros");
        assert_eq!(normalize("ＡＢＣ"), "abc");
    }

    #[test]
    fn compilation_names() {
        for n in ["Various", "Various Artists", "V/A", "v.a.", "VA", "Various  Artists",
                  "Various Artists - Soundtracks", "Original Soundtrack", "Soundtrack", "Compilation",
                  "Original Motion Picture Soundtrack", "Sóundtrack (OST)"] {
            assert!(is_compilation_name(&normalize(n)), "{n}");
        }
        for n in ["Vanilla Fudge", "Variousness", "The Various", "Various Production",
                  "The Soundtrack of Our Lives", "Compilation of Fools", "Radiohead"] {
            assert!(!is_compilation_name(&normalize(n)), "{n}");
        }
    }
}
