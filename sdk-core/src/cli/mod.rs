//! The `orgkit` command line: every operation of every provider, generated
//! at run time from the same declaration as the Rust, Python and Node
//! surfaces ([`crate::api::surface`]), so a new operation needs no CLI code.
//!
//! ```text
//! orgkit [OPTIONS] <RESOURCE> [SCOPE...] <OPERATION> [VALUES...] [--FIELD VALUE...]
//!
//! orgkit --provider pm415 organizations list
//! orgkit members 12 set-role 4 admin              # scope 12, then person and role
//! orgkit projects create --name X --settings.is-public false
//! orgkit projects list --status active --all --jsonl
//! orgkit auth login --email me@example.com         # asks for the password
//! orgkit capabilities | request GET /path | config show|set|unset|path
//! orgkit webhooks sign|verify | mock | completions bash|zsh|fish
//! ```
//!
//! - A resource's scope (`members <ORGANIZATION_ID>`) and an operation's
//!   value parameters are positional, in declaration order; an input's
//!   fields are `--flags` (kebab-case, nested ones dotted), typed by the
//!   surface: ids, `true`/`false`, RFC 3339 times, JSON for `metadata`,
//!   `KEY=VALUE` for maps (`--filter status=open`), repeated or
//!   comma-separated lists. A bad value is an error naming its flag.
//! - Configuration: flags first (`--provider`, `--base-url`, `--token`,
//!   `--api-key`, `--session-cookie`), then `ORGKIT_PROVIDER` and
//!   `ORGKIT_<PROVIDER>_*`, then the profile (`--profile`, `ORGKIT_PROFILE`,
//!   else `default`) in `~/.config/orgkit/config.toml` (or
//!   `$XDG_CONFIG_HOME/orgkit/config.toml`, or the file `$ORGKIT_CONFIG`
//!   names), which is written with mode 0600. A call that gives the client a
//!   new token (`auth login`, `invites accept`, pm415's `organizations
//!   switch`) stores it in the profile.
//! - Output: a table on a terminal, JSON when piped or with `--json`,
//!   `--jsonl` streams one item per line; `--all` walks every page with a
//!   progress bar on stderr (only when stderr is a terminal); `--limit N`
//!   stops after N items. Secret fields print as `[redacted]` unless
//!   `--show-secrets`; credentials never print.
//! - Errors print the typed error on stderr (as JSON with `--json`) and
//!   exit with the code of its kind: see [`EXIT_CODES`] and [`exit_code`].

mod args;
mod commands;
mod config;
mod errors;
mod mock;
mod output;
mod progress;
mod terminal_text;
mod webhooks;

use std::io::{IsTerminal as _, Write as _};
use std::sync::Arc;
use std::time::Duration;

use clap::{Arg, ArgAction, ArgMatches, Command};
use futures::StreamExt as _;
use serde_json::{json, Value};

pub use errors::{exit_code, EXIT_CODES};

use args::{op_slots, Place, Slot};
use commands::global;
use config::{Settings, Source};
use errors::{bad_arg, CliError};
use output::{Format, Printer};
use progress::Progress;

use crate::api::Surface;
use crate::config::Provider;
use crate::error::Error;
use crate::log::{LogLevel, StderrSink};
use crate::operation::{Operation, OperationSpec, Output, Returns};
use crate::secret::Secrets;
use crate::Client;

/// Runs the command line `args` (the program name first, as
/// `std::env::args()` gives them), writing to stdout and stderr, and
/// returns the exit code. It builds its own single-threaded runtime, so it
/// can be called from any thread, with or without a tokio runtime around it
/// (the Python and Node packages call it from their native code).
///
/// ```
/// assert_eq!(orgkit::cli::run(vec!["orgkit".into(), "--version".into()]), 0);
/// assert_eq!(orgkit::cli::run(vec!["orgkit".into(), "no-such-command".into()]), 2);
/// ```
pub fn run(args: Vec<String>) -> i32 {
    if tokio::runtime::Handle::try_current().is_ok() {
        // Blocking inside a runtime would panic: use a thread of our own.
        return std::thread::scope(|s| s.spawn(|| run_here(args)).join().unwrap_or(1));
    }
    run_here(args)
}

