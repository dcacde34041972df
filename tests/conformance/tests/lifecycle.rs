//! Drives the SDK against orgkit-mock through a full lifecycle for every
//! provider (create → read → update → members → delete, or what the provider
//! has instead) and checks that each state change is visible through later
//! SDK calls. Each lifecycle also checks that it exercised every operation in
//! `client.capabilities()`. Then fault injection through the SDK: retries,
//! non-retried POSTs, per-attempt timeouts, `Retry-After` and idempotency keys.

use std::collections::BTreeSet;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use orgkit::chrono::{self, TimeZone};
use orgkit::{
    Client, ClientBuilder, ErrorKind, Id, ListParams, Login, NewInvite, NewOrganization,
    NewProject, NewTask, OrganizationPatch, OrganizationStatus, OrganizationType, Page,
    ProjectPatch, ProjectSettings, ProjectStatus, Provider, Result, RetryPolicy, Role, TaskPatch,
    TaskScope, TaskStatus, UserPatch,
};
use orgkit_mock::{seed, Fault, MockServer};

// ------------------------------------------------------------------ helpers

/// A client for `provider` on the mock, with short backoffs so retries stay fast.
fn builder(server: &MockServer, provider: Provider) -> ClientBuilder {
    Client::builder(provider)
        .base_url(server.base_url(provider.as_str()))
        .timeout(Duration::from_secs(5))
        .retry_policy(RetryPolicy {
            max_retries: 2,
            initial_backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            max_retry_after: Duration::from_secs(5),
        })
}

/// Records which operations a lifecycle used, refusing any the provider
/// does not list in its capabilities; `finish` checks all were used.
struct Coverage {
    provider: Provider,
    supported: BTreeSet<&'static str>,
    used: Mutex<BTreeSet<&'static str>>,
}

impl Coverage {
    fn new(client: &Client) -> Self {
        Coverage {
            provider: client.provider(),
            supported: client.capabilities().into_iter().collect(),
            used: Mutex::new(BTreeSet::new()),
        }
    }

    /// Marks `op` as used; panics if the provider does not support it.
    fn op(&self, op: &'static str) {
        assert!(
            self.supported.contains(op),
            "{}: the lifecycle uses {op}, which capabilities() does not list ({:?})",
            self.provider,
            self.supported
        );
        self.used.lock().unwrap().insert(op);
    }

    fn finish(&self) {
        let used = self.used.lock().unwrap();
        let missing: Vec<_> = self.supported.difference(&used).collect();
        assert!(
            missing.is_empty(),
            "{}: the lifecycle never exercised {missing:?}",
            self.provider
        );
    }
}

#[track_caller]
fn expect_kind<T: std::fmt::Debug>(result: Result<T>, kind: ErrorKind, what: &str) {
    match result {
        Err(e) => assert_eq!(e.kind(), kind, "{what}: wrong error kind: {e}"),
        Ok(v) => panic!("{what}: expected {kind}, got Ok({v:?})"),
    }
}

/// Every item of a list, across all pages.
async fn all<T: Send + 'static>(page: Result<Page<T>>) -> Vec<T> {
    page.expect("first page")
        .collect_all(10_000)
        .await
        .expect("walking the pages")
}

fn ids<T>(items: &[T], id: impl Fn(&T) -> &Id) -> Vec<Id> {
    items.iter().map(id).cloned().collect()
}

// --------------------------------------------------------------- ourganize

