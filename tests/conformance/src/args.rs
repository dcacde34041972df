//! Reading a step's `args` object, remembering which keys were used so an
//! unknown (misspelt) argument is reported instead of ignored.

use std::collections::BTreeSet;
use std::sync::Mutex;

use orgkit::{Id, ListParams, SortOrder};
use serde_json::{Map, Value};

pub struct Args<'a> {
    map: &'a Map<String, Value>,
    used: Mutex<BTreeSet<String>>,
}

pub type ArgResult<T> = Result<T, String>;

impl<'a> Args<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Args {
            map,
            used: Mutex::new(BTreeSet::new()),
        }
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.used
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_string());
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Fails on any argument no read asked for.
    pub fn finish(&self) -> ArgResult<()> {
        let used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        let unknown: Vec<&String> = self.map.keys().filter(|k| !used.contains(*k)).collect();
        if unknown.is_empty() {
            Ok(())
        } else {
            Err(format!("unknown argument(s) {unknown:?}"))
        }
    }

    pub fn value(&self, key: &str) -> Option<Value> {
        self.get(key).cloned()
    }

    pub fn str_opt(&self, key: &str) -> ArgResult<Option<String>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(format!("argument {key:?} must be a string, got {other}")),
        }
    }

    pub fn str(&self, key: &str) -> ArgResult<String> {
        self.str_opt(key)?
            .ok_or_else(|| format!("argument {key:?} is required"))
    }

    pub fn u64_opt(&self, key: &str) -> ArgResult<Option<u64>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_u64()
                .map(Some)
                .ok_or_else(|| format!("argument {key:?} must be a non-negative integer")),
        }
    }

    pub fn u32_opt(&self, key: &str) -> ArgResult<Option<u32>> {
        self.u64_opt(key)?
            .map(|n| u32::try_from(n).map_err(|_| format!("argument {key:?} is too large")))
            .transpose()
    }

    pub fn bool_opt(&self, key: &str) -> ArgResult<Option<bool>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(format!("argument {key:?} must be a boolean, got {other}")),
        }
    }

    pub fn id_opt(&self, key: &str) -> ArgResult<Option<Id>> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => to_id(v)
                .map(Some)
                .map_err(|e| format!("argument {key:?}: {e}")),
        }
    }

    pub fn id(&self, key: &str) -> ArgResult<Id> {
        self.id_opt(key)?
            .ok_or_else(|| format!("argument {key:?} is required"))
    }

    pub fn ids(&self, key: &str) -> ArgResult<Vec<Id>> {
        match self.get(key) {
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| to_id(v).map_err(|e| format!("argument {key:?}: {e}")))
                .collect(),
            Some(other) => Err(format!("argument {key:?} must be an array, got {other}")),
            None => Err(format!("argument {key:?} is required")),
        }
    }

    pub fn strings_opt(&self, key: &str) -> ArgResult<Option<Vec<String>>> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| format!("argument {key:?} must hold strings"))
                })
                .collect::<ArgResult<Vec<_>>>()
                .map(Some),
            Some(other) => Err(format!("argument {key:?} must be an array, got {other}")),
        }
    }

    pub fn time_opt(&self, key: &str) -> ArgResult<Option<orgkit::DateTime>> {
        match self.str_opt(key)? {
            None => Ok(None),
            Some(s) => orgkit::chrono::DateTime::parse_from_rfc3339(&s)
                .map(|t| Some(t.with_timezone(&orgkit::chrono::Utc)))
                .map_err(|e| format!("argument {key:?} is not an RFC 3339 date-time: {e}")),
        }
    }

    /// `limit`, `search`, `status`, `sort`, `order`: the list options every
    /// language offers.
    pub fn list_params(&self) -> ArgResult<ListParams> {
        let mut p = ListParams::new();
        p.limit = self.u32_opt("limit")?;
        p.search = self.str_opt("search")?;
        p.status = self.str_opt("status")?;
        p.sort = self.str_opt("sort")?;
        p.order = self.str_opt("order")?.map(|o| SortOrder::parse(&o));
        Ok(p)
    }
}

pub fn to_id(v: &Value) -> ArgResult<Id> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .map(Id::Int)
            .ok_or_else(|| format!("{n} is not an integer id")),
        Value::String(s) => Ok(Id::Str(s.clone())),
        other => Err(format!("{other} is not an id")),
    }
}