fn run_here(args: Vec<String>) -> i32 {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| main(args))).unwrap_or(1)
}

/// The values that follow a credential flag on the command line, to be
/// hidden from anything printed (clap quotes arguments it rejects).
fn argv_secrets(surface: &Surface, args: &[String]) -> Vec<String> {
    let mut flags: Vec<String> = ["--token", "--api-key", "--session-cookie", "--secret"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    for r in &surface.resources {
        for op in &r.operations {
            for s in op_slots(surface, r, op).iter().filter(|s| s.secret) {
                flags.push(s.shown());
            }
        }
    }
    let mut out = Vec::new();
    for (i, a) in args.iter().enumerate() {
        for f in &flags {
            if a == f {
                if let Some(v) = args.get(i + 1) {
                    out.push(v.clone());
                }
            } else if let Some(v) = a.strip_prefix(&format!("{f}=")) {
                out.push(v.to_string());
            }
        }
    }
    out
}

fn main(args: Vec<String>) -> i32 {
    let surface = crate::api::surface();
    let hidden = argv_secrets(&surface, &args);
    let matches = match commands::root(&surface).try_get_matches_from(&args) {
        Ok(m) => m,
        Err(e) => {
            let text =
                Secrets::pinned(hidden.iter().map(String::as_str)).scrub(&e.render().to_string());
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                let mut out = std::io::stdout().lock();
                let _ = out.write_all(text.as_bytes()).and_then(|_| out.flush());
            }
            return e.exit_code();
        }
    };
    let mut ctx = match Ctx::new(&surface, &matches) {
        Ok(c) => c,
        Err(e) => {
            e.report(
                false,
                &Secrets::pinned(hidden.iter().map(String::as_str)),
                &|f| f.to_string(),
            );
            return e.code();
        }
    };
    ctx.secrets.extend(hidden);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return 1;
        }
    };
    let result = runtime.block_on(dispatch(&mut ctx, &matches));
    // Nothing left running (a DNS lookup, say) may hold up the exit.
    runtime.shutdown_background();
    match result {
        Ok(()) => 0,
        Err(e) => {
            let secrets = Secrets::pinned(ctx.secrets.iter().map(String::as_str));
            let slots = ctx.slots.clone();
            e.report(ctx.json_errors, &secrets, &|field| {
                args::shown_for(&slots, field)
            });
            e.code()
        }
    }
}

/// The options of this run, and what it has learnt on the way.
struct Ctx<'s> {
    surface: &'s Surface,
    flags: config::Flags,
    format: Format,
    /// `--json`/`--jsonl` given: errors as JSON too.
    json_errors: bool,
    show_secrets: bool,
    columns: Option<Vec<String>>,
    timeout: Option<Duration>,
    max_retries: Option<u32>,
    verbose: u8,
    quiet: bool,
    /// Every secret value in play, hidden from what is printed.
    secrets: Vec<String>,
    /// The arguments of the operation being run (to name them in errors).
    slots: Vec<Slot>,
}

/// The matches of the innermost subcommand (where global options land).
fn leaf(m: &ArgMatches) -> &ArgMatches {
    let mut cur = m;
    while let Some((_, sub)) = cur.subcommand() {
        cur = sub;
    }
    cur
}

