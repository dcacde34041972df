//! Unified operation name + JSON arguments → one Rust SDK call → its
//! result as JSON (the same JSON the other languages' `to_dict()` /
//! `toJSON()` give), or the SDK's error.

use std::future::Future;

use orgkit::{
    Client, Login, Method, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch,
    Page, ProjectPatch, ProjectSettings, Role, TaskPatch, TaskScope, UserPatch,
};
use serde::Serialize;
use serde_json::{json, Map, Value};

use crate::args::{ArgResult, Args};

/// What an SDK call gave.
pub type Outcome = Result<Value, orgkit::Error>;

/// The most items a list walk collects before giving up (a runaway pager).
pub const MAX_ITEMS: usize = 10_000;

/// Runs `call` with `args`. The outer error is a broken scenario (unknown
/// call, missing or misspelt argument), not an SDK failure.
pub async fn dispatch(
    client: &Client,
    call: &str,
    args: &Map<String, Value>,
) -> ArgResult<Outcome> {
    let a = Args::new(args);
    let outcome = run(client, call, &a).await?;
    a.finish()?;
    Ok(outcome)
}

fn to_json<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or_else(|e| json!({ "unserializable": e.to_string() }))
}

async fn one<T: Serialize>(fut: impl Future<Output = orgkit::Result<T>>) -> Outcome {
    fut.await.map(|v| to_json(&v))
}

async fn unit(fut: impl Future<Output = orgkit::Result<()>>) -> Outcome {
    fut.await.map(|()| Value::Null)
}

/// Every item of every page, walked lazily to the end.
async fn all<T: Serialize + Send + 'static>(
    fut: impl Future<Output = orgkit::Result<Page<T>>>,
) -> Outcome {
    let items = fut.await?.collect_all(MAX_ITEMS).await?;
    Ok(Value::Array(items.iter().map(to_json).collect()))
}

fn session(s: orgkit::Session) -> Value {
    json!({ "user": s.user.as_ref().map(to_json) })
}

fn role(a: &Args<'_>, key: &str) -> ArgResult<Role> {
    Ok(Role::parse(&a.str(key)?))
}

fn settings(a: &Args<'_>) -> ArgResult<Option<ProjectSettings>> {
    let Some(v) = a.value("settings") else {
        return Ok(None);
    };
    let Value::Object(map) = v else {
        return Err("argument \"settings\" must be an object".into());
    };
    let inner = Args::new(&map);
    let s = ProjectSettings {
        is_public: inner.bool_opt("is_public")?,
        allow_comments: inner.bool_opt("allow_comments")?,
        extra: Map::new(),
    };
    inner.finish().map_err(|e| format!("settings: {e}"))?;
    Ok(Some(s))
}

fn org_fields(a: &Args<'_>) -> ArgResult<OrganizationPatch> {
    Ok(OrganizationPatch {
        name: a.str_opt("name")?,
        org_type: a.str_opt("type")?.map(Into::into),
        status: a.str_opt("status")?.map(Into::into),
        industry: a.str_opt("industry")?,
        website: a.str_opt("website")?,
        description: a.str_opt("description")?,
        metadata: a.value("metadata"),
    })
}

fn login(a: &Args<'_>) -> ArgResult<Login> {
    let password = a.str("password")?;
    match (a.str_opt("email")?, a.str_opt("username")?) {
        (Some(email), None) => Ok(Login::email(email, password)),
        (None, Some(username)) => Ok(Login::username(username, password)),
        _ => Err("auth.login takes exactly one of \"email\" and \"username\"".into()),
    }
}

fn task_scope(a: &Args<'_>) -> ArgResult<TaskScope> {
    match (a.id_opt("project_id")?, a.id_opt("organization_id")?) {
        (Some(p), None) => Ok(TaskScope::Project(p)),
        (None, Some(o)) => Ok(TaskScope::Organization(o)),
        _ => Err("tasks.list takes exactly one of \"project_id\" and \"organization_id\"".into()),
    }
}

