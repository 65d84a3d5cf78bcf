//! Light pass over a `<release>` record for the filter: checks that tags are balanced
//! (element nesting, comments, CDATA, processing instructions, quoted attributes) and collects the
//! release-level credits (`artists/artist` and `extraartists/artist`: `id`, `name`) without
//! building anything else. When the filter cannot keep the release, the full parse is skipped —
//! that is most of a real dump. Anything unusual where credits are read (CDATA, comments or
//! child elements inside a credit, repeated fields) makes the scan answer "parse fully", so the
//! decision is always the full parser's.

use memchr::{memchr, memmem};

use crate::errors::declaration;

/// `memchr` with a short linear probe first: most distances inside a record are a few bytes,
/// where the SIMD search's setup costs more than it saves.
#[inline(always)]
fn find(byte: u8, b: &[u8], from: usize) -> Option<usize> {
    let end = b.len().min(from + 16);
    let mut i = from;
    while i < end {
        if b[i] == byte {
            return Some(i);
        }
        i += 1;
    }
    if end == b.len() {
        return None;
    }
    memchr(byte, &b[end..]).map(|k| k + end)
}

/// Index of the `>` closing a start tag, skipping quoted attribute values.
#[inline(always)]
fn tag_end(b: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < b.len() {
        match b[i] {
            b'>' => return Some(i),
            q @ (b'"' | b'\'') => i = find(q, b, i + 1)? + 1,
            _ => i += 1,
        }
    }
    None
}

#[derive(Clone, Copy, Default, Debug)]
pub struct Cred {
    pub extra: bool,
    pub id: (u32, u32),
    pub name: (u32, u32),
    has_id: bool,
    has_name: bool,
}

#[derive(Default)]
pub struct Scan {
    stack: Vec<(u32, u32)>,
    pub creds: Vec<Cred>,
    /// Index of the root start tag's `>`.
    pub root_end: u32,
    /// Set when the record needs the full parser to decide.
    pub complex: bool,
}

#[derive(Debug)]
pub struct ScanError {
    pub offset: usize,
    pub msg: String,
}

fn err<T>(offset: usize, msg: impl Into<String>) -> Result<T, ScanError> {
    Err(ScanError { offset, msg: msg.into() })
}

/// Bytes that end an element name.
static NAME_STOP: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    t[b'\t' as usize] = true;
    t[b'\r' as usize] = true;
    t[b'\n' as usize] = true;
    t[b'>' as usize] = true;
    t[b'/' as usize] = true;
    t
};

#[inline(always)]
fn name_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < b.len() && !NAME_STOP[b[i] as usize] {
        i += 1;
    }
    i
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cap {
    None,
    Id,
    Name,
}

impl Scan {
    pub fn new() -> Self {
        Self::default()
    }