impl<'s> Ctx<'s> {
    fn new(surface: &'s Surface, m: &ArgMatches) -> Result<Ctx<'s>, CliError> {
        let g = leaf(m);
        let text = |id: &str| g.try_get_one::<String>(id).ok().flatten().cloned();
        let flag = |id: &str| {
            g.try_get_one::<bool>(id)
                .ok()
                .flatten()
                .copied()
                .unwrap_or(false)
        };
        let (json, jsonl, table) = (flag(global::JSON), flag(global::JSONL), flag(global::TABLE));
        let format = if json {
            Format::Json
        } else if jsonl {
            Format::Jsonl
        } else if table || std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Json
        };
        let timeout = match text(global::TIMEOUT) {
            Some(t) => match t.trim().parse::<f64>() {
                Ok(secs) if secs.is_finite() && secs > 0.0 => {
                    Some(Duration::try_from_secs_f64(secs).map_err(|_| {
                        bad_arg(
                            "--timeout",
                            format!("{t:?} seconds is longer than a duration holds"),
                        )
                    })?)
                }
                _ => {
                    return Err(bad_arg(
                        "--timeout",
                        format!("expected seconds above 0, got {t:?}"),
                    ))
                }
            },
            None => None,
        };
        let max_retries = match text(global::MAX_RETRIES) {
            Some(n) => Some(n.trim().parse::<u32>().map_err(|_| {
                bad_arg(
                    "--max-retries",
                    format!("expected a whole number, got {n:?}"),
                )
            })?),
            None => None,
        };
        Ok(Ctx {
            surface,
            flags: config::Flags {
                provider: text(global::PROVIDER),
                profile: text(global::PROFILE),
                base_url: text(global::BASE_URL),
                token: text(global::TOKEN),
                api_key: text(global::API_KEY),
                session_cookie: text(global::SESSION_COOKIE),
            },
            format,
            json_errors: json || jsonl,
            show_secrets: flag(global::SHOW_SECRETS),
            columns: g
                .try_get_many::<String>(global::COLUMNS)
                .ok()
                .flatten()
                .map(|v| v.cloned().collect()),
            timeout,
            max_retries,
            verbose: g
                .try_get_one::<u8>(global::VERBOSE)
                .ok()
                .flatten()
                .copied()
                .unwrap_or(0),
            quiet: flag(global::QUIET),
            secrets: Vec::new(),
            slots: Vec::new(),
        })
    }

    fn printer(&self) -> Printer<'s> {
        Printer::new(
            self.surface,
            self.format,
            self.show_secrets,
            self.columns.clone(),
        )
    }

    /// A note for people on stderr (not with `--quiet`).
    fn note(&self, text: &str) {
        if !self.quiet {
            let secrets = Secrets::pinned(self.secrets.iter().map(String::as_str));
            eprintln!("{}", terminal_text::cell(&secrets.scrub(text)));
        }
    }

    /// The settings in effect; their secrets join the ones to hide.
    fn settings(&mut self) -> Result<Settings, CliError> {
        let s = Settings::resolve(&self.flags)?;
        self.secrets.extend(s.secrets());
        Ok(s)
    }

    fn provider(&self, s: &Settings) -> Result<Provider, CliError> {
        s.provider.as_ref().map(|(p, _)| *p).ok_or_else(|| {
            let names: Vec<&str> = Provider::ALL.iter().map(|p| p.as_str()).collect();
            CliError::Usage(format!(
                "no provider: pass --provider ({}), set ORGKIT_PROVIDER, or `orgkit config set provider …`",
                names.join(", ")
            ))
        })
    }

    fn client(&self, s: &Settings, provider: Provider) -> Result<Client, CliError> {
        let mut b = Client::builder(provider)
            .from_env(false)
            .user_agent(format!("orgkit-cli/{}", env!("CARGO_PKG_VERSION")));
        if let Some((url, _)) = &s.base_url {
            b = b.base_url(url.clone());
        }
        if let Some((t, _)) = &s.token {
            b = b.token(t.clone());
        }
        if let Some((k, _)) = &s.api_key {
            b = b.api_key(k.clone());
        }
        if let Some((c, _)) = &s.session_cookie {
            b = b.session_cookie(c.clone());
        }
        if let Some(t) = self.timeout {
            b = b.timeout(t);
        }
        if let Some(n) = self.max_retries {
            b = b.max_retries(n);
        }
        if self.verbose > 0 {
            let level = if self.verbose > 1 {
                LogLevel::Debug
            } else {
                LogLevel::Info
            };
            b = b.log_sink(Arc::new(StderrSink(level)));
        }
        Ok(b.build()?)
    }
}

