//! The identity key: when a station's spelling of an artist name and a Discogs credit are the
//! same name. Defined once for both sides: the Python `discogs_cache_assets/library/identity.py`
//! follows the same steps, and both pass every row of
//! `discogs_cache_assets/library/identity_cases.tsv` (the steps are explained there and in the
//! Python module). The filter computes it for every credit of every release, so it allocates
//! nothing once its two buffers have grown, and ASCII names skip decomposition.
//!
//! The title key (`Keys::title`) is the same key for a release title, from
//! `discogs_cache_assets/library/title_cases.tsv`: no "(n)" disambiguator, but trailing edition
//! and format suffixes dropped first.

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::char::{canonical_combining_class, decompose_compatible, is_combining_mark};

/// Articles dropped in front of a name, in the plain or the filing form.
const DROP: &[&str] = &["the", "a", "an", "los", "las", "la", "le", "il", "gli", "der", "die", "das", "os"];
/// Articles read from the filing form ("Rita Mitsouko, Les") but never dropped: in front of a name
/// they are also words or given names ("Les Paul", "El DeBarge", "I Monster", "As I Lay Dying").
const MOVE: &[&str] = &["les", "el", "i", "as", "un", "une", "lo"];

/// Reusable buffers; `key` returns the identity key of a name.
#[derive(Default)]
pub struct Keys {
    folded: String,
    key: String,
}

impl Keys {
    pub fn key(&mut self, name: &str) -> &str {
        identity_key_into(name, &mut self.folded, &mut self.key);
        &self.key
    }

    pub fn title(&mut self, title: &str) -> &str {
        title_key_into(title, &mut self.folded, &mut self.key);
        &self.key
    }

    /// The title key of `title` into `out`, for when a name key is needed beside it.
    pub fn title_into(&mut self, title: &str, out: &mut String) {
        title_key_into(title, &mut self.folded, out);
    }
}

pub fn identity_key(name: &str) -> String {
    Keys::default().key(name).to_string()
}

pub fn title_key(title: &str) -> String {
    Keys::default().title(title).to_string()
}

/// A record size: `12"`, `12 inch`, `12-inch`.
macro_rules! size {
    () => {
        r#"[0-9]+ ?(?:"|\u201d|\u2032\u2032|-? ?inch(?:es)?)"#
    };
}

/// A trailing edition or format suffix of a folded title: the pattern of the Python side's
/// `TITLE_SUFFIX_PATTERN`, character for character ([0-9] and literal spaces, so that both regex
/// engines read it alike).
static TITLE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r" ?(?:",
        size!(),
        r"|[(\[] ?(?:[0-9]+|",
        size!(),
        r"|(?:[0-9]+ ?x? ?)?(?:cd|lp|disc|disk|cassette|cass|vinyl)s?(?: ?(?:set|box|box ?set))?",
        r"|(?:[0-9]{4} )?(?:digital(?:ly)? )?remaster(?:ed)?(?: (?:edition|version))?(?: [0-9]{4})?",
        r"|re-?issue|re-?press|deluxe(?: (?:edition|version))?|expanded(?: edition)?",
        r"|(?:[0-9]+(?:st|nd|rd|th) )?anniversary(?: edition)?|special edition|limited edition",
        r"|collector(?:'|\u2019)?s edition|bonus tracks?(?: version)?|ep|single|mono|stereo",
        r"|ost|original (?:motion picture )?soundtrack|music from the motion picture",
        r") ?[)\]])$",
    ))
    .expect("title suffix pattern")
});

/// Only a title ending in one of these can end in a suffix: the pattern runs on those alone.
#[inline]
fn may_end_in_suffix(s: &str) -> bool {
    s.ends_with([')', ']', '"', '\u{201d}', '\u{2032}']) || s.ends_with("inch") || s.ends_with("inches")
}

/// Suffixes dropped from the end while a title is left before them.
fn strip_title_suffixes(mut s: &str) -> &str {
    while may_end_in_suffix(s) {
        match TITLE_SUFFIX.find(s) {
            Some(m) if m.start() > 0 => s = &s[..m.start()],
            _ => break,
        }
    }
    s
}

/// The title key of `title` into `out`; `folded` is scratch space.
pub fn title_key_into(title: &str, folded: &mut String, out: &mut String) {
    fold_into(title, folded);
    let stripped = strip_title_suffixes(folded);
    if already_key(stripped) {
        out.clear();
        out.push_str(stripped);
        return;
    }
    let (prefix, body) = article_form(stripped);
    match prefix {
        Some(article) => words_into(article.chars().chain(std::iter::once(' ')).chain(body.chars()), out),
        None => words_into(body.chars(), out),
    }
    if out.is_empty() {
        out.push_str(stripped);
    }
}