async fn run(client: &Client, call: &str, a: &Args<'_>) -> ArgResult<Outcome> {
    let orgs = || client.organizations();
    let members = |a: &Args<'_>| a.id("organization_id").map(|org| client.members(org));
    Ok(match call {
        "organizations.list" => all(orgs().list(a.list_params()?)).await,
        "organizations.get" => one(orgs().get(a.id("id")?)).await,
        "organizations.create" => {
            let f = org_fields(a)?;
            let new = NewOrganization {
                name: f.name.ok_or("argument \"name\" is required")?,
                org_type: f.org_type,
                status: f.status,
                industry: f.industry,
                website: f.website,
                description: f.description,
                metadata: f.metadata,
            };
            one(orgs().create(new)).await
        }
        "organizations.update" => one(orgs().update(a.id("id")?, org_fields(a)?)).await,
        "organizations.delete" => unit(orgs().delete(a.id("id")?)).await,
        "organizations.duplicate" => one(orgs().duplicate(a.id("id")?)).await,
        "organizations.switch" => one(orgs().switch(a.id("id")?)).await,
        "organizations.current" => one(orgs().current()).await,

        "members.list" => {
            let m = members(a)?;
            let mut p = orgkit::ListParams::new();
            p.limit = a.u32_opt("limit")?;
            all(m.list(p)).await
        }
        "members.add" => unit(members(a)?.add(a.id("person")?, role(a, "role")?)).await,
        "members.set_role" => unit(members(a)?.set_role(a.id("person")?, role(a, "role")?)).await,
        "members.remove" => unit(members(a)?.remove(&a.ids("people")?)).await,
        "members.reset_passwords" => unit(members(a)?.reset_passwords(&a.ids("people")?)).await,

        "invites.create" => {
            let new = NewInvite {
                email: a.str("email")?,
                organization_id: a.id_opt("organization_id")?,
                role: a.str_opt("role")?.map(|r| Role::parse(&r)),
            };
            one(client.invites().create(new)).await
        }
        "invites.validate" => one(client.invites().validate(a.str("token")?)).await,
        "invites.accept" => client
            .invites()
            .accept(a.str("token")?, a.str("email")?, a.str("password")?)
            .await
            .map(session),

        "projects.list" => {
            let mut p = a.list_params()?;
            p.organization_id = a.id_opt("organization_id")?;
            all(client.projects().list(p)).await
        }
        "projects.get" => one(client.projects().get(a.id("id")?)).await,
        "projects.create" => {
            let new = NewProject {
                name: a.str("name")?,
                description: a.str_opt("description")?,
                status: a.str_opt("status")?.map(Into::into),
                settings: settings(a)?,
                organization_id: a.id_opt("organization_id")?,
                tags: a.strings_opt("tags")?,
            };
            one(client.projects().create(new)).await
        }
        "projects.update" => {
            let patch = ProjectPatch {
                name: a.str_opt("name")?,
                description: a.str_opt("description")?,
                status: a.str_opt("status")?.map(Into::into),
                settings: settings(a)?,
                tags: a.strings_opt("tags")?,
            };
            one(client.projects().update(a.id("id")?, patch)).await
        }
        "projects.delete" => unit(client.projects().delete(a.id("id")?)).await,

        "tasks.list" => all(client.tasks().list(task_scope(a)?, a.list_params()?)).await,
        "tasks.get" => one(client.tasks().get(a.id("id")?)).await,
        "tasks.create" => {
            let new = NewTask {
                title: a.str("title")?,
                description: a.str_opt("description")?,
                status: a.str_opt("status")?.map(Into::into),
                assignee_id: a.id_opt("assignee_id")?,
                due_date: a.time_opt("due_date")?,
            };
            one(client.tasks().create(a.id("project_id")?, new)).await
        }
        "tasks.update" => {
            let patch = TaskPatch {
                title: a.str_opt("title")?,
                description: a.str_opt("description")?,
                status: a.str_opt("status")?.map(Into::into),
                assignee_id: a.id_opt("assignee_id")?,
                due_date: a.time_opt("due_date")?,
                completed_at: a.time_opt("completed_at")?,
            };
            one(client.tasks().update(a.id("id")?, patch)).await
        }
        "tasks.delete" => unit(client.tasks().delete(a.id("id")?)).await,

        "documents.list" => {
            all(client
                .documents(a.id("organization_id")?)
                .list(orgkit::ListParams::new()))
            .await
        }

        "users.list" => {
            let mut p = orgkit::ListParams::new();
            p.limit = a.u32_opt("limit")?;
            all(client.users().list(p)).await
        }
        "users.me" => one(client.users().me()).await,
        "users.update_me" => {
            let patch = UserPatch {
                name: a.str_opt("name")?,
                first_name: a.str_opt("first_name")?,
                last_name: a.str_opt("last_name")?,
                email: a.str_opt("email")?,
                extra: Map::new(),
            };
            one(client.users().update_me(patch)).await
        }
        "users.my_organizations" => one(client.users().my_organizations()).await,

        "auth.login" => client.auth().login(login(a)?).await.map(session),

        "client.capabilities" => Ok(to_json(&client.capabilities())),
        "client.rate_limit" => Ok(client
            .rate_limit()
            .map(|rl| to_json(&rl))
            .unwrap_or(Value::Null)),
        "client.request" => {
            let method = Method::from_bytes(a.str("method")?.to_ascii_uppercase().as_bytes())
                .map_err(|e| format!("argument \"method\": {e}"))?;
            client
                .request(method, &a.str("path")?, a.value("body"))
                .await
        }
        other => return Err(format!("unknown call {other:?}")),
    })
}
