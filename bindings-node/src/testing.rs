//! `orgkit/testing`: the in-process mock server of all five providers
//! (`orgkit::testing`) on its own thread, for users' own tests.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use orgkit::testing::{self, seed, Config, Fault};
use serde_json::Value;

use crate::error::{encoding, invalid, to_js, Failure};
use crate::json::to_json;

/// A running mock server. Use `MockServer` from `orgkit/testing` instead.
#[napi]
pub struct NativeMockServer {
    inner: Option<testing::MockServer>,
}

impl NativeMockServer {
    fn server(&self, env: &Env) -> Result<&testing::MockServer> {
        self.inner
            .as_ref()
            .ok_or_else(|| to_js(env, invalid("server", "the mock server is closed").into()))
    }
}

#[napi]
impl NativeMockServer {
    /// Starts a server on a free loopback port; `rateLimit` is ourganize's
    /// requests per window, `rateWindow` the window in milliseconds.
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, rate_limit: Option<u32>, rate_window: Option<f64>) -> Result<Self> {
        let mut config = Config::default();
        if let Some(n) = rate_limit {
            config.rate_limit = n;
        }
        if let Some(ms) = rate_window {
            config.rate_window =
                std::time::Duration::try_from_secs_f64(ms / 1000.0).map_err(|_| {
                    to_js(
                        env,
                        invalid("rateWindow", "must be a positive number of milliseconds").into(),
                    )
                })?;
        }
        let server = testing::spawn_on_thread(config).map_err(|e| {
            to_js(
                env,
                orgkit::Error::new(
                    orgkit::ErrorKind::Connection,
                    format!("cannot start the mock server: {e}"),
                )
                .into(),
            )
        })?;
        Ok(NativeMockServer {
            inner: Some(server),
        })
    }

    /// `http://127.0.0.1:PORT`.
    #[napi(getter, catch_unwind)]
    pub fn url(&self, env: &Env) -> Result<String> {
        Ok(self.server(env)?.url())
    }

    /// Queues faults: the mock's JSON fault format, one object or an array.
    #[napi(catch_unwind)]
    pub fn inject(&self, env: &Env, faults: String) -> Result<u32> {
        let server = self.server(env)?;
        let fail = |m: String| to_js(env, invalid("fault", m).into());
        let value: Value = serde_json::from_str(&faults).map_err(|e| fail(e.to_string()))?;
        let list = match value {
            Value::Array(items) => items,
            one => vec![one],
        };
        let parsed = list
            .iter()
            .map(Fault::from_json)
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(fail)?;
        let n = parsed.len() as u32;
        parsed.into_iter().for_each(|f| server.inject(f));
        Ok(n)
    }

    /// The faults still queued, as JSON.
    #[napi(catch_unwind)]
    pub fn faults(&self, env: &Env) -> Result<String> {
        let faults: Vec<Value> = self
            .server(env)?
            .faults()
            .iter()
            .map(Fault::to_json)
            .collect();
        Ok(Value::Array(faults).to_string())
    }

    /// The provider requests received since the last reset or clear, as
    /// JSON; optionally only one provider's, one method's (`""`: any) and
    /// those under a path (provider-relative or full, on segment boundaries).
    #[napi(catch_unwind)]
    pub fn requests(
        &self,
        env: &Env,
        provider: Option<String>,
        method: Option<String>,
        path: Option<String>,
    ) -> Result<String> {
        let (method, path) = (
            method.unwrap_or_default(),
            path.unwrap_or_else(|| "/".into()),
        );
        let selected: Vec<_> = self
            .server(env)?
            .requests()
            .into_iter()
            .filter(|r| provider.as_deref().is_none_or(|p| r.provider == p))
            .filter(|r| r.matches(&method, &path))
            .collect();
        to_json(&selected).map_err(|e| to_js(env, Failure::Sdk(encoding(e))))
    }

    /// Back to the seed state: data, tokens, rate limit, faults, request log.
    #[napi(catch_unwind)]
    pub fn reset(&self, env: &Env) -> Result<()> {
        self.server(env)?.reset();
        Ok(())
    }

    #[napi(catch_unwind)]
    pub fn clear_faults(&self, env: &Env) -> Result<()> {
        self.server(env)?.clear_faults();
        Ok(())
    }

    #[napi(catch_unwind)]
    pub fn clear_requests(&self, env: &Env) -> Result<()> {
        self.server(env)?.clear_requests();
        Ok(())
    }

    /// ourganize's requests per window, from now on.
    #[napi(catch_unwind)]
    pub fn set_rate_limit(&self, env: &Env, limit: u32) -> Result<()> {
        self.server(env)?.set_rate_limit(limit);
        Ok(())
    }

    /// Stops the server (idempotent).
    #[napi(catch_unwind)]
    pub fn close(&mut self) {
        self.inner = None;
    }
}