/// The key of `name` into `out`; `folded` is scratch space.
pub fn identity_key_into(name: &str, folded: &mut String, out: &mut String) {
    fold_into(name, folded);
    if already_key(folded) {
        out.clear();
        out.push_str(folded);
        return;
    }
    let (prefix, body) = article_form(strip_disambiguator(folded));
    match prefix {
        Some(article) => words_into(article.chars().chain(std::iter::once(' ')).chain(body.chars()), out),
        None => words_into(body.chars(), out),
    }
    if out.is_empty() {
        out.push_str(folded);
    }
}

/// Python's `str.isspace` (Unicode White_Space plus the ASCII separators 0x1C–0x1F).
pub fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Letters NFKD leaves whole, spelt out (lower case: upper case is lowered first).
#[inline]
fn letter(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ł' => "l",
        'ø' => "o",
        'đ' | 'ð' | 'ɖ' => "d",
        'æ' => "ae",
        'œ' => "oe",
        'þ' => "th",
        'ı' => "i",
        'ħ' => "h",
        'ŧ' => "t",
        'ĸ' => "k",
        'ς' => "σ",
        _ => return None,
    })
}

/// Step 1: characters decomposed, marks dropped, lowered, letters spelt out; white space
/// trimmed and collapsed to single spaces.
fn fold_into(name: &str, out: &mut String) {
    out.clear();
    let bytes = name.as_bytes();
    if name.is_ascii() && plain_ascii_spacing(bytes) {
        out.push_str(name);
        out.make_ascii_lowercase();
        return;
    }
    let mut space = false;
    let mut push = |c: char, out: &mut String| {
        if is_py_space(c) {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    };
    for c in name.chars() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), out);
            continue;
        }
        // NFKD one character at a time: the canonical reordering of marks NFKD would also do
        // cannot change anything, since every mark is dropped.
        decompose_compatible(c, |d| {
            if canonical_combining_class(d) != 0 {
                return;
            }
            for l in d.to_lowercase() {
                match letter(l) {
                    Some(s) => s.chars().for_each(|x| push(x, out)),
                    None => push(l, out),
                }
            }
        });
    }
}

/// Whether ASCII text has no white space but single spaces between other characters.
#[inline]
fn plain_ascii_spacing(b: &[u8]) -> bool {
    let mut prev_space = true; // no leading space
    for &c in b {
        let space = c == b' ';
        if (space && prev_space) || (c.is_ascii_whitespace() && !space) || (0x1c..=0x1f).contains(&c) || c == 0x0b {
            return false;
        }
        prev_space = space;
    }
    !prev_space || b.is_empty()
}

/// The key of a folded name that is already its own key: lower-case ASCII letters and digits in
/// single-space-separated words, no leading article, no two one-letter words in a row.
#[inline]
fn already_key(s: &str) -> bool {
    let mut word_len = 0usize;
    let mut prev_len = 0usize;
    for &c in s.as_bytes() {
        if c == b' ' {
            if word_len == 1 && prev_len == 1 {
                return false;
            }
            prev_len = word_len;
            word_len = 0;
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            word_len += 1;
        } else {
            return false;
        }
    }
    if word_len == 1 && prev_len == 1 {
        return false;
    }
    match s.split_once(' ') {
        Some((first, _)) => !DROP.contains(&first),
        None => true,
    }
}

/// The credit line of a release's main artists as Discogs shows it ("Lou Reed & John Cale"), into
/// `out`: each name without its "(n)", then its join (the last one's left out). Its identity key
/// is the key of a library name that files the release under all its artists; the Python side's
/// `joined_credit` is the same.
pub fn joined_credit<'a>(credits: impl Iterator<Item = (&'a str, &'a str)>, out: &mut String) {
    out.clear();
    let mut join = "";
    for (i, (name, next_join)) in credits.enumerate() {
        if i > 0 {
            out.push(' ');
            if !join.is_empty() {
                out.push_str(join);
                out.push(' ');
            }
        }
        out.push_str(strip_disambiguator(name));
        join = next_join;
    }
}

