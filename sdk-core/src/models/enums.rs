//! The open enumerations used by the models.

use super::open_enum::open_enum;

open_enum! {
    /// A person's role in an organization. pm415: Admin/Member/Pending;
    /// achieveapex: owner/admin/member; kaana publishes none.
    Role { Owner => "owner", Admin => "admin", Member => "member", Pending => "pending" }
}

open_enum! {
    /// kaana's organization type.
    OrganizationType { Customer => "customer", Partner => "partner", Vendor => "vendor", Internal => "internal" }
}

open_enum! {
    /// kaana: active/inactive; orgstack: active/suspended/archived.
    OrganizationStatus { Active => "active", Inactive => "inactive", Suspended => "suspended", Archived => "archived" }
}

open_enum! {
    /// achieveapex's billing state of an organization.
    SubscriptionStatus { Active => "active", Trialing => "trialing", PastDue => "past_due", Canceled => "canceled", Inactive => "inactive" }
}

open_enum! {
    /// A project's status (ourganize).
    ProjectStatus { Active => "active", Archived => "archived", Completed => "completed", OnHold => "on_hold" }
}

open_enum! {
    /// A task's status (ourganize, kaana).
    TaskStatus { Todo => "todo", Active => "active", InProgress => "in_progress", Completed => "completed", Cancelled => "cancelled" }
}

open_enum! {
    /// An invitation's status (achieveapex).
    InviteStatus { Pending => "pending", Accepted => "accepted", Expired => "expired", Revoked => "revoked" }
}

open_enum! {
    /// Sort direction for list calls.
    SortOrder { Asc => "asc", Desc => "desc" }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::same;
    use crate::webhooks::WebhookEventType;

    /// `parse` against the loose comparison alone (what it did before it
    /// tried the exact spelling first), over every enum's spellings and
    /// variations of them.
    macro_rules! check_enums {
        ($($ty:ty),+ $(,)?) => {{ let mut checked = 0; $({
            checked += 1;
            let known = <$ty>::KNOWN;
            for (i, a) in known.iter().enumerate() {
                for b in &known[i + 1..] {
                    assert!(!same(a, b), "{}: {a:?} and {b:?} are loosely the same", stringify!($ty));
                }
            }
            let mut inputs: Vec<String> = vec![
                String::new(), " ".into(), "-".into(), "planning".into(), "Ärger".into(), "unknown_value".into(),
            ];
            for w in known {
                inputs.push(w.to_string());
                inputs.push(w.to_uppercase());
                inputs.push(format!("  {w}\t"));
                inputs.push(w.replace('_', "-"));
                inputs.push(w.replace('_', " "));
                inputs.push(w.replace('_', ""));
                inputs.push(format!("{w}s"));
                inputs.push(w[1..].to_string());
            }
            for v in &inputs {
                let parsed = <$ty>::parse(v);
                match known.iter().find(|w| same(v, w)) {
                    Some(w) => assert_eq!(parsed.as_str(), *w, "{}: {v:?}", stringify!($ty)),
                    None => {
                        assert!(!parsed.is_known(), "{}: {v:?} became {parsed:?}", stringify!($ty));
                        assert_eq!(parsed.as_str(), v, "an unknown value is kept verbatim");
                    }
                }
            }
        })+ checked }};
    }

    #[test]
    fn parse_gives_what_the_loose_comparison_gives() {
        let checked = check_enums!(
            Role,
            OrganizationType,
            OrganizationStatus,
            SubscriptionStatus,
            ProjectStatus,
            TaskStatus,
            InviteStatus,
            SortOrder,
            WebhookEventType,
        );
        // A new enum joins the list above.
        assert_eq!(checked, crate::models::enum_specs().len() + 1);
        assert_eq!(ProjectStatus::parse("On-Hold"), ProjectStatus::OnHold);
        assert_eq!(Role::parse(" ADMIN "), Role::Admin);
        assert_eq!(TaskStatus::parse("in progress"), TaskStatus::InProgress);
        assert_eq!(
            ProjectStatus::parse("planning"),
            ProjectStatus::Other("planning".into())
        );
    }
}
