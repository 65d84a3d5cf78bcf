//! Splits a dump into record byte ranges without parsing.
//!
//! The top level is scanned as XML (prolog, comments, processing instructions, the root start
//! and end tags); each record (`<release ...>` … `</release>`) is located with `memmem` and
//! handed over as a range of a large buffer. Records are batched by buffer: when no complete
//! record is left, the buffer (holding complete records only) becomes a batch and the partial
//! tail moves to a fresh or recycled buffer. A comment or CDATA inside a record switches to a
//! careful scan, so `</release>` inside them does not cut the record.

use std::io::{ErrorKind, Read};

use memchr::memmem;

use crate::errors::{declaration, InputError};

pub struct Batch {
    pub seq: u64,
    /// Buffer holding the records (may be longer than the records).
    pub data: Vec<u8>,
    /// Record ranges inside `data`, in document order.
    pub records: Vec<(usize, usize)>,
    /// Absolute offset (uncompressed) of `data[0]`.
    pub base: u64,
    /// Absolute offset just past the last record of this batch.
    pub consumed: u64,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum State {
    Prolog,
    InRoot,
    AfterRoot,
    Done,
}

enum Step {
    Record(usize, usize),
    Progress,
    NeedMore,
    Finished,
}

pub const CHUNK: usize = 4 << 20;

pub struct Splitter<R: Read> {
    src: R,
    file: String,
    tag: Vec<u8>,
    root: Vec<u8>,
    end_pat: Vec<u8>,
    buf: Vec<u8>,
    filled: usize,
    pos: usize,
    base: u64,
    state: State,
    eof: bool,
    scan_from: usize,
    limit: Option<u64>,
    count: u64,
    seq: u64,
    chunk: usize,
    gz: bool,
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

impl<R: Read> Splitter<R> {
    /// `tag` is the record element (`release`), `root` the root element (`releases`).
    pub fn new(src: R, file: &str, root: &str, tag: &str, limit: Option<u64>, gz: bool) -> Self {
        Self::with_chunk(src, file, root, tag, limit, gz, CHUNK)
    }

    pub fn with_chunk(src: R, file: &str, root: &str, tag: &str, limit: Option<u64>, gz: bool, chunk: usize) -> Self {
        let mut end_pat = b"</".to_vec();
        end_pat.extend_from_slice(tag.as_bytes());
        Splitter {
            src,
            file: file.to_string(),
            tag: tag.as_bytes().to_vec(),
            root: root.as_bytes().to_vec(),
            end_pat,
            buf: vec![0; chunk.max(64)],
            filled: 0,
            pos: 0,
            base: 0,
            state: State::Prolog,
            eof: false,
            scan_from: 0,
            limit,
            count: 0,
            seq: 0,
            chunk: chunk.max(64),
            gz,
        }
    }

