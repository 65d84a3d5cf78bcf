//! Minimal CSV encoder producing the same bytes as the `csv` crate's default writer
//! (`,` delimiter, `"` quote, quotes doubled, quoting only when a field contains `,` `"` `\r`
//! or `\n`, LF record terminator). Rows are appended to plain byte buffers so the parallel
//! workers can serialize and the ordered writer only copies bytes.

#[inline]
fn needs_quotes(s: &[u8]) -> bool {
    s.iter().any(|&b| matches!(b, b',' | b'"' | b'\n' | b'\r'))
}

/// Append one field (no separator).
#[inline]
pub fn field(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if !needs_quotes(b) {
        out.extend_from_slice(b);
        return;
    }
    out.push(b'"');
    let mut rest = b;
    while let Some(i) = memchr::memchr(b'"', rest) {
        out.extend_from_slice(&rest[..=i]);
        out.push(b'"');
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// A row being written into a buffer: fields separated by commas, ended by `end()`.
pub struct Row<'a> {
    out: &'a mut Vec<u8>,
    first: bool,
}

impl<'a> Row<'a> {
    #[inline]
    pub fn new(out: &'a mut Vec<u8>) -> Self {
        Row { out, first: true }
    }
    #[inline]
    fn sep(&mut self) {
        if self.first {
            self.first = false;
        } else {
            self.out.push(b',');
        }
    }
    #[inline]
    pub fn s(mut self, v: &str) -> Self {
        self.sep();
        field(self.out, v);
        self
    }
    #[inline]
    pub fn u(mut self, v: u64) -> Self {
        self.sep();
        let mut b = itoa::Buffer::new();
        self.out.extend_from_slice(b.format(v).as_bytes());
        self
    }
    #[inline]
    pub fn i(mut self, v: i64) -> Self {
        self.sep();
        let mut b = itoa::Buffer::new();
        self.out.extend_from_slice(b.format(v).as_bytes());
        self
    }
    /// Optional integer: empty when `None`.
    #[inline]
    pub fn opt(mut self, v: Option<u64>) -> Self {
        self.sep();
        if let Some(v) = v {
            let mut b = itoa::Buffer::new();
            self.out.extend_from_slice(b.format(v).as_bytes());
        }
        self
    }
    #[inline]
    pub fn end(self) {
        self.out.push(b'\n');
    }
}

/// A header line.
pub fn header(out: &mut Vec<u8>, cols: &[&str]) {
    let mut r = Row::new(out);
    for c in cols {
        r = r.s(c);
    }
    r.end();
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_csv_crate(fields: &[String]) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(fields).unwrap();
        w.into_inner().unwrap()
    }

    fn ours(fields: &[String]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut r = Row::new(&mut out);
        for f in fields {
            r = r.s(f);
        }
        r.end();
        out
    }

    #[test]
    fn quoting_examples() {
        let f = |v: &[&str]| ours(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(f(&["a", "b"]), b"a,b\n");
        assert_eq!(f(&["Field, The", ""]), b"\"Field, The\",\n");
        assert_eq!(f(&["12\"", "x\r\ny"]), b"\"12\"\"\",\"x\r\ny\"\n");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn same_bytes_as_csv_crate(fields in proptest::collection::vec("[a-z ,\"\r\n\t'ü#]{0,8}", 2..6)) {
            prop_assert_eq!(ours(&fields), with_csv_crate(&fields));
        }
    }
}
