//! Rust values into Python objects, through their `serde::Serialize`: one
//! conversion for every model (the core's serialization marks ids,
//! timestamps, secrets and enum values with newtype names, read here), so a
//! new model or field needs no code in the binding.
//!
//! A model struct becomes an instance of the class of the same name in
//! `orgkit.models`, made by its `tp_new` without running `__init__` (its
//! fields are set as attributes); a timestamp an aware UTC `datetime`; an
//! enum value the known (shared) instance of its `orgkit.models` class; an
//! integer of any size an `int`; any other map a `dict`.

use std::fmt;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString, PyTuple, PyType};
use serde::ser::{self, Impossible, Serialize};

use crate::convert::utc_to_py;

/// The struct name `serde_json` serializes a raw JSON value under (an id
/// beyond 64 bits is its digits as one).
const RAW_TOKEN: &str = "$serde_json::private::RawValue";

/// A Python error raised while converting.
#[derive(Debug)]
pub struct SerError(pub PyErr);

impl fmt::Display for SerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        SerError(PyValueError::new_err(msg.to_string()))
    }
}

impl From<std::convert::Infallible> for SerError {
    fn from(e: std::convert::Infallible) -> Self {
        match e {}
    }
}

impl From<PyErr> for SerError {
    fn from(e: PyErr) -> Self {
        SerError(e)
    }
}

type Result<T> = std::result::Result<T, SerError>;

/// What the conversion looks up once per interpreter: each model's class
/// and its field names as interned strings (in declaration order, the
/// order a model serializes its fields in), and each enum's class with an
/// instance per known value. Kept in short lists searched by comparing
/// names: hashing a name costs more than the few comparisons, and a field
/// is nearly always found at its own position.
struct Known {
    models: Vec<ModelClass>,
    enums: Vec<EnumClass>,
}

/// A model's class, its constructor slot and its fields' names.
pub struct ModelClass {
    name: &'static str,
    class: Py<PyType>,
    /// The class's `tp_new` (inherited from `object`): what `cls()` calls
    /// before `__init__`.
    new: pyo3::ffi::newfunc,
    keys: Vec<(&'static str, Py<PyString>)>,
}

/// An enum's class and the instance made for each known value.
struct EnumClass {
    name: &'static str,
    class: Py<PyAny>,
    values: Vec<(&'static str, Py<PyAny>)>,
}

impl Known {
    fn model(&self, name: &str) -> Option<&ModelClass> {
        self.models.iter().find(|m| m.name == name)
    }

    fn enum_class(&self, name: &str) -> Option<&EnumClass> {
        self.enums.iter().find(|e| e.name == name)
    }
}

impl ModelClass {
    /// A new, empty instance, made as `cls()` makes one but without running
    /// `__init__`: the fields are set after.
    fn instance<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let args = PyTuple::empty(py);
        // SAFETY: the GIL is held; `new` is this class's own `tp_new`, called
        // with the class and an empty argument tuple (no keywords), as the
        // type's `__call__` calls it. It returns a new reference or NULL
        // with an exception set.
        unsafe {
            let obj = (self.new)(
                self.class.bind(py).as_type_ptr(),
                args.as_ptr(),
                std::ptr::null_mut(),
            );
            Bound::from_owned_ptr_or_err(py, obj)
        }
    }

    /// The interned name of the field serialized `index`-th, or found by name.
    fn key(&self, index: usize, name: &str) -> Option<&Py<PyString>> {
        match self.keys.get(index) {
            Some((k, key)) if *k == name => Some(key),
            _ => self
                .keys
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, key)| key),
        }
    }
}

static KNOWN: PyOnceLock<Known> = PyOnceLock::new();