/// The commands that are not operations of the surface.
pub(crate) fn builtin_commands() -> Vec<Command> {
    let key_help = format!(
        "One of {}",
        config::KEYS
            .iter()
            .map(|(k, _)| *k)
            .collect::<Vec<_>>()
            .join(", ")
    );
    vec![
        Command::new("capabilities")
            .about("Lists the operations the provider supports (all providers' without one)"),
        Command::new("request")
            .about("Sends any request with the client's auth, retries and errors; prints the JSON answer")
            .arg(Arg::new("method").required(true).value_name("METHOD").help("GET, POST, PUT, PATCH, DELETE, …"))
            .arg(Arg::new("path").required(true).value_name("PATH").help("Below the base URL, with any query string (/projects?status=active)"))
            .arg(
                Arg::new("data")
                    .long("data")
                    .short('d')
                    .value_name("JSON")
                    .help("The JSON body; @FILE reads a file, - reads stdin"),
            ),
        Command::new("config")
            .about("Shows and changes the profiles in the config file")
            .subcommand_required(true)
            .arg_required_else_help(true)
            .subcommand(
                Command::new("show")
                    .about("Prints the profile (secrets hidden) and the settings in effect, with where each comes from"),
            )
            .subcommand(
                Command::new("set")
                    .about("Sets a key of the profile (a secret left out is asked for, or read from stdin with -)")
                    .arg(Arg::new("key").required(true).value_name("KEY").help(key_help.clone()))
                    .arg(Arg::new("value").value_name("VALUE")),
            )
            .subcommand(
                Command::new("unset")
                    .about("Removes a key from the profile")
                    .arg(Arg::new("key").required(true).value_name("KEY").help(key_help)),
            )
            .subcommand(Command::new("path").about("Prints the config file's path")),
        webhooks::command(),
        mock::command(),
        Command::new("completions")
            .about("Prints a shell completion script: orgkit completions bash > /etc/bash_completion.d/orgkit")
            .arg(
                Arg::new("shell")
                    .required(true)
                    .value_name("SHELL")
                    .value_parser(clap::value_parser!(clap_complete::Shell)),
            ),
    ]
}

/// Built-ins that live under a resource of the surface.
pub(crate) fn builtin_resource_commands() -> Vec<(&'static str, Command)> {
    vec![(
        "auth",
        Command::new("logout")
            .about("Forgets the token stored in the profile")
            .arg(
                Arg::new("all")
                    .long("all")
                    .action(ArgAction::SetTrue)
                    .help("Forget every credential of the profile"),
            ),
    )]
}

async fn dispatch(ctx: &mut Ctx<'_>, m: &ArgMatches) -> Result<(), CliError> {
    let Some((name, sub)) = m.subcommand() else {
        return Err(CliError::Usage(
            "no command given; see `orgkit --help`".into(),
        ));
    };
    let result = match name {
        "capabilities" => capabilities(ctx),
        "request" => request(ctx, sub).await,
        "config" => config_command(ctx, sub),
        "webhooks" => {
            let (s, sm) = sub
                .subcommand()
                .ok_or_else(|| CliError::Usage("webhooks: sign or verify".into()))?;
            let mut printer = ctx.printer();
            webhooks::run(s, sm, &mut printer, &mut ctx.secrets)
        }
        "mock" => mock::run(sub, ctx.format).await,
        "completions" => completions(ctx, sub),
        resource => {
            let (op, op_m) = sub
                .subcommand()
                .ok_or_else(|| CliError::Usage(format!("{resource}: which operation?")))?;
            if resource == "auth" && op == "logout" {
                logout(ctx, op_m)
            } else {
                call(ctx, resource, sub, op, op_m).await
            }
        }
    };
    match result {
        // `| head` closed stdout: nothing more to do, and nothing wrong.
        Err(CliError::Closed) => Ok(()),
        other => other,
    }
}

fn find_op<'a>(
    surface: &'a Surface,
    resource: &str,
    op: &str,
) -> Option<(&'a crate::ResourceSpec, &'a OperationSpec)> {
    let r = surface.resources.iter().find(|r| r.name == resource)?;
    let o = r
        .operations
        .iter()
        .find(|o| commands::op_command_name(o) == op || o.method == op)?;
    Some((r, o))
}

