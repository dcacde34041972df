//! Reading the models out of an answer's body in one pass: the envelope
//! around them (`success`, `meta.total`, …) is parsed into a value for
//! the engine to look at, while the models at the route's path are read
//! straight from the text as the parser reaches them. Only answers off the
//! documented shape (the list somewhere else) are parsed a second time.

use crate::error::{Error, Result};
use crate::models::decode::{self, Val};
use crate::models::json::{self, HoleReader, Parser};
use crate::models::Model;
use crate::operation::Decoder;
use crate::route::Read;

/// What the models' reader found at its path.
pub(crate) enum Found {
    /// Nothing reached it: the path is not in the body.
    Absent,
    /// The models (one for a single result).
    Models(Vec<Model>),
    /// The first model that could not be read: why.
    Failed(String),
    /// A list was wanted and something else is there.
    NotAList,
}

/// Reads one model, or a list of them, at a path of the body.
pub(crate) struct ModelsReader {
    decoder: Decoder,
    list: bool,
    /// Whether the path was reached at all (a repeated key may leave it
    /// `Absent` after an earlier instance held it).
    touched: bool,
    pub(crate) found: Found,
}

impl ModelsReader {
    pub(crate) fn new(decoder: Decoder, list: bool) -> Self {
        ModelsReader {
            decoder,
            list,
            touched: false,
            found: Found::Absent,
        }
    }

    /// Whether the parsed envelope is the whole body (nothing was left out).
    pub(crate) fn untouched(&self) -> bool {
        !self.touched
    }

    fn read_list(&mut self, p: &mut Parser<'_>) -> std::result::Result<Found, String> {
        if !p.begin_array()? {
            p.skip()?;
            return Ok(Found::NotAList);
        }
        let mut models = Vec::new();
        let mut first = true;
        while p.next_item(&mut first)? {
            let before = p.remaining();
            match (self.decoder.text)(p, &[]) {
                Ok(m) => {
                    if models.is_empty() {
                        models.reserve(list_capacity(before - p.remaining(), p.remaining()));
                    }
                    models.push(m);
                }
                Err(e) if p.is_broken() => return Err(e),
                Err(e) => {
                    // The rest must still be JSON for this to be the error.
                    while p.next_item(&mut first)? {
                        p.skip()?;
                    }
                    return Ok(Found::Failed(e));
                }
            }
        }
        Ok(Found::Models(models))
    }
}

/// Room for a whole list, guessed from its first item's length: growing a
/// `Vec` of 1000 models by doubling copies ~1 MB and touches fresh pages at
/// every step. An eighth more than the guess, because items differ in
/// length: a first item under 1% longer than the rest left the guess a few
/// items short, and the whole list was copied once to double it.
///
/// Rounded up to a power of two, the size a `Vec` grown by doubling ends
/// at: the pages of one walk then ask for the same room, whatever their
/// first item's length, and each reuses the space the one before freed.
/// Exact guesses differ by a few items from page to page, and the holes
/// they left were too small for the next list: the heap grew from 0.6 to
/// 1.8 MB over a walk of 1000 pages while the live data stayed at 0.55 MB.
/// Room past the last item is never written, so it costs address space,
/// not memory.
///
/// Capped so a tiny first item cannot reserve more than four times the
/// rest of the body (a model is about twice its JSON); where the power of
/// two would pass that, the guess itself is kept.
fn list_capacity(first_item_bytes: usize, rest_bytes: usize) -> usize {
    let guess = rest_bytes / first_item_bytes.max(1);
    let wanted = 1 + guess + guess / 8;
    let cap = 1 + 4 * rest_bytes / std::mem::size_of::<Model>();
    match wanted.next_power_of_two() {
        rounded if rounded <= cap => rounded,
        _ => wanted.min(cap),
    }
}

