use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{DecodeResult, Fields, Val};
use super::model::model;
use super::{Decode, Id, OrganizationStatus, OrganizationType, Role, SubscriptionStatus};

model! {
    /// An organization (tenant), as any of the five providers describes it.
    pub struct Organization {
        /// Its id.
        pub id: Id,
        /// Its name.
        pub name: Option<String>,
        /// kaana: customer, partner, vendor or internal.
        pub org_type: Option<OrganizationType> as "type",
        /// kaana: active/inactive; orgstack: active/suspended/archived.
        pub status: Option<OrganizationStatus>,
        /// achieveapex: the billing state.
        pub subscription_status: Option<SubscriptionStatus>,
        /// kaana: the industry.
        pub industry: Option<String>,
        /// kaana: the website.
        pub website: Option<String>,
        /// A description.
        pub description: Option<String>,
        /// Free-form JSON the provider keeps with it (kaana).
        pub metadata: Option<Value>,
        /// pm415: the caller's roles in this organization.
        pub roles: Vec<Role>,
        /// When it was created.
        pub created_at: Option<DateTime<Utc>>,
        /// When it last changed.
        pub updated_at: Option<DateTime<Utc>>,
        /// Provider fields orgkit has no name for.
        pub extra: Map<String, Value>,
    }
}

impl Organization {
    /// An organization known only by its id (pm415 answers some calls with just that).
    pub fn from_id(id: Id) -> Self {
        Organization {
            id,
            name: None,
            org_type: None,
            status: None,
            subscription_status: None,
            industry: None,
            website: None,
            description: None,
            metadata: None,
            roles: Vec::new(),
            created_at: None,
            updated_at: None,
            extra: Map::new(),
        }
    }
}

impl Decode for Organization {
    fn decode(value: Val<'_>) -> DecodeResult<Self> {
        if let Some(id) = Id::from_val(&value) {
            return Ok(Organization::from_id(id));
        }
        let mut f = Fields::new(value, "organization")?;
        let id = f.required_id(&["id", "orgId", "organizationId", "organization_id", "_id"])?;
        let roles = read_roles(&mut f)?;
        Ok(Organization {
            id,
            name: f.string(&["name"])?,
            org_type: f.enumeration(&["type"])?,
            status: f.enumeration(&["status"])?,
            subscription_status: f.enumeration(&["subscription_status", "subscriptionStatus"])?,
            industry: f.string(&["industry"])?,
            website: f.string(&["website"])?,
            description: f.string(&["description"])?,
            metadata: f.raw(&["metadata"]).map(Val::into_value),
            roles,
            created_at: f.time(&["created_at", "createdAt"])?,
            updated_at: f.time(&["updated_at", "updatedAt"])?,
            extra: f.rest(),
        })
    }
}

/// Roles come as `roles: [{role: "Admin"}]`, `roles: ["admin"]` or `role: "Admin"`.
fn read_roles(f: &mut Fields) -> DecodeResult<Vec<Role>> {
    let mut roles = Vec::new();
    if let Some(v) = f.raw(&["roles"]) {
        let Val::Arr(items) = v else {
            return Err("organization.roles: expected an array".into());
        };
        for item in items {
            let name = match &item {
                Val::Str(s) => Some(&**s),
                o @ Val::Obj(_) => o
                    .get("role")
                    .or_else(|| o.get("name"))
                    .and_then(Val::as_str),
                _ => None,
            };
            match name {
                Some(n) => roles.push(Role::parse(n)),
                None => return Err("organization.roles: expected role names or objects".into()),
            }
        }
    }
    if let Some(role) = f.enumeration::<Role>(&["role"])? {
        roles.push(role);
    }
    Ok(roles)
}