#[tokio::test]
async fn ourganize_projects_tasks_users_lifecycle() {
    let server = orgkit_mock::spawn().await;
    let client = builder(&server, Provider::Ourganize)
        .api_key(seed::OURGANIZE_ADMIN_KEY)
        .build()
        .unwrap();
    let cov = Coverage::new(&client);
    expect_kind(
        client
            .organizations()
            .create(NewOrganization::named("x"))
            .await,
        ErrorKind::Unsupported,
        "ourganize has no organizations",
    );

    // create → read
    cov.op("projects.create");
    let project = client
        .projects()
        .create(NewProject {
            name: "Lifecycle Project".into(),
            description: Some("made by lifecycle.rs".into()),
            settings: Some(ProjectSettings {
                is_public: Some(true),
                allow_comments: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(project.name.as_deref(), Some("Lifecycle Project"));
    cov.op("projects.get");
    let got = client.projects().get(project.id.clone()).await.unwrap();
    assert_eq!(got.description.as_deref(), Some("made by lifecycle.rs"));
    assert_eq!(got.settings.as_ref().and_then(|s| s.is_public), Some(true));
    cov.op("projects.list");
    let listed = all(client.projects().list(ListParams::new().limit(20)).await).await;
    assert_eq!(listed.len() as u64, seed::OURGANIZE_PROJECT_COUNT + 1);
    assert!(ids(&listed, |p| &p.id).contains(&project.id));

    // update → visible
    cov.op("projects.update");
    client
        .projects()
        .update(
            project.id.clone(),
            ProjectPatch {
                name: Some("Renamed Project".into()),
                status: Some(ProjectStatus::OnHold),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let got = client.projects().get(project.id.clone()).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("Renamed Project"));
    assert_eq!(got.status, Some(ProjectStatus::OnHold));
    let on_hold = all(client
        .projects()
        .list(ListParams::new().status("on_hold"))
        .await)
    .await;
    assert_eq!(ids(&on_hold, |p| &p.id), vec![project.id.clone()]);

    // tasks: create, read, complete, delete
    cov.op("tasks.create");
    let due = chrono::Utc.with_ymd_and_hms(2024, 2, 1, 17, 0, 0).unwrap();
    let task = client
        .tasks()
        .create(
            project.id.clone(),
            NewTask {
                title: "Write the charter".into(),
                description: Some("one page".into()),
                assignee_id: Some(Id::from(seed::OURGANIZE_MEMBER_USER_ID)),
                due_date: Some(due),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let other = client
        .tasks()
        .create(project.id.clone(), NewTask::titled("Book the kickoff"))
        .await
        .unwrap();
    cov.op("tasks.get");
    let got = client.tasks().get(task.id.clone()).await.unwrap();
    assert_eq!(got.title.as_deref(), Some("Write the charter"));
    assert_eq!(got.due_date, Some(due));
    assert_eq!(
        got.assignee_id,
        Some(Id::from(seed::OURGANIZE_MEMBER_USER_ID))
    );
    assert_ne!(got.status, Some(TaskStatus::Completed));
    cov.op("tasks.list");
    let tasks = all(client
        .tasks()
        .list(TaskScope::Project(project.id.clone()), ListParams::new())
        .await)
    .await;
    assert_eq!(
        ids(&tasks, |t| &t.id),
        vec![task.id.clone(), other.id.clone()]
    );

    cov.op("tasks.update");
    let done_at = chrono::Utc
        .with_ymd_and_hms(2024, 1, 15, 10, 30, 0)
        .unwrap();
    client
        .tasks()
        .update(task.id.clone(), TaskPatch::completed(done_at))
        .await
        .unwrap();
    let got = client.tasks().get(task.id.clone()).await.unwrap();
    assert_eq!(got.status, Some(TaskStatus::Completed));
    assert_eq!(got.completed_at, Some(done_at));
    let scope = TaskScope::Project(project.id.clone());
    let completed = all(client
        .tasks()
        .list(scope.clone(), ListParams::new().status("completed"))
        .await)
    .await;
    assert_eq!(ids(&completed, |t| &t.id), vec![task.id.clone()]);
    let open = all(client
        .tasks()
        .list(scope.clone(), ListParams::new().status("active"))
        .await)
    .await;
    assert_eq!(ids(&open, |t| &t.id), vec![other.id.clone()]);

    cov.op("tasks.delete");
    client.tasks().delete(task.id.clone()).await.unwrap();
    expect_kind(
        client.tasks().get(task.id.clone()).await,
        ErrorKind::NotFound,
        "deleted task",
    );
    let tasks = all(client.tasks().list(scope.clone(), ListParams::new()).await).await;
    assert_eq!(ids(&tasks, |t| &t.id), vec![other.id.clone()]);

    cov.op("tasks.complete");
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    let done = client.tasks().complete(other.id.clone()).await.unwrap();
    assert_eq!(done.status, Some(TaskStatus::Completed));
    let got = client.tasks().get(other.id.clone()).await.unwrap();
    assert_eq!(got.status, Some(TaskStatus::Completed));
    let at = got.completed_at.expect("completed_at is set");
    assert!(at >= before && at <= chrono::Utc::now(), "{at}");

    // users: update_me is visible in me; list is admin-only
    cov.op("users.me");
    let me = client.users().me().await.unwrap();
    assert_eq!(me.email.as_deref(), Some(seed::OURGANIZE_ADMIN_EMAIL));
    cov.op("users.update_me");
    client
        .users()
        .update_me(UserPatch {
            first_name: Some("Augusta".into()),
            last_name: Some("King".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let me = client.users().me().await.unwrap();
    assert_eq!(me.first_name.as_deref(), Some("Augusta"));
    assert_eq!(me.last_name.as_deref(), Some("King"));
    cov.op("users.list");
    let users = all(client.users().list(ListParams::new()).await).await;
    assert_eq!(users.len() as u64, seed::OURGANIZE_USER_COUNT);
    let admin = users
        .iter()
        .find(|u| u.id == Id::from(seed::OURGANIZE_ADMIN_USER_ID))
        .expect("the admin is listed");
    assert_eq!(admin.first_name.as_deref(), Some("Augusta"));
    let member = builder(&server, Provider::Ourganize)
        .api_key(seed::OURGANIZE_MEMBER_KEY)
        .build()
        .unwrap();
    expect_kind(
        member.users().list(ListParams::new()).await,
        ErrorKind::Forbidden,
        "a member listing users",
    );

    // invites
    cov.op("invites.create");
    let invite = client
        .invites()
        .create(NewInvite {
            email: "new.hire@ourganize.test".into(),
            role: Some(Role::Admin),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(invite.email.as_deref(), Some("new.hire@ourganize.test"));
    assert_eq!(invite.role, Some(Role::Admin));
    expect_kind(
        client
            .invites()
            .create(NewInvite::new(seed::OURGANIZE_MEMBER_EMAIL))
            .await,
        ErrorKind::Conflict,
        "inviting an existing user",
    );

    // delete → gone from get and list, its tasks with it
    cov.op("projects.delete");
    client.projects().delete(project.id.clone()).await.unwrap();
    expect_kind(
        client.projects().get(project.id.clone()).await,
        ErrorKind::NotFound,
        "deleted project",
    );
    expect_kind(
        client.tasks().get(other.id.clone()).await,
        ErrorKind::NotFound,
        "task of a deleted project",
    );
    let listed = all(client.projects().list(ListParams::new().limit(100)).await).await;
    assert!(!ids(&listed, |p| &p.id).contains(&project.id));
    assert_eq!(listed.len() as u64, seed::OURGANIZE_PROJECT_COUNT);
    cov.finish();
}

// ---------------------------------------------------------------- orgstack

#[tokio::test]
async fn orgstack_login_and_organization_crud() {
    let server = orgkit_mock::spawn().await;
    let client = builder(&server, Provider::Orgstack).build().unwrap();
    let cov = Coverage::new(&client);
    expect_kind(
        client.organizations().list(ListParams::new()).await,
        ErrorKind::Unauthorized,
        "before login",
    );
    cov.op("auth.login");
    expect_kind(
        client
            .auth()
            .login(Login::username(seed::ORGSTACK_ADMIN_USERNAME, "wrong"))
            .await,
        ErrorKind::Unauthorized,
        "wrong password",
    );
    let session = client
        .auth()
        .login(Login::username(
            seed::ORGSTACK_ADMIN_USERNAME,
            seed::ORGSTACK_ADMIN_PASSWORD,
        ))
        .await
        .unwrap();
    assert!(!session.token.expose().is_empty());
    assert_eq!(
        session.user.as_ref().and_then(|u| u.username.as_deref()),
        Some(seed::ORGSTACK_ADMIN_USERNAME)
    );

    cov.op("organizations.create");
    let org = client
        .organizations()
        .create(NewOrganization {
            name: "Lifecycle Industries".into(),
            description: Some("made by lifecycle.rs".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(org.status, Some(OrganizationStatus::Active));
    expect_kind(
        client
            .organizations()
            .create(NewOrganization::named("Lifecycle Industries"))
            .await,
        ErrorKind::Conflict,
        "duplicate name",
    );
    cov.op("organizations.get");
    let got = client.organizations().get(org.id.clone()).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("Lifecycle Industries"));
    assert_eq!(got.description.as_deref(), Some("made by lifecycle.rs"));
    cov.op("organizations.list");
    let every = all(client.organizations().list(ListParams::new()).await).await;
    assert_eq!(every.len() as u64, seed::ORGSTACK_ORG_COUNT + 1);
    assert!(ids(&every, |o| &o.id).contains(&org.id));

    cov.op("organizations.update");
    client
        .organizations()
        .update(
            org.id.clone(),
            OrganizationPatch {
                name: Some("Lifecycle Holdings".into()),
                status: Some(OrganizationStatus::Suspended),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let got = client.organizations().get(org.id.clone()).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("Lifecycle Holdings"));
    assert_eq!(got.status, Some(OrganizationStatus::Suspended));
    let found = all(client
        .organizations()
        .list(ListParams::new().search("lifecycle").status("suspended"))
        .await)
    .await;
    assert_eq!(ids(&found, |o| &o.id), vec![org.id.clone()]);

    // a viewer reads but may not write
    let viewer = builder(&server, Provider::Orgstack).build().unwrap();
    viewer
        .auth()
        .login(Login::username(
            seed::ORGSTACK_VIEWER_USERNAME,
            seed::ORGSTACK_VIEWER_PASSWORD,
        ))
        .await
        .unwrap();
    viewer.organizations().get(org.id.clone()).await.unwrap();
    expect_kind(
        viewer.organizations().delete(org.id.clone()).await,
        ErrorKind::Forbidden,
        "viewer delete",
    );

    cov.op("organizations.delete");
    client.organizations().delete(org.id.clone()).await.unwrap();
    expect_kind(
        client.organizations().get(org.id.clone()).await,
        ErrorKind::NotFound,
        "deleted organization",
    );
    let found = all(client
        .organizations()
        .list(ListParams::new().search("lifecycle"))
        .await)
    .await;
    assert!(found.is_empty(), "still listed: {found:?}");
    cov.finish();
}

// ------------------------------------------------------------- achieveapex

#[tokio::test]
async fn achieveapex_login_pages_members_and_invites() {
    let server = orgkit_mock::spawn().await;
    let client = builder(&server, Provider::Achieveapex).build().unwrap();
    let cov = Coverage::new(&client);
    expect_kind(
        client
            .organizations()
            .create(NewOrganization::named("x"))
            .await,
        ErrorKind::Unsupported,
        "achieveapex cannot create organizations",
    );
    assert_eq!(server.requests().len(), 0, "Unsupported must not send");

    cov.op("auth.login");
    let session = client
        .auth()
        .login(Login::email(
            seed::ACHIEVEAPEX_OWNER_EMAIL,
            seed::ACHIEVEAPEX_OWNER_PASSWORD,
        ))
        .await
        .unwrap();
    assert_eq!(
        session.user.as_ref().map(|u| u.id.clone()),
        Some(Id::from(seed::ACHIEVEAPEX_OWNER_USER_ID))
    );

    // every organization, across $limit/$skip pages
    cov.op("organizations.list");
    server.clear_requests();
    let orgs = all(client
        .organizations()
        .list(ListParams::new().limit(10))
        .await)
    .await;
    let unique: BTreeSet<_> = ids(&orgs, |o| &o.id).into_iter().collect();
    assert_eq!(unique.len() as u64, seed::ACHIEVEAPEX_ORG_COUNT);
    assert_eq!(server.request_count("GET", "/organizations"), 3);
    cov.op("organizations.get");
    let acme = client.organizations().get(1).await.unwrap();
    assert_eq!(acme.name.as_deref(), Some("Acme Inc"));
    expect_kind(
        client.organizations().get(999).await,
        ErrorKind::NotFound,
        "unknown organization",
    );

    cov.op("members.list");
    let members = all(client.members(1).list(ListParams::new()).await).await;
    assert_eq!(members.len() as u64, seed::ACHIEVEAPEX_ORG1_MEMBER_COUNT);
    let owner = members
        .iter()
        .find(|m| m.user_id == Id::from(seed::ACHIEVEAPEX_OWNER_USER_ID))
        .expect("the owner is a member");
    assert_eq!(owner.role, Some(Role::Owner));
    assert_eq!(owner.email.as_deref(), Some(seed::ACHIEVEAPEX_OWNER_EMAIL));

    // invites: the created invite carries a token; inviting a member conflicts;
    // a plain member may not invite
    cov.op("invites.create");
    let invite = client
        .invites()
        .create(NewInvite {
            email: "new.member@achieveapex.test".into(),
            organization_id: Some(Id::from(1)),
            role: Some(Role::Admin),
        })
        .await
        .unwrap();
    assert!(invite.token.as_deref().is_some_and(|t| !t.is_empty()));
    assert_eq!(invite.role, Some(Role::Admin));
    assert_eq!(invite.email.as_deref(), Some("new.member@achieveapex.test"));
    assert_eq!(invite.organization.map(|o| o.id), Some(Id::from(1)));
    assert!(invite.expires_at.is_some());
    expect_kind(
        client
            .invites()
            .create(NewInvite {
                email: seed::ACHIEVEAPEX_MEMBER_EMAIL.into(),
                organization_id: Some(Id::from(1)),
                role: None,
            })
            .await,
        ErrorKind::Conflict,
        "inviting an existing member",
    );

    // the member sees only their two organizations, and may not invite
    let member = builder(&server, Provider::Achieveapex).build().unwrap();
    member
        .auth()
        .login(Login::email(
            seed::ACHIEVEAPEX_MEMBER_EMAIL,
            seed::ACHIEVEAPEX_MEMBER_PASSWORD,
        ))
        .await
        .unwrap();
    let theirs = all(member.organizations().list(ListParams::new()).await).await;
    assert_eq!(ids(&theirs, |o| &o.id), vec![Id::from(1), Id::from(2)]);
    expect_kind(
        member.organizations().get(3).await,
        ErrorKind::Forbidden,
        "another org",
    );
    expect_kind(
        member
            .invites()
            .create(NewInvite {
                email: "someone@achieveapex.test".into(),
                organization_id: Some(Id::from(1)),
                role: None,
            })
            .await,
        ErrorKind::Forbidden,
        "a member inviting",
    );

    // the API key acts as the owner
    let keyed = builder(&server, Provider::Achieveapex)
        .api_key(seed::ACHIEVEAPEX_API_KEY)
        .build()
        .unwrap();
    let page = keyed.organizations().list(ListParams::new()).await.unwrap();
    assert_eq!(page.total, Some(seed::ACHIEVEAPEX_ORG_COUNT));
    cov.finish();
}

// ------------------------------------------------------------------- kaana

#[tokio::test]
async fn kaana_organizations_members_and_children() {
    let server = orgkit_mock::spawn().await;
    let client = builder(&server, Provider::Kaana)
        .session_cookie(seed::KAANA_ADMIN_SID)
        .build()
        .unwrap();
    let cov = Coverage::new(&client);

    cov.op("organizations.create");
    let org = client
        .organizations()
        .create(NewOrganization {
            name: "Lifecycle Traders".into(),
            org_type: Some(OrganizationType::Partner),
            industry: Some("Retail".into()),
            website: Some("https://lifecycle.example.com".into()),
            metadata: Some(serde_json::json!({"source": "lifecycle"})),
            ..Default::default()
        })
        .await
        .unwrap();
    cov.op("organizations.get");
    let got = client.organizations().get(org.id.clone()).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("Lifecycle Traders"));
    assert_eq!(got.org_type, Some(OrganizationType::Partner));
    assert_eq!(got.status, Some(OrganizationStatus::Active));
    assert_eq!(
        got.metadata,
        Some(serde_json::json!({"source": "lifecycle"}))
    );
    cov.op("organizations.list");
    let listed = all(client.organizations().list(ListParams::new()).await).await;
    assert_eq!(listed.len() as u64, seed::KAANA_ORG_COUNT + 1);
    assert!(ids(&listed, |o| &o.id).contains(&org.id));

    cov.op("organizations.update");
    client
        .organizations()
        .update(
            org.id.clone(),
            OrganizationPatch {
                name: Some("Lifecycle Trading Co".into()),
                status: Some(OrganizationStatus::Inactive),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let got = client.organizations().get(org.id.clone()).await.unwrap();
    assert_eq!(got.name.as_deref(), Some("Lifecycle Trading Co"));
    assert_eq!(got.status, Some(OrganizationStatus::Inactive));
    assert_eq!(got.industry.as_deref(), Some("Retail"), "partial update");

    cov.op("organizations.duplicate");
    let copy = client
        .organizations()
        .duplicate(org.id.clone())
        .await
        .unwrap();
    assert_ne!(copy.id, org.id);
    let got_copy = client.organizations().get(copy.id.clone()).await.unwrap();
    assert!(got_copy
        .name
        .as_deref()
        .is_some_and(|n| n.starts_with("Lifecycle Trading Co")));
    assert_eq!(got_copy.org_type, Some(OrganizationType::Partner));

    // members: add, set_role, remove, each visible in list
    cov.op("members.list");
    let members = client.members(org.id.clone());
    assert!(all(members.list(ListParams::new()).await).await.is_empty());
    cov.op("members.add");
    members.add(201, "consultant").await.unwrap();
    members.add(202, "owner").await.unwrap();
    expect_kind(
        members.add(201, "admin").await,
        ErrorKind::Conflict,
        "duplicate member",
    );
    let listed = all(members.list(ListParams::new()).await).await;
    let roles: Vec<(Id, Option<Role>)> = listed
        .iter()
        .map(|m| (m.user_id.clone(), m.role.clone()))
        .collect();
    assert_eq!(
        roles,
        vec![
            (Id::from(201), Some(Role::from("consultant"))),
            (Id::from(202), Some(Role::Owner))
        ]
    );
    cov.op("members.set_role");
    members.set_role(201, Role::Admin).await.unwrap();
    let listed = all(members.list(ListParams::new()).await).await;
    let m201 = listed.iter().find(|m| m.user_id == Id::from(201)).unwrap();
    assert_eq!(m201.role, Some(Role::Admin));
    cov.op("members.remove");
    members
        .remove(&[Id::from(201), Id::from(202)])
        .await
        .unwrap();
    assert!(all(members.list(ListParams::new()).await).await.is_empty());
    expect_kind(
        members.remove(&[Id::from(201)]).await,
        ErrorKind::NotFound,
        "removing a non-member",
    );

    // org-scoped lists of the seeded org 1
    cov.op("projects.list");
    let projects = all(client
        .projects()
        .list(ListParams::new().organization(1))
        .await)
    .await;
    assert_eq!(projects.len(), 3);
    cov.op("tasks.list");
    let tasks = all(client
        .tasks()
        .list(TaskScope::Organization(Id::from(1)), ListParams::new())
        .await)
    .await;
    assert_eq!(tasks.len(), 5);
    cov.op("documents.list");
    let docs = all(client.documents(1).list(ListParams::new()).await).await;
    assert_eq!(docs.len(), 2);

    // viewers may not change anything
    let viewer = builder(&server, Provider::Kaana)
        .session_cookie(seed::KAANA_VIEWER_SID)
        .build()
        .unwrap();
    expect_kind(
        viewer.organizations().delete(org.id.clone()).await,
        ErrorKind::Forbidden,
        "viewer delete",
    );

    // delete → get NotFound, gone from the list; deleting an org drops its children
    cov.op("organizations.delete");
    client.organizations().delete(org.id.clone()).await.unwrap();
    expect_kind(
        client.organizations().get(org.id.clone()).await,
        ErrorKind::NotFound,
        "deleted organization",
    );
    client
        .organizations()
        .delete(copy.id.clone())
        .await
        .unwrap();
    client.organizations().delete(1).await.unwrap();
    let listed = all(client.organizations().list(ListParams::new()).await).await;
    assert_eq!(ids(&listed, |o| &o.id), vec![Id::from(2), Id::from(3)]);
    expect_kind(
        client.documents(1).list(ListParams::new()).await,
        ErrorKind::NotFound,
        "documents of a deleted org",
    );
    cov.finish();
}

// ------------------------------------------------------------------- pm415

#[tokio::test]
async fn pm415_orgs_invites_switch_roles_and_delete() {
    let server = orgkit_mock::spawn().await;
    let admin = builder(&server, Provider::Pm415).build().unwrap();
    let cov = Coverage::new(&admin);
    expect_kind(
        admin.organizations().get(1).await,
        ErrorKind::Unsupported,
        "pm415 has no organizations.get",
    );

    cov.op("auth.login");
    expect_kind(
        admin
            .auth()
            .login(Login::email(seed::PM415_ADMIN_EMAIL, "wrong"))
            .await,
        ErrorKind::Unauthorized,
        "wrong password (401 with success:true)",
    );
    admin
        .auth()
        .login(Login::email(
            seed::PM415_ADMIN_EMAIL,
            seed::PM415_ADMIN_PASSWORD,
        ))
        .await
        .unwrap();

    // create → list shows it
    cov.op("organizations.create");
    let org = admin
        .organizations()
        .create(NewOrganization::named("Wayne"))
        .await
        .unwrap();
    assert_eq!(org.name.as_deref(), Some("Wayne"));
    expect_kind(
        admin
            .organizations()
            .create(NewOrganization::named("Acme"))
            .await,
        ErrorKind::Conflict,
        "duplicate name",
    );
    cov.op("organizations.list");
    let orgs = all(admin.organizations().list(ListParams::new()).await).await;
    let listed = orgs
        .iter()
        .find(|o| o.id == org.id)
        .expect("new org listed");
    assert_eq!(listed.name.as_deref(), Some("Wayne"));
    assert_eq!(listed.roles, vec![Role::Admin]);

    // rename → visible in list and in my_organizations
    cov.op("organizations.update");
    admin
        .organizations()
        .update(
            org.id.clone(),
            OrganizationPatch {
                name: Some("Wayne Enterprises".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let orgs = all(admin.organizations().list(ListParams::new()).await).await;
    let listed = orgs.iter().find(|o| o.id == org.id).unwrap();
    assert_eq!(listed.name.as_deref(), Some("Wayne Enterprises"));
    cov.op("users.my_organizations");
    let mine = admin.users().my_organizations().await.unwrap();
    let entry = mine.iter().find(|o| o.id == org.id).expect("in my orgs");
    assert_eq!(entry.name.as_deref(), Some("Wayne Enterprises"));

    // invite → validate → accept: the invitee becomes a member
    cov.op("invites.create");
    let invitee_email = "newbie@pm415.test";
    let invite = admin
        .invites()
        .create(NewInvite {
            email: invitee_email.into(),
            organization_id: Some(org.id.clone()),
            role: None,
        })
        .await
        .unwrap();
    assert!(invite.confirm_url.is_some());
    let token = invite.token.clone().expect("token from the confirm URL");
    let invitee = builder(&server, Provider::Pm415).build().unwrap();
    cov.op("invites.validate");
    let checked = invitee.invites().validate(token.clone()).await.unwrap();
    assert_eq!(checked.email.as_deref(), Some(invitee_email));
    assert_eq!(
        checked.organization_name.as_deref(),
        Some("Wayne Enterprises")
    );
    cov.op("invites.accept");
    let session = invitee
        .invites()
        .accept(token.clone(), invitee_email, "newbie-pw")
        .await
        .unwrap();
    let newbie = session.user.expect("user in the login answer").id;
    expect_kind(
        invitee.invites().validate(token).await,
        ErrorKind::NotFound,
        "a used invite",
    );
    cov.op("organizations.current");
    let current = invitee.organizations().current().await.unwrap();
    assert_eq!(current.id, org.id, "the accept token is scoped to the org");
    cov.op("members.list");
    let members = admin.members(org.id.clone());
    let listed = all(members.list(ListParams::new()).await).await;
    let joined = listed
        .iter()
        .find(|m| m.user_id == newbie)
        .expect("the invitee is a member");
    assert_eq!(joined.role, Some(Role::Member));
    assert_eq!(joined.email.as_deref(), Some(invitee_email));

    // switch: current follows, with the new token
    cov.op("organizations.switch");
    let before = admin.current_credentials().token;
    admin
        .organizations()
        .switch(seed::PM415_ORG_GLOBEX)
        .await
        .unwrap();
    assert_ne!(admin.current_credentials().token, before, "token adopted");
    let current = admin.organizations().current().await.unwrap();
    assert_eq!(current.id, Id::from(seed::PM415_ORG_GLOBEX));
    admin.organizations().switch(org.id.clone()).await.unwrap();
    assert_eq!(admin.organizations().current().await.unwrap().id, org.id);

    // grant admin, then revoke it
    cov.op("members.set_role");
    let role_of = |list: &[orgkit::Member]| {
        list.iter()
            .find(|m| m.user_id == newbie)
            .and_then(|m| m.role.clone())
    };
    members.set_role(newbie.clone(), Role::Admin).await.unwrap();
    let listed = all(members.list(ListParams::new()).await).await;
    assert_eq!(role_of(&listed), Some(Role::Admin));
    members
        .set_role(newbie.clone(), Role::Member)
        .await
        .unwrap();
    let listed = all(members.list(ListParams::new()).await).await;
    assert_eq!(role_of(&listed), Some(Role::Member));

    cov.op("members.reset_passwords");
    members
        .reset_passwords(std::slice::from_ref(&newbie))
        .await
        .unwrap();

    // remove → gone from the list and from the user's own orgs
    cov.op("members.remove");
    members.remove(std::slice::from_ref(&newbie)).await.unwrap();
    let listed = all(members.list(ListParams::new()).await).await;
    assert_eq!(role_of(&listed), None);
    let theirs = invitee.users().my_organizations().await.unwrap();
    assert!(!ids(&theirs, |o| &o.id).contains(&org.id));

    // the last admin can be neither removed nor demoted
    let initech = admin.members(seed::PM415_ORG_INITECH);
    let admin_id = Id::from(seed::PM415_ADMIN_USER_ID);
    expect_kind(
        initech.remove(std::slice::from_ref(&admin_id)).await,
        ErrorKind::Conflict,
        "removing the last admin",
    );
    expect_kind(
        initech.set_role(admin_id.clone(), Role::Member).await,
        ErrorKind::Conflict,
        "demoting the last admin",
    );
    let listed = all(initech.list(ListParams::new()).await).await;
    assert_eq!(
        listed
            .iter()
            .find(|m| m.user_id == admin_id)
            .and_then(|m| m.role.clone()),
        Some(Role::Admin)
    );

    // the user's own profile
    cov.op("users.me");
    let me = admin.users().me().await.unwrap();
    assert_eq!(me.email.as_deref(), Some(seed::PM415_ADMIN_EMAIL));
    cov.op("users.update_me");
    admin
        .users()
        .update_me(UserPatch {
            last_name: Some("Wayne".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        admin.users().me().await.unwrap().last_name.as_deref(),
        Some("Wayne")
    );

    // delete → no longer listed
    cov.op("organizations.delete");
    admin.organizations().delete(org.id.clone()).await.unwrap();
    let orgs = all(admin.organizations().list(ListParams::new()).await).await;
    assert!(!ids(&orgs, |o| &o.id).contains(&org.id));
    expect_kind(
        members.list(ListParams::new()).await,
        ErrorKind::NotFound,
        "members of a deleted org",
    );
    cov.finish();
}

// ---------------------------------------------------------- fault injection

fn ourganize(server: &MockServer) -> ClientBuilder {
    builder(server, Provider::Ourganize).api_key(seed::OURGANIZE_ADMIN_KEY)
}

#[tokio::test]
async fn a_get_hit_by_503_is_retried_and_succeeds() {
    let server = orgkit_mock::spawn().await;
    let client = ourganize(&server).build().unwrap();
    server.inject(Fault::status(503).provider("ourganize").path("/projects/1"));
    let project = client.projects().get(1).await.unwrap();
    assert_eq!(project.id, Id::from(1));
    assert_eq!(server.request_count("GET", "/ourganize/projects/1"), 2);
}

#[tokio::test]
async fn a_post_hit_by_503_is_sent_once_without_idempotency_keys() {
    let server = orgkit_mock::spawn().await;
    let client = ourganize(&server).build().unwrap();
    server.inject(Fault::status(503).provider("ourganize").method("POST"));
    expect_kind(
        client
            .projects()
            .create(NewProject::named("Not retried"))
            .await,
        ErrorKind::Server,
        "POST answered 503",
    );
    assert_eq!(server.request_count("POST", "/ourganize/projects"), 1);
    let page = client.projects().list(ListParams::new()).await.unwrap();
    assert_eq!(page.total, Some(seed::OURGANIZE_PROJECT_COUNT));
}

#[tokio::test]
async fn a_stalled_body_hits_the_per_attempt_timeout() {
    let server = orgkit_mock::spawn().await;
    let client = ourganize(&server)
        .timeout(Duration::from_millis(300))
        .max_retries(0)
        .build()
        .unwrap();
    server.inject(Fault::stall_body(Duration::from_secs(3)).provider("ourganize"));
    let started = Instant::now();
    expect_kind(
        client.projects().get(1).await,
        ErrorKind::Timeout,
        "stalled body",
    );
    let took = started.elapsed();
    assert!(
        took < Duration::from_secs(2),
        "the timeout should fire near 300 ms, took {took:?}"
    );
}

#[tokio::test]
async fn retry_after_on_429_is_honoured() {
    let server = orgkit_mock::spawn().await;
    let client = ourganize(&server).build().unwrap();
    server.inject(
        Fault::status(429)
            .provider("ourganize")
            .header("Retry-After", "1"),
    );
    let started = Instant::now();
    client.projects().get(1).await.unwrap();
    let took = started.elapsed();
    assert!(
        took >= Duration::from_secs(1),
        "Retry-After: 1 not honoured: {took:?}"
    );
    assert_eq!(server.request_count("GET", "/ourganize/projects/1"), 2);
}

#[tokio::test]
async fn idempotency_keys_make_a_post_retryable_and_create_one_object() {
    let server = orgkit_mock::spawn().await;
    let client = ourganize(&server).idempotency_keys(true).build().unwrap();
    server.inject(Fault::status(503).provider("ourganize").method("POST"));
    let created = client
        .projects()
        .create(NewProject::named("Exactly once"))
        .await
        .unwrap();
    let posts: Vec<_> = server
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 2, "one 503, one retry");
    let keys: Vec<_> = posts
        .iter()
        .map(|r| r.headers.get("idempotency-key").cloned())
        .collect();
    assert!(keys[0].is_some(), "no Idempotency-Key sent");
    assert_eq!(keys[0], keys[1], "the retry must reuse the key");
    let every = all(client.projects().list(ListParams::new().limit(100)).await).await;
    let named: Vec<_> = every
        .iter()
        .filter(|p| p.name.as_deref() == Some("Exactly once"))
        .collect();
    assert_eq!(named.len(), 1);
    assert_eq!(named[0].id, created.id);
    assert_eq!(every.len() as u64, seed::OURGANIZE_PROJECT_COUNT + 1);
}