/// Runs one operation of the surface.
async fn call(
    ctx: &mut Ctx<'_>,
    resource: &str,
    resource_m: &ArgMatches,
    op_name: &str,
    op_m: &ArgMatches,
) -> Result<(), CliError> {
    let surface = ctx.surface;
    let (r, op) = find_op(surface, resource, op_name)
        .ok_or_else(|| CliError::Usage(format!("no operation {resource} {op_name}")))?;
    let operation: Operation = op.name.parse()?;
    ctx.slots = op_slots(surface, r, op);
    let mut settings = ctx.settings()?;
    let provider = ctx.provider(&settings)?;
    // Before anything is read, asked for or sent.
    let supported = surface
        .providers
        .iter()
        .any(|p| p.name == provider.as_str() && p.capabilities.contains(&op.name));
    if !supported {
        return Err(Error::unsupported(provider.as_str(), operation.as_str()).into());
    }
    let args = args::read_args(&ctx.slots, resource_m, op_m)?;
    for slot in ctx.slots.iter().filter(|s| s.secret) {
        if let Some(Value::String(s)) = slot
            .path
            .iter()
            .try_fold(&Value::Object(args.clone()), |v, k| v.get(*k))
        {
            ctx.secrets.push(s.clone());
        }
    }
    let client = ctx.client(&settings, provider)?;
    let before = client
        .current_credentials()
        .token
        .map(|t| t.expose().to_string());
    let lists = operation.lists();
    let all = lists && op_m.get_flag(commands::ALL);
    let cap = if lists {
        args.get("limit").and_then(Value::as_u64)
    } else {
        None
    };

    let out = client.call(operation, args).await?;

    if let Some(token) = client
        .current_credentials()
        .token
        .map(|t| t.expose().to_string())
    {
        if before.as_deref() != Some(token.as_str()) {
            ctx.secrets.push(token.clone());
            remember(ctx, &mut settings, op, &token)?;
        }
    }

    let mut printer = ctx.printer();
    match out {
        Output::Nothing => {
            if std::io::stderr().is_terminal() {
                ctx.note(&format!("done: {}", op.name));
            }
        }
        Output::One(m) => {
            let v = printer.model_value(&m);
            printer.one(Some(m.name()), &v)?;
        }
        Output::Json(v) => {
            let v = printer.json_value(v);
            printer.one(None, &v)?;
        }
        Output::Many(items) => {
            let mut list = printer.list(returns_model(&op.returns));
            for item in items {
                let v = printer.model_value(&item);
                list.item(&mut printer, v)?;
            }
            list.end(&mut printer)?;
        }
        Output::Page(page) => {
            let mut list = printer.list(returns_model(&op.returns));
            let full = |n: u64| cap.is_some_and(|c| n >= c);
            if !all {
                let (total, more) = (page.total, page.has_next());
                for item in page.items {
                    if full(list.count()) {
                        break;
                    }
                    let v = printer.model_value(&item);
                    list.item(&mut printer, v)?;
                }
                let shown = list.count();
                list.end(&mut printer)?;
                if more && printer.format == Format::Table {
                    let of = total.map(|t| format!(" of {t}")).unwrap_or_default();
                    ctx.note(&format!("{shown}{of} shown; more pages follow: --all walks them, --page N picks one"));
                }
            } else {
                let progress = Progress::new(!ctx.quiet && std::io::stderr().is_terminal());
                let mut progress = progress;
                let mut pages = std::pin::pin!(page.pages());
                while let Some(p) = pages.next().await {
                    let p = match p {
                        Ok(p) => p,
                        Err(e) => {
                            progress.finish();
                            let _ = printer.flush();
                            return Err(e.into());
                        }
                    };
                    let rate = p
                        .info
                        .as_ref()
                        .and_then(|i| i.rate_limit)
                        .or_else(|| client.rate_limit());
                    progress.page(p.items.len(), p.total, rate);
                    for item in p.items {
                        if full(list.count()) {
                            break;
                        }
                        let v = printer.model_value(&item);
                        list.item(&mut printer, v)?;
                    }
                    progress.suspend(|| printer.flush())?;
                    // Stop before the next page is even asked for.
                    if full(list.count()) {
                        break;
                    }
                }
                progress.finish();
                list.end(&mut printer)?;
            }
        }
        #[allow(unreachable_patterns)]
        _ => {
            return Err(CliError::Failed(format!(
                "{}: an answer this version cannot print",
                op.name
            )))
        }
    }
    Ok(())
}

