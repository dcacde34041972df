//! The operations, derived from the one declaration in [`table`]: their
//! names, the typed [`Call`] a provider routes, reading a call from JSON
//! arguments, its checks, how its answer decodes, and its description.

mod params;
pub(crate) mod table;

use std::str::FromStr;

use serde::Serialize;
use serde_json::{Map, Value};

pub(crate) use params::Param;
use params::{check_param, default_arg};

use crate::error::{Error, Result};
use crate::models::args::{Args, Style};
use crate::models::decode::{DecodeResult, Val};
use crate::models::describe::doc_text;
use crate::models::json::Parser;
#[allow(unused_imports)]
use crate::models::{
    Decode, Document, Id, Invite, Login, Member, Model, NewInvite, NewOrganization, NewProject,
    NewTask, Organization, OrganizationPatch, People, Project, ProjectPatch, Role, Session, Task,
    TaskPatch, TaskScope, User, UserPatch,
};
use crate::pagination::{ListParams, Page};
use crate::Secret;

/// What an operation gives back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Returns {
    /// Nothing (`()`, `None`, `undefined`).
    Nothing,
    /// One model.
    One(&'static str),
    /// A list fetched page by page.
    Page(&'static str),
    /// A list in one answer.
    Many(&'static str),
}

/// One parameter of an operation, for the description.
#[derive(Clone, Debug, Serialize)]
pub struct ParamSpec {
    /// Its name (snake_case).
    pub name: &'static str,
    /// Its documentation.
    pub doc: String,
    /// A value (`"value"`), or an input whose fields are the arguments (`"fields"`).
    pub shape: &'static str,
    /// The value's type, or the input's type name.
    pub ty: crate::models::describe::Ty,
    /// The input's type name, for `"fields"`.
    pub input: Option<&'static str>,
    /// Whether it must be given.
    pub required: bool,
    /// Keyword-only in Python, part of an object in Node.
    pub named: bool,
    /// What an absent value means.
    pub default: Option<&'static str>,
}

/// One operation, for the description.
#[derive(Clone, Debug, Serialize)]
pub struct OperationSpec {
    /// `"members.set_role"`.
    pub name: &'static str,
    /// `"members"`.
    pub resource: &'static str,
    /// `"set_role"`.
    pub method: &'static str,
    /// Its documentation.
    pub doc: String,
    /// Its parameters after the resource's scope, in order.
    pub params: Vec<ParamSpec>,
    /// What it returns.
    pub returns: Returns,
}

/// One resource (`client.members(org)`), for the description.
#[derive(Clone, Debug, Serialize)]
pub struct ResourceSpec {
    /// The accessor (`"members"`).
    pub name: &'static str,
    /// The Rust type (`"Members"`), also the class name elsewhere.
    pub class: &'static str,
    /// Its documentation.
    pub doc: String,
    /// The accessor's parameters (`organization_id`).
    pub scope: Vec<ParamSpec>,
    /// Its operations.
    pub operations: Vec<OperationSpec>,
}

macro_rules! returns {
    (one $t:ty) => {
        Returns::One(stringify!($t))
    };
    (page $t:ty) => {
        Returns::Page(stringify!($t))
    };
    (many $t:ty) => {
        Returns::Many(stringify!($t))
    };
    (none $t:ty) => {
        Returns::Nothing
    };
}

/// How the model of an operation's answer is read: from its text (the
/// usual way) or from a parsed value (an answer a hook looks into, or one
/// off the documented shape).
#[derive(Clone, Copy)]
pub(crate) struct Decoder {
    pub(crate) text: fn(&mut Parser<'_>, &[&str]) -> DecodeResult<Model>,
    pub(crate) value: fn(Val<'_>) -> DecodeResult<Model>,
}

macro_rules! decoder {
    (none $t:ty) => {
        None
    };
    ($kind:ident $t:ty) => {
        Some(Decoder {
            text: |p, skip| <$t as Decode>::decode_next(p, skip).map(Model::from),
            value: |v| <$t as Decode>::decode(v).map(Model::from),
        })
    };
}

macro_rules! define_operations {
    (
        ops: [$({
            [$(#[doc = $odoc:literal])*] $res:ident $Res:ident $Variant:ident $method:ident
            ( $( $(#[doc = $sdoc:literal])* $scope:ident : $sty:ty ),* $(,)? )
            ( $(
                $(#[doc = $pdoc:literal])*
                $param:ident : $pty:ty $([$($check:ident),*])? $(= $default:literal)?
            ),* $(,)? )
            $kind:ident ($ret:ty)
        })*]
        resources: [$({
            [$(#[doc = $rdoc:literal])*] $rres:ident $RRes:ident
            ( $( $(#[doc = $rsdoc:literal])* $rscope:ident : $rsty:ty ),* $(,)? )
        })*]
    ) => {
        /// Every operation orgkit knows, by its unified name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum Operation {
            $(
                $(#[doc = $odoc])*
                $Variant,
            )*
        }

        impl Operation {
            /// Every operation, in declaration order.
            pub const ALL: &'static [Operation] = &[$(Operation::$Variant,)*];

            /// `"organizations.list"`, … — the strings `capabilities()` returns.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Operation::$Variant => concat!(stringify!($res), ".", stringify!($method)),)*
                }
            }

            /// The resource it belongs to (`"organizations"`).
            pub fn resource(self) -> &'static str {
                match self { $(Operation::$Variant => stringify!($res),)* }
            }

            /// Its method name (`"set_role"`).
            pub fn method(self) -> &'static str {
                match self { $(Operation::$Variant => stringify!($method),)* }
            }

            /// What it returns.
            pub fn returns(self) -> Returns {
                match self { $(Operation::$Variant => returns!($kind $ret),)* }
            }

            /// How a model in its answer is decoded (`None`: nothing to decode).
            pub(crate) fn decoder(self) -> Option<Decoder> {
                match self { $(Operation::$Variant => decoder!($kind $ret),)* }
            }
        }

        /// One operation with its arguments, handed to the provider to route.
        #[derive(Clone, Debug)]
        #[allow(missing_docs)]
        pub(crate) enum Call {
            $(
                $Variant { $($scope: $sty,)* $($param: $pty,)* },
            )*
        }

        impl Call {
            /// The operation this is a call of.
            pub(crate) fn operation(&self) -> Operation {
                match self { $(Call::$Variant { .. } => Operation::$Variant,)* }
            }

            /// Reads a call of `op` from JSON arguments: its scope and its
            /// parameters, flattened (`{"organization_id": 1, "person": 4, "role": "admin"}`).
            #[allow(unused_variables)]
            pub(crate) fn from_args(op: Operation, map: &Map<String, Value>, style: Style) -> Result<Call> {
                let args = Args::new(map, style);
                let call = match op {
                    $(
                        Operation::$Variant => Call::$Variant {
                            $($scope: <$sty as Param>::read(&args, stringify!($scope), None)?,)*
                            $($param: <$pty as Param>::read(&args, stringify!($param), default_arg(&[$($default)?]))?,)*
                        },
                    )*
                };
                let mut expected: Vec<&'static str> = Vec::new();
                match op {
                    $(
                        Operation::$Variant => {
                            $(expected.extend(<$sty as Param>::names(stringify!($scope)));)*
                            $(expected.extend(<$pty as Param>::names(stringify!($param)));)*
                        }
                    )*
                }
                args.finish(&expected)?;
                Ok(call)
            }

            /// Checks what the types alone cannot (non-empty names, emails,
            /// ids that stay one path segment), scope and parameters alike.
            #[allow(unused_variables)]
            pub(crate) fn validate(&self, style: Style) -> Result<()> {
                match self {
                    $(
                        Call::$Variant { $($scope,)* $($param,)* } => {
                            $(Param::validate($scope, stringify!($scope), style)?;)*
                            $(
                                Param::validate($param, stringify!($param), style)?;
                                $($(check_param!($check, stringify!($param), style, $param);)*)?
                            )*
                        }
                    )*
                }
                Ok(())
            }

            /// The list options of a list call (to ask for the next page).
            pub(crate) fn query_mut(&mut self) -> Option<&mut ListParams> {
                match self {
                    $(
                        #[allow(unused_variables)]
                        Call::$Variant { $($param,)* .. } => {
                            $(if let Some(q) = Param::as_query($param) { return Some(q); })*
                            None
                        }
                    )*
                }
            }

            /// The secrets among the arguments (passwords, invite tokens):
            /// the client scrubs them from anything it shows.
            pub(crate) fn secrets(&self) -> Vec<&str> {
                let mut out = Vec::new();
                match self {
                    $(
                        #[allow(unused_variables)]
                        Call::$Variant { $($param,)* .. } => {
                            $(Param::secrets($param, &mut out);)*
                        }
                    )*
                }
                out
            }
        }

        /// Every operation, for the description.
        fn operation_specs() -> Vec<OperationSpec> {
            vec![$(
                OperationSpec {
                    name: Operation::$Variant.as_str(),
                    resource: stringify!($res),
                    method: stringify!($method),
                    doc: doc_text(&[$($odoc),*]),
                    params: vec![$(
                        <$pty as Param>::spec(
                            stringify!($param),
                            &[$($pdoc),*],
                            params::is_named(&[$($(stringify!($check)),*)?]),
                            default_arg(&[$($default)?]),
                        )
                    ),*],
                    returns: returns!($kind $ret),
                },
            )*]
        }

        /// Every resource with its operations, for the description.
        pub(crate) fn specs() -> Vec<ResourceSpec> {
            let ops = operation_specs();
            vec![$(
                ResourceSpec {
                    name: stringify!($rres),
                    class: stringify!($RRes),
                    doc: doc_text(&[$($rdoc),*]),
                    scope: vec![$(<$rsty as Param>::spec(stringify!($rscope), &[$($rsdoc),*], false, None)),*],
                    operations: ops
                        .iter()
                        .filter(|o| o.resource == stringify!($rres))
                        .cloned()
                        .collect(),
                },
            )*]
        }
    };
}

crate::operation_table!(define_operations);

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Operation {
    type Err = Error;
    /// `"members.set_role"` (or `"members.setRole"`) → `Operation::MembersSetRole`.
    fn from_str(s: &str) -> Result<Self> {
        let wanted = s.trim();
        let exact = || {
            Operation::ALL
                .iter()
                .copied()
                .find(|op| op.as_str() == wanted)
        };
        let camel = || {
            let (resource, method) = wanted.split_once('.')?;
            Operation::ALL.iter().copied().find(|op| {
                op.resource() == resource && crate::names::is_camel_case_of(method, op.method())
            })
        };
        exact().or_else(camel).ok_or_else(|| {
            Error::invalid_argument("operation", format!("no operation is called {s:?}"))
        })
    }
}

impl Operation {
    /// Whether it returns a list fetched page by page.
    pub fn lists(self) -> bool {
        matches!(self.returns(), Returns::Page(_))
    }
}

/// What a call gave back, for code that handles every operation alike.
#[derive(Debug)]
#[non_exhaustive]
#[allow(clippy::large_enum_variant)] // one per call, moved out at once
pub enum Output {
    /// Nothing (`{success: true}`, 204).
    Nothing,
    /// One model.
    One(Model),
    /// A list in one answer.
    Many(Vec<Model>),
    /// The first page of a list, able to fetch the rest.
    Page(Page<Model>),
    /// The JSON answer of a raw request.
    Json(Value),
}

impl Output {
    /// A short name of what it holds, for errors.
    fn describe(&self) -> &'static str {
        match self {
            Output::Nothing => "nothing",
            Output::One(m) => m.name(),
            Output::Many(_) => "a list",
            Output::Page(_) => "a page",
            Output::Json(_) => "JSON",
        }
    }
}

/// A typed result taken out of an [`Output`] (what the Rust resource
/// methods return).
pub trait FromOutput: Sized + Send + 'static {
    /// Takes the value out; an `Output` of another shape is a bug, reported
    /// as a `Decode` error rather than a panic.
    fn from_output(out: Output) -> Result<Self>;
}

fn mismatch<T>(out: &Output) -> Result<T> {
    Err(Error::new(
        crate::ErrorKind::Decode,
        format!(
            "internal: expected {}, got {}",
            std::any::type_name::<T>(),
            out.describe()
        ),
    ))
}

impl FromOutput for () {
    fn from_output(out: Output) -> Result<Self> {
        match out {
            Output::Nothing => Ok(()),
            other => mismatch(&other),
        }
    }
}

impl FromOutput for Value {
    fn from_output(out: Output) -> Result<Self> {
        match out {
            Output::Json(v) => Ok(v),
            other => mismatch(&other),
        }
    }
}

fn model_as<T: TryFrom<Model, Error = Model>>(m: Model) -> Result<T> {
    T::try_from(m).map_err(|m| {
        Error::new(
            crate::ErrorKind::Decode,
            format!(
                "internal: expected {}, got {}",
                std::any::type_name::<T>(),
                m.name()
            ),
        )
    })
}

macro_rules! from_output_for_models {
    ($($t:ty),+) => {$(
        impl FromOutput for $t {
            fn from_output(out: Output) -> Result<Self> {
                match out {
                    Output::One(m) => model_as(m),
                    other => mismatch(&other),
                }
            }
        }

        impl FromOutput for Vec<$t> {
            fn from_output(out: Output) -> Result<Self> {
                match out {
                    Output::Many(items) => items.into_iter().map(model_as).collect(),
                    other => mismatch(&other),
                }
            }
        }

        impl FromOutput for Page<$t> {
            fn from_output(out: Output) -> Result<Self> {
                match out {
                    Output::Page(p) => p.try_map(model_as),
                    other => mismatch(&other),
                }
            }
        }
    )+};
}
from_output_for_models!(
    Organization,
    Member,
    Invite,
    Project,
    Task,
    Document,
    User,
    Session
);

/// The `Secret` type is used by the table.
#[allow(dead_code)]
type TableSecret = Secret;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_found_by_its_name_in_either_spelling() {
        for op in Operation::ALL.iter().copied() {
            assert_eq!(op.as_str().parse::<Operation>().unwrap(), op);
            let camel = format!(
                "{}.{}",
                op.resource(),
                crate::names::camel_case(op.method())
            );
            assert_eq!(camel.parse::<Operation>().unwrap(), op, "{camel}");
            assert_eq!(format!(" {camel}\n").parse::<Operation>().unwrap(), op);
        }
        assert_eq!(
            "members.setRole".parse::<Operation>().unwrap(),
            Operation::MembersSetRole
        );
        for wrong in [
            "",
            ".",
            "members",
            "members.",
            "members.setrole",
            "Members.set_role",
            "members.set_roleX",
        ] {
            let e = wrong.parse::<Operation>().unwrap_err();
            assert_eq!(e.kind(), crate::ErrorKind::InvalidArgument, "{wrong:?}");
        }
    }
}