    /// Scan one record; `Err` when it is not well-formed.
    pub fn run(&mut self, b: &[u8]) -> Result<(), ScanError> {
        self.stack.clear();
        self.creds.clear();
        self.complex = false;
        self.root_end = 0;
        // Context of credit collection, by depth: 1 release, 2 artists/extraartists, 3 artist, 4 field.
        let mut in_credits: Option<bool> = None; // Some(extra) while inside a release-level credit list
        let mut in_artist = false;
        let mut cap = Cap::None;
        let mut cap_start = 0usize;
        let mut i = 0usize;
        let mut done = false;
        while let Some(lt) = find(b'<', b, i) {
            if done {
                return err(lt, "content after </release>");
            }
            let Some(&c) = b.get(lt + 1) else { return err(lt, "malformed XML: truncated tag") };
            match c {
                b'/' => {
                    let Some((s, e)) = self.stack.pop() else { return err(lt, "malformed XML: unmatched end tag") };
                    let (s, e) = (s as usize, e as usize);
                    let n = e - s;
                    // Fast path: `</name>` exactly as opened.
                    let gt = if b.len() > lt + 2 + n && b[lt + 2 + n] == b'>' && b[lt + 2..lt + 2 + n] == b[s..e] {
                        lt + 2 + n
                    } else {
                        let ne = name_end(b, lt + 2);
                        let Some(gt) = find(b'>', b, ne) else {
                            return err(lt, "malformed XML: unterminated end tag");
                        };
                        if b[ne..gt].iter().any(|x| !matches!(x, b' ' | b'\t' | b'\r' | b'\n')) {
                            return err(lt, "malformed XML: bad end tag");
                        }
                        if b[s..e] != b[lt + 2..ne] {
                            return err(
                                lt,
                                format!(
                                    "malformed XML: expected </{}>, found </{}>",
                                    String::from_utf8_lossy(&b[s..e]),
                                    String::from_utf8_lossy(&b[lt + 2..ne])
                                ),
                            );
                        }
                        gt
                    };
                    let depth = self.stack.len(); // depth of the closed element minus one
                    if cap != Cap::None {
                        let span = (cap_start as u32, lt as u32);
                        if let Some(cr) = self.creds.last_mut() {
                            match cap {
                                Cap::Id => {
                                    if cr.has_id {
                                        self.complex = true;
                                    }
                                    cr.id = span;
                                    cr.has_id = true;
                                }
                                _ => {
                                    if cr.has_name {
                                        self.complex = true;
                                    }
                                    cr.name = span;
                                    cr.has_name = true;
                                }
                            }
                        }
                        cap = Cap::None;
                    } else if depth == 2 && in_artist {
                        in_artist = false;
                    } else if depth == 1 && in_credits.is_some() {
                        in_credits = None;
                    } else if depth == 0 {
                        done = true;
                    }
                    i = gt + 1;
                }
                b'!' => {
                    let rest = &b[lt..];
                    let (close, skip): (&[u8], usize) = if rest.starts_with(b"<!--") {
                        (b"-->", 4)
                    } else if rest.starts_with(b"<![CDATA[") {
                        (b"]]>", 9)
                    } else {
                        return err(lt, declaration(rest).unwrap_or_else(|| "malformed XML: unexpected <!".to_string()));
                    };
                    if cap != Cap::None || in_artist {
                        self.complex = true;
                    }
                    let Some(e) = memmem::find(&b[lt + skip..], close) else {
                        return err(lt, "malformed XML: unterminated comment or CDATA");
                    };
                    i = lt + skip + e + close.len();
                }
                b'?' => {
                    let Some(e) = memmem::find(&b[lt + 2..], b"?>") else {
                        return err(lt, "malformed XML: unterminated processing instruction");
                    };
                    i = lt + 2 + e + 2;
                }
                _ => {
                    let ne = name_end(b, lt + 1);
                    if ne == lt + 1 {
                        return err(lt, "malformed XML: empty tag name");
                    }
                    // End of the start tag, skipping quoted attribute values.
                    let gt = if b.get(ne) == Some(&b'>') {
                        ne
                    } else {
                        let Some(gt) = tag_end(b, ne) else {
                            return err(lt, "malformed XML: unterminated start tag");
                        };
                        gt
                    };
                    let empty = b[gt - 1] == b'/';
                    let name = &b[lt + 1..ne];
                    let depth = self.stack.len(); // parent depth
                    if cap != Cap::None {
                        self.complex = true;
                    }
                    if depth == 0 {
                        if !self.stack.is_empty() || lt != 0 || name != b"release" {
                            return err(lt, "expected a <release> element");
                        }
                        self.root_end = gt as u32;
                        if empty {
                            done = true;
                        }
                    } else if depth == 1 {
                        if (name == b"artists" || name == b"extraartists") && !empty {
                            in_credits = Some(name == b"extraartists");
                        }
                    } else if depth == 2 && in_credits.is_some() {
                        if name == b"artist" {
                            self.creds.push(Cred { extra: in_credits == Some(true), ..Default::default() });
                            if !empty {
                                in_artist = true;
                            }
                        }
                    } else if depth == 3 && in_artist {
                        let what = match name {
                            b"id" => Cap::Id,
                            b"name" => Cap::Name,
                            _ => Cap::None,
                        };
                        if what != Cap::None {
                            if ne != gt && !(empty && ne + 1 == gt) {
                                // attributes on <id>/<name>: unusual, let the parser decide
                                self.complex = true;
                            }
                            if empty {
                                if let Some(cr) = self.creds.last_mut() {
                                    let span = (gt as u32 + 1, gt as u32 + 1);
                                    if what == Cap::Id {
                                        self.complex |= cr.has_id;
                                        cr.id = span;
                                        cr.has_id = true;
                                    } else {
                                        self.complex |= cr.has_name;
                                        cr.name = span;
                                        cr.has_name = true;
                                    }
                                }
                            } else {
                                cap = what;
                                cap_start = gt + 1;
                            }
                        }
                    }
                    if !empty {
                        self.stack.push(((lt + 1) as u32, ne as u32));
                    }
                    i = gt + 1;
                }
            }
        }
        if !done {
            return err(b.len(), "malformed XML: <release> is not closed");
        }
        if b[i..].iter().any(|x| !x.is_ascii_whitespace()) {
            return err(i, "content after </release>");
        }
        Ok(())
    }

