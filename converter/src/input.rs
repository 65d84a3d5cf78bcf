//! Opening dumps (plain or gzip), sniffing the root element, listing a dump directory.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use anyhow::Result;
use flate2::bufread::MultiGzDecoder;

use crate::errors::{declaration, InputError};
use crate::warn;

#[derive(Clone, Copy, PartialEq, Eq, Debug, Hash, PartialOrd, Ord)]
pub enum Kind {
    Releases,
    Artists,
    Labels,
    Masters,
}

impl Kind {
    pub fn root(self) -> &'static str {
        match self {
            Kind::Releases => "releases",
            Kind::Artists => "artists",
            Kind::Labels => "labels",
            Kind::Masters => "masters",
        }
    }
    pub fn from_root(name: &str) -> Option<Kind> {
        Some(match name {
            "releases" => Kind::Releases,
            "artists" => Kind::Artists,
            "labels" => Kind::Labels,
            "masters" => Kind::Masters,
            _ => return None,
        })
    }
}

pub fn display(path: &Path) -> String {
    path.display().to_string()
}

pub fn is_dump_name(path: &Path) -> bool {
    let n = path.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    n.ends_with(".xml") || n.ends_with(".xml.gz")
}

/// Open a dump: gzip (every member, `MultiGzDecoder`) when it starts with the gzip magic bytes,
/// whatever its name says; plain XML otherwise. Returns the reader and whether it is gzip.
pub fn open_detect(path: &Path) -> Result<(Box<dyn Read + Send>, bool), InputError> {
    let f = File::open(path).map_err(|e| InputError::file(&display(path), format!("cannot open: {e}")))?;
    if f.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(InputError::file(&display(path), "cannot open: is a directory"));
    }
    let mut r = BufReader::with_capacity(1 << 20, f);
    let head = loop {
        match r.fill_buf() {
            Ok(b) => break b,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(InputError::file(&display(path), format!("cannot read: {e}"))),
        }
    };
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok((Box::new(MultiGzDecoder::new(r)), true))
    } else {
        Ok((Box::new(r), false))
    }
}

pub fn open(path: &Path) -> Result<Box<dyn Read + Send>, InputError> {
    open_detect(path).map(|(r, _)| r)
}

fn gz_msg(gz: bool, e: &std::io::Error) -> String {
    if gz && e.kind() == std::io::ErrorKind::UnexpectedEof {
        "truncated gzip stream (unexpected end of compressed data)".to_string()
    } else if gz {
        format!("corrupt gzip stream: {e}")
    } else {
        format!("read error: {e}")
    }
}

/// The root element: its name and the byte offset of its start tag.
pub struct Root {
    pub name: String,
    pub at: u64,
}

/// The root element (first start tag after the prolog).
pub fn sniff(path: &Path) -> Result<Root, InputError> {
    let name = display(path);
    let (mut r, gz) = open_detect(path)?;
    let mut buf: Vec<u8> = Vec::new();
    let mut chunk = vec![0u8; 64 << 10];
    let mut eof = false;
    loop {
        if let Some(res) = root_name(&buf, eof) {
            return res
                .map(|(at, root)| Root { name: root, at: at as u64 })
                .map_err(|(off, msg)| InputError::at(&name, off as u64, msg));
        }
        if buf.len() > (16 << 20) {
            return Err(InputError::at(&name, buf.len() as u64, "no root element in the first 16 MiB"));
        }
        match r.read(&mut chunk) {
            Ok(0) => eof = true,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(InputError::at(&name, buf.len() as u64, gz_msg(gz, &e))),
        }
    }
}

