//! Release filter: library artist names, aliases by credited artist id, the
//! (artist, title) pair filter, the keep-list, and our compilation-title extension.
//! Artist names and aliases are compared by their identity key, titles by their title key
//! (`identity.rs`), in the artist filter, the pair filter and for compilation titles alike; only
//! the compilation rule reads the v1 normalisation below ("The Various" is a band, "Various" not,
//! though their identity keys are equal).

use std::path::Path;
use std::sync::LazyLock;

use anyhow::{Context, Result};
use regex::Regex;
use rustc_hash::{FxHashMap, FxHashSet};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

use crate::errors::InputError;
use crate::identity::{identity_key, is_py_space, title_key, Keys};
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
    let maybe_tail = norm.ends_with(['k', 's', 'n', 't', '.', ')']);
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
    /// Artist ids whose alias or name variation is a library name (directory input only): of
    /// `names`, or with `pairs` of `pair_artists`.
    pub alias_ids: FxHashSet<u64>,
    /// With `pairs`: the library names (identity keys) each of `alias_ids` stands for.
    pub alias_keys: FxHashMap<u64, Vec<String>>,
    /// `--library-db`: title key -> identity keys of the artists the library files it under.
    pub pairs: Option<FxHashMap<String, FxHashSet<String>>>,
    /// Every artist of `pairs` (for the scan's early rejection and the aliases).
    pub pair_artists: FxHashSet<String>,
    /// The leading words of every library name of two words or more (of `names`, or with `pairs`
    /// of `pair_artists`): a release whose first main artist's key is one of them may be filed
    /// under all its main artists ("Lou Reed & John Cale"), so the scan leaves it to the parser.
    pub joined_heads: FxHashSet<String>,
    /// With `pairs`: each artist's title keys, words sorted, for titles spelt another way.
    pub artist_titles: FxHashMap<String, Vec<String>>,
    /// With `pairs`: the least similarity (`indel_similarity`) at which a release title is one
    /// of its library artist's titles (a typo, a word order); above 1, only equal keys match.
    pub title_similarity: f64,
    /// `--compilation-titles`: title keys kept for all-compilation releases.
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

    /// The library names a credited artist id's aliases or name variations are (pair filter).
    #[inline]
    pub fn alias_keys_of(&self, id: &[u8]) -> &[String] {
        if self.alias_keys.is_empty() {
            return &[];
        }
        let found = std::str::from_utf8(id).ok().and_then(discogs_id).and_then(|i| self.alias_keys.get(&i));
        found.map_or(&[], Vec::as_slice)
    }

    /// Pairs as `load_library_db` reads them; titles also match at `title_similarity`.
    pub fn set_pairs(&mut self, pairs: FxHashMap<String, FxHashSet<String>>, title_similarity: f64) {
        self.pair_artists = pairs.values().flatten().cloned().collect();
        self.joined_heads = joined_heads(&self.pair_artists);
        self.artist_titles.clear();
        for (title, artists) in &pairs {
            let sorted = sort_words(title);
            for a in artists {
                self.artist_titles.entry(a.clone()).or_default().push(sorted.clone());
            }
        }
        self.pairs = Some(pairs);
        self.title_similarity = title_similarity;
    }

    /// Whether one of the library artist `artist`'s titles is `sorted_title` (a title key, words
    /// sorted) spelt another way, at `title_similarity`.
    pub fn near_title(&self, artist: &str, sorted_title: &str) -> bool {
        self.title_similarity <= 1.0
            && self.artist_titles.get(artist).is_some_and(|titles| {
                titles.iter().any(|t| indel_similarity_at_least(t, sorted_title, self.title_similarity))
            })
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
        let mut first_main = scan.main_count() > 1 && !self.joined_heads.is_empty();
        for c in &scan.creds {
            let raw = &rec[c.name.0 as usize..c.name.1 as usize];
            let Ok(raw) = std::str::from_utf8(raw) else { return false };
            let Ok(name) = quick_xml::escape::unescape(raw) else { return false };
            if self.names.is_some() || self.pairs.is_some() {
                let key = buf.keys.key(&name);
                if self.names.as_ref().is_some_and(|n| n.contains(key))
                    || self.pair_artists.contains(key)
                    || self.alias_match(&rec[c.id.0 as usize..c.id.1 as usize])
                    || (first_main && !c.extra && self.joined_heads.contains(key))
                {
                    return false;
                }
            }
            first_main &= c.extra;
            if all_compilation && !c.extra {
                normalize_into(&name, &mut buf.norm);
                if !is_compilation_name(&buf.norm) {
                    all_compilation = false;
                }
            }
        }
        !all_compilation
    }
}