    /// Bytes of uncompressed input consumed so far.
    pub fn position(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Records found so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    fn err(&self, at: usize, msg: impl Into<String>) -> InputError {
        InputError::at(&self.file, self.base + at as u64, msg)
    }

    /// Next batch of complete records, `None` at the end of the dump (or the limit).
    pub fn next_batch(&mut self, recycled: Option<Vec<u8>>) -> Result<Option<Batch>, InputError> {
        let mut records: Vec<(usize, usize)> = Vec::new();
        let mut recycled = recycled;
        loop {
            if self.state == State::Done {
                return Ok(if records.is_empty() { None } else { Some(self.emit(records, recycled.take())) });
            }
            match self.step()? {
                Step::Record(s, e) => {
                    records.push((s, e));
                    self.count += 1;
                    if self.limit.is_some_and(|l| self.count >= l) {
                        self.state = State::Done;
                    }
                }
                Step::Progress => {}
                Step::Finished => self.state = State::Done,
                Step::NeedMore => {
                    if !records.is_empty() {
                        return Ok(Some(self.emit(records, recycled.take())));
                    }
                    self.fill()?;
                }
            }
        }
    }

    fn emit(&mut self, records: Vec<(usize, usize)>, recycled: Option<Vec<u8>>) -> Batch {
        let tail = self.filled - self.pos;
        let mut fresh = recycled.unwrap_or_default();
        let want = self.chunk.max(tail * 2);
        if fresh.len() < want {
            fresh.resize(want, 0);
        }
        fresh[..tail].copy_from_slice(&self.buf[self.pos..self.filled]);
        let data = std::mem::replace(&mut self.buf, fresh);
        let consumed = self.base + records.last().map(|r| r.1).unwrap_or(0) as u64;
        let batch = Batch { seq: self.seq, data, records, base: self.base, consumed };
        self.seq += 1;
        self.base += self.pos as u64;
        self.scan_from = self.scan_from.saturating_sub(self.pos);
        self.filled = tail;
        self.pos = 0;
        batch
    }

    fn fill(&mut self) -> Result<(), InputError> {
        if self.eof {
            return Ok(());
        }
        if self.buf.len() - self.filled < self.buf.len() / 4 {
            if self.pos > 0 {
                self.buf.copy_within(self.pos..self.filled, 0);
                self.base += self.pos as u64;
                self.scan_from = self.scan_from.saturating_sub(self.pos);
                self.filled -= self.pos;
                self.pos = 0;
            }
            if self.buf.len() - self.filled < self.buf.len() / 4 {
                let n = self.buf.len() * 2;
                self.buf.resize(n, 0);
            }
        }
        loop {
            match self.src.read(&mut self.buf[self.filled..]) {
                Ok(0) => {
                    self.eof = true;
                    return Ok(());
                }
                Ok(n) => {
                    self.filled += n;
                    return Ok(());
                }
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => {
                    let what = if self.gz {
                        match e.kind() {
                            ErrorKind::UnexpectedEof => "truncated gzip stream (unexpected end of compressed data)".to_string(),
                            _ => format!("corrupt gzip stream: {e}"),
                        }
                    } else {
                        format!("read error: {e}")
                    };
                    return Err(self.err(self.filled, what));
                }
            }
        }
    }

    fn avail(&self) -> &[u8] {
        &self.buf[self.pos..self.filled]
    }

    fn skip_ws(&mut self) {
        while self.pos < self.filled && is_ws(self.buf[self.pos]) {
            self.pos += 1;
        }
    }

    /// Find `pat` at or after absolute buffer index `from`.
    fn find(&self, from: usize, pat: &[u8]) -> Option<usize> {
        memmem::find(&self.buf[from..self.filled], pat).map(|i| i + from)
    }

    /// Comment, processing instruction or doctype at `pos`: skip it.
    fn skip_markup(&mut self) -> Result<Option<Step>, InputError> {
        let a = self.avail();
        let (close, start): (&[u8], usize) = if a.starts_with(b"<!--") {
            (b"-->", 4)
        } else if a.starts_with(b"<?") {
            (b"?>", 2)
        } else if let Some(msg) = declaration(a) {
            return Err(self.err(self.pos, msg));
        } else if a.starts_with(b"<!") {
            (b">", 2)
        } else {
            return Ok(None);
        };
        match self.find(self.pos + start, close) {
            Some(i) => {
                self.pos = i + close.len();
                Ok(Some(Step::Progress))
            }
            None if self.eof => Err(self.err(self.pos, "unexpected end of input inside a comment or declaration")),
            None => Ok(Some(Step::NeedMore)),
        }
    }

    fn name_at(&self, from: usize) -> String {
        let end = self.buf[from..self.filled]
            .iter()
            .position(|&b| is_ws(b) || b == b'>' || b == b'/')
            .map(|i| i + from)
            .unwrap_or(self.filled);
        String::from_utf8_lossy(&self.buf[from..end.min(from + 64)]).into_owned()
    }

    fn step(&mut self) -> Result<Step, InputError> {
        if self.state == State::Prolog && self.base == 0 && self.pos == 0 {
            if self.filled < 3 && !self.eof {
                return Ok(Step::NeedMore);
            }
            if self.avail().starts_with(b"\xEF\xBB\xBF") {
                self.pos = 3;
            }
        }
        self.skip_ws();
        if self.pos == self.filled {
            if !self.eof {
                return Ok(Step::NeedMore);
            }
            return match self.state {
                State::Prolog => Err(self.err(self.pos, "empty input: no XML root element")),
                State::InRoot => Err(self.err(
                    self.pos,
                    format!("unexpected end of input: <{}> is not closed (truncated file?)", String::from_utf8_lossy(&self.root)),
                )),
                _ => Ok(Step::Finished),
            };
        }
        if self.filled - self.pos < 16 + self.tag.len() && !self.eof {
            return Ok(Step::NeedMore);
        }
        if self.buf[self.pos] != b'<' {
            return Err(match self.state {
                State::Prolog => self.err(self.pos, "not an XML document (expected '<')"),
                State::InRoot => self.err(self.pos, format!("unexpected text inside <{}>", String::from_utf8_lossy(&self.root))),
                _ => self.err(self.pos, format!("unexpected content after </{}>", String::from_utf8_lossy(&self.root))),
            });
        }
        if let Some(step) = self.skip_markup()? {
            return Ok(step);
        }
        match self.state {
            State::Prolog => {
                let Some(gt) = memchr::memchr(b'>', self.avail()).map(|i| i + self.pos) else {
                    if self.eof {
                        return Err(self.err(self.pos, "unexpected end of input in the root start tag"));
                    }
                    return Ok(Step::NeedMore);
                };
                let name = self.name_at(self.pos + 1);
                if name.as_bytes() != self.root.as_slice() {
                    return Err(self.err(
                        self.pos,
                        format!("wrong root element <{}>, expected <{}>", name, String::from_utf8_lossy(&self.root)),
                    ));
                }
                self.state = if self.buf[gt - 1] == b'/' { State::AfterRoot } else { State::InRoot };
                self.pos = gt + 1;
                Ok(Step::Progress)
            }
            State::AfterRoot => Err(self.err(
                self.pos,
                format!("unexpected content after </{}>", String::from_utf8_lossy(&self.root)),
            )),
            State::InRoot => self.in_root(),
            State::Done => Ok(Step::Finished),
        }
    }

    fn delim(b: u8) -> bool {
        is_ws(b) || b == b'>' || b == b'/'
    }

    fn in_root(&mut self) -> Result<Step, InputError> {
        let a = self.avail();
        let t = self.tag.len();
        if a.len() > 2 + self.root.len() && a[1] == b'/' {
            if a[2..].starts_with(&self.root) && (a.len() == 2 + self.root.len() || Self::delim(a[2 + self.root.len()])) {
                let Some(gt) = memchr::memchr(b'>', a).map(|i| i + self.pos) else {
                    if !self.eof {
                        return Ok(Step::NeedMore);
                    }
                    return Err(self.err(self.pos, "unexpected end of input in the root end tag"));
                };
                self.pos = gt + 1;
                self.state = State::AfterRoot;
                return Ok(Step::Progress);
            }
            return Err(self.err(self.pos, format!("unexpected end tag </{}>", self.name_at(self.pos + 2))));
        }
        if !(a.len() > 1 + t && a[1..].starts_with(&self.tag) && Self::delim(a[1 + t])) {
            return Err(self.err(
                self.pos,
                format!(
                    "unexpected element <{}> inside <{}>",
                    self.name_at(self.pos + 1),
                    String::from_utf8_lossy(&self.root)
                ),
            ));
        }
        let start = self.pos;
        let Some(gt) = memchr::memchr(b'>', a).map(|i| i + start) else {
            return self.need_more_in_record(start);
        };
        if self.buf[gt - 1] == b'/' {
            self.pos = gt + 1;
            self.scan_from = 0;
            return Ok(Step::Record(start, gt + 1));
        }
        let mut from = self.scan_from.max(gt + 1);
        let end = loop {
            let Some(i) = self.find(from, &self.end_pat) else {
                self.scan_from = self.filled.saturating_sub(self.end_pat.len()).max(gt + 1);
                return self.need_more_in_record(start);
            };
            let mut j = i + self.end_pat.len();
            while j < self.filled && is_ws(self.buf[j]) {
                j += 1;
            }
            if j >= self.filled {
                self.scan_from = i;
                return self.need_more_in_record(start);
            }
            if self.buf[j] == b'>' {
                break j + 1;
            }
            from = i + 1;
        };
        // Comments or CDATA inside the record could hide a false end tag: scan carefully.
        let end = if memmem::find(&self.buf[gt..end], b"<!").is_some() {
            match self.careful_end(gt + 1)? {
                Some(e) => e,
                None => return self.need_more_in_record(start),
            }
        } else {
            end
        };
        self.scan_from = 0;
        self.pos = end;
        Ok(Step::Record(start, end))
    }

    /// End of the current record skipping comments and CDATA sections; `None` = need more data.
    fn careful_end(&self, mut i: usize) -> Result<Option<usize>, InputError> {
        loop {
            let Some(lt) = memchr::memchr(b'<', &self.buf[i..self.filled]).map(|k| k + i) else {
                return Ok(None);
            };
            let a = &self.buf[lt..self.filled];
            if a.len() < 12 + self.tag.len() && !self.eof {
                return Ok(None);
            }
            let skip: Option<&[u8]> = if a.starts_with(b"<!--") {
                Some(b"-->")
            } else if a.starts_with(b"<![CDATA[") {
                Some(b"]]>")
            } else {
                None
            };
            if let Some(close) = skip {
                match self.find(lt + 4, close) {
                    Some(k) => i = k + close.len(),
                    None => return Ok(None),
                }
                continue;
            }
            let t = self.end_pat.len();
            if a.starts_with(&self.end_pat) && a.len() > t && (a[t] == b'>' || is_ws(a[t])) {
                return Ok(memchr::memchr(b'>', a).map(|k| lt + k + 1));
            }
            i = lt + 1;
        }
    }

    fn need_more_in_record(&self, start: usize) -> Result<Step, InputError> {
        if self.eof {
            return Err(self.err(
                self.filled,
                format!(
                    "unexpected end of input: <{}> starting at byte {} is not closed (truncated file?)",
                    String::from_utf8_lossy(&self.tag),
                    self.base + start as u64
                ),
            ));
        }
        Ok(Step::NeedMore)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(xml: &[u8], chunk: usize, limit: Option<u64>) -> Result<Vec<(u64, String)>, String> {
        let mut s = Splitter::with_chunk(xml, "t.xml", "releases", "release", limit, false, chunk);
        let mut out = Vec::new();
        while let Some(b) = s.next_batch(None).map_err(|e| e.to_string())? {
            for (a, e) in b.records {
                out.push((b.base + a as u64, String::from_utf8(b.data[a..e].to_vec()).unwrap()));
            }
        }
        Ok(out)
    }

    const DOC: &str = "\u{feff}<?xml version=\"1.0\"?>\n<!-- c <release x> -->\n<releases>\n<release id=\"1\"><released>x</released></release>\n  <!-- between </release> -->\n<release id=\"2\"><notes><![CDATA[ </release> ]]></notes><!-- </release> --></release ><release id=\"3\"/><release>\n</release></releases>\n";

    #[test]
    fn splits_at_any_chunk_size() {
        let want = split(DOC.as_bytes(), 1 << 20, None).unwrap();
        assert_eq!(want.len(), 4);
        assert_eq!(want[0].1, "<release id=\"1\"><released>x</released></release>");
        assert!(want[1].1.ends_with("<!-- </release> --></release >"));
        assert_eq!(want[2].1, "<release id=\"3\"/>");
        assert_eq!(&DOC.as_bytes()[want[0].0 as usize..want[0].0 as usize + 8], b"<release");
        for chunk in [64, 65, 70, 100, 128, 200] {
            assert_eq!(split(DOC.as_bytes(), chunk, None).unwrap(), want, "chunk {chunk}");
        }
        assert_eq!(split(DOC.as_bytes(), 64, Some(2)).unwrap().len(), 2);
    }

    #[test]
    fn structural_errors() {
        let cases: &[(&str, &str)] = &[
            ("", "empty input"),
            ("   \n", "empty input"),
            ("<artists></artists>", "wrong root element <artists>"),
            ("<releases><release id=\"1\">", "is not closed"),
            ("<releases><release id=\"1\"></release>", "<releases> is not closed"),
            ("<releases>junk</releases>", "unexpected text"),
            ("<releases><foo/></releases>", "unexpected element <foo>"),
            ("<releases></releases><x/>", "after </releases>"),
            ("\x1f\x08 binary", "not an XML document"),
            ("<!DOCTYPE releases><releases/>", "<!DOCTYPE> refused"),
            ("<releases><!DOCTYPE releases></releases>", "<!DOCTYPE> refused"),
            ("<releases><release id=\"1\"/><!ENTITY a \"b\"></releases>", "entity definition <!ENTITY> refused"),
        ];
        for (xml, want) in cases {
            let e = split(xml.as_bytes(), 64, None).unwrap_err();
            assert!(e.contains(want), "{xml:?}: {e}");
            assert!(e.starts_with("t.xml: byte "), "{e}");
            if want.contains("<!") {
                let at = xml.find("<!").unwrap();
                assert!(e.starts_with(&format!("t.xml: byte {at}: ")), "{e}");
            }
        }
        assert_eq!(split(b"<releases/>", 64, None).unwrap().len(), 0);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        #[test]
        fn never_panics(body in proptest::collection::vec(proptest::sample::select(vec![
            "<release id=\"1\">", "</release>", "<release>", "<!--", "-->", "<![CDATA[", "]]>", " ", "x", "<a>", "</a>", "</releases>", "<release/>",
        ]), 0..30), chunk in 64usize..200) {
            let mut doc = String::from("<releases>");
            for b in body { doc.push_str(b); }
            let _ = split(doc.as_bytes(), chunk, None);
        }
    }
}