/// `None` = need more bytes; `Some(Ok((offset, name)))` = the root start tag.
fn root_name(b: &[u8], eof: bool) -> Option<Result<(usize, String), (usize, String)>> {
    let mut i = 0;
    if b.starts_with(b"\xEF\xBB\xBF") {
        i = 3;
    } else if b.len() < 3 && !eof {
        return None;
    }
    loop {
        while i < b.len() && matches!(b[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        if i >= b.len() {
            return if eof { Some(Err((i, "empty input: no XML root element".into()))) } else { None };
        }
        if b[i] != b'<' {
            return Some(Err((i, "not an XML document (expected '<')".into())));
        }
        let rest = &b[i..];
        if rest.len() < 9 && !eof {
            return None;
        }
        if let Some(msg) = declaration(rest) {
            return Some(Err((i, msg)));
        }
        let close: Option<&[u8]> = if rest.starts_with(b"<!--") {
            Some(b"-->")
        } else if rest.starts_with(b"<?") {
            Some(b"?>")
        } else if rest.starts_with(b"<!") {
            Some(b">")
        } else {
            None
        };
        if let Some(c) = close {
            match memchr::memmem::find(&rest[2..], c) {
                Some(k) => {
                    i += 2 + k + c.len();
                    continue;
                }
                None if eof => return Some(Err((i, "unexpected end of input in the prolog".into()))),
                None => return None,
            }
        }
        let end = rest[1..].iter().position(|&c| matches!(c, b' ' | b'\t' | b'\r' | b'\n' | b'>' | b'/'));
        return match end {
            Some(e) => Some(Ok((i, String::from_utf8_lossy(&rest[1..1 + e]).into_owned()))),
            None if eof => Some(Err((i, "unexpected end of input in the root start tag".into()))),
            None => None,
        };
    }
}

/// The kind a file's name claims: one of the words releases, artists, labels, masters among the
/// parts of its name (as in `discogs_20260801_releases.xml.gz`); `None` when it names none or
/// several.
pub fn named_kind(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let mut kinds = name.split(|c: char| !c.is_ascii_alphanumeric()).filter_map(Kind::from_root);
    let first = kinds.next()?;
    kinds.all(|k| k == first).then_some(first)
}

/// What a dump is, by its root element, which must agree with what its name claims (a
/// releases file holding something else is an error, not a month without releases). `None`:
/// an unknown root in a file whose name claims nothing.
pub fn dump_kind(path: &Path) -> Result<(Option<Kind>, Root), InputError> {
    let root = sniff(path)?;
    let found = Kind::from_root(&root.name);
    match named_kind(path) {
        Some(k) if found != Some(k) => Err(InputError::at(
            &display(path),
            root.at,
            format!("wrong root element <{}>, expected <{}> (the file name says {})", root.name, k.root(), k.root()),
        )),
        _ => Ok((found, root)),
    }
}

/// Dumps found in a directory, by kind (the later of two same-kind names wins, names sorted).
pub fn list_dir(dir: &Path) -> Result<Vec<(Kind, PathBuf)>> {
    let rd = std::fs::read_dir(dir).map_err(|e| InputError::file(&display(dir), format!("cannot list directory: {e}")))?;
    let mut paths: Vec<PathBuf> = Vec::new();
    for ent in rd {
        let ent = ent.map_err(|e| InputError::file(&display(dir), format!("cannot list directory: {e}")))?;
        let p = ent.path();
        if p.is_file() && is_dump_name(&p) {
            paths.push(p);
        }
    }
    paths.sort();
    let mut found: Vec<(Kind, PathBuf)> = Vec::new();
    for p in paths {
        let (kind, root) = dump_kind(&p)?;
        match kind {
            Some(k) => {
                if let Some(prev) = found.iter_mut().find(|(kk, _)| *kk == k) {
                    warn!("Two {} dumps in {}: using {} instead of {}", k.root(), dir.display(), p.display(), prev.1.display());
                    prev.1 = p;
                } else {
                    found.push((k, p));
                }
            }
            None => warn!("Skipping unrecognized XML file {} (root element: {})", p.display(), root.name),
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_names() {
        let ok = |s: &str| root_name(s.as_bytes(), true).unwrap().unwrap();
        assert_eq!(ok("<?xml version=\"1.0\"?>\n<!-- x -->\n<releases>"), (33, "releases".to_string()));
        assert_eq!(ok("\u{feff}<artists/>").1, "artists");
        let refused = |s: &str| root_name(s.as_bytes(), true).unwrap().unwrap_err();
        let (at, msg) = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE labels [<!ENTITY a \"b\">]><labels id='1'>");
        assert!(at == 22 && msg.contains("<!DOCTYPE> refused"), "{at} {msg}");
        assert!(refused("<!ENTITY a \"b\"><labels>").1.contains("entity definition"));
        assert!(root_name(b"", true).unwrap().is_err());
        assert!(root_name(b"<?xml", false).is_none());
    }

    #[test]
    fn kinds_named_by_file_names() {
        let k = |n: &str| named_kind(Path::new(n));
        assert_eq!(k("/d/discogs_20260801_releases.xml.gz"), Some(Kind::Releases));
        assert_eq!(k("artists_fixture.xml"), Some(Kind::Artists));
        assert_eq!(k("Labels.XML"), Some(Kind::Labels));
        assert_eq!(k("notes.xml"), None);
        assert_eq!(k("prereleases.xml"), None);
        assert_eq!(k("releases_and_masters.xml"), None);
    }
}