/// Step 2: Discogs' trailing "(n)", when a name is left before it.
fn strip_disambiguator(s: &str) -> &str {
    let Some(inner) = s.strip_suffix(')') else { return s };
    let Some(open) = inner.rfind('(') else { return s };
    let digits = &inner[open + 1..];
    if open == 0 || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return s;
    }
    let head = inner[..open].trim_end_matches(' ');
    if head.is_empty() {
        s
    } else {
        head
    }
}

/// Steps 3 and 4: the filing form read as the plain form, a leading article dropped where it may
/// be. Returns an article to put in front (from the filing form) and the rest.
fn article_form(s: &str) -> (Option<&str>, &str) {
    if let Some(comma) = s.rfind(',').filter(|&c| c > 0) {
        let article = s[comma + 1..].trim_matches(' ');
        let head = s[..comma].trim_end_matches(' ');
        if has_word(head) {
            if DROP.contains(&article) {
                return (None, head);
            }
            if MOVE.contains(&article) {
                return (Some(article), head);
            }
        }
    }
    if let Some((first, rest)) = s.split_once(' ') {
        if DROP.contains(&first) && has_word(rest) {
            return (None, rest);
        }
    }
    (None, s)
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '`' | '\u{2019}' | '\u{2018}' | '\u{201b}' | '\u{02bc}' | '\u{2032}')
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

fn has_word(s: &str) -> bool {
    s.chars().any(|c| !is_apostrophe(c) && is_word_char(c))
}

/// Step 5: words joined by one space; apostrophes join, "&"/"+" between words is "and", a run of
/// one-letter words is one word.
fn words_into(chars: impl Iterator<Item = char>, out: &mut String) {
    out.clear();
    let mut start: Option<usize> = None; // where the current word begins in `out`
    let mut len = 0usize; // its length in characters
    let mut joined_run = false; // the previous word is a run of one-letter words
    let mut pending_and = false;
    for c in chars.chain(std::iter::once(' ')) {
        if is_apostrophe(c) {
            continue;
        }
        if is_word_char(c) {
            if start.is_none() {
                if !out.is_empty() {
                    if pending_and {
                        out.push_str(" and");
                        joined_run = false;
                    }
                    out.push(' ');
                }
                pending_and = false;
                start = Some(out.len());
                len = 0;
            }
            out.push(c);
            len += 1;
            continue;
        }
        if let Some(at) = start.take() {
            if len == 1 && joined_run {
                out.remove(at - 1);
            } else {
                joined_run = len == 1;
            }
        }
        if c == '&' || c == '+' {
            pending_and = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../discogs_cache_assets/library/identity_cases.tsv");
    const TITLE_CASES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../discogs_cache_assets/library/title_cases.tsv");

    /// Every row of a shared table through `key`; returns the number of rows.
    fn passes_table(path: &str, key: impl Fn(&mut Keys, &str) -> String) -> usize {
        let text = std::fs::read_to_string(path).expect(path);
        let mut keys = Keys::default();
        let mut failed = Vec::new();
        let mut rows = 0;
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let (Some(input), Some(want), Some(_why), None) = (f.next(), f.next(), f.next(), f.next()) else {
                panic!("{path}: not three tab-separated columns: {line:?}");
            };
            rows += 1;
            let got = key(&mut keys, input);
            if got != want {
                failed.push(format!("{input:?}: want {want:?}, got {got:?}"));
            }
        }
        assert!(failed.is_empty(), "{path}:\n{}", failed.join("\n"));
        rows
    }

    #[test]
    fn passes_the_shared_cases() {
        let rows = passes_table(CASES, |k, s| k.key(s).to_string());
        assert!(rows >= 100, "{rows} rows");
    }

    #[test]
    fn passes_the_shared_title_cases() {
        let rows = passes_table(TITLE_CASES, |k, s| k.title(s).to_string());
        assert!(rows >= 50, "{rows} rows");
    }

    #[test]
    fn buffers_are_reused() {
        let mut keys = Keys::default();
        assert_eq!(keys.key("Straßenjungs, Die (2)"), "strassenjungs");
        assert_eq!(keys.key("The Clean"), "clean");
        assert_eq!(keys.key("!!!"), "!!!");
        assert_eq!(identity_key("M.I.A."), "mia");
        assert_eq!(keys.title("Abbey Road (Remastered) [Deluxe Edition]"), "abbey road");
        assert_eq!(keys.key("Abbey Road (Remastered)"), "abbey road remastered");
        assert_eq!(title_key("Wall, The"), "wall");
    }
}
