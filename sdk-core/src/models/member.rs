use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use std::borrow::Cow;

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, Id, Role};

model! {
    /// A person in an organization.
    pub struct Member {
        /// The person (pm415 `userId`, kaana `contactId`, achieveapex `user_id`).
        pub user_id: Id,
        /// The organization.
        pub organization_id: Option<Id>,
        /// The person's role in it.
        pub role: Option<Role>,
        /// The person's email address.
        pub email: Option<String>,
        /// First name.
        pub first_name: Option<String>,
        /// Last name.
        pub last_name: Option<String>,
        /// pm415: whether the account is active.
        pub is_active: Option<bool>,
        /// The membership record's own id, where the provider has one (achieveapex).
        pub membership_id: Option<Id>,
        /// When the membership was created.
        pub created_at: Option<DateTime<Utc>>,
        /// When it last changed.
        pub updated_at: Option<DateTime<Utc>>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
}

impl Decode for Member {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        let mut f = Fields::new(value, "member")?;
        // achieveapex nests the person under `user`; a bare id there is the person too.
        let mut person = match f.raw(&["user", "contact"]) {
            Some(o @ Val::Obj(_)) => Some(Fields::new(o, "member.user")?),
            Some(other) => {
                Id::from_val(&other).ok_or("member.user: expected an object or id")?;
                Some(Fields::new(
                    Val::Obj(vec![(Cow::Borrowed("id"), other)]),
                    "member.user",
                )?)
            }
            None => None,
        };
        let own_id = f.id(&["user_id", "userId", "contactId", "contact_id"])?;
        let record_id = f.id(&["id"])?;
        let person_id = match person.as_mut() {
            Some(p) => p.id(&["id"])?,
            None => None,
        };
        let (user_id, membership_id) = match (own_id, person_id) {
            (Some(u), _) => (u, record_id),
            (None, Some(p)) => (p, record_id),
            (None, None) => (record_id.ok_or("member.user_id: missing")?, None),
        };
        let mut pick = |names: &[&str]| -> DecodeResult<Option<String>> {
            match f.string(names)? {
                Some(v) => Ok(Some(v)),
                None => match person.as_mut() {
                    Some(p) => p.string(names),
                    None => Ok(None),
                },
            }
        };
        let email = pick(&["email"])?;
        let first_name = pick(&["first_name", "firstName"])?;
        let last_name = pick(&["last_name", "lastName"])?;
        let mut extra = Map::new();
        if let Some(p) = person {
            let rest = p.rest();
            if !rest.is_empty() {
                extra.insert("user".into(), Value::Object(rest));
            }
        }
        let member = Member {
            user_id,
            organization_id: f.id(&["organization_id", "organizationId", "orgId"])?,
            role: f.enumeration(&["role"])?,
            email,
            first_name,
            last_name,
            is_active: f.bool(&["is_active", "isActive"])?,
            membership_id,
            created_at: f.time(&["created_at", "createdAt"])?,
            updated_at: f.time(&["updated_at", "updatedAt"])?,
            extra,
        };
        let mut member = member;
        member.extra.extend(f.rest());
        Ok(member)
    }
}