macro_rules! seed_json {
    ($($name:ident),* $(,)?) => {
{
        let mut all = serde_json::Map::new();
        $(all.insert(stringify!($name).into(), serde_json::json!(seed::$name));)*
        Value::Object(all)
    }
    };
}

/// The seeded data and credentials the mock accepts (`orgkit::testing::seed`), as JSON.
#[napi(catch_unwind)]
pub fn mock_seed() -> String {
    seed_json!(
        OURGANIZE_ADMIN_KEY,
        OURGANIZE_MEMBER_KEY,
        OURGANIZE_ADMIN_USER_ID,
        OURGANIZE_ADMIN_EMAIL,
        OURGANIZE_MEMBER_USER_ID,
        OURGANIZE_MEMBER_EMAIL,
        OURGANIZE_USER_COUNT,
        OURGANIZE_PROJECT_COUNT,
        OURGANIZE_DEFAULT_RATE_LIMIT,
        ORGSTACK_ADMIN_USERNAME,
        ORGSTACK_ADMIN_PASSWORD,
        ORGSTACK_ADMIN_TOKEN,
        ORGSTACK_VIEWER_USERNAME,
        ORGSTACK_VIEWER_PASSWORD,
        ORGSTACK_VIEWER_TOKEN,
        ORGSTACK_ORG_COUNT,
        ACHIEVEAPEX_OWNER_EMAIL,
        ACHIEVEAPEX_OWNER_PASSWORD,
        ACHIEVEAPEX_OWNER_USER_ID,
        ACHIEVEAPEX_OWNER_TOKEN,
        ACHIEVEAPEX_API_KEY,
        ACHIEVEAPEX_MEMBER_EMAIL,
        ACHIEVEAPEX_MEMBER_PASSWORD,
        ACHIEVEAPEX_MEMBER_USER_ID,
        ACHIEVEAPEX_MEMBER_TOKEN,
        ACHIEVEAPEX_ORG_COUNT,
        KAANA_ADMIN_SID,
        KAANA_CONSULTANT_SID,
        KAANA_VIEWER_SID,
        KAANA_API_KEY,
        KAANA_ORG_COUNT,
        PM415_ADMIN_USER_ID,
        PM415_ADMIN_EMAIL,
        PM415_ADMIN_PASSWORD,
        PM415_ADMIN_API_KEY,
        PM415_MEMBER_USER_ID,
        PM415_MEMBER_EMAIL,
        PM415_MEMBER_PASSWORD,
        PM415_MEMBER_API_KEY,
        PM415_LEAD_USER_ID,
        PM415_LEAD_EMAIL,
        PM415_LEAD_PASSWORD,
        PM415_LEAD_API_KEY,
        PM415_ORG_ACME,
        PM415_ORG_GLOBEX,
        PM415_ORG_INITECH,
        PM415_INVITE_TOKEN,
        PM415_INVITE_EMAIL,
    )
    .to_string()
}
