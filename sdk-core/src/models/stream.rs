//! Reading a model in one pass over its JSON text: each key is matched
//! against the model's names and aliases as it streams past, and its value
//! read straight into the field's type by the same lenient rules as
//! [`super::decode::Fields`] (id as number or string or object, numbers as
//! text, 0/1 booleans, open enums, an unparseable timestamp kept in
//! `extra`). Unknown keys go to `extra`, secrets dropped. The `model!`
//! macro generates the visitor from a model's declared aliases.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{dedup, parse_time_val, type_name, DecodeResult, Entries, Val};
use super::json::{Next, Parser};
use super::Id;
use crate::redact::is_secret_key;

/// What reading one value for a field gave.
pub(crate) enum Read<'de, T> {
    /// `null`: as if the key were not there.
    Null,
    /// A value.
    Got(T),
    /// The field's name was there, but gives no value (an object without an id).
    Empty,
    /// A value of the wrong type (its type's name, for the error).
    Wrong(&'static str),
    /// A value to keep in `extra` under its own name (an unparseable timestamp).
    Keep(Val<'de>),
    /// A nested model that could not be read: an error if it is the one chosen.
    Bad(String),
}

/// Reads the value at `p` as a [`Val`] and says it is of the wrong type.
fn wrong<'de, T>(p: &mut Parser<'de>) -> Result<Read<'de, T>, String> {
    let v = p.read_value()?;
    Ok(Read::Wrong(type_name(&v)))
}

/// A value a field can hold, read leniently.
pub(crate) trait Scalar: Sized {
    /// What the error says it wanted (`"a string"`).
    const WANT: &'static str;
    /// Reads the next value.
    fn read<'de>(p: &mut Parser<'de>) -> Result<Read<'de, Self>, String>;
}

impl Scalar for String {
    const WANT: &'static str = "a string";
    fn read<'de>(p: &mut Parser<'de>) -> Result<Read<'de, Self>, String> {
        Ok(match p.next_kind() {
            Some(Next::String) => Read::Got(p.read_string()?.into_owned()),
            Some(Next::Number) => Read::Got(p.read_number()?.text().to_string()),
            Some(Next::Null) => {
                p.read_value()?;
                Read::Null
            }
            _ => return wrong(p),
        })
    }
}

impl Scalar for bool {
    const WANT: &'static str = "a boolean";
    fn read<'de>(p: &mut Parser<'de>) -> Result<Read<'de, Self>, String> {
        Ok(match p.read_value()? {
            Val::Null => Read::Null,
            Val::Bool(b) => Read::Got(b),
            // MySQL-backed servers (pm415) send booleans as 0/1.
            Val::Num(n) if n.as_i64().is_some() => Read::Got(n.as_i64() != Some(0)),
            Val::Str(s) if s == "true" || s == "false" => Read::Got(s == "true"),
            other => Read::Wrong(type_name(&other)),
        })
    }
}

impl Scalar for Id {
    const WANT: &'static str = "an id";
    fn read<'de>(p: &mut Parser<'de>) -> Result<Read<'de, Self>, String> {
        Ok(match p.next_kind() {
            Some(Next::Number) => match Id::from_number(&p.read_number()?) {
                Some(id) => Read::Got(id),
                None => Read::Wrong("a number"),
            },
            Some(Next::String) => Read::Got(Id::Str(p.read_string()?.into_owned())),
            // An object where an id is documented: use its id.
            Some(Next::Object) => match p.read_value()?.get("id").and_then(Id::from_val) {
                Some(id) => Read::Got(id),
                None => Read::Empty,
            },
            Some(Next::Null) => {
                p.read_value()?;
                Read::Null
            }
            _ => return wrong(p),
        })
    }
}

impl Scalar for DateTime<Utc> {
    const WANT: &'static str = "a date-time";
    fn read<'de>(p: &mut Parser<'de>) -> Result<Read<'de, Self>, String> {
        Ok(match p.read_value()? {
            Val::Null => Read::Null,
            v @ (Val::Str(_) | Val::Num(_)) => match parse_time_val(&v) {
                Some(t) => Read::Got(t),
                None => Read::Keep(v),
            },
            other => Read::Wrong(type_name(&other)),
        })
    }
}

/// Free-form JSON (`metadata`): whatever is there.
impl Scalar for Value {
    const WANT: &'static str = "a value";
    fn read<'de>(p: &mut Parser<'de>) -> Result<Read<'de, Self>, String> {
        Ok(match p.read_value()? {
            Val::Null => Read::Null,
            v => Read::Got(v.into_value()),
        })
    }
}

/// Reads an open enumeration (a string, or a number's text).
pub(crate) fn read_enum<'de, E: for<'a> From<&'a str>>(
    p: &mut Parser<'de>,
) -> Result<Read<'de, E>, String> {
    Ok(match p.next_kind() {
        Some(Next::String) => Read::Got(E::from(&p.read_string()?)),
        Some(Next::Number) => Read::Got(E::from(p.read_number()?.text())),
        Some(Next::Null) => {
            p.read_value()?;
            Read::Null
        }
        _ => return wrong(p),
    })
}