fn known(py: Python<'_>) -> PyResult<&'static Known> {
    KNOWN.get_or_try_init(py, || {
        let models = py.import("orgkit.models")?;
        let surface = orgkit::api::surface();
        let mut classes = Vec::new();
        for m in &surface.models {
            let class = models.getattr(m.name)?.cast_into::<PyType>()?;
            // SAFETY: `class` is a type object (checked just above) and the
            // GIL is held; every type has a `tp_new` slot to read (3.10+).
            let slot =
                unsafe { pyo3::ffi::PyType_GetSlot(class.as_type_ptr(), pyo3::ffi::Py_tp_new) };
            if slot.is_null() {
                return Err(PyTypeError::new_err(format!(
                    "orgkit.models.{} cannot be instantiated",
                    m.name
                )));
            }
            classes.push(ModelClass {
                name: m.name,
                // SAFETY: a non-null `Py_tp_new` slot is a `newfunc`.
                new: unsafe {
                    std::mem::transmute::<*mut std::ffi::c_void, pyo3::ffi::newfunc>(slot)
                },
                class: class.unbind(),
                keys: m
                    .fields
                    .iter()
                    .map(|f| (f.name, PyString::intern(py, f.name).unbind()))
                    .collect(),
            });
        }
        let mut enums = Vec::new();
        for e in &surface.enums {
            let class = models.getattr(e.name)?;
            let mut values = Vec::new();
            for v in &e.values {
                values.push((*v, class.call1((*v,))?.unbind()));
            }
            enums.push(EnumClass {
                name: e.name,
                class: class.unbind(),
                values,
            });
        }
        Ok(Known {
            models: classes,
            enums,
        })
    })
}

/// `value` as a Python object.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let _paused = GcPause::new(py);
    value.serialize(PySer { py }).map_err(|e| e.0)
}

/// Each of `items` as a Python object (a page's items), under one pause.
pub fn to_py_each<T: Serialize>(py: Python<'_>, items: &[T]) -> PyResult<Vec<Py<PyAny>>> {
    let _paused = GcPause::new(py);
    items
        .iter()
        .map(|m| {
            m.serialize(PySer { py })
                .map(Bound::unbind)
                .map_err(|e| e.0)
        })
        .collect()
}

/// Holds off Python's cyclic garbage collector while a conversion builds
/// objects. Left on, it walks each new container several times over (a
/// page of 1000 projects makes about 6000 of them) although nothing made
/// here can be cyclic garbage; it runs again on the next allocation after.
/// No Python code runs during a conversion, so no other thread runs
/// during the pause: every object is made by C code with the GIL held (a
/// model by its class's `tp_new`, which is `object`'s, with no `__init__`;
/// an enum value by `str`'s constructor, as the enum classes define none).
/// A collector the program turned off stays off.
struct GcPause<'py> {
    /// Ties the guard to the GIL it is made under.
    _gil: Python<'py>,
    was_enabled: bool,
}

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> Self {
        // SAFETY: the GIL is held (`py`); returns the state before, 1 = on.
        let was_enabled = unsafe { pyo3::ffi::PyGC_Disable() } == 1;
        GcPause {
            _gil: py,
            was_enabled,
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if self.was_enabled {
            // SAFETY: the GIL is still held: `_gil` lives as long as the guard.
            unsafe { pyo3::ffi::PyGC_Enable() };
        }
    }
}

/// The serializer.
#[derive(Clone, Copy)]
pub struct PySer<'py> {
    py: Python<'py>,
}

fn int_from_digits<'py>(py: Python<'py>, digits: &str) -> PyResult<Bound<'py, PyAny>> {
    let int = py.import("builtins")?.getattr(intern!(py, "int"))?;
    int.call1((digits,))
}

/// A number's exact text as an `int` (any size) or a `float`.
fn number_from_text<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    if let Ok(i) = text.parse::<i64>() {
        return Ok(i.into_pyobject(py)?.into_any());
    }
    let integer = {
        let digits = text.strip_prefix('-').unwrap_or(text);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    if integer {
        return int_from_digits(py, text);
    }
    let f: f64 = text
        .parse()
        .map_err(|_| PyValueError::new_err(format!("not a number: {text}")))?;
    Ok(PyFloat::new(py, f).into_any())
}

