//! The typed surface, derived from the operation table: one resource type
//! per resource (`client.projects()`, `client.members(org)`, …), one method
//! per operation returning a [`Request`], and the machine-readable
//! [`surface`] the bindings' generated files and the CLI come from.

mod surface;

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::BoxFuture;
use serde_json::{Map, Value};

pub use surface::{surface, Surface};

use crate::client::Client;
use crate::error::Result;
use crate::models::args::Style;
#[allow(unused_imports)]
use crate::models::{
    Document, Id, Invite, Login, Member, NewInvite, NewOrganization, NewProject, NewTask,
    Organization, OrganizationPatch, People, Project, ProjectPatch, Role, Session, Task, TaskPatch,
    TaskScope, User, UserPatch,
};
use crate::operation::{Call, FromOutput, Operation, Output};
use crate::options::RequestOptions;
use crate::pagination::{ListParams, Page};
use crate::response::Response;
use crate::route::Wire;
use crate::Secret;

/// What a request runs.
pub(crate) enum What {
    /// A typed call.
    Call(Call),
    /// An operation with JSON arguments, read when it runs.
    Args {
        operation: Operation,
        args: Map<String, Value>,
    },
    /// A raw request.
    Raw(Wire),
}

/// One call about to be made: await it for the typed result, or set
/// per-request options first. Nothing is sent until it is awaited.
///
/// ```no_run
/// # async fn demo(client: orgkit::Client) -> orgkit::Result<()> {
/// use std::time::Duration;
/// let project = client.projects().get(42).await?;
/// let again = client
///     .projects()
///     .get(42)
///     .timeout(Duration::from_secs(2))
///     .max_retries(0)
///     .header("x-trace-id", "abc")
///     .with_response()
///     .await?;
/// println!("{} after {} attempt(s)", again.info.status, again.info.attempts);
/// # Ok(()) }
/// ```
#[must_use = "a request does nothing until it is awaited"]
pub struct Request<T> {
    client: Client,
    what: Option<What>,
    options: RequestOptions,
    style: Style,
    /// Once polled: the call under way.
    running: Option<BoxFuture<'static, Result<Response<Output>>>>,
    _returns: PhantomData<fn() -> T>,
}

impl<T> std::fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match &self.what {
            Some(What::Call(c)) => c.operation().as_str(),
            Some(What::Args { operation, .. }) => operation.as_str(),
            Some(What::Raw(_)) => "request",
            None => "(running)",
        };
        f.debug_struct("Request")
            .field("operation", &what)
            .field("options", &self.options)
            .finish()
    }
}

impl<T: FromOutput> Request<T> {
    pub(crate) fn new(client: Client, what: What) -> Self {
        Request {
            client,
            what: Some(what),
            options: RequestOptions::default(),
            style: Style::Snake,
            running: None,
            _returns: PhantomData,
        }
    }

    /// Per-request options; each one set wins over the client's (and over
    /// one set before on this request).
    pub fn with(mut self, options: RequestOptions) -> Self {
        let o = &mut self.options;
        o.timeout = options.timeout.or(o.timeout);
        o.deadline = options.deadline.or(o.deadline);
        o.max_retries = options.max_retries.or(o.max_retries);
        o.idempotency_key = options.idempotency_key.or(o.idempotency_key.take());
        o.headers.extend(options.headers);
        self
    }

    /// The per-attempt timeout of this call.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.options.timeout = Some(d);
        self
    }

    /// The deadline of this call, retries and backoff included.
    pub fn deadline(mut self, d: Duration) -> Self {
        self.options.deadline = Some(d);
        self
    }

    /// Attempts after the first one, for this call.
    pub fn max_retries(mut self, n: u32) -> Self {
        self.options.max_retries = Some(n);
        self
    }

    /// One more header on this call.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// The `Idempotency-Key` of this POST/PATCH, which makes it retryable.
    pub fn idempotency_key(mut self, key: impl Into<String>) -> Self {
        self.options.idempotency_key = Some(key.into());
        self
    }

    /// How argument names are spelt in errors (the Node binding asks for camelCase).
    pub fn arg_style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// The typed result with the HTTP answer it came from: status,
    /// headers, request id, attempts, rate limit.
    pub fn with_response(mut self) -> impl Future<Output = Result<Response<T>>> + Send + 'static {
        let run = self.start();
        async move {
            let response = run.await?;
            let info = response.info;
            T::from_output(response.data).map(|data| Response { data, info })
        }
    }

    fn start(&mut self) -> BoxFuture<'static, Result<Response<Output>>> {
        let engine = self.client.engine.clone();
        let (options, style) = (std::mem::take(&mut self.options), self.style);
        match self.what.take() {
            None => Box::pin(async {
                Err(crate::Error::new(
                    crate::ErrorKind::InvalidArgument,
                    "this request was already sent",
                ))
            }) as BoxFuture<'static, _>,
            Some(What::Call(call)) => engine.execute(call, options, style),
            Some(What::Raw(wire)) => engine.raw(wire, options),
            Some(What::Args { operation, args }) => {
                match Call::from_args(operation, &args, style) {
                    Ok(call) => engine.execute(call, options, style),
                    Err(e) => {
                        let e = e
                            .with_context(engine.dialect.provider().as_str(), operation.as_str())
                            .scrubbed(&engine.secrets);
                        Box::pin(async move { Err(e) }) as BoxFuture<'static, _>
                    }
                }
            }
        }
    }
}