    /// The root element's `id` attribute, checked as the full parser checks it
    /// ([`crate::release::release_id`]); the error says what is wrong with it.
    pub fn release_id(&self, b: &[u8]) -> Result<u64, String> {
        let mut end = self.root_end as usize;
        if end > 0 && b[end - 1] == b'/' {
            end -= 1;
        }
        // Fast path: the dumps' own form, `<release id="123" ...>`.
        if let Some(rest) = b[..end].strip_prefix(b"<release id=\"") {
            let n = rest.iter().take_while(|c| c.is_ascii_digit()).count();
            if (1..=10).contains(&n) && rest.get(n) == Some(&b'"') {
                let id = rest[..n].iter().fold(0u64, |a, &c| a * 10 + (c - b'0') as u64);
                if (1..=crate::release::MAX_ID).contains(&id) {
                    return Ok(id);
                }
            }
        }
        let Ok(content) = std::str::from_utf8(&b[1..end.max(1)]) else {
            return Err("malformed XML: invalid UTF-8 in the <release> start tag".to_string());
        };
        let start = quick_xml::events::BytesStart::from_content(content, content.len().min(7));
        let mut id = None;
        for a in start.attributes() {
            let a = a.map_err(|e| format!("malformed XML: {e}"))?;
            if a.key.as_ref() == b"id" {
                id = Some(a.unescape_value().map_err(|e| format!("malformed XML: {e}"))?);
                break;
            }
        }
        crate::release::release_id(id.as_deref())
    }