impl<'py> ser::Serializer for PySer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    type SerializeSeq = SeqSer<'py>;
    type SerializeTuple = SeqSer<'py>;
    type SerializeTupleStruct = SeqSer<'py>;
    type SerializeTupleVariant = Impossible<Self::Ok, SerError>;
    type SerializeMap = MapSer<'py>;
    type SerializeStruct = StructSer<'py>;
    type SerializeStructVariant = Impossible<Self::Ok, SerError>;

    fn serialize_bool(self, v: bool) -> Result<Self::Ok> {
        Ok(PyBool::new(self.py, v).to_owned().into_any())
    }
    fn serialize_i8(self, v: i8) -> Result<Self::Ok> {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result<Self::Ok> {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result<Self::Ok> {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result<Self::Ok> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_u8(self, v: u8) -> Result<Self::Ok> {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result<Self::Ok> {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result<Self::Ok> {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result<Self::Ok> {
        Ok(v.into_pyobject(self.py)?.into_any())
    }
    fn serialize_f32(self, v: f32) -> Result<Self::Ok> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result<Self::Ok> {
        Ok(PyFloat::new(self.py, v).into_any())
    }
    fn serialize_char(self, v: char) -> Result<Self::Ok> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<Self::Ok> {
        Ok(PyString::new(self.py, v).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Self::Ok> {
        Ok(pyo3::types::PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Result<Self::Ok> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Self::Ok> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Self::Ok> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        let py = self.py;
        if name == orgkit::TIME_NEWTYPE {
            // The SDK gives a serializer that is not human-readable a
            // timestamp's compact form only (never its text).
            let t = match value.serialize(TextSer)? {
                Leaf::Time(compact) => orgkit::time_from_compact(compact),
                Leaf::Text(_) => None,
            }
            .ok_or_else(|| <SerError as ser::Error>::custom("not a timestamp"))?;
            return Ok(utc_to_py(py, &t)?);
        }
        if let Some(enum_name) = name.strip_prefix(orgkit::ENUM_NEWTYPE_PREFIX) {
            let text = value.serialize(TextSer)?.text()?;
            if let Some(e) = known(py)?.enum_class(enum_name) {
                if let Some((_, obj)) = e.values.iter().find(|(v, _)| *v == text) {
                    return Ok(obj.bind(py).clone());
                }
                return Ok(e.class.bind(py).call1((text,))?);
            }
            return Ok(PyString::new(py, &text).into_any());
        }
        // Ids and secrets are their value as is.
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        value: &T,
    ) -> Result<Self::Ok> {
        value.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer<'py>> {
        Ok(SeqSer {
            py: self.py,
            items: Vec::with_capacity(len.unwrap_or(0)),
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer<'py>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<SeqSer<'py>> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(ser::Error::custom(
            "enum variants with fields are not converted",
        ))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<MapSer<'py>> {
        Ok(MapSer {
            py: self.py,
            dict: PyDict::new(self.py),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, _len: usize) -> Result<StructSer<'py>> {
        let py = self.py;
        if name == RAW_TOKEN {
            return Ok(StructSer::Number { py, value: None });
        }
        Ok(match known(py)?.model(name) {
            Some(model) => StructSer::Model {
                py,
                model,
                index: 0,
                obj: model.instance(py)?,
            },
            None => StructSer::Dict {
                py,
                dict: PyDict::new(py),
            },
        })
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(ser::Error::custom(
            "enum variants with fields are not converted",
        ))
    }
}

/// A list.
pub struct SeqSer<'py> {
    py: Python<'py>,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeSeq for SeqSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(PySer { py: self.py })?);
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        Ok(PyList::new(self.py, self.items)?.into_any())
    }
}

impl<'py> ser::SerializeTuple for SeqSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Self::Ok> {
        ser::SerializeSeq::end(self)
    }
}

impl<'py> ser::SerializeTupleStruct for SeqSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Self::Ok> {
        ser::SerializeSeq::end(self)
    }
}

/// A `dict` (`extra`, `metadata`, any JSON object).
pub struct MapSer<'py> {
    py: Python<'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> ser::SerializeMap for MapSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key.serialize(PySer { py: self.py })?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <SerError as ser::Error>::custom("a map value without its key"))?;
        self.dict
            .set_item(key, value.serialize(PySer { py: self.py })?)?;
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        Ok(self.dict.into_any())
    }
}

/// A model instance, a struct that is not a model (as a `dict`), or a raw
/// number (its exact text).
pub enum StructSer<'py> {
    /// Made by its class's `tp_new`, its fields set one by one as
    /// attributes, as `__init__` would: the instance keeps the compact
    /// layout CPython gives attributes of one class (keys shared by all its
    /// instances), cheaper to build and to read than a `__dict__` assigned
    /// whole.
    Model {
        py: Python<'py>,
        model: &'static ModelClass,
        /// How many fields came before this one.
        index: usize,
        obj: Bound<'py, PyAny>,
    },
    Dict {
        py: Python<'py>,
        dict: Bound<'py, PyDict>,
    },
    Number {
        py: Python<'py>,
        value: Option<Bound<'py, PyAny>>,
    },
}

impl<'py> ser::SerializeStruct for StructSer<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<()> {
        match self {
            StructSer::Model {
                py,
                model,
                index,
                obj,
            } => {
                let py = *py;
                let v = value.serialize(PySer { py })?;
                match model.key(*index, key) {
                    Some(k) => obj.setattr(k.bind(py), v)?,
                    None => obj.setattr(key, v)?,
                }
                *index += 1;
            }
            StructSer::Dict { py, dict } => {
                dict.set_item(key, value.serialize(PySer { py: *py })?)?;
            }
            StructSer::Number { py, value: slot } => {
                let text = value.serialize(TextSer)?.text()?;
                *slot = Some(number_from_text(*py, &text)?);
            }
        }
        Ok(())
    }
    fn end(self) -> Result<Self::Ok> {
        match self {
            StructSer::Model { obj, .. } => Ok(obj),
            StructSer::Dict { dict, .. } => Ok(dict.into_any()),
            StructSer::Number { py, value } => {
                Ok(value.unwrap_or_else(|| py.None().into_bound(py)))
            }
        }
    }
}