fn returns_model(r: &Returns) -> &'static str {
    match r {
        Returns::One(m) | Returns::Page(m) | Returns::Many(m) => m,
        Returns::Nothing => "",
    }
}

/// A call gave the client a new token: a login or an accepted invite is
/// stored in the profile; so is a pm415 switch when the credentials came
/// from the profile (or there were none). A token that came from a flag
/// or a variable is left where it came from.
fn remember(
    ctx: &Ctx<'_>,
    settings: &mut Settings,
    op: &OperationSpec,
    token: &str,
) -> Result<(), CliError> {
    let logs_in = matches!(op.returns, Returns::One("Session"));
    let source = [&settings.token, &settings.api_key, &settings.session_cookie]
        .into_iter()
        .flatten()
        .map(|(_, s)| s.clone())
        .next();
    match source {
        Some(Source::Flag(_)) | Some(Source::Env(_)) if !logs_in => {
            ctx.note(&format!(
                "note: {} gave a new token; it was not stored, as the credentials came from {}",
                op.name,
                source.map(|s| s.to_string()).unwrap_or_default()
            ));
            Ok(())
        }
        _ => {
            settings.remember_token(token)?;
            ctx.note(&format!(
                "token stored in profile \"{}\" ({})",
                settings.profile_name,
                settings.config_path.display()
            ));
            Ok(())
        }
    }
}

/// `orgkit members <ORGANIZATION_ID> set-role <PERSON> <ROLE>`.
fn usage_line(surface: &Surface, r: &crate::ResourceSpec, op: &OperationSpec) -> String {
    let mut parts = vec!["orgkit".to_string(), r.name.to_string()];
    let slots = op_slots(surface, r, op);
    parts.extend(
        slots
            .iter()
            .filter(|s| s.place == Place::Scope)
            .map(Slot::shown),
    );
    parts.push(commands::op_command_name(op));
    for s in slots.iter().filter(|s| s.place == Place::Positional) {
        parts.push(if s.required {
            s.shown()
        } else {
            format!("[{}]", s.value_name)
        });
    }
    for s in slots
        .iter()
        .filter(|s| s.place == Place::Flag && s.required)
    {
        parts.push(format!("{} <{}>", s.shown(), s.value_name));
    }
    parts.join(" ")
}

fn capabilities(ctx: &mut Ctx<'_>) -> Result<(), CliError> {
    let settings = ctx.settings()?;
    let surface = ctx.surface;
    let mut printer = ctx.printer();
    let ops: Vec<(&crate::ResourceSpec, &OperationSpec)> = surface
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(move |o| (r, o)))
        .collect();
    match &settings.provider {
        Some((p, _)) => {
            let caps = surface
                .providers
                .iter()
                .find(|s| s.name == p.as_str())
                .map(|s| s.capabilities.clone())
                .unwrap_or_default();
            if printer.format == Format::Table {
                let mut list = printer.list("Capability");
                for (r, o) in ops.iter().filter(|(_, o)| caps.contains(&o.name)) {
                    let row = json!({"operation": o.name, "command": usage_line(surface, r, o)});
                    list.item(&mut printer, row)?;
                }
                list.end(&mut printer)?;
            } else {
                printer.one(None, &json!(caps))?;
            }
        }
        None => {
            if printer.format == Format::Table {
                let mut list = printer.list("Capability");
                for (_, o) in &ops {
                    let mut row = serde_json::Map::new();
                    row.insert("operation".into(), json!(o.name));
                    for p in &surface.providers {
                        let mark = if p.capabilities.contains(&o.name) {
                            "✓"
                        } else {
                            ""
                        };
                        row.insert(p.name.into(), json!(mark));
                    }
                    list.item(&mut printer, Value::Object(row))?;
                }
                list.end(&mut printer)?;
            } else {
                let by: serde_json::Map<String, Value> = surface
                    .providers
                    .iter()
                    .map(|p| (p.name.to_string(), json!(p.capabilities)))
                    .collect();
                printer.one(None, &Value::Object(by))?;
            }
        }
    }
    Ok(())
}

