//! The JSON reader answers are parsed with: strict RFC 8259 JSON into a
//! [`Val`] whose strings borrow from the body (unless they have escapes)
//! and whose numbers keep their exact text.
//!
//! Why not `serde_json` here: without its `arbitrary_precision` feature it
//! reads an integer beyond 64 bits as a float (changing the id), and with
//! it every crate in the user's build gets numbers as strings in a map
//! (which breaks `#[serde(untagged)]` and `flatten` there) and pays an
//! allocation per number. This reader is small, has one job, is fuzzed with
//! the rest of the decode path, and `tests/json_reader.rs` checks it
//! against `serde_json` on every fixture, fuzz input and conformance body.

use std::borrow::Cow;

use super::decode::{Entries, Val};

/// Containers nested deeper than this are an error (as in `serde_json`).
const MAX_DEPTH: usize = 128;

/// A JSON number as it was written (`-12`, `3.50`, `1e3`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Num<'de>(&'de str);

impl<'de> Num<'de> {
    /// The exact text.
    pub(crate) fn text(&self) -> &'de str {
        self.0
    }

    /// Whether it is an integer literal (no fraction, no exponent).
    pub(crate) fn is_integer(&self) -> bool {
        !self.0.contains(['.', 'e', 'E'])
    }

    pub(crate) fn as_i64(&self) -> Option<i64> {
        if self.is_integer() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    pub(crate) fn as_u64(&self) -> Option<u64> {
        if self.is_integer() {
            self.0.parse().ok()
        } else {
            None
        }
    }

    pub(crate) fn as_f64(&self) -> Option<f64> {
        self.0.parse::<f64>().ok().filter(|f| f.is_finite())
    }

    /// As a `serde_json` number: exact for every integer that fits 64 bits
    /// and for floats; `None` for an integer beyond 64 bits (or a float
    /// out of range), which no `serde_json::Number` holds exactly.
    pub(crate) fn to_number(self) -> Option<serde_json::Number> {
        if self.is_integer() {
            if let Some(i) = self.as_i64() {
                return Some(i.into());
            }
            return self.as_u64().map(Into::into);
        }
        serde_json::Number::from_f64(self.as_f64()?)
    }
}

impl std::fmt::Display for Num<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

/// Parses a whole body; the error says what and where (`… at line 1 column 7`).
pub(crate) fn parse(body: &[u8]) -> Result<Val<'_>, String> {
    parse_around(body, None)
}

/// What reads the value at a path of a body while the rest of it is
/// parsed into a [`Val`]: the models of an answer are read straight from
/// the text, in the same pass as the envelope around them.
pub(crate) trait HoleReader<'de> {
    /// Reads the value the parser is at, all of it (unless the text is
    /// broken). Called again for a later instance of the key (the last one
    /// counts, as in a JSON map).
    fn read(&mut self, p: &mut Parser<'de>) -> Result<(), String>;
    /// An instance of a key on the way to the value replaced an earlier one.
    fn forget(&mut self);
}

/// Parses a whole body, except that the value at `path` (the last of a
/// repeated key, as [`super::decode::at`] finds it) is handed to `reader`,
/// and `null` stands in its place.
pub(crate) fn parse_around<'de>(
    body: &'de [u8],
    hole: Option<(&[&str], &mut dyn HoleReader<'de>)>,
) -> Result<Val<'de>, String> {
    let text = std::str::from_utf8(body).map_err(|e| {
        let (line, column) = position(body, e.valid_up_to());
        format!("invalid UTF-8 at line {line} column {column}")
    })?;
    let mut p = Parser::new(text);
    let v = match hole {
        Some((path, reader)) => p.value_around(path, reader)?,
        None => p.value()?,
    };
    p.skip_space();
    if p.at < p.bytes.len() {
        return Err(p.error("trailing characters"));
    }
    Ok(v)
}