/// Reads a value that must be a string (an enum's text) or a timestamp.
/// Not human-readable, so a timestamp comes as its compact form (no text
/// to format and parse back).
struct TextSer;

/// What [`TextSer`] read.
enum Leaf {
    Text(String),
    /// A timestamp for [`orgkit::time_from_compact`].
    Time(i128),
}

impl Leaf {
    fn text(self) -> Result<String> {
        match self {
            Leaf::Text(text) => Ok(text),
            Leaf::Time(_) => Err(ser::Error::custom("expected text")),
        }
    }
}

macro_rules! not_text {
    ($($f:ident($t:ty)),+) => {$(
        fn $f(self, _: $t) -> Result<Leaf> {
            Err(ser::Error::custom("expected text"))
        }
    )+};
}

impl ser::Serializer for TextSer {
    type Ok = Leaf;
    type Error = SerError;
    type SerializeSeq = Impossible<Leaf, SerError>;
    type SerializeTuple = Impossible<Leaf, SerError>;
    type SerializeTupleStruct = Impossible<Leaf, SerError>;
    type SerializeTupleVariant = Impossible<Leaf, SerError>;
    type SerializeMap = Impossible<Leaf, SerError>;
    type SerializeStruct = Impossible<Leaf, SerError>;
    type SerializeStructVariant = Impossible<Leaf, SerError>;

    fn is_human_readable(&self) -> bool {
        false
    }
    fn serialize_str(self, v: &str) -> Result<Leaf> {
        Ok(Leaf::Text(v.to_string()))
    }
    fn serialize_i128(self, v: i128) -> Result<Leaf> {
        Ok(Leaf::Time(v))
    }
    not_text!(
        serialize_bool(bool),
        serialize_i8(i8),
        serialize_i16(i16),
        serialize_i32(i32),
        serialize_i64(i64),
        serialize_u8(u8),
        serialize_u16(u16),
        serialize_u32(u32),
        serialize_u64(u64),
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_char(char),
        serialize_bytes(&[u8])
    );
    fn serialize_none(self) -> Result<Leaf> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<Leaf> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<Leaf> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Leaf> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, v: &'static str) -> Result<Leaf> {
        Ok(Leaf::Text(v.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<Leaf> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<Leaf> {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct> {
        Err(ser::Error::custom("expected text"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant> {
        Err(ser::Error::custom("expected text"))
    }
}
