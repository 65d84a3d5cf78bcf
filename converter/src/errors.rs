//! Errors that point at a place in an input file.

use std::fmt;

/// Where in an input a problem is: a byte offset (in the uncompressed XML) or a line.
#[derive(Debug, Clone, Copy)]
pub enum Place {
    None,
    Byte(u64),
    Line(u64),
}

/// An error tied to one input file; printed as `FILE: byte N: what`.
#[derive(Debug)]
pub struct InputError {
    pub file: String,
    pub place: Place,
    pub msg: String,
}

impl InputError {
    pub fn at(file: &str, offset: u64, msg: impl Into<String>) -> Self {
        InputError { file: file.to_string(), place: Place::Byte(offset), msg: msg.into() }
    }
    pub fn line(file: &str, line: u64, msg: impl Into<String>) -> Self {
        InputError { file: file.to_string(), place: Place::Line(line), msg: msg.into() }
    }
    pub fn file(file: &str, msg: impl Into<String>) -> Self {
        InputError { file: file.to_string(), place: Place::None, msg: msg.into() }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.place {
            Place::None => write!(f, "{}: {}", self.file, self.msg),
            Place::Byte(b) => write!(f, "{}: byte {}: {}", self.file, b, self.msg),
            Place::Line(l) => write!(f, "{}: line {}: {}", self.file, l, self.msg),
        }
    }
}

impl std::error::Error for InputError {}

/// Render any error as one line: the chain joined by ": ", newlines flattened.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let s = cause.to_string();
        // anyhow contexts often repeat the inner message; keep the line short.
        if parts.last().is_some_and(|p| p.ends_with(&s)) {
            continue;
        }
        parts.push(s);
    }
    parts.join(": ").replace(['\n', '\r'], " ")
}

/// Why markup starting with `<!` at the start of `b` is refused, when it is a declaration: a
/// dump has no document type declaration, and entities it could define would not be expanded.
/// Comments and CDATA (`<!--`, `<![`) are not declarations: `None`.
pub fn declaration(b: &[u8]) -> Option<String> {
    let rest = b.strip_prefix(b"<!")?;
    if rest.first().is_none_or(|c| matches!(c, b'-' | b'[')) {
        return None;
    }
    let word: String = rest.iter().take(16).take_while(|c| c.is_ascii_alphabetic()).map(|&c| c as char).collect();
    Some(match word.to_ascii_uppercase().as_str() {
        "DOCTYPE" => "document type declaration <!DOCTYPE> refused: a dump has none (its entities would not be expanded)".to_string(),
        "ENTITY" => "entity definition <!ENTITY> refused: a dump defines no entities".to_string(),
        _ => format!("markup declaration <!{word}> refused: a dump has no document type definition"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_named() {
        assert!(declaration(b"<!DOCTYPE releases>").unwrap().contains("<!DOCTYPE>"));
        assert!(declaration(b"<!doctype releases>").unwrap().contains("<!DOCTYPE>"));
        assert!(declaration(b"<!ENTITY a \"b\">").unwrap().contains("entity definition"));
        assert!(declaration(b"<!ELEMENT a ANY>").unwrap().contains("<!ELEMENT>"));
        for other in [&b"<!"[..], b"<!-- c -->", b"<![CDATA[x]]>", b"<release>", b"<?xml?>"] {
            assert!(declaration(other).is_none());
        }
    }
}