/// The index of the first `"`, `\\` or control character in `bytes`,
/// eight bytes at a time: strings are most of a body, and a byte-by-byte
/// scan was the reader's largest cost.
fn special_at(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // Nonzero exactly when some byte of `x` is zero (the classic test; it
    // may also flag bytes after that one, never a word without a zero).
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    let mut offset = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_ne_bytes(word);
        let quote = has_zero(w ^ u64::from_ne_bytes([b'"'; 8]));
        let slash = has_zero(w ^ u64::from_ne_bytes([b'\\'; 8]));
        // Below 0x20: the top three bits are zero.
        let control = has_zero(w & u64::from_ne_bytes([0xe0; 8]));
        if quote | slash | control != 0 {
            // Which byte: found exactly within these eight.
            return chunk
                .iter()
                .position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f))
                .map(|i| offset + i);
        }
        offset += 8;
    }
    chunks
        .remainder()
        .iter()
        .position(|b| matches!(b, b'"' | b'\\' | 0..=0x1f))
        .map(|i| offset + i)
}

/// Writes `v` back as JSON text: numbers as they were written, every
/// entry of an object (a repeated key too) in order, so reading the text
/// again gives the same value.
pub(crate) fn write(v: &Val<'_>, out: &mut String) {
    match v {
        Val::Null => out.push_str("null"),
        Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Val::Num(n) => out.push_str(n.text()),
        Val::Str(s) => write_string(s, out),
        Val::Arr(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        Val::Obj(entries) => {
            out.push('{');
            for (i, (k, item)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_string(k, out);
                out.push(':');
                write(item, out);
            }
            out.push('}');
        }
    }
}

fn write_string(s: &str, out: &mut String) {
    // serde_json's escaping; writing a `str` to a `String` cannot fail.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

fn position(bytes: &[u8], at: usize) -> (usize, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|b| **b != b'\n').count() + 1;
    (line, column)
}

/// A reader positioned in a JSON text, for decoders that read a value as
/// they go (a model's fields straight into their types).
pub(crate) struct Parser<'de> {
    text: &'de str,
    bytes: &'de [u8],
    at: usize,
    depth: usize,
    /// Set by every syntax error: a decoder's other errors leave the
    /// reader after the value, able to go on.
    broken: std::cell::Cell<bool>,
}

/// What kind of value comes next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Next {
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

impl<'de> Parser<'de> {
    /// A reader of `text` (already known to be UTF-8: a slice of a body).
    pub(crate) fn new(text: &'de str) -> Self {
        let mut p = Parser {
            text,
            bytes: text.as_bytes(),
            at: 0,
            depth: 0,
            broken: std::cell::Cell::new(false),
        };
        p.skip_space();
        p
    }

    /// The kind of the next value (`None` at the end or on a syntax error).
    pub(crate) fn next_kind(&self) -> Option<Next> {
        Some(match self.peek()? {
            b'{' => Next::Object,
            b'[' => Next::Array,
            b'"' => Next::String,
            b'-' | b'0'..=b'9' => Next::Number,
            b't' | b'f' => Next::Bool,
            b'n' => Next::Null,
            _ => return None,
        })
    }

