//! The five providers, one file each: a `routes!` table (operation → HTTP)
//! and the few functions of its [`Dialect`]. Shared helpers for building
//! their requests and reading their errors are here.

mod achieveapex;
mod kaana;
mod orgstack;
mod ourganize;
mod pm415;

use serde_json::{Map, Value};

use crate::config::Provider;
use crate::error::{FieldError, Result};
use crate::models::inputs::Body;
use crate::models::{Id, Model, Organization};
use crate::names::camel_case;
use crate::operation::{Call, Output};
use crate::pagination::ListParams;
use crate::route::{After, Dialect, Wire};

/// The dialect of a provider.
pub(crate) fn dialect(provider: Provider) -> &'static dyn Dialect {
    match provider {
        Provider::Ourganize => &ourganize::Ourganize,
        Provider::Orgstack => &orgstack::Orgstack,
        Provider::Achieveapex => &achieveapex::Achieveapex,
        Provider::Kaana => &kaana::Kaana,
        Provider::Pm415 => &pm415::Pm415,
    }
}

/// A snake_case body as the camelCase object the camelCase providers
/// expect. Only field names are renamed (and those of `settings`):
/// free-form values (metadata) and verbatim fields go out untouched.
pub(crate) fn camel_body(body: Body) -> Value {
    let mut map = Map::new();
    for (key, value) in body.fields {
        let value = match (key, value) {
            ("settings", Value::Object(settings)) => Value::Object(
                settings
                    .into_iter()
                    .map(|(k, v)| (camel_case(&k), v))
                    .collect(),
            ),
            (_, v) => v,
        };
        map.insert(camel_case(key), value);
    }
    map.extend(body.verbatim);
    Value::Object(map)
}

/// `[4, 6]` for pm415's bulk member calls (numeric ids as numbers).
pub(crate) fn ids_json(ids: &[Id]) -> Value {
    Value::Array(ids.iter().map(Id::to_body_json).collect())
}

/// Path segment for an id, percent-encoded so an id can never change the path.
pub(crate) fn seg(id: &Id) -> String {
    let text = id.to_string();
    url::form_urlencoded::byte_serialize(text.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// The scalar at a key path of an error body, as text.
pub(crate) fn str_at(value: &Value, path: &[&str]) -> Option<String> {
    match path.iter().try_fold(value, |v, key| v.get(key))? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `[{field, message}]` or `{field: message}` lists of complaints.
pub(crate) fn field_errors(value: Option<&Value>) -> Vec<FieldError> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| {
                Some(FieldError {
                    field: str_at(item, &["field"]).or_else(|| str_at(item, &["path"]))?,
                    message: str_at(item, &["message"]).unwrap_or_default(),
                })
            })
            .collect(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(field, v)| FieldError {
                field: field.clone(),
                message: match v {
                    Value::String(s) => s.clone(),
                    other => str_at(other, &["message"]).unwrap_or_else(|| other.to_string()),
                },
            })
            .collect(),
        _ => Vec::new(),
    }
}

impl Wire {
    /// `page`/`limit` (named `limit_key`) for page-number dialects.
    pub(crate) fn number_paging(self, params: &ListParams, limit_key: &str) -> Wire {
        self.query_opt("page", params.page)
            .query_opt(limit_key, params.limit)
    }

    /// The caller's extra query parameters, verbatim.
    pub(crate) fn filters(mut self, params: &ListParams) -> Wire {
        self.query.extend(params.filters.iter().cloned());
        self
    }
}

/// Fills in what a provider's invite answer leaves out (pm415 sends only
/// the link) from the request: email, organization, role.
pub(crate) fn fill_invite(after: &mut After<'_, '_>) -> Result<()> {
    if let (Call::InvitesCreate { new }, Output::One(Model::Invite(invite))) =
        (after.call, &mut *after.output)
    {
        invite.email.get_or_insert_with(|| new.email.clone());
        if invite.organization.is_none() {
            invite.organization = new.organization_id.clone().map(Organization::from_id);
        }
        if invite.role.is_none() {
            invite.role = new.role.clone();
        }
    }
    Ok(())
}