impl<'de> HoleReader<'de> for ModelsReader {
    fn read(&mut self, p: &mut Parser<'de>) -> std::result::Result<(), String> {
        self.touched = true;
        self.found = if self.list {
            self.read_list(p)?
        } else {
            match (self.decoder.text)(p, &[]) {
                Ok(m) => Found::Models(vec![m]),
                Err(e) if p.is_broken() => return Err(e),
                Err(e) => Found::Failed(e),
            }
        };
        Ok(())
    }

    fn forget(&mut self) {
        self.found = Found::Absent;
    }
}

/// Parses an answer's body, handing the value at `hole` to its reader. A
/// blank or non-JSON body is fine only when nothing is to be read from it.
pub(crate) fn parse_answer<'de>(
    body: &'de [u8],
    read: Read,
    hole: Option<(&[&str], &mut dyn HoleReader<'de>)>,
) -> Result<Val<'de>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return match read {
            Read::Nothing => Ok(Val::Null),
            _ => Err(Error::decode("the response body is empty", body)),
        };
    }
    match json::parse_around(body, hole) {
        Ok(parsed) => Ok(parsed),
        Err(_) if matches!(read, Read::Nothing) => Ok(Val::Null),
        Err(e) => Err(Error::decode(
            format!("the response is not valid JSON: {e}"),
            body,
        )),
    }
}

/// One model from the whole body (which parsed, so is UTF-8), passing
/// over the envelope's `success` flag.
pub(crate) fn whole_body(decoder: Decoder, body: &[u8], what: &str) -> Result<Model> {
    let text =
        std::str::from_utf8(body).map_err(|_| Error::decode("the response is not UTF-8", body))?;
    let mut p = Parser::new(text);
    (decoder.text)(&mut p, &["success"]).map_err(|e| Error::decode(format!("{what}: {e}"), body))
}

/// The items of a list off its documented place: the array at `path`,
/// else the first array in the body (`{data: […]}`, `{orgs: […]}`), or
/// the body itself.
pub(crate) fn items_of<'v, 'de>(parsed: &'v Val<'de>, path: &[&str]) -> Option<&'v [Val<'de>]> {
    if let Some(Val::Arr(items)) = decode::at(parsed, path) {
        return Some(items);
    }
    match parsed {
        Val::Arr(items) => Some(items),
        Val::Obj(entries) => parsed
            .get("data")
            .and_then(|d| match d {
                Val::Arr(items) => Some(items.as_slice()),
                _ => None,
            })
            .or_else(|| {
                entries.iter().find_map(|(_, v)| match v {
                    Val::Arr(items) => Some(items.as_slice()),
                    _ => None,
                })
            }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::list_capacity;

    #[test]
    fn a_list_is_sized_from_its_first_item() {
        // 1000 items of ~300 bytes: the first one and 999 more, with an
        // eighth to spare (2048, the power of two, is past four times the
        // body's length in models).
        assert_eq!(list_capacity(300, 999 * 300 + 60), 1 + 999 + 124);
        // A 100-item page: room for 128 whether the first item is a little
        // longer or shorter than the rest.
        for first in 270..=400 {
            assert_eq!(
                list_capacity(first, 99 * 300),
                128,
                "first item of {first} bytes"
            );
        }
        // The bench's page: a 298-byte first item, 999 more of 296.8 on
        // average, some of 288; they fit without growing.
        assert!(list_capacity(298, 296_781 - 298 + 999) >= 1000);
        assert!(list_capacity(298, 999 * 288) >= 1000);
        // The last item (or an empty rest) needs no more room.
        assert_eq!(list_capacity(300, 1), 1);
    }

    #[test]
    fn a_tiny_first_item_reserves_at_most_four_times_the_rest_of_the_body() {
        let rest = 10_000_000;
        let reserved = list_capacity(2, rest) * std::mem::size_of::<crate::Model>();
        assert!(reserved <= 4 * rest + std::mem::size_of::<crate::Model>());
        assert_eq!(list_capacity(0, 0), 1);
    }
}
