//! The native client: one method per unified operation, each returning a
//! Promise and accepting an optional call id for cancellation. The JS
//! layer groups them into `client.organizations.list()` and friends.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::{Error as SdkError, ErrorKind, Id};
use serde_json::Value;

use crate::call::spawn;
use crate::error::{invalid, to_js, Failure};
use crate::inputs::{
    ListOptions, LoginInput, NewInvite, NewOrganization, NewProject, NewTask, OrganizationPatch,
    ProjectPatch, TaskListOptions, TaskPatch, UserPatch,
};
use crate::models::{
    id_from_js, out, out_list, Invite, Organization, Project, RateLimit, Session, Task, User,
};
use crate::options::ClientOptions;
use crate::page::{DocumentPage, MemberPage, OrganizationPage, ProjectPage, TaskPage, UserPage};

/// snake_case → camelCase, for option names in construction errors.
fn camel(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// Construction errors name the option as JS spells it (`baseUrl`).
fn js_option_names(e: SdkError) -> SdkError {
    if e.kind() != ErrorKind::InvalidArgument {
        return e;
    }
    match e.message().split_once(": ") {
        Some((field, rest)) if field.contains('_') && !field.contains(' ') => {
            invalid(&camel(field), rest)
        }
        _ => e,
    }
}

fn people(ids: Vec<Either<i64, String>>) -> Vec<Id> {
    ids.into_iter().map(id_from_js).collect()
}

/// A client for one provider. Use `Client` from the package instead.
#[napi]
pub struct NativeClient {
    inner: orgkit::Client,
}

#[napi]
impl NativeClient {
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, options: ClientOptions) -> Result<Self> {
        options
            .into_builder()
            .and_then(|b| b.build())
            .map(|inner| NativeClient { inner })
            .map_err(|e| to_js(env, Failure::Sdk(js_option_names(e))))
    }

    /// The provider id (`"pm415"`, …).
    #[napi(getter, catch_unwind)]
    pub fn provider(&self) -> String {
        self.inner.provider().as_str().to_string()
    }

    #[napi(getter, catch_unwind)]
    pub fn base_url(&self) -> String {
        self.inner.base_url().to_string()
    }

    /// The operations this provider supports, as `"organizations.list"` strings.
    #[napi(catch_unwind)]
    pub fn capabilities(&self) -> Vec<String> {
        self.inner
            .capabilities()
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The rate-limit state the last response reported, if any did.
    #[napi(getter, catch_unwind)]
    pub fn rate_limit(&self) -> Option<RateLimit> {
        self.inner.rate_limit().map(RateLimit::from)
    }

    /// Any request the typed surface lacks; the JSON answer comes back as is.
    #[napi(catch_unwind, ts_return_type = "Promise<any>")]
    pub fn request<'env>(
        &self,
        env: &'env Env,
        method: String,
        path: String,
        body: Option<Value>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Value>> {
        let method = orgkit::Method::from_bytes(method.trim().to_ascii_uppercase().as_bytes())
            .map_err(|_| invalid("method", format!("{method:?} is not an HTTP method")));
        let client = self.inner.clone();
        spawn(env, call_id, async move {
            Ok(client.request(method?, &path, body).await?)
        })
    }

    // ------------------------------------------------------------ organizations

    #[napi(catch_unwind)]
    pub fn organizations_list<'env>(
        &self,
        env: &'env Env,
        options: Option<ListOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, OrganizationPage>> {
        let orgs = self.inner.organizations();
        spawn(env, call_id, async move {
            let params = options.map(ListOptions::into_params).transpose()?;
            Ok(orgs.list(params.unwrap_or_default()).await?.into())
        })
    }

    #[napi(catch_unwind)]
    pub fn organizations_get<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Organization>>> {
        let fut = self.inner.organizations().get(id_from_js(id));
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn organizations_create<'env>(
        &self,
        env: &'env Env,
        input: NewOrganization,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Organization>>> {
        let fut = self.inner.organizations().create(input.into());
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn organizations_update<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        patch: OrganizationPatch,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Organization>>> {
        let fut = self
            .inner
            .organizations()
            .update(id_from_js(id), patch.into());
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn organizations_delete<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ()>> {
        let fut = self.inner.organizations().delete(id_from_js(id));
        spawn(env, call_id, async move { Ok(fut.await?) })
    }

    #[napi(catch_unwind)]
    pub fn organizations_duplicate<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Organization>>> {
        let fut = self.inner.organizations().duplicate(id_from_js(id));
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    /// pm415: the client adopts the token scoped to the new organization.
    #[napi(catch_unwind)]
    pub fn organizations_switch<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Organization>>> {
        let fut = self.inner.organizations().switch(id_from_js(id));
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn organizations_current<'env>(
        &self,
        env: &'env Env,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Organization>>> {
        let fut = self.inner.organizations().current();
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    // ------------------------------------------------------------------ members

    #[napi(catch_unwind)]
    pub fn members_list<'env>(
        &self,
        env: &'env Env,
        organization: Either<i64, String>,
        options: Option<ListOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, MemberPage>> {
        let members = self.inner.members(id_from_js(organization));
        spawn(env, call_id, async move {
            let params = options.map(ListOptions::into_params).transpose()?;
            Ok(members.list(params.unwrap_or_default()).await?.into())
        })
    }

    #[napi(catch_unwind)]
    pub fn members_add<'env>(
        &self,
        env: &'env Env,
        organization: Either<i64, String>,
        person: Either<i64, String>,
        role: String,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ()>> {
        let fut = self
            .inner
            .members(id_from_js(organization))
            .add(id_from_js(person), role);
        spawn(env, call_id, async move { Ok(fut.await?) })
    }

    #[napi(catch_unwind)]
    pub fn members_set_role<'env>(
        &self,
        env: &'env Env,
        organization: Either<i64, String>,
        person: Either<i64, String>,
        role: String,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ()>> {
        let fut = self
            .inner
            .members(id_from_js(organization))
            .set_role(id_from_js(person), role);
        spawn(env, call_id, async move { Ok(fut.await?) })
    }

    #[napi(catch_unwind)]
    pub fn members_remove<'env>(
        &self,
        env: &'env Env,
        organization: Either<i64, String>,
        people_ids: Vec<Either<i64, String>>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ()>> {
        let fut = self
            .inner
            .members(id_from_js(organization))
            .remove(&people(people_ids));
        spawn(env, call_id, async move { Ok(fut.await?) })
    }

    #[napi(catch_unwind)]
    pub fn members_reset_passwords<'env>(
        &self,
        env: &'env Env,
        organization: Either<i64, String>,
        people_ids: Vec<Either<i64, String>>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ()>> {
        let fut = self
            .inner
            .members(id_from_js(organization))
            .reset_passwords(&people(people_ids));
        spawn(env, call_id, async move { Ok(fut.await?) })
    }

    // ------------------------------------------------------------------ invites

    #[napi(catch_unwind)]
    pub fn invites_create<'env>(
        &self,
        env: &'env Env,
        input: NewInvite,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Invite>> {
        let fut = self.inner.invites().create(input.into());
        spawn(env, call_id, async move { Ok(fut.await?.into()) })
    }

    #[napi(catch_unwind)]
    pub fn invites_validate<'env>(
        &self,
        env: &'env Env,
        token: String,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Invite>> {
        let fut = self.inner.invites().validate(token);
        spawn(env, call_id, async move { Ok(fut.await?.into()) })
    }

    #[napi(catch_unwind)]
    pub fn invites_accept<'env>(
        &self,
        env: &'env Env,
        token: String,
        email: String,
        password: String,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Session>> {
        let fut = self.inner.invites().accept(token, email, password);
        spawn(env, call_id, async move { Ok(fut.await?.into()) })
    }

    // ----------------------------------------------------------------- projects

    #[napi(catch_unwind)]
    pub fn projects_list<'env>(
        &self,
        env: &'env Env,
        options: Option<ListOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ProjectPage>> {
        let projects = self.inner.projects();
        spawn(env, call_id, async move {
            let params = options.map(ListOptions::into_params).transpose()?;
            Ok(projects.list(params.unwrap_or_default()).await?.into())
        })
    }

    #[napi(catch_unwind)]
    pub fn projects_get<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Project>>> {
        let fut = self.inner.projects().get(id_from_js(id));
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn projects_create<'env>(
        &self,
        env: &'env Env,
        input: NewProject,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Project>>> {
        let fut = self.inner.projects().create(input.into());
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn projects_update<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        patch: ProjectPatch,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Project>>> {
        let fut = self.inner.projects().update(id_from_js(id), patch.into());
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn projects_delete<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ()>> {
        let fut = self.inner.projects().delete(id_from_js(id));
        spawn(env, call_id, async move { Ok(fut.await?) })
    }

    // -------------------------------------------------------------------- tasks

    #[napi(catch_unwind)]
    pub fn tasks_list<'env>(
        &self,
        env: &'env Env,
        options: TaskListOptions,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, TaskPage>> {
        let tasks = self.inner.tasks();
        spawn(env, call_id, async move {
            let (scope, params) = options.into_scope()?;
            Ok(tasks.list(scope, params).await?.into())
        })
    }

    #[napi(catch_unwind)]
    pub fn tasks_get<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Task>>> {
        let fut = self.inner.tasks().get(id_from_js(id));
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn tasks_create<'env>(
        &self,
        env: &'env Env,
        project: Either<i64, String>,
        input: NewTask,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Task>>> {
        let fut = self.inner.tasks().create(id_from_js(project), input.into());
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn tasks_update<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        patch: TaskPatch,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Task>>> {
        let fut = self.inner.tasks().update(id_from_js(id), patch.into());
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn tasks_delete<'env>(
        &self,
        env: &'env Env,
        id: Either<i64, String>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, ()>> {
        let fut = self.inner.tasks().delete(id_from_js(id));
        spawn(env, call_id, async move { Ok(fut.await?) })
    }

    // ---------------------------------------------------------------- documents

    #[napi(catch_unwind)]
    pub fn documents_list<'env>(
        &self,
        env: &'env Env,
        organization: Either<i64, String>,
        options: Option<ListOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, DocumentPage>> {
        let documents = self.inner.documents(id_from_js(organization));
        spawn(env, call_id, async move {
            let params = options.map(ListOptions::into_params).transpose()?;
            Ok(documents.list(params.unwrap_or_default()).await?.into())
        })
    }

    // -------------------------------------------------------------------- users

    #[napi(catch_unwind)]
    pub fn users_list<'env>(
        &self,
        env: &'env Env,
        options: Option<ListOptions>,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, UserPage>> {
        let users = self.inner.users();
        spawn(env, call_id, async move {
            let params = options.map(ListOptions::into_params).transpose()?;
            Ok(users.list(params.unwrap_or_default()).await?.into())
        })
    }

    #[napi(catch_unwind)]
    pub fn users_me<'env>(
        &self,
        env: &'env Env,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, User>>> {
        let fut = self.inner.users().me();
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn users_update_me<'env>(
        &self,
        env: &'env Env,
        patch: UserPatch,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, User>>> {
        let fut = self.inner.users().update_me(patch.into());
        spawn(env, call_id, async move { Ok(out(fut.await?)) })
    }

    #[napi(catch_unwind)]
    pub fn users_my_organizations<'env>(
        &self,
        env: &'env Env,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Either<String, Vec<Organization>>>> {
        let fut = self.inner.users().my_organizations();
        spawn(env, call_id, async move { Ok(out_list(fut.await?)) })
    }

    // --------------------------------------------------------------------- auth

    /// Logs in; on success the client sends the returned token.
    #[napi(catch_unwind)]
    pub fn auth_login<'env>(
        &self,
        env: &'env Env,
        login: LoginInput,
        call_id: Option<u32>,
    ) -> Result<PromiseRaw<'env, Session>> {
        let auth = self.inner.auth();
        spawn(env, call_id, async move {
            let login = login.into_login()?;
            Ok(auth.login(login).await?.into())
        })
    }
}
