//! Everything that crosses into JS crosses as JSON text built here, off the
//! JS thread, and read there with one `JSON.parse` (several times cheaper
//! than building objects property by property through N-API).
//!
//! [`Js`] wraps any `Serialize` value and changes only what JS needs:
//! - struct field names become camelCase (`created_at` → `createdAt`); map
//!   keys (`extra`, `metadata`, headers) are left exactly as they are;
//! - struct fields that are `None` are left out (JS: `undefined`), as
//!   `#[napi(object)]` did; `null`s inside maps stay;
//! - an integer outside ±(2^53−1) becomes a decimal string with the same
//!   digits, wherever it is (ids, `extra`, `metadata`), because
//!   `JSON.parse` would round it; every other number stays a number.
//!
//! - a timestamp becomes its milliseconds since the epoch (a number JS
//!   makes a `Date` of without parsing text).
//!
//! Ids, enums and secrets need nothing more: the SDK serializes them as
//! integers or strings, and strings (its newtype markers are transparent
//! here).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasherDefault, Hash, Hasher};

use serde::ser::{
    self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct,
    SerializeStructVariant, SerializeTuple, SerializeTupleStruct, SerializeTupleVariant,
    Serializer,
};

/// The struct name serde_json serializes a raw JSON value as (an id beyond
/// 64 bits is its digits as one); its one field is the text.
const NUMBER_TOKEN: &str = "$serde_json::private::RawValue";

/// The largest integer a JS number holds exactly.
const MAX_SAFE: u64 = (1 << 53) - 1;

/// `value` in its JS shape, serializable by any serializer.
pub struct Js<'a, T: ?Sized>(pub &'a T);

impl<T: Serialize + ?Sized> Serialize for Js<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(JsSer(s))
    }
}

/// `value` as JSON text in its JS shape.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String, serde_json::Error> {
    serde_json::to_string(&Js(value))
}

/// Whether `text` is a JSON integer literal beyond what a JS number holds.
fn unsafe_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    digits.len() > 16 || (digits.len() == 16 && digits > "9007199254740991")
}

