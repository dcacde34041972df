//! Every operation orgkit knows, declared once. Everything else is derived
//! from this table: the [`crate::Operation`] names and `capabilities()`,
//! the typed calls providers route, argument reading and checks, the Rust
//! resource methods, the machine-readable surface the Python and Node
//! bindings and the CLI are generated from.
//!
//! The table is a macro that hands its rows to another macro (`$then`), so
//! each layer can derive its part without importing the others.
//!
//! Grammar, per resource:
//!
//! ```text
//! /// docs
//! resource <accessor>: <Type>(<scope params>) {
//!     /// docs
//!     <Variant> => fn <name>(<param>: <Type> [checks] = "default", …) -> <kind> <Model>;
//! }
//! ```
//!
//! `kind` is `one` (a model), `none` (nothing back), `page` (a list, page by
//! page) or `many` (a list in one answer). A parameter's type decides how
//! each language takes it: a value (`Id`, `String`, `Role`, `Secret`, ids)
//! is positional; an input (`NewOrganization`, `ListParams`, `Login`, …) is
//! keyword arguments in Python and an object in Node. Checks: `nonempty`,
//! `email`, and `named` (keyword-only in Python, part of an object in Node).
//! A default (`= "member"`) applies when the argument is absent.

/// Hands every operation (one row each, its resource's scope merged in)
/// and every resource to `$then!`, as
/// `ops: [{ [docs] res Res Variant method (scope) (params) kind (Ret) } …]
///  resources: [{ [docs] res Res (scope) } …]`.
#[macro_export]
#[doc(hidden)]
macro_rules! flatten_operations {
    ($then:path; $($table:tt)*) => {
        $crate::flatten_operations!(@res $then; []; []; $($table)*);
    };
    (@res $then:path; [$($rows:tt)*]; [$($resources:tt)*];
        $(#[doc = $rdoc:literal])*
        resource $res:ident : $Res:ident $scope:tt {
            $(
                $(#[doc = $odoc:literal])*
                $Variant:ident => fn $method:ident $params:tt -> $kind:ident $ret:ty;
            )*
        }
        $($rest:tt)*
    ) => {
        $crate::flatten_operations!(@res $then;
            [$($rows)* $({ [$(#[doc = $odoc])*] $res $Res $Variant $method $scope $params $kind ($ret) })*];
            [$($resources)* { [$(#[doc = $rdoc])*] $res $Res $scope }];
            $($rest)*);
    };
    (@res $then:path; [$($rows:tt)*]; [$($resources:tt)*];) => {
        $then! { ops: [$($rows)*] resources: [$($resources)*] }
    };
}

/// Hands every resource and operation to `$then!` (see [`flatten_operations`]).
#[macro_export]
#[doc(hidden)]
macro_rules! operation_table {
    ($then:path) => {
        $crate::flatten_operations! { $then;
            /// Organizations (tenants).
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// use orgkit::{ListParams, NewOrganization, OrganizationPatch};
            /// let org = client.organizations().create(NewOrganization::named("Acme")).await?;
            /// let patch = OrganizationPatch { name: Some("Acme Inc".into()), ..Default::default() };
            /// client.organizations().update(org.id.clone(), patch).await?;
            /// let first = client.organizations().list(ListParams::new().limit(20)).await?;
            /// println!("{} of {:?}", first.items.len(), first.total);
            /// # Ok(()) }
            /// ```
            resource organizations: Organizations() {
                /// The organizations the caller can see, page by page.
                OrganizationsList => fn list(
                    /// Paging and filters.
                    query: ListParams,
                ) -> page Organization;
                /// One organization.
                OrganizationsGet => fn get(
                    /// The organization's id.
                    id: Id,
                ) -> one Organization;
                /// Creates an organization (pm415 takes only a name).
                OrganizationsCreate => fn create(
                    /// The new organization.
                    new: NewOrganization,
                ) -> one Organization;
                /// Changes an organization; only the fields given are sent (pm415
                /// can only rename).
                OrganizationsUpdate => fn update(
                    /// The organization's id.
                    id: Id,
                    /// What to change.
                    patch: OrganizationPatch,
                ) -> one Organization;
                /// Deletes an organization.
                OrganizationsDelete => fn delete(
                    /// The organization's id.
                    id: Id,
                ) -> none ();
                /// kaana: a copy of the organization.
                OrganizationsDuplicate => fn duplicate(
                    /// The organization to copy.
                    id: Id,
                ) -> one Organization;
                /// pm415: makes the organization the current one. The server
                /// answers with a token scoped to it, which this client (and its
                /// clones) use from then on.
                OrganizationsSwitch => fn switch(
                    /// The organization to switch to.
                    id: Id,
                ) -> one Organization;
                /// pm415: the organization the current token is scoped to.
                OrganizationsCurrent => fn current() -> one Organization;
            }

            /// The people of one organization: `client.members(org)`.
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// use orgkit::{Id, ListParams, Role};
            /// let members = client.members(12);
            /// for m in members.list(ListParams::new()).await?.items {
            ///     println!("{} {:?}", m.user_id, m.role);
            /// }
            /// members.set_role(4, Role::Admin).await?;
            /// members.remove(&[Id::from(4), Id::from(6)]).await?;
            /// # Ok(()) }
            /// ```
            resource members: Members(
                /// The organization.
                organization_id: Id,
            ) {
                /// The organization's members, page by page.
                MembersList => fn list(
                    /// Paging and filters.
                    query: ListParams,
                ) -> page Member;
                /// kaana: adds a person with a role.
                MembersAdd => fn add(
                    /// The person (kaana: a contact id).
                    person: Id,
                    /// Their role.
                    role: Role = "member",
                ) -> none ();
                /// Changes a person's role. pm415 grants (admin) or revokes
                /// (member) admin rights; kaana sets any role.
                MembersSetRole => fn set_role(
                    /// The person.
                    person: Id,
                    /// The new role.
                    role: Role,
                ) -> none ();
                /// Removes people from the organization.
                MembersRemove => fn remove(
                    /// One person or several.
                    people: People [nonempty],
                ) -> none ();
                /// pm415: resets the people's passwords and emails them reset links.
                MembersResetPasswords => fn reset_passwords(
                    /// One person or several.
                    people: People [nonempty],
                ) -> none ();
            }

            /// Invitations.
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// use orgkit::{NewInvite, Role};
            /// let invite = client.invites().create(NewInvite {
            ///     email: "new@example.com".into(),
            ///     organization_id: Some(12.into()),
            ///     role: Some(Role::Member),
            /// }).await?;
            /// println!("{:?}", invite.email); // the token stays out of Debug
            /// # Ok(()) }
            /// ```
            resource invites: Invites() {
                /// Invites a person. Fields the provider does not echo back (pm415
                /// answers with the link only) are filled in from the request.
                InvitesCreate => fn create(
                    /// Who to invite, where, as what.
                    new: NewInvite,
                ) -> one Invite;
                /// pm415: who an invite token belongs to (no credentials needed).
                InvitesValidate => fn validate(
                    /// The invite token.
                    token: Secret [nonempty],
                ) -> one Invite;
                /// pm415: accepts the invite by logging in with it; the client
                /// then uses the returned token.
                InvitesAccept => fn accept(
                    /// The invite token.
                    token: Secret [nonempty],
                    /// The invitee's email address.
                    email: String [email, named],
                    /// The password to log in with.
                    password: Secret [nonempty, named],
                ) -> one Session;
            }

            /// Projects (ourganize; kaana lists them per organization).
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// use orgkit::{NewProject, ProjectSettings};
            /// let project = client.projects().create(NewProject {
            ///     name: "Website".into(),
            ///     settings: Some(ProjectSettings { is_public: Some(false), ..Default::default() }),
            ///     ..Default::default()
            /// }).await?;
            /// client.projects().delete(project.id).await?;
            /// # Ok(()) }
            /// ```
            resource projects: Projects() {
                /// Projects, page by page (kaana: set `organization_id`).
                ProjectsList => fn list(
                    /// Paging and filters.
                    query: ListParams,
                ) -> page Project;
                /// One project.
                ProjectsGet => fn get(
                    /// The project's id.
                    id: Id,
                ) -> one Project;
                /// Creates a project.
                ProjectsCreate => fn create(
                    /// The new project.
                    new: NewProject,
                ) -> one Project;
                /// Changes a project; only the fields given are sent.
                ProjectsUpdate => fn update(
                    /// The project's id.
                    id: Id,
                    /// What to change.
                    patch: ProjectPatch,
                ) -> one Project;
                /// Deletes a project.
                ProjectsDelete => fn delete(
                    /// The project's id.
                    id: Id,
                ) -> none ();
            }

            /// Tasks (ourganize per project, kaana per organization).
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// use orgkit::{ListParams, NewTask, TaskScope};
            /// let task = client.tasks().create(7, NewTask::titled("Ship it")).await?;
            /// client.tasks().complete(task.id).await?;
            /// let open = client.tasks().list(TaskScope::Project(7.into()), ListParams::new().status("todo")).await?;
            /// # Ok(()) }
            /// ```
            resource tasks: Tasks() {
                /// Tasks of a project (ourganize) or an organization (kaana), page by page.
                TasksList => fn list(
                    /// Where the tasks are.
                    scope: TaskScope,
                    /// Paging and filters.
                    query: ListParams,
                ) -> page Task;
                /// One task.
                TasksGet => fn get(
                    /// The task's id.
                    id: Id,
                ) -> one Task;
                /// Creates a task in a project.
                TasksCreate => fn create(
                    /// The project.
                    project_id: Id,
                    /// The new task.
                    new: NewTask,
                ) -> one Task;
                /// Changes a task; only the fields given are sent.
                TasksUpdate => fn update(
                    /// The task's id.
                    id: Id,
                    /// What to change.
                    patch: TaskPatch,
                ) -> one Task;
                /// Marks a task completed now (`status: completed` and `completedAt`).
                TasksComplete => fn complete(
                    /// The task's id.
                    id: Id,
                ) -> one Task;
                /// Deletes a task.
                TasksDelete => fn delete(
                    /// The task's id.
                    id: Id,
                ) -> none ();
            }

            /// The documents of one organization (kaana): `client.documents(org)`.
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// let docs = client.documents(3).list(orgkit::ListParams::new()).await?;
            /// # Ok(()) }
            /// ```
            resource documents: Documents(
                /// The organization.
                organization_id: Id,
            ) {
                /// The organization's documents.
                DocumentsList => fn list(
                    /// Paging and filters.
                    query: ListParams,
                ) -> page Document;
            }

            /// Users and the caller's own profile.
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// let me = client.users().me().await?;
            /// let patch = orgkit::UserPatch { first_name: Some("Ada".into()), ..Default::default() };
            /// client.users().update_me(patch).await?;
            /// # Ok(()) }
            /// ```
            resource users: Users() {
                /// ourganize: every user (admin keys only), page by page.
                UsersList => fn list(
                    /// Paging and filters.
                    query: ListParams,
                ) -> page User;
                /// The caller's own profile.
                UsersMe => fn me() -> one User;
                /// Changes the caller's own profile.
                UsersUpdateMe => fn update_me(
                    /// What to change.
                    patch: UserPatch,
                ) -> one User;
                /// pm415: the organizations the caller belongs to, with the
                /// caller's role in each.
                UsersMyOrganizations => fn my_organizations() -> many Organization;
            }

            /// Logging in.
            ///
            /// ```no_run
            /// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
            /// client.auth().login(orgkit::Login::email("me@example.com", "hunter2")).await?;
            /// // the client (and its clones) now send the returned token
            /// # Ok(()) }
            /// ```
            resource auth: Auth() {
                /// Logs in; on success this client (and its clones) send the
                /// returned token.
                AuthLogin => fn login(
                    /// Email (or username, orgstack) and password.
                    login: Login,
                ) -> one Session;
            }
        }
    };
}