    /// The next value as a [`Val`] (a whole subtree).
    pub(crate) fn read_value(&mut self) -> Result<Val<'de>, String> {
        let v = self.value()?;
        self.skip_space();
        Ok(v)
    }

    /// The next value, known to be a string.
    pub(crate) fn read_string(&mut self) -> Result<Cow<'de, str>, String> {
        let s = self.string()?;
        self.skip_space();
        Ok(s)
    }

    /// The next value, known to be a number.
    pub(crate) fn read_number(&mut self) -> Result<Num<'de>, String> {
        let n = self.number()?;
        self.skip_space();
        Ok(n)
    }

    /// Steps over the next value (checking it is JSON), giving its text.
    pub(crate) fn skip(&mut self) -> Result<&'de str, String> {
        let start = self.at;
        self.skip_value()?;
        let raw = &self.text[start..self.at];
        self.skip_space();
        Ok(raw)
    }

    fn skip_value(&mut self) -> Result<(), String> {
        match self.peek() {
            Some(b'{') => {
                self.enter()?;
                if self.peek() == Some(b'}') {
                    self.leave();
                    return Ok(());
                }
                loop {
                    self.at_key()?;
                    self.skip_string()?;
                    self.colon()?;
                    self.skip_value()?;
                    self.skip_space();
                    if !self.another(b'}')? {
                        return Ok(());
                    }
                }
            }
            Some(b'[') => {
                self.enter()?;
                if self.peek() == Some(b']') {
                    self.leave();
                    return Ok(());
                }
                loop {
                    self.skip_value()?;
                    self.skip_space();
                    if !self.another(b']')? {
                        return Ok(());
                    }
                }
            }
            Some(b'"') => self.skip_string(),
            Some(b'-' | b'0'..=b'9') => self.number().map(drop),
            _ => self.value().map(drop),
        }
    }

    /// Steps over a string, checking its escapes, without building it.
    fn skip_string(&mut self) -> Result<(), String> {
        self.at += 1;
        loop {
            match special_at(&self.bytes[self.at..]) {
                None => {
                    self.at = self.bytes.len();
                    return Err(self.error("EOF while parsing a string"));
                }
                Some(n) => self.at += n,
            }
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Ok(());
                }
                b'\\' => {
                    self.at += 1;
                    let mut sink = String::new();
                    self.escape(&mut sink)?;
                }
                _ => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
            }
        }
    }

    /// Enters an object; `false` (nothing consumed) when the next value is not one.
    pub(crate) fn begin_object(&mut self) -> Result<bool, String> {
        if self.peek() != Some(b'{') {
            return Ok(false);
        }
        self.enter()?;
        Ok(true)
    }

    /// Enters an array; `false` (nothing consumed) when the next value is not one.
    pub(crate) fn begin_array(&mut self) -> Result<bool, String> {
        if self.peek() != Some(b'[') {
            return Ok(false);
        }
        self.enter()?;
        Ok(true)
    }

    /// Whether another item of the array being read follows (positioned at
    /// it); `false` after its closing bracket.
    pub(crate) fn next_item(&mut self, first: &mut bool) -> Result<bool, String> {
        self.member_follows(first, b']')
    }

    /// How many bytes of the text are still to be read.
    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.at)
    }

    /// The next key of the object being read (positioned at its value), or
    /// `None` after its closing brace.
    pub(crate) fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'de, str>>, String> {
        if !self.member_follows(first, b'}')? {
            return Ok(None);
        }
        self.at_key()?;
        let key = self.string()?;
        self.colon()?;
        Ok(Some(key))
    }

    /// For the pull API: whether another member of the array or object
    /// being read follows (`first` before its first one); past the closing
    /// byte and the space after it when not.
    fn member_follows(&mut self, first: &mut bool, close: u8) -> Result<bool, String> {
        let follows = if *first {
            self.peek() != Some(close)
        } else {
            self.another(close)?
        };
        if !follows {
            if *first {
                self.leave();
            }
            self.skip_space();
            return Ok(false);
        }
        *first = false;
        Ok(true)
    }
    /// Whether the text turned out not to be JSON.
    pub(crate) fn is_broken(&self) -> bool {
        self.broken.get()
    }

    fn error(&self, what: &str) -> String {
        self.broken.set(true);
        let (line, column) = position(self.bytes, self.at);
        format!("{what} at line {line} column {column}")
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    fn expect_literal(&mut self, literal: &str, value: Val<'de>) -> Result<Val<'de>, String> {
        if self.bytes[self.at..].starts_with(literal.as_bytes()) {
            self.at += literal.len();
            Ok(value)
        } else {
            Err(self.error("expected value"))
        }
    }

    fn value(&mut self) -> Result<Val<'de>, String> {
        match self.peek() {
            None => Err(self.error("EOF while parsing a value")),
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => self.string().map(Val::Str),
            Some(b't') => self.expect_literal("true", Val::Bool(true)),
            Some(b'f') => self.expect_literal("false", Val::Bool(false)),
            Some(b'n') => self.expect_literal("null", Val::Null),
            Some(b'-' | b'0'..=b'9') => self.number().map(Val::Num),
            Some(_) => Err(self.error("expected value")),
        }
    }

    fn enter(&mut self) -> Result<(), String> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error("recursion limit exceeded"));
        }
        self.at += 1;
        self.skip_space();
        Ok(())
    }

    /// Past the `]` or `}` that ends the array or object being read.
    fn leave(&mut self) {
        self.at += 1;
        self.depth -= 1;
    }

    /// After a member of the array or object being read (`close` is `]` or
    /// `}`): `true` past a `,` and the space after it, `false` past `close`.
    fn another(&mut self, close: u8) -> Result<bool, String> {
        let list = close == b']';
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                self.skip_space();
                Ok(true)
            }
            Some(c) if c == close => {
                self.leave();
                Ok(false)
            }
            None if list => Err(self.error("EOF while parsing a list")),
            None => Err(self.error("EOF while parsing an object")),
            Some(_) if list => Err(self.error("expected `,` or `]`")),
            Some(_) => Err(self.error("expected `,` or `}`")),
        }
    }

    /// At an object's member: it must open with a key.
    fn at_key(&self) -> Result<(), String> {
        match self.peek() {
            Some(b'"') => Ok(()),
            None => Err(self.error("EOF while parsing an object")),
            Some(_) => Err(self.error("key must be a string")),
        }
    }

    /// After a key: the `:` and the space around it, positioned at the value.
    fn colon(&mut self) -> Result<(), String> {
        self.skip_space();
        if self.peek() != Some(b':') {
            return Err(self.error("expected `:`"));
        }
        self.at += 1;
        self.skip_space();
        Ok(())
    }

    fn object(&mut self) -> Result<Val<'de>, String> {
        self.object_around(None)
    }

    /// The value at `path` below this one goes to `reader`.
    fn value_around(
        &mut self,
        path: &[&str],
        reader: &mut dyn HoleReader<'de>,
    ) -> Result<Val<'de>, String> {
        if path.is_empty() {
            reader.read(self)?;
            return Ok(Val::Null);
        }
        if self.peek() == Some(b'{') {
            return self.object_around(Some((path, reader)));
        }
        self.value()
    }

    fn object_around(
        &mut self,
        mut around: Option<(&[&str], &mut dyn HoleReader<'de>)>,
    ) -> Result<Val<'de>, String> {
        self.enter()?;
        let mut entries: Entries<'de> = Vec::with_capacity(12);
        if self.peek() == Some(b'}') {
            self.leave();
            return Ok(Val::Obj(entries));
        }
        loop {
            self.at_key()?;
            let key = self.string()?;
            self.colon()?;
            let value = match &mut around {
                Some((path, reader)) if key == path[0] => {
                    reader.forget();
                    self.value_around(&path[1..], &mut **reader)?
                }
                _ => self.value()?,
            };
            entries.push((key, value));
            self.skip_space();
            if !self.another(b'}')? {
                return Ok(Val::Obj(entries));
            }
        }
    }

    fn array(&mut self) -> Result<Val<'de>, String> {
        self.enter()?;
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.leave();
            return Ok(Val::Arr(items));
        }
        loop {
            items.push(self.value()?);
            self.skip_space();
            if !self.another(b']')? {
                return Ok(Val::Arr(items));
            }
        }
    }

    /// A string at `"`; borrowed from the body when it has no escape.
    fn string(&mut self) -> Result<Cow<'de, str>, String> {
        self.at += 1;
        let start = self.at;
        match special_at(&self.bytes[start..]) {
            None => {
                self.at = self.bytes.len();
                return Err(self.error("EOF while parsing a string"));
            }
            Some(n) => self.at += n,
        }
        match self.bytes[self.at] {
            b'"' => {
                let s = &self.text[start..self.at];
                self.at += 1;
                return Ok(Cow::Borrowed(s));
            }
            b'\\' => {}
            _ => {
                return Err(
                    self.error("control character (\\u0000-\\u001F) found while parsing a string")
                )
            }
        }
        let mut out = String::with_capacity(self.at - start + 16);
        out.push_str(&self.text[start..self.at]);
        loop {
            match self.peek() {
                None => return Err(self.error("EOF while parsing a string")),
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                Some(0..=0x1f) => {
                    return Err(self
                        .error("control character (\\u0000-\\u001F) found while parsing a string"))
                }
                Some(_) => {
                    // Copy a run of ordinary characters at once (the text is UTF-8).
                    let run = self.at;
                    self.at += special_at(&self.bytes[run..]).unwrap_or(self.bytes.len() - run);
                    out.push_str(&self.text[run..self.at]);
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), String> {
        let Some(c) = self.peek() else {
            return Err(self.error("EOF while parsing a string"));
        };
        self.at += 1;
        match c {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let first = self.hex4()?;
                let code = match first {
                    0xD800..=0xDBFF => {
                        if !self.bytes[self.at..].starts_with(b"\\u") {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        self.at += 2;
                        let second = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&second) {
                            return Err(self.error("lone leading surrogate in hex escape"));
                        }
                        0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.error("lone trailing surrogate in hex escape"))
                    }
                    n => u32::from(n),
                };
                match char::from_u32(code) {
                    Some(ch) => out.push(ch),
                    None => return Err(self.error("invalid unicode code point")),
                }
            }
            _ => {
                self.at -= 1;
                return Err(self.error("invalid escape"));
            }
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u16, String> {
        let digits = self
            .bytes
            .get(self.at..self.at + 4)
            .ok_or_else(|| self.error("EOF while parsing a string"))?;
        let mut n: u16 = 0;
        for d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error("invalid escape")),
            };
            n = n * 16 + u16::from(v);
        }
        self.at += 4;
        Ok(n)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Num<'de>, String> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.at += 1;
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.error("invalid number"));
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.error("invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
        }
        Ok(Num(&self.text[start..self.at]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Val<'_> {
        parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn reads_every_kind_of_value_keeping_number_text() {
        let v = ok(
            r#" {"a": [1, -2.50, 3e2, 18446744073709551617], "b": "x\"y\u00e9\ud83d\ude00", "c": true, "d": null} "#,
        );
        let Val::Obj(e) = &v else { panic!() };
        assert_eq!(e[0].0, "a");
        let Val::Arr(items) = &e[0].1 else { panic!() };
        let texts: Vec<&str> = items
            .iter()
            .map(|i| match i {
                Val::Num(n) => n.text(),
                _ => "",
            })
            .collect();
        assert_eq!(texts, ["1", "-2.50", "3e2", "18446744073709551617"]);
        assert_eq!(e[1].1, Val::Str(Cow::Owned("x\"yé😀".into())));
        assert!(
            matches!(&e[0].0, Cow::Borrowed(_)),
            "an unescaped key is borrowed"
        );
        assert_eq!(e[2].1, Val::Bool(true));
        assert_eq!(e[3].1, Val::Null);
    }

    #[test]
    fn refuses_what_json_does_not_allow() {
        for bad in [
            "",
            "{",
            "[1,]",
            "{\"a\":1,}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "nul",
            "'a'",
            "\"a\nb\"",
            "\"\\x\"",
            "\"\\ud800\"",
            "\"\\udc00\"",
            "{1:2}",
            "[1 2]",
            "1 2",
            "\"abc",
            "[",
            "tru",
            "NaN",
            "{\"a\" 1}",
        ] {
            assert!(parse(bad.as_bytes()).is_err(), "{bad:?} parsed");
        }
        assert!(parse(&[b'"', 0xff, b'"']).is_err());
        let deep = "[".repeat(129) + &"]".repeat(129);
        assert!(parse(deep.as_bytes())
            .unwrap_err()
            .contains("recursion limit"));
        let fine = "[".repeat(128) + &"]".repeat(128);
        assert!(parse(fine.as_bytes()).is_ok());
    }

    #[test]
    fn numbers_convert_exactly_or_not_at_all() {
        let n = |t| Num(t);
        assert_eq!(n("42").as_i64(), Some(42));
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(n("18446744073709551617").to_number(), None);
        assert_eq!(n("1.5").to_number(), serde_json::Number::from_f64(1.5));
        assert_eq!(n("1e400").to_number(), None);
        assert_eq!(n("2.0").as_i64(), None);
    }
}