/// A struct field name in camelCase. Field names are `&'static str` from a
/// finite set (the models' declarations), so each camelCase spelling is
/// made once per thread and kept: a few hundred bytes in all.
fn camel(key: &'static str) -> Cow<'static, str> {
    if !key.contains('_') {
        return Cow::Borrowed(key);
    }
    thread_local! {
        static SEEN: RefCell<HashMap<StaticKey, &'static str, BuildHasherDefault<AddressHasher>>> =
            RefCell::new(HashMap::default());
    }
    SEEN.with(|seen| {
        let mut seen = seen.borrow_mut();
        let camel: &'static str = seen
            .entry(StaticKey(key))
            .or_insert_with(|| Box::leak(orgkit::camel_case(key).into_boxed_str()));
        Cow::Borrowed(camel)
    })
}

/// A `&'static str` compared and hashed by where it is, not by its text:
/// the same declaration always hands over the same one, so hashing the text
/// (SipHash, once per field of every item) only cost time. Two copies of
/// one text at two places are two entries with the same value.
#[derive(Clone, Copy)]
struct StaticKey(&'static str);

impl PartialEq for StaticKey {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for StaticKey {}

impl Hash for StaticKey {
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_usize(self.0.as_ptr() as usize ^ self.0.len().rotate_left(48));
    }
}

/// Hashes one address (`StaticKey`): a multiply, as FxHash does.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_usize(b.into());
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

struct JsSer<S>(S);

macro_rules! small_ints {
    ($($method:ident: $t:ty),*) => {$(
        fn $method(self, v: $t) -> Result<S::Ok, S::Error> {
            self.0.$method(v)
        }
    )*};
}

impl<S: Serializer> Serializer for JsSer<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Wrap<S::SerializeSeq>;
    type SerializeTuple = Wrap<S::SerializeTuple>;
    type SerializeTupleStruct = Wrap<S::SerializeTupleStruct>;
    type SerializeTupleVariant = Wrap<S::SerializeTupleVariant>;
    type SerializeMap = Wrap<S::SerializeMap>;
    type SerializeStruct = Struct<S>;
    type SerializeStructVariant = Wrap<S::SerializeStructVariant>;

    small_ints!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_u8: u8, serialize_u16: u16, serialize_u32: u32,
        serialize_f32: f32, serialize_f64: f64, serialize_char: char
    );

    fn serialize_i64(self, v: i64) -> Result<S::Ok, S::Error> {
        if v.unsigned_abs() <= MAX_SAFE {
            self.0.serialize_i64(v)
        } else {
            self.0.collect_str(&v)
        }
    }
    fn serialize_u64(self, v: u64) -> Result<S::Ok, S::Error> {
        if v <= MAX_SAFE {
            self.0.serialize_u64(v)
        } else {
            self.0.collect_str(&v)
        }
    }
    fn serialize_i128(self, v: i128) -> Result<S::Ok, S::Error> {
        match i64::try_from(v) {
            Ok(v) => self.serialize_i64(v),
            Err(_) => self.0.collect_str(&v),
        }
    }
    fn serialize_u128(self, v: u128) -> Result<S::Ok, S::Error> {
        match u64::try_from(v) {
            Ok(v) => self.serialize_u64(v),
            Err(_) => self.0.collect_str(&v),
        }
    }
    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<S::Ok, S::Error> {
        self.0.serialize_bytes(v)
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Js(v))
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_variant(name, index, variant)
    }
    /// The SDK's markers (ids, secrets, enums) are transparent: their inner
    /// value already has its JS form. A timestamp becomes its milliseconds
    /// since the epoch, what `new Date(ms)` takes without parsing text (JS
    /// dates hold milliseconds: finer digits go, as `new Date(text)` drops them).
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        if name == orgkit::TIME_NEWTYPE {
            if let Some(t) = v
                .serialize(CompactTime)
                .ok()
                .and_then(orgkit::time_from_compact)
            {
                return self.0.serialize_i64(t.timestamp_millis());
            }
        }
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0
            .serialize_newtype_variant(name, index, variant, &Js(v))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        self.0.serialize_seq(len).map(Wrap)
    }
    fn serialize_tuple(self, len: usize) -> Result<Self::SerializeTuple, S::Error> {
        self.0.serialize_tuple(len).map(Wrap)
    }
    fn serialize_tuple_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        self.0.serialize_tuple_struct(name, len).map(Wrap)
    }
    fn serialize_tuple_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        self.0
            .serialize_tuple_variant(name, index, variant, len)
            .map(Wrap)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        self.0.serialize_map(len).map(Wrap)
    }
    /// A struct becomes an object with camelCase keys; a serde_json number
    /// is held back until its text is known.
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        if name == NUMBER_TOKEN {
            return Ok(Struct::Number(self.0, None));
        }
        self.0.serialize_map(Some(len)).map(Struct::Object)
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        self.0
            .serialize_struct_variant(name, index, variant, len)
            .map(Wrap)
    }
}

/// A compound whose elements are wrapped in [`Js`] in turn.
pub struct Wrap<C>(C);

impl<C: SerializeSeq> SerializeSeq for Wrap<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
        self.0.serialize_element(&Js(v))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: SerializeTuple> SerializeTuple for Wrap<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
        self.0.serialize_element(&Js(v))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: SerializeTupleStruct> SerializeTupleStruct for Wrap<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
        self.0.serialize_field(&Js(v))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: SerializeTupleVariant> SerializeTupleVariant for Wrap<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
        self.0.serialize_field(&Js(v))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

/// Map keys pass through untouched: they are data, not field names.
impl<C: SerializeMap> SerializeMap for Wrap<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), C::Error> {
        self.0.serialize_key(k)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), C::Error> {
        self.0.serialize_value(&Js(v))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

impl<C: SerializeStructVariant> SerializeStructVariant for Wrap<C> {
    type Ok = C::Ok;
    type Error = C::Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), C::Error> {
        self.0.serialize_field(key, &Js(v))
    }
    fn end(self) -> Result<C::Ok, C::Error> {
        self.0.end()
    }
}