    /// Main-credit count as the full parser would see it.
    pub fn main_count(&self) -> usize {
        self.creds.iter().filter(|c| !c.extra).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(x: &str) -> Vec<(bool, String, String)> {
        let mut s = Scan::new();
        s.run(x.as_bytes()).unwrap();
        s.creds
            .iter()
            .map(|c| {
                (
                    c.extra,
                    x[c.id.0 as usize..c.id.1 as usize].to_string(),
                    x[c.name.0 as usize..c.name.1 as usize].to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn collects_release_level_credits_only() {
        let x = r#"<release id="1"><images><image uri="a>b"/></images><artists><artist><id>7</id><name>A &amp; B</name><anv/></artist></artists><title>t</title><tracklist><track><artists><artist><name>T</name></artist></artists></track></tracklist><extraartists><artist><name>P</name><id>9</id><role>r</role></artist></extraartists></release>"#;
        assert_eq!(
            names(x),
            vec![(false, "7".into(), "A &amp; B".into()), (true, "9".into(), "P".into())]
        );
    }

    #[test]
    fn flags_complex_and_errors() {
        let mut s = Scan::new();
        s.run(b"<release><artists><artist><name><![CDATA[x]]></name></artist></artists></release>").unwrap();
        assert!(s.complex);
        for bad in [
            "<release><a></b></release>",
            "<release><a>",
            "<release><a x=\"1></a></release>",
            "<release></release><x/>",
            "<release><a></a>",
        ] {
            assert!(s.run(bad.as_bytes()).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_absent_id_is_no_alias() {
        // Even with 0 among the alias ids, a credit without an id (or with id 0) matches nothing,
        // in the scan's early rejection and in the full parser's decision.
        use crate::filter::Filter;
        use crate::release::{Outcome, ReleaseParser};
        let f = Filter {
            names: Some(["lib".to_string()].into_iter().collect()),
            alias_ids: [0, 7].into_iter().collect(),
            ..Default::default()
        };
        let (mut s, mut p, mut norm) = (Scan::new(), ReleaseParser::new(), crate::filter::Scratch::default());
        for id in ["", "<id>0</id>", "<id/>", "<id>x</id>", "<id> 7 </id>"] {
            let rec = format!("<release id=\"1\"><artists><artist>{id}<name>Other</name></artist></artists></release>");
            let alias = id.contains('7');
            s.run(rec.as_bytes()).unwrap();
            assert_eq!(f.rejects(&s, 1, rec.as_bytes(), &mut norm), !alias, "{id}");
            p.parse(rec.as_bytes()).unwrap();
            assert_eq!(p.decide(&f), if alias { Outcome::Kept } else { Outcome::Filtered }, "{id}");
        }
    }

    #[test]
    fn joined_credits_are_left_to_the_parser() {
        use crate::filter::Filter;
        use crate::release::{Outcome, ReleaseParser};
        let names: rustc_hash::FxHashSet<String> = ["lou reed and john cale".to_string()].into_iter().collect();
        let f = Filter { joined_heads: crate::filter::joined_heads(&names), names: Some(names), ..Default::default() };
        let (mut s, mut p, mut buf) = (Scan::new(), ReleaseParser::new(), crate::filter::Scratch::default());
        for (a, b, scanned, kept) in [
            ("The Lou Reed", "John Cale", false, true),
            ("Lou Reed", "Nico", false, false),
            ("Nico", "Lou Reed", true, false),
        ] {
            let rec = format!(
                "<release id=\"1\"><artists><artist><name>{a}</name><join>&amp;</join></artist>\
                 <artist><name>{b}</name></artist></artists><title>T</title></release>"
            );
            s.run(rec.as_bytes()).unwrap();
            assert_eq!(f.rejects(&s, 1, rec.as_bytes(), &mut buf), scanned, "{a} {b}");
            p.parse(rec.as_bytes()).unwrap();
            assert_eq!(p.decide(&f), if kept { Outcome::Kept } else { Outcome::Filtered }, "{a} {b}");
        }
    }

    use proptest::prelude::*;

    fn artist() -> impl Strategy<Value = String> {
        let field = prop::sample::select(vec![
            "<name>Lib One</name>", "<name>Other</name>", "<name>Various</name>", "<name>L&#105;b One</name>",
            "<name>  LIB ONE </name>", "<name><![CDATA[Lib One]]></name>", "<name>Lib<!-- x --> One</name>",
            "<name/>", "<id>5</id>", "<id>7</id>", "<id>0</id>", "<id/>", "<id> 7 </id>", "<role>x</role>",
            "<anv>Lib One</anv>",
            "<name a=\"1\">Lib One</name>", "<name>Lib<b/> One</name>", "<tracks></tracks>",
        ]);
        prop_oneof![
            Just("<artist/>".to_string()),
            prop::collection::vec(field, 0..4).prop_map(|f| format!("<artist>{}</artist>", f.concat())),
        ]
    }

    fn block() -> impl Strategy<Value = String> {
        let list = |tag: &'static str| {
            prop::collection::vec(artist(), 0..3).prop_map(move |a| format!("<{tag}>{}</{tag}>", a.concat()))
        };
        prop_oneof![
            list("artists"),
            list("extraartists"),
            prop::collection::vec(artist(), 0..3)
                .prop_map(|a| format!("<tracklist><track><artists>{}</artists></track></tracklist>", a.concat())),
            prop::sample::select(vec![
                "<title>Hits</title>".to_string(),
                "<title>Other</title>".to_string(),
                "<!-- <artists> -->".to_string(),
                "<artists/>".to_string(),
                "<videos><video src=\"a>b\"><title>Hits</title></video></videos>".to_string(),
            ]),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        /// The scan's early rejection never drops a release the full parser would keep, and the
        /// scan accepts what the full parser accepts.
        #[test]
        fn rejection_agrees_with_full_parse(blocks in prop::collection::vec(block(), 0..6), keep in any::<bool>()) {
            use crate::filter::Filter;
            use crate::release::{Outcome, ReleaseParser};
            let rec = format!("<release id=\"3\">{}</release>", blocks.concat());
            // "Other" twice is a library name only together (their joined credit).
            let names: rustc_hash::FxHashSet<String> = ["lib one", "other other"].map(String::from).into_iter().collect();
            let mut f = Filter {
                joined_heads: crate::filter::joined_heads(&names),
                names: Some(names),
                alias_ids: [0, 7].into_iter().collect(),
                alias_keys: [(7, vec!["other".to_string()])].into_iter().collect(),
                ..Default::default()
            };
            f.compilation_titles = Some(["hits".to_string()].into_iter().collect());
            f.set_pairs([("other".to_string(), ["other".to_string()].into_iter().collect())].into_iter().collect(), 0.65);
            if keep {
                f.keep_ids.insert(3);
            }
            let mut scan = Scan::new();
            let mut norm = crate::filter::Scratch::default();
            let mut p = ReleaseParser::new();
            p.parse(rec.as_bytes()).expect("well-formed");
            let full = p.decide(&f);
            scan.run(rec.as_bytes()).expect("scan accepts well-formed records");
            if f.rejects(&scan, 3, rec.as_bytes(), &mut norm) {
                prop_assert_eq!(full, Outcome::Filtered, "{}", rec);
            }
        }
    }
}