/// A key's words in code point order (Python's `sorted(key.split())`), so that word order does
/// not count in a similarity.
pub fn sort_words(key: &str) -> String {
    let mut words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    words.sort_unstable();
    words.join(" ")
}

/// Whether the Indel similarity of `a` and `b` (rapidfuzz's `fuzz.ratio` / 100: twice the
/// longest common subsequence of their characters over their total length; 1 for two empty
/// strings) is at least `cutoff`. A rounding error's worth below it still counts: the library
/// match computes the same ratio in floating point, and the filter must not drop what it keeps.
pub fn indel_similarity_at_least(a: &str, b: &str, cutoff: f64) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let total = (a.len() + b.len()) as f64;
    if total == 0.0 {
        return true;
    }
    let needed = cutoff * total - 1e-9 * total;
    if 2.0 * (a.len().min(b.len()) as f64) < needed {
        return false;
    }
    let mut row = vec![0u32; b.len() + 1];
    for &x in &a {
        let mut diagonal = 0u32;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    2.0 * row[b.len()] as f64 >= needed
}

fn read_lines_set(path: &Path, key: fn(&str) -> String, verbatim: bool) -> Result<FxHashSet<String>> {
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
        if verbatim {
            set.insert(l.to_string());
        }
    }
    Ok(set)
}

/// See `Filter::joined_heads`.
pub fn joined_heads(names: &FxHashSet<String>) -> FxHashSet<String> {
    let mut heads = FxHashSet::default();
    for name in names {
        for (at, _) in name.match_indices(' ') {
            heads.insert(name[..at].to_string());
        }
    }
    heads
}

pub fn load_library_artists(path: &Path) -> Result<FxHashSet<String>> {
    let set = read_lines_set(path, identity_key, false)?;
    info!("Loaded {} library artists from {}", set.len(), path.display());
    Ok(set)
}

