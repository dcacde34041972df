//! How one parameter of an operation is read from JSON arguments, checked
//! and described: a value (`id`, `role`, `people`) is one argument; an
//! input (`NewOrganization`, `ListParams`, `Login`) is its fields, flattened.

use serde_json::Value;

use super::ParamSpec;
use crate::error::Result;
use crate::models::args::{arg_spec, Arg, ArgName, Args, Fields, Style};
use crate::models::describe::{Describe, Ty};
use crate::models::{
    Id, Login, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch, ProjectPatch,
    TaskPatch, TaskScope, UserPatch,
};
use crate::pagination::ListParams;
use crate::Secret;

/// A parameter type of an operation.
pub(crate) trait Param: Sized {
    /// Reads it; `default` is the declared default of an absent value.
    fn read(args: &Args<'_>, name: &'static str, default: Option<&'static str>) -> Result<Self>;
    /// The argument names it takes.
    fn names(name: &'static str) -> Vec<&'static str>;
    /// Its description.
    fn spec(
        name: &'static str,
        doc: &[&str],
        named: bool,
        default: Option<&'static str>,
    ) -> ParamSpec;
    /// The input's own checks (a value has none of its own).
    fn validate(&self, _name: &'static str, _style: Style) -> Result<()> {
        Ok(())
    }
    /// The list options, when this is them.
    fn as_query(&mut self) -> Option<&mut ListParams> {
        None
    }
    /// Secrets it holds, to be scrubbed from errors.
    fn secrets<'a>(&'a self, _out: &mut Vec<&'a str>) {}
}

/// A value parameter: one argument.
impl<T: Arg + Describe + ValueRules> Param for T {
    fn read(args: &Args<'_>, name: &'static str, default: Option<&'static str>) -> Result<Self> {
        match default {
            Some(d) if !args.has(name) => T::from_arg(
                &Value::String(d.into()),
                &ArgName {
                    parent: None,
                    name,
                    style: args.style(),
                },
            ),
            _ => args.read(name),
        }
    }
    fn names(name: &'static str) -> Vec<&'static str> {
        vec![name]
    }
    fn spec(
        name: &'static str,
        doc: &[&str],
        named: bool,
        default: Option<&'static str>,
    ) -> ParamSpec {
        let field = arg_spec::<T>(name, doc, false);
        ParamSpec {
            name,
            doc: field.doc,
            shape: "value",
            required: field.required && default.is_none(),
            ty: field.ty,
            input: None,
            named,
            default,
        }
    }
    fn validate(&self, name: &'static str, style: Style) -> Result<()> {
        ValueRules::check(
            self,
            &ArgName {
                parent: None,
                name,
                style,
            },
        )
    }
    fn secrets<'a>(&'a self, out: &mut Vec<&'a str>) {
        ValueRules::secrets(self, out);
    }
}

/// What a value parameter's type adds: the checks its values need and the
/// secret text it holds (a `Secret`'s), if any.
pub(crate) trait ValueRules {
    fn check(&self, _name: &ArgName<'_>) -> Result<()> {
        Ok(())
    }
    fn secrets<'a>(&'a self, _out: &mut Vec<&'a str>) {}
}
impl ValueRules for Secret {
    fn secrets<'a>(&'a self, out: &mut Vec<&'a str>) {
        out.push(self.expose());
    }
}
/// Every id parameter is a path segment (`/tasks/{id}`).
impl ValueRules for Id {
    fn check(&self, name: &ArgName<'_>) -> Result<()> {
        crate::models::args::check::path_id(name, self)
    }
}
impl ValueRules for String {}
/// kaana puts each person in a path (`/members/{id}`), pm415 in a body.
impl ValueRules for crate::models::People {
    fn check(&self, name: &ArgName<'_>) -> Result<()> {
        self.iter().enumerate().try_for_each(|(i, id)| {
            let index = i.to_string();
            let item = ArgName {
                parent: Some(name),
                name: &index,
                style: name.style,
            };
            crate::models::args::check::path_id(&item, id)
        })
    }
}
impl ValueRules for crate::models::Role {}

macro_rules! input_params {
    ($($t:ty),+) => {$(
        impl Param for $t {
            fn read(args: &Args<'_>, _name: &'static str, _default: Option<&'static str>) -> Result<Self> {
                <$t as Fields>::from_args(args)
            }
            fn names(_name: &'static str) -> Vec<&'static str> {
                <$t as Fields>::names()
            }
            fn spec(name: &'static str, doc: &[&str], named: bool, _default: Option<&'static str>) -> ParamSpec {
                ParamSpec {
                    name,
                    doc: crate::models::describe::doc_text(doc),
                    shape: "fields",
                    ty: Ty::Model(input_name::<$t>()),
                    input: Some(input_name::<$t>()),
                    required: <$t as Fields>::specs().iter().any(|f| f.required),
                    named,
                    default: None,
                }
            }
            fn validate(&self, _name: &'static str, style: Style) -> Result<()> {
                <$t as Fields>::validate(self, style)
            }
            fn as_query(&mut self) -> Option<&mut ListParams> {
                input_query(self)
            }
            fn secrets<'a>(&'a self, out: &mut Vec<&'a str>) {
                input_secrets(self, out)
            }
        }
    )+};
}

input_params!(
    NewOrganization,
    OrganizationPatch,
    NewProject,
    ProjectPatch,
    NewTask,
    TaskPatch,
    UserPatch,
    NewInvite,
    Login,
    TaskScope,
    ListParams
);

/// The short type name of an input (`"NewOrganization"`).
fn input_name<T>() -> &'static str {
    let full = std::any::type_name::<T>();
    full.rsplit("::").next().unwrap_or(full)
}

fn input_query<T: 'static>(input: &mut T) -> Option<&mut ListParams> {
    (input as &mut dyn std::any::Any).downcast_mut::<ListParams>()
}

fn input_secrets<'a, T: 'static>(input: &'a T, out: &mut Vec<&'a str>) {
    if let Some(login) = (input as &dyn std::any::Any).downcast_ref::<Login>() {
        out.push(login.password().expose());
    }
}

/// The declared default as the value's argument (`= "member"`).
pub(super) fn default_arg(default: &[&'static str]) -> Option<&'static str> {
    default.first().copied()
}

/// Whether a parameter's checks include `named`.
pub(super) fn is_named(checks: &[&str]) -> bool {
    checks.contains(&"named")
}

/// Runs one declared check on a parameter value.
macro_rules! check_param {
    (nonempty, $name:expr, $style:expr, $v:expr) => {
        crate::models::args::check::nonempty(
            &crate::models::args::ArgName {
                parent: None,
                name: $name,
                style: $style,
            },
            $v,
        )?
    };
    (email, $name:expr, $style:expr, $v:expr) => {
        crate::models::args::check::email(
            &crate::models::args::ArgName {
                parent: None,
                name: $name,
                style: $style,
            },
            $v,
        )?
    };
    (named, $name:expr, $style:expr, $v:expr) => {};
}
pub(super) use check_param;
