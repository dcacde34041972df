//! Server text made safe to print on a terminal.
//!
//! Names, descriptions, error messages and `extra` keys come from the
//! server, and anyone who can name a project can put an escape sequence in
//! one. Printed raw, `ESC ] 0 ; … BEL` retitles the window, `ESC [ 2 J`
//! clears it, a carriage return overwrites what the line said and OSC 52
//! writes the clipboard. So every control character is shown as an escape
//! instead: C0 (U+0000–U+001F), DEL (U+007F) and C1 (U+0080–U+009F, which
//! some terminals obey as 8-bit controls).
//!
//! JSON output keeps every value exact: serde_json already escapes C0, and
//! [`json`] writes DEL and C1 as `\u00XX` too, which any JSON parser reads
//! back as the same character.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether `c` is a character a terminal may act on rather than show.
fn is_control(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}')
}

/// `text` for a table cell: controls escaped (`ESC` as `\u001b`, CR as
/// `\r`), line breaks kept, as a cell may span lines.
pub(crate) fn cell(text: &str) -> Cow<'_, str> {
    escape(text, |c| c != '\n' && is_control(c))
}

/// `text` as part of one line (an error message): line breaks escaped
/// too, so server text cannot add a line that looks like the CLI's own.
pub(crate) fn line(text: &str) -> Cow<'_, str> {
    escape(text, is_control)
}

/// Serialized JSON with DEL and C1 written as `\u00XX`. They can only
/// stand inside strings (JSON's own syntax is ASCII), where the escape
/// means the same character, so the value read back is unchanged.
pub(crate) fn json(text: String) -> String {
    match escape(&text, |c| matches!(c, '\x7f'..='\u{9f}')) {
        Cow::Borrowed(_) => text,
        Cow::Owned(escaped) => escaped,
    }
}

fn escape(text: &str, hide: impl Fn(char) -> bool) -> Cow<'_, str> {
    let Some(first) = text.find(&hide) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if !hide(c) {
            out.push(c);
            continue;
        }
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            _ => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_control_is_escaped_and_other_text_is_kept() {
        assert_eq!(
            cell("Q3 \x1b]0;pwned\x07plan\rX\tY\u{9b}31m\x7f"),
            "Q3 \\u001b]0;pwned\\u0007plan\\rX\\tY\\u009b31m\\u007f"
        );
        assert_eq!(cell("two\nlines"), "two\nlines");
        assert_eq!(line("two\nlines"), "two\\nlines");
        // Printable text beyond C1 (accents, CJK, emoji) is left alone.
        let plain = "Café 東京 🚀 \u{a0}\u{202e}";
        assert!(matches!(cell(plain), Cow::Borrowed(p) if p == plain));
        for c in (0u32..0x110000).filter_map(char::from_u32) {
            let s = c.to_string();
            let shown = line(&s);
            assert!(
                !shown.chars().any(is_control),
                "U+{:04X} came through as {shown:?}",
                c as u32
            );
        }
    }

    #[test]
    fn json_reads_back_the_same_value() {
        let value = serde_json::json!({"name": "a\x1b[2J\u{9b}\x7f\u{85}z\u{a0}", "n": 1});
        let text = json(serde_json::to_string(&value).unwrap());
        assert!(!text.chars().any(is_control), "{text:?}");
        assert!(text.contains(r"\u009b") && text.contains(r"\u007f"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }
}
