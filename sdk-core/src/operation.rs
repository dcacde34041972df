//! The unified operations: a name for capabilities and errors, and a call
//! carrying its arguments for the provider to turn into HTTP.

use crate::models::{
    Id, Login, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch, ProjectPatch,
    Role, TaskPatch, UserPatch,
};
use crate::pagination::ListParams;

macro_rules! operations {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// Every operation orgkit knows, by its unified name.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Operation { $($variant,)+ }

        impl Operation {
            pub const ALL: &'static [Operation] = &[$(Operation::$variant,)+];

            /// `"organizations.list"`, … — the strings `capabilities()` returns.
            pub fn as_str(self) -> &'static str {
                match self { $(Operation::$variant => $name,)+ }
            }
        }
    };
}

operations! {
    OrganizationsList => "organizations.list",
    OrganizationsGet => "organizations.get",
    OrganizationsCreate => "organizations.create",
    OrganizationsUpdate => "organizations.update",
    OrganizationsDelete => "organizations.delete",
    OrganizationsDuplicate => "organizations.duplicate",
    OrganizationsSwitch => "organizations.switch",
    OrganizationsCurrent => "organizations.current",
    MembersList => "members.list",
    MembersAdd => "members.add",
    MembersSetRole => "members.set_role",
    MembersRemove => "members.remove",
    MembersResetPasswords => "members.reset_passwords",
    InvitesCreate => "invites.create",
    InvitesValidate => "invites.validate",
    InvitesAccept => "invites.accept",
    ProjectsList => "projects.list",
    ProjectsGet => "projects.get",
    ProjectsCreate => "projects.create",
    ProjectsUpdate => "projects.update",
    ProjectsDelete => "projects.delete",
    TasksList => "tasks.list",
    TasksGet => "tasks.get",
    TasksCreate => "tasks.create",
    TasksUpdate => "tasks.update",
    TasksDelete => "tasks.delete",
    DocumentsList => "documents.list",
    UsersList => "users.list",
    UsersMe => "users.me",
    UsersUpdateMe => "users.update_me",
    UsersMyOrganizations => "users.my_organizations",
    AuthLogin => "auth.login",
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where tasks are listed from: ourganize lists per project, kaana per organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TaskScope {
    Project(Id),
    Organization(Id),
}

/// One operation with its arguments, handed to the provider.
#[derive(Debug)]
pub(crate) enum Call<'a> {
    OrganizationsList(&'a ListParams),
    OrganizationsGet(&'a Id),
    OrganizationsCreate(&'a NewOrganization),
    OrganizationsUpdate(&'a Id, &'a OrganizationPatch),
    OrganizationsDelete(&'a Id),
    OrganizationsDuplicate(&'a Id),
    OrganizationsSwitch(&'a Id),
    OrganizationsCurrent,
    MembersList(&'a Id, &'a ListParams),
    MembersAdd(&'a Id, &'a Id, &'a Role),
    MembersSetRole(&'a Id, &'a Id, &'a Role),
    /// One person at a time for providers that remove one per request.
    MembersRemove(&'a Id, &'a [Id]),
    MembersResetPasswords(&'a Id, &'a [Id]),
    InvitesCreate(&'a NewInvite),
    InvitesValidate(&'a str),
    InvitesAccept {
        token: &'a str,
        email: &'a str,
        password: &'a str,
    },
    ProjectsList(&'a ListParams),
    ProjectsGet(&'a Id),
    ProjectsCreate(&'a NewProject),
    ProjectsUpdate(&'a Id, &'a ProjectPatch),
    ProjectsDelete(&'a Id),
    TasksList(&'a TaskScope, &'a ListParams),
    TasksGet(&'a Id),
    TasksCreate(&'a Id, &'a NewTask),
    TasksUpdate(&'a Id, &'a TaskPatch),
    TasksDelete(&'a Id),
    DocumentsList(&'a Id, &'a ListParams),
    UsersList(&'a ListParams),
    UsersMe,
    UsersUpdateMe(&'a UserPatch),
    UsersMyOrganizations,
    AuthLogin(&'a Login),
}

impl Call<'_> {
    pub(crate) fn operation(&self) -> Operation {
        use Operation as O;
        match self {
            Call::OrganizationsList(..) => O::OrganizationsList,
            Call::OrganizationsGet(..) => O::OrganizationsGet,
            Call::OrganizationsCreate(..) => O::OrganizationsCreate,
            Call::OrganizationsUpdate(..) => O::OrganizationsUpdate,
            Call::OrganizationsDelete(..) => O::OrganizationsDelete,
            Call::OrganizationsDuplicate(..) => O::OrganizationsDuplicate,
            Call::OrganizationsSwitch(..) => O::OrganizationsSwitch,
            Call::OrganizationsCurrent => O::OrganizationsCurrent,
            Call::MembersList(..) => O::MembersList,
            Call::MembersAdd(..) => O::MembersAdd,
            Call::MembersSetRole(..) => O::MembersSetRole,
            Call::MembersRemove(..) => O::MembersRemove,
            Call::MembersResetPasswords(..) => O::MembersResetPasswords,
            Call::InvitesCreate(..) => O::InvitesCreate,
            Call::InvitesValidate(..) => O::InvitesValidate,
            Call::InvitesAccept { .. } => O::InvitesAccept,
            Call::ProjectsList(..) => O::ProjectsList,
            Call::ProjectsGet(..) => O::ProjectsGet,
            Call::ProjectsCreate(..) => O::ProjectsCreate,
            Call::ProjectsUpdate(..) => O::ProjectsUpdate,
            Call::ProjectsDelete(..) => O::ProjectsDelete,
            Call::TasksList(..) => O::TasksList,
            Call::TasksGet(..) => O::TasksGet,
            Call::TasksCreate(..) => O::TasksCreate,
            Call::TasksUpdate(..) => O::TasksUpdate,
            Call::TasksDelete(..) => O::TasksDelete,
            Call::DocumentsList(..) => O::DocumentsList,
            Call::UsersList(..) => O::UsersList,
            Call::UsersMe => O::UsersMe,
            Call::UsersUpdateMe(..) => O::UsersUpdateMe,
            Call::UsersMyOrganizations => O::UsersMyOrganizations,
            Call::AuthLogin(..) => O::AuthLogin,
        }
    }
}
