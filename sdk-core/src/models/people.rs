//! Several people by id, as `members.remove` and `reset_passwords` take them.

use std::ops::Deref;

use serde_json::Value;

use super::args::{check::Blank, Arg, ArgName};
use super::describe::{Describe, Ty};
use super::Id;
use crate::error::Result;

/// Several people by id: from `&[Id]`, `&Vec<Id>`, `vec![…]`, an array, or
/// one id.
///
/// ```
/// use orgkit::{Id, People};
/// let ids = vec![Id::from(4), Id::from("6")];
/// assert_eq!(People::from(&ids).len(), 2);
/// assert_eq!(People::from(7).as_slice(), &[Id::Int(7)]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct People(pub Vec<Id>);

impl People {
    /// The ids.
    pub fn as_slice(&self) -> &[Id] {
        &self.0
    }
}

impl Deref for People {
    type Target = [Id];
    fn deref(&self) -> &[Id] {
        &self.0
    }
}

impl From<Vec<Id>> for People {
    fn from(ids: Vec<Id>) -> Self {
        People(ids)
    }
}
impl From<&Vec<Id>> for People {
    fn from(ids: &Vec<Id>) -> Self {
        People(ids.clone())
    }
}
impl From<&[Id]> for People {
    fn from(ids: &[Id]) -> Self {
        People(ids.to_vec())
    }
}
impl<const N: usize> From<&[Id; N]> for People {
    fn from(ids: &[Id; N]) -> Self {
        People(ids.to_vec())
    }
}
impl<const N: usize> From<[Id; N]> for People {
    fn from(ids: [Id; N]) -> Self {
        People(ids.to_vec())
    }
}
impl<T: Into<Id>> From<T> for People {
    fn from(id: T) -> Self {
        People(vec![id.into()])
    }
}

impl Describe for People {
    fn ty() -> Ty {
        Ty::List(Box::new(Ty::Id))
    }
}

/// One id or a list of them: a single id reads as a list of one.
impl Arg for People {
    fn from_arg(value: &Value, name: &ArgName<'_>) -> Result<Self> {
        Vec::<Id>::from_arg(value, name).map(People)
    }
    fn to_body(&self) -> Option<Value> {
        self.0.to_body()
    }
}

impl Blank for People {
    fn blank(&self) -> Option<bool> {
        Some(self.0.is_empty())
    }
}