/// A request is a future: `client.projects().get(1).await`, or hand it to
/// `tokio::spawn`. It starts when first polled.
impl<T: FromOutput> Future for Request<T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        let this = &mut *self;
        if this.running.is_none() {
            this.running = Some(this.start());
        }
        let Some(fut) = this.running.as_mut() else {
            return Poll::Pending;
        };
        fut.as_mut()
            .poll(cx)
            .map(|r| r.and_then(|response| T::from_output(response.data)))
    }
}

impl Client {
    /// Checks, sending nothing, that the provider has `operation` and that
    /// `args` are valid for it — what [`Client::call`] would check first.
    /// The bindings check a list's arguments when the list is created.
    pub fn check_call(
        &self,
        operation: Operation,
        args: &Map<String, Value>,
        style: Style,
    ) -> Result<()> {
        let engine = &self.engine;
        let checked = (|| {
            engine.check_open()?;
            engine.check_supported(operation)?;
            let call = Call::from_args(operation, args, style)?;
            call.validate(style)?;
            if operation.lists() {
                engine.check_list_options(&call)?;
            }
            Ok(())
        })();
        checked.map_err(|e: crate::Error| {
            e.with_context(engine.dialect.provider().as_str(), operation.as_str())
                .scrubbed(&engine.secrets)
        })
    }
}

impl FromOutput for Output {
    fn from_output(out: Output) -> Result<Self> {
        Ok(out)
    }
}

macro_rules! ret_type {
    (one $t:ty) => { $t };
    (none $t:ty) => { () };
    (page $t:ty) => { Page<$t> };
    (many $t:ty) => { Vec<$t> };
}

/// How a Rust method takes a parameter: a value by anything that converts
/// into it (`42`, `"org_7"`, `&[ids]`, `Role::Admin`, `"admin"`); an input
/// by its own type (so `Default::default()` works).
macro_rules! rust_param {
    (Id) => { impl Into<Id> };
    (Role) => { impl Into<Role> };
    (Secret) => { impl Into<Secret> };
    (String) => { impl Into<String> };
    (People) => { impl Into<People> };
    ($input:ident) => { $input };
}

macro_rules! define_resources {
    (
        ops: [$({
            [$(#[doc = $odoc:literal])*] $res:ident $Res:ident $Variant:ident $method:ident
            ( $( $(#[doc = $sdoc:literal])* $scope:ident : $sty:ty ),* $(,)? )
            ( $(
                $(#[doc = $pdoc:literal])*
                $param:ident : $pty:ident $([$($check:ident),*])? $(= $default:literal)?
            ),* $(,)? )
            $kind:ident ($ret:ty)
        })*]
        resources: [$({
            [$(#[doc = $rdoc:literal])*] $rres:ident $RRes:ident
            ( $( $(#[doc = $rsdoc:literal])* $rscope:ident : $rsty:ty ),* $(,)? )
        })*]
    ) => {
        $(
            $(#[doc = $rdoc])*
            #[derive(Clone, Debug)]
            pub struct $RRes {
                client: Client,
                $($rscope: $rsty,)*
            }

            impl Client {
                #[doc = concat!("The ", stringify!($rres), " resource: see [`", stringify!($RRes), "`].")]
                pub fn $rres(&self, $($rscope: impl Into<$rsty>),*) -> $RRes {
                    $RRes {
                        client: self.clone(),
                        $($rscope: $rscope.into(),)*
                    }
                }
            }
        )*

        $(
            impl $Res {
                $(#[doc = $odoc])*
                ///
                /// Parameters:
                $(
                    #[doc = concat!("- `", stringify!($param), "`:")]
                    $(#[doc = $pdoc])*
                )*
                pub fn $method(&self, $($param: rust_param!($pty)),*) -> Request<ret_type!($kind $ret)> {
                    Request::new(
                        self.client.clone(),
                        What::Call(Call::$Variant {
                            $($scope: self.$scope.clone(),)*
                            $($param: $param.into(),)*
                        }),
                    )
                }
            }
        )*
    };
}

crate::operation_table!(define_resources);

/// `Secret` and `ListParams` are named by the table.
#[allow(dead_code)]
type TableTypes = (Secret, ListParams, Id);