/// Reads a nested model (an object). A model that cannot be read is an
/// error only if it is the value chosen (a repeated key's last), as when
/// reading from a parsed value; the reader is past it either way.
pub(crate) fn read_model<'de, M: super::Decode>(
    p: &mut Parser<'de>,
) -> Result<Read<'de, M>, String> {
    Ok(match p.next_kind() {
        Some(Next::Object) => match M::decode_next(p, &[]) {
            Ok(m) => Read::Got(m),
            Err(e) if p.is_broken() => return Err(e),
            Err(e) => Read::Bad(e),
        },
        Some(Next::Null) => {
            p.read_value()?;
            Read::Null
        }
        _ => return wrong(p),
    })
}

/// A model field's type: how it is read, and how the value chosen among
/// its names becomes the field.
pub(crate) trait StreamField<'de>: Sized {
    /// What one read gives.
    type Out;
    fn read(p: &mut Parser<'de>) -> Result<Read<'de, Self::Out>, String>;
    /// The field from the chosen read (its name's index); `kept` takes a
    /// value for `extra`.
    fn finish(
        chosen: Option<(usize, Read<'de, Self::Out>)>,
        model: &str,
        names: &[&'static str],
        kept: &mut Entries<'de>,
    ) -> DecodeResult<Self>;
}

/// The latest value read for each of a field's `N` names (a key may
/// repeat: the last one counts, as in a JSON map).
pub(crate) struct Slots<'de, F: StreamField<'de>, const N: usize> {
    by_name: [Option<Read<'de, F::Out>>; N],
}

impl<'de, F: StreamField<'de>, const N: usize> Slots<'de, F, N> {
    pub(crate) fn new() -> Self {
        Slots {
            by_name: [const { None }; N],
        }
    }

    /// Reads the value of the field's name number `index`.
    pub(crate) fn read(&mut self, index: usize, p: &mut Parser<'de>) -> Result<(), String> {
        let read = F::read(p)?;
        if let Some(slot) = self.by_name.get_mut(index) {
            *slot = Some(read);
        }
        Ok(())
    }

    /// The field: the value of the first of its `names` (in declared
    /// order) that was there and not null.
    pub(crate) fn finish(
        self,
        model: &str,
        names: &[&'static str],
        kept: &mut Entries<'de>,
    ) -> DecodeResult<F> {
        // Taken out where it lies: moving every slot through an iterator
        // copied each (a nested model's read is large) to look at it.
        let mut by_name = self.by_name;
        let chosen = by_name
            .iter_mut()
            .enumerate()
            .find_map(|(i, slot)| match slot {
                None | Some(Read::Null) => None,
                Some(_) => slot.take().map(|r| (i, r)),
            });
        F::finish(chosen, model, names, kept)
    }
}

fn chosen_value<'de, T>(
    chosen: Option<(usize, Read<'de, T>)>,
    want: &str,
    model: &str,
    names: &[&'static str],
    kept: &mut Entries<'de>,
) -> DecodeResult<Option<T>> {
    match chosen {
        None | Some((_, Read::Null | Read::Empty)) => Ok(None),
        Some((_, Read::Got(v))) => Ok(Some(v)),
        Some((i, Read::Wrong(got))) => {
            Err(format!("{model}.{}: expected {want}, got {got}", names[i]))
        }
        Some((i, Read::Keep(v))) => {
            kept.push((std::borrow::Cow::Borrowed(names[i]), v));
            Ok(None)
        }
        Some((_, Read::Bad(e))) => Err(e),
    }
}

/// An optional field of any scalar (or enum, or nested model).
impl<'de, T: Scalar> StreamField<'de> for Option<T> {
    type Out = T;
    fn read(p: &mut Parser<'de>) -> Result<Read<'de, T>, String> {
        T::read(p)
    }
    fn finish(
        chosen: Option<(usize, Read<'de, T>)>,
        model: &str,
        names: &[&'static str],
        kept: &mut Entries<'de>,
    ) -> DecodeResult<Self> {
        chosen_value(chosen, T::WANT, model, names, kept)
    }
}

/// A required id: missing is an error naming its first name.
impl<'de> StreamField<'de> for Id {
    type Out = Id;
    fn read(p: &mut Parser<'de>) -> Result<Read<'de, Id>, String> {
        <Id as Scalar>::read(p)
    }
    fn finish(
        chosen: Option<(usize, Read<'de, Id>)>,
        model: &str,
        names: &[&'static str],
        kept: &mut Entries<'de>,
    ) -> DecodeResult<Self> {
        chosen_value(chosen, <Id as Scalar>::WANT, model, names, kept)?
            .ok_or_else(|| format!("{model}.{}: missing", names[0]))
    }
}

/// Tags: strings, or objects with a `name`; anything else as its JSON text.
impl<'de> StreamField<'de> for Vec<String> {
    type Out = Vec<String>;
    fn read(p: &mut Parser<'de>) -> Result<Read<'de, Vec<String>>, String> {
        if !p.begin_array()? {
            return Ok(match p.read_value()? {
                Val::Null => Read::Null,
                other => Read::Wrong(type_name(&other)),
            });
        }
        let mut tags = Vec::new();
        let mut first = true;
        while p.next_item(&mut first)? {
            tags.push(match p.next_kind() {
                Some(Next::String) => p.read_string()?.into_owned(),
                _ => match p.read_value()? {
                    o @ Val::Obj(_) => o
                        .get("name")
                        .and_then(Val::as_str)
                        .unwrap_or_default()
                        .to_string(),
                    other => other.into_value().to_string(),
                },
            });
        }
        Ok(Read::Got(tags))
    }
    fn finish(
        chosen: Option<(usize, Read<'de, Vec<String>>)>,
        model: &str,
        names: &[&'static str],
        _kept: &mut Entries<'de>,
    ) -> DecodeResult<Self> {
        match chosen {
            Some((_, Read::Got(v))) => Ok(v),
            Some((i, Read::Wrong(_))) => Err(format!("{model}.{}: expected an array", names[i])),
            _ => Ok(Vec::new()),
        }
    }
}

/// What is left of an object: its other keys (the last value of a repeated
/// one, at its first place), secrets dropped, then the values kept for
/// `extra` by the fields, in field order.
pub(crate) fn extra(mut rest: Entries<'_>, kept: Entries<'_>) -> Map<String, Value> {
    dedup(&mut rest);
    let mut map = Map::new();
    for (k, v) in rest.into_iter().chain(kept) {
        if !is_secret_key(&k) {
            map.insert(k.into_owned(), v.into_value());
        }
    }
    map
}

/// The index of `key` among `names` (the one that matched in a `match`).
pub(crate) fn index_of(names: &[&str], key: &str) -> usize {
    names.iter().position(|n| *n == key).unwrap_or(0)
}

/// The error for a model given something other than an object.
pub(crate) fn not_an_object(p: &mut Parser<'_>, model: &str) -> String {
    match p.read_value() {
        Ok(v) => format!("expected a {model} object, got {}", type_name(&v)),
        Err(e) => e,
    }
}

/// A streamed model read from a parsed value: through its text.
pub(crate) fn via_text<M: super::Decode>(value: Val<'_>) -> DecodeResult<M> {
    let mut text = String::new();
    super::json::write(&value, &mut text);
    let mut p = Parser::new(&text);
    M::decode_next(&mut p, &[])
}

/// Declares how a model is read from its text: each field's names, in the
/// order they are tried (the first present and not null wins), and the
/// name errors call the model by. Every other key goes to `extra`, minus
/// secrets. The fields are the struct's, in its order, `extra` last.
///
/// ```ignore
/// streamed! { Task as "task" {
///     id: ["id", "_id"],
///     title: ["title", "name"],
/// } }
/// ```
macro_rules! streamed {
    ($model:ident as $name:literal { $($field:ident : [$($alias:literal),+ $(,)?]),* $(,)? }) => {
        impl $crate::models::Decode for $model {
            fn decode(value: $crate::models::decode::Val<'_>) -> $crate::models::decode::DecodeResult<Self> {
                $crate::models::stream::via_text(value)
            }

            #[allow(unused_parens)] // an alias list of one
            fn decode_next(
                p: &mut $crate::models::json::Parser<'_>,
                skip: &[&str],
            ) -> $crate::models::decode::DecodeResult<Self> {
                use $crate::models::stream::{extra, index_of, not_an_object, Slots};
                if !p.begin_object()? {
                    return Err(not_an_object(p, $name));
                }
                $( let mut $field = Slots::<_, { [$($alias),+].len() }>::new(); )*
                let mut rest = Vec::new();
                let mut first = true;
                while let Some(key) = p.next_key(&mut first)? {
                    match &*key {
                        $( k @ ($($alias)|+) => $field.read(index_of(&[$($alias),+], k), p)?, )*
                        k if skip.contains(&k) => {
                            p.skip()?;
                        }
                        _ => {
                            let value = p.read_value()?;
                            rest.push((key, value));
                        }
                    }
                }
                let mut kept = Vec::new();
                Ok($model {
                    $( $field: $field.finish($name, &[$($alias),+], &mut kept)?, )*
                    extra: extra(rest, kept),
                })
            }
        }

        impl $crate::models::stream::Scalar for $model {
            const WANT: &'static str = "an object";
            fn read<'de>(
                p: &mut $crate::models::json::Parser<'de>,
            ) -> Result<$crate::models::stream::Read<'de, Self>, String> {
                $crate::models::stream::read_model(p)
            }
        }
    };
}
pub(crate) use streamed;
