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