async fn request(ctx: &mut Ctx<'_>, m: &ArgMatches) -> Result<(), CliError> {
    let method = m.get_one::<String>("method").cloned().unwrap_or_default();
    let path = m.get_one::<String>("path").cloned().unwrap_or_default();
    let method = crate::Method::from_bytes(method.to_ascii_uppercase().as_bytes())
        .map_err(|_| bad_arg("<METHOD>", format!("{method:?} is not an HTTP method")))?;
    let body = match m.get_one::<String>("data") {
        None => None,
        Some(d) => {
            let text = if d == "-" {
                let mut s = String::new();
                std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)?;
                s
            } else if let Some(file) = d.strip_prefix('@') {
                std::fs::read_to_string(file)
                    .map_err(|e| CliError::Failed(format!("cannot read {file}: {e}")))?
            } else {
                d.clone()
            };
            Some(
                crate::models::args::json_text_arg(&text)
                    .map_err(|e| bad_arg("--data", format!("not valid JSON: {e}")))?,
            )
        }
    };
    let settings = ctx.settings()?;
    let provider = ctx.provider(&settings)?;
    let client = ctx.client(&settings, provider)?;
    let v = client.request(method, &path, body).await?;
    let mut printer = ctx.printer();
    let v = printer.json_value(v);
    printer.one(None, &v)?;
    Ok(())
}

fn config_command(ctx: &mut Ctx<'_>, m: &ArgMatches) -> Result<(), CliError> {
    let (sub, sm) = m
        .subcommand()
        .ok_or_else(|| CliError::Usage("config: show, set, unset or path".into()))?;
    let mut settings = ctx.settings()?;
    let key = || -> Result<&'static str, CliError> {
        let raw = sm
            .get_one::<String>("key")
            .map(|k| k.replace('-', "_"))
            .unwrap_or_default();
        config::KEYS
            .iter()
            .map(|(k, _)| *k)
            .find(|k| *k == raw)
            .ok_or_else(|| {
                let keys: Vec<&str> = config::KEYS.iter().map(|(k, _)| *k).collect();
                bad_arg(
                    "<KEY>",
                    format!("unknown key {raw:?}; one of {}", keys.join(", ")),
                )
            })
    };
    match sub {
        "path" => {
            let mut printer = ctx.printer();
            printer.text(&format!("{}\n", settings.config_path.display()))?;
            printer.flush()?;
        }
        "show" => show_config(ctx, &settings)?,
        "set" => {
            let key = key()?;
            let secret = config::KEYS.iter().any(|(k, s)| *k == key && *s);
            let value = match sm.get_one::<String>("value").cloned() {
                Some(v) if v == "-" && secret => args::read_stdin_line("<VALUE>")?,
                Some(v) => v,
                None if secret && std::io::stdin().is_terminal() => {
                    rpassword::prompt_password(format!("{key}: "))
                        .map_err(|e| CliError::Failed(format!("cannot read {key}: {e}")))?
                }
                None if secret => args::read_stdin_line("<VALUE>")?,
                None => return Err(bad_arg("<VALUE>", "is required")),
            };
            if secret {
                ctx.secrets.push(value.clone());
            }
            let value = match key {
                "provider" => value
                    .parse::<Provider>()
                    .map(|p| p.as_str().to_string())
                    .map_err(|_| bad_arg("<VALUE>", format!("unknown provider {value:?}")))?,
                "base_url" => {
                    let url = url::Url::parse(&value)
                        .map_err(|e| bad_arg("<VALUE>", format!("{value:?} is not a URL: {e}")))?;
                    if !matches!(url.scheme(), "http" | "https") {
                        return Err(bad_arg(
                            "<VALUE>",
                            format!("{value:?} is not an http(s) URL"),
                        ));
                    }
                    value
                }
                _ => value,
            };
            let shown = if secret {
                crate::REDACTED.to_string()
            } else {
                value.clone()
            };
            settings.update_profile(|p| p.set(key, Some(value)))?;
            ctx.note(&format!(
                "{key} = {shown} in profile \"{}\"",
                settings.profile_name
            ));
        }
        _ => {
            let key = key()?;
            settings.update_profile(|p| p.set(key, None))?;
            ctx.note(&format!(
                "{key} removed from profile \"{}\"",
                settings.profile_name
            ));
        }
    }
    Ok(())
}