/// A struct being written: an object, or a serde_json number's text.
pub enum Struct<S: Serializer> {
    Object(S::SerializeMap),
    Number(S, Option<String>),
}

impl<S: Serializer> SerializeStruct for Struct<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), S::Error> {
        match self {
            Struct::Object(map) => {
                if v.serialize(IsNone).unwrap_or(false) {
                    return Ok(());
                }
                map.serialize_entry(&*camel(key), &Js(v))
            }
            Struct::Number(_, text) => {
                *text = v.serialize(Text).ok();
                Ok(())
            }
        }
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        match self {
            Struct::Object(map) => map.end(),
            Struct::Number(s, text) => {
                let text = text.ok_or_else(|| ser::Error::custom("a number without its text"))?;
                if unsafe_integer(&text) {
                    return s.serialize_str(&text);
                }
                // Handed back to the serializer as it came: serde_json writes the text as is.
                let mut st = s.serialize_struct(NUMBER_TOKEN, 1)?;
                st.serialize_field(NUMBER_TOKEN, &text)?;
                st.end()
            }
        }
    }
}

/// The error of the two probes below: "not what I look for".
#[derive(Debug)]
struct Other;

impl fmt::Display for Other {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("other")
    }
}
impl std::error::Error for Other {}
impl ser::Error for Other {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Other
    }
}

/// Every `Serializer` method of a probe that gives up at once.
macro_rules! give_up {
    ($ok:ty) => {
        type Ok = $ok;
        type Error = Other;
        type SerializeSeq = Impossible<$ok, Other>;
        type SerializeTuple = Impossible<$ok, Other>;
        type SerializeTupleStruct = Impossible<$ok, Other>;
        type SerializeTupleVariant = Impossible<$ok, Other>;
        type SerializeMap = Impossible<$ok, Other>;
        type SerializeStruct = Impossible<$ok, Other>;
        type SerializeStructVariant = Impossible<$ok, Other>;
        fn serialize_bool(self, _: bool) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_i8(self, _: i8) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_i16(self, _: i16) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_i32(self, _: i32) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_i64(self, _: i64) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_u8(self, _: u8) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_u16(self, _: u16) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_u32(self, _: u32) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_u64(self, _: u64) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_f32(self, _: f32) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_f64(self, _: f64) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_char(self, _: char) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_bytes(self, _: &[u8]) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_unit(self) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_unit_struct(self, _: &'static str) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
        ) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<$ok, Other> {
            Err(Other)
        }
        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Other> {
            Err(Other)
        }
        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Other> {
            Err(Other)
        }
        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Other> {
            Err(Other)
        }
        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Other> {
            Err(Other)
        }
        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Other> {
            Err(Other)
        }
        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Other> {
            Err(Other)
        }
        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Other> {
            Err(Other)
        }
    };
}

/// Whether a value is `None` (without serializing anything else of it).
struct IsNone;

impl Serializer for IsNone {
    give_up!(bool);
    fn serialize_none(self) -> Result<bool, Other> {
        Ok(true)
    }
    fn serialize_str(self, _: &str) -> Result<bool, Other> {
        Ok(false)
    }
}

/// A timestamp's compact form ([`orgkit::time_from_compact`]), which the
/// SDK gives a serializer that is not human-readable.
struct CompactTime;

impl Serializer for CompactTime {
    give_up!(i128);
    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_none(self) -> Result<i128, Other> {
        Err(Other)
    }
    fn serialize_str(self, _: &str) -> Result<i128, Other> {
        Err(Other)
    }
    fn serialize_i128(self, v: i128) -> Result<i128, Other> {
        Ok(v)
    }
}

/// The text of a string value (a serde_json number's field).
struct Text;

impl Serializer for Text {
    give_up!(String);
    fn serialize_none(self) -> Result<String, Other> {
        Err(Other)
    }
    fn serialize_str(self, v: &str) -> Result<String, Other> {
        Ok(v.to_string())
    }
}