/// A line is a title key, as the library side writes them, or a title as typed: both are kept
/// (a key is not always its own key: "the a team" is "a team"'s key, "a team" is "team"'s).
pub fn load_compilation_titles(path: &Path) -> Result<FxHashSet<String>> {
    let set = read_lines_set(path, title_key, true)?;
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

/// The library's (artist, title) pairs from a SQLite file, read-only: `SELECT artist, title FROM
/// library`, and `alternate_artist_name` with the title where the table has that column (an album
/// filed under one name and also known by another). Title key -> identity keys of its artists.
pub fn load_library_db(path: &Path) -> Result<FxHashMap<String, FxHashSet<String>>> {
    use rusqlite::{Connection, OpenFlags};
    let shown = path.display().to_string();
    if !path.is_file() {
        anyhow::bail!("cannot open library.db {shown}: no such file");
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .with_context(|| format!("cannot open library.db {shown}"))?;
    let alternate = conn
        .prepare("SELECT 1 FROM pragma_table_info('library') WHERE name = 'alternate_artist_name'")
        .and_then(|mut s| s.exists([]))
        .with_context(|| format!("cannot read library.db {shown}"))?;
    let sql = if alternate {
        "SELECT artist, title, alternate_artist_name FROM library"
    } else {
        "SELECT artist, title, NULL FROM library"
    };
    let mut stmt = conn.prepare(sql).with_context(|| format!("cannot read library.db {shown}"))?;
    let mut rows = stmt.query([]).with_context(|| format!("cannot read library.db {shown}"))?;
    let mut map: FxHashMap<String, FxHashSet<String>> = FxHashMap::default();
    let mut keys = Keys::default();
    let mut pairs = 0usize;
    while let Some(row) = rows.next().with_context(|| format!("cannot read library.db {shown}"))? {
        let text = |i: usize| row.get::<_, Option<String>>(i).ok().flatten();
        let Some(t) = text(1) else { continue };
        for a in [text(0), text(2)].into_iter().flatten() {
            pairs += add_pair(&mut map, &mut keys, &a, &t) as usize;
        }
    }
    info!("Loaded {} library titles spanning {} (artist, title) pairs from {}", map.len(), pairs, shown);
    Ok(map)
}

/// One (artist, title) pair by their keys; false when either key is empty or the pair is known.
fn add_pair(map: &mut FxHashMap<String, FxHashSet<String>>, keys: &mut Keys, artist: &str, title: &str) -> bool {
    let t = keys.title(title).to_string();
    let a = keys.key(artist);
    if t.is_empty() || a.is_empty() {
        return false;
    }
    map.entry(t).or_default().insert(a.to_string())
}

/// More (artist, title) pairs for `map`, from a CSV file whose header names an `artist_name` and a
/// `release_title` column (the library side's library_aliases.csv: alternate names and the
/// station's cross references). A row without a title names an artist without an album: skipped.
pub fn load_library_pairs(path: &Path, map: &mut FxHashMap<String, FxHashSet<String>>) -> Result<()> {
    let shown = path.display().to_string();
    let bad = |e: csv::Error| {
        let what = match e.kind() {
            csv::ErrorKind::Io(io) => return InputError::file(&shown, format!("cannot read: {io}")),
            csv::ErrorKind::Utf8 { .. } => "invalid UTF-8".to_string(),
            _ => e.to_string(),
        };
        match e.position() {
            Some(p) => InputError::line(&shown, p.line(), what),
            None => InputError::file(&shown, what),
        }
    };
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path).map_err(bad)?;
    let header = rdr.headers().map_err(bad)?.clone();
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(artist), Some(title)) = (column("artist_name"), column("release_title")) else {
        return Err(InputError::line(&shown, 1, "the header names no artist_name and release_title columns").into());
    };
    let mut keys = Keys::default();
    let mut pairs = 0usize;
    for row in rdr.records() {
        let row = row.map_err(bad)?;
        if let (Some(a), Some(t)) = (row.get(artist), row.get(title)) {
            pairs += add_pair(map, &mut keys, a, t) as usize;
        }
    }
    info!("Loaded {pairs} more (artist, title) pairs from {shown}");
    Ok(())
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
    fn indel_similarity_is_rapidfuzz_ratio() {
        // (a, b, rapidfuzz fuzz.ratio / 100)
        for (a, b, ratio) in [
            ("screamadelica", "scremadelica", 0.96),
            ("a kid mnesia", "kid a", 10.0 / 17.0),
            ("division joy", "joy", 0.40),
            ("", "", 1.0),
            ("abc", "", 0.0),
            ("blue lines", "blue notes", 0.80),
            ("ομηρου", "ομηρυο", 5.0 / 6.0),
        ] {
            assert!(indel_similarity_at_least(a, b, ratio), "{a} {b}");
            assert!(indel_similarity_at_least(b, a, ratio), "{b} {a}");
            assert!(ratio == 1.0 || !indel_similarity_at_least(a, b, ratio + 0.001), "{a} {b}");
        }
        assert_eq!(sort_words("love supreme a"), "a love supreme");
    }

    #[test]
    fn near_titles_of_the_artist_only() {
        let mut f = Filter::default();
        let pairs = [("screamadelica".to_string(), ["primal scream".to_string()].into_iter().collect())];
        f.set_pairs(pairs.into_iter().collect(), 0.65);
        assert!(f.near_title("primal scream", "scremadelica"));
        assert!(!f.near_title("primal scream", "give out but dont give up"));
        assert!(!f.near_title("other", "screamadelica"));
        f.title_similarity = 1.01;
        assert!(!f.near_title("primal scream", "scremadelica"));
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