fn show_config(ctx: &Ctx<'_>, s: &Settings) -> Result<(), CliError> {
    let profile = s.profile().redacted();
    let hide = |v: &config::Sourced, secret: bool| -> Value {
        match v {
            Some((value, source)) => json!({
                "value": if secret { crate::REDACTED.to_string() } else { value.clone() },
                "source": source.to_string(),
            }),
            None => Value::Null,
        }
    };
    let effective = json!({
        "provider": s.provider.as_ref().map(|(p, src)| json!({"value": p.as_str(), "source": src.to_string()})),
        "base_url": hide(&s.base_url, false),
        "token": hide(&s.token, true),
        "api_key": hide(&s.api_key, true),
        "session_cookie": hide(&s.session_cookie, true),
    });
    let others: Vec<&String> = s
        .config
        .profiles
        .keys()
        .filter(|k| **k != s.profile_name)
        .collect();
    let mut printer = ctx.printer();
    if printer.format != Format::Table {
        let v = json!({
            "path": s.config_path.display().to_string(),
            "profile": s.profile_name,
            "settings": serde_json::to_value(&profile).unwrap_or(Value::Null),
            "in_effect": effective,
            "other_profiles": others,
        });
        printer.one(None, &v)?;
        return Ok(());
    }
    let mut text = format!(
        "config file: {}{}\nprofile: {}\n\n",
        s.config_path.display(),
        if s.config_path.exists() {
            ""
        } else {
            " (not written yet)"
        },
        s.profile_name
    );
    let body = profile.to_toml();
    if body.trim().is_empty() {
        text.push_str("(the profile is empty)\n");
    } else {
        text.push_str(&format!("[profiles.{}]\n{body}", s.profile_name));
    }
    text.push_str("\nin effect (flags, then ORGKIT_* variables, then the profile):\n");
    for key in ["provider", "base_url", "token", "api_key", "session_cookie"] {
        if let Some(e) = effective.get(key).filter(|e| !e.is_null()) {
            let value = e["value"].as_str().unwrap_or_default();
            let source = e["source"].as_str().unwrap_or_default();
            text.push_str(&format!("  {key:<15} {value}  ({source})\n"));
        }
    }
    if !others.is_empty() {
        let names: Vec<&str> = others.iter().map(|s| s.as_str()).collect();
        text.push_str(&format!("\nother profiles: {}\n", names.join(", ")));
    }
    printer.text(&text)?;
    printer.flush()?;
    Ok(())
}

fn logout(ctx: &mut Ctx<'_>, m: &ArgMatches) -> Result<(), CliError> {
    let mut settings = ctx.settings()?;
    let all = m.get_flag("all");
    settings.update_profile(|p| {
        p.token = None;
        if all {
            p.api_key = None;
            p.session_cookie = None;
        }
    })?;
    ctx.note(&format!(
        "{} removed from profile \"{}\"",
        if all { "credentials" } else { "token" },
        settings.profile_name
    ));
    Ok(())
}

fn completions(ctx: &Ctx<'_>, m: &ArgMatches) -> Result<(), CliError> {
    let shell = *m
        .get_one::<clap_complete::Shell>("shell")
        .ok_or_else(|| bad_arg("<SHELL>", "is required"))?;
    let mut cmd = commands::root(ctx.surface);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "orgkit", &mut buf);
    let mut out = std::io::stdout().lock();
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn runs_from_inside_a_runtime_and_from_a_plain_thread() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let inside = rt.block_on(async { super::run(vec!["orgkit".into(), "--version".into()]) });
        assert_eq!(inside, 0);
        let plain = std::thread::spawn(|| {
            super::run(vec![
                "orgkit".into(),
                "mock".into(),
                "--port".into(),
                "x".into(),
            ])
        })
        .join()
        .unwrap();
        assert_eq!(plain, 2);
    }
}
