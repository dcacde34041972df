//! The command tree, built at run time from [`crate::api::surface`]: one
//! command per resource (its scope as positionals), one subcommand per
//! operation (kebab-case) with the operation's doc as its help; plus the
//! built-in commands. A new operation in the table needs no code here.

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, Command};

use super::args::{cli_doc, kebab, op_slots, summary, Place, Slot};
use super::errors::exit_code_help;
use crate::api::Surface;
use crate::config::Provider;
use crate::operation::{OperationSpec, ResourceSpec, Returns};

/// Ids of the options every command takes.
pub(crate) mod global {
    pub const PROVIDER: &str = "provider";
    pub const PROFILE: &str = "profile";
    pub const BASE_URL: &str = "base_url";
    pub const TOKEN: &str = "token";
    pub const API_KEY: &str = "api_key";
    pub const SESSION_COOKIE: &str = "session_cookie";
    pub const JSON: &str = "json";
    pub const JSONL: &str = "jsonl";
    pub const TABLE: &str = "table";
    pub const SHOW_SECRETS: &str = "show_secrets";
    pub const COLUMNS: &str = "columns";
    pub const TIMEOUT: &str = "timeout";
    pub const MAX_RETRIES: &str = "max_retries";
    pub const VERBOSE: &str = "verbose";
    pub const QUIET: &str = "quiet";
}

/// The id of a list operation's `--all`.
pub(crate) const ALL: &str = "@:all";

/// The commands that are not operations.
#[cfg(test)]
pub(crate) const BUILTINS: &[&str] = &[
    "capabilities",
    "request",
    "config",
    "webhooks",
    "mock",
    "completions",
];

const ABOUT: &str =
    "Every operation of ourganize, orgstack, achieveapex, kaana and pm415, from the terminal.";

fn long_about() -> String {
    format!(
        "{ABOUT}

  orgkit [OPTIONS] <RESOURCE> [SCOPE...] <OPERATION> [ARGS...] [--FLAGS]

  orgkit --provider pm415 organizations list
  orgkit members 12 set-role 4 admin
  orgkit projects create --name X --settings.is-public false
  orgkit projects list --all --jsonl

Commands are generated from orgkit's operation table: positional values in
order, an input's fields as --flags (nested ones dotted), list options as
--limit/--page/--skip/--search/--status/--sort/--order/--filter KEY=VALUE.

Configuration, first found wins: the flags --provider, --base-url, --token,
--api-key, --session-cookie; then ORGKIT_PROVIDER and ORGKIT_<PROVIDER>_TOKEN /
_API_KEY / _SESSION_COOKIE / _BASE_URL; then the profile (--profile,
ORGKIT_PROFILE, else \"default\") in ~/.config/orgkit/config.toml
($XDG_CONFIG_HOME/orgkit/config.toml, or the file ORGKIT_CONFIG names), kept
with mode 0600. `orgkit auth login` stores the token it gets there.

Output: a table on a terminal, JSON when piped or with --json, one JSON object
per line with --jsonl. Secret fields (tokens, invite links) show as
[redacted] unless --show-secrets."
    )
}

fn global_args() -> Vec<Arg> {
    use global::*;
    let providers: Vec<&'static str> = Provider::ALL.iter().map(|p| p.as_str()).collect();
    let g = |id: &'static str, long: &'static str, help: &'static str| {
        Arg::new(id)
            .long(long)
            .help(help)
            .global(true)
            .help_heading("Global options")
    };
    vec![
        g(
            PROVIDER,
            "provider",
            "The API to talk to [env ORGKIT_PROVIDER, or the profile's]",
        )
        .value_name("PROVIDER")
        .value_parser(PossibleValuesParser::new(providers))
        .ignore_case(true),
        g(
            PROFILE,
            "profile",
            "The profile in the config file [env ORGKIT_PROFILE; default \"default\"]",
        )
        .value_name("NAME"),
        g(
            BASE_URL,
            "base-url",
            "The provider's base URL [env ORGKIT_<PROVIDER>_BASE_URL]",
        )
        .value_name("URL"),
        g(
            TOKEN,
            "token",
            "A bearer token [env ORGKIT_<PROVIDER>_TOKEN]",
        )
        .value_name("TOKEN"),
        g(
            API_KEY,
            "api-key",
            "An API key [env ORGKIT_<PROVIDER>_API_KEY]",
        )
        .value_name("KEY"),
        g(
            SESSION_COOKIE,
            "session-cookie",
            "A session cookie (kaana) [env ORGKIT_<PROVIDER>_SESSION_COOKIE]",
        )
        .value_name("SID"),
        g(
            JSON,
            "json",
            "Print JSON (the default when stdout is not a terminal)",
        )
        .action(ArgAction::SetTrue)
        .conflicts_with_all([JSONL, TABLE]),
        g(
            JSONL,
            "jsonl",
            "Print one JSON object per line, as items arrive",
        )
        .action(ArgAction::SetTrue)
        .conflicts_with(TABLE),
        g(TABLE, "table", "Print a table (the default on a terminal)").action(ArgAction::SetTrue),
        g(COLUMNS, "columns", "The table's columns, comma-separated")
            .value_name("FIELDS")
            .value_delimiter(','),
        g(
            SHOW_SECRETS,
            "show-secrets",
            "Show secret fields (invite tokens and links) instead of [redacted]",
        )
        .action(ArgAction::SetTrue),
        g(TIMEOUT, "timeout", "Seconds per attempt").value_name("SECS"),
        g(
            MAX_RETRIES,
            "max-retries",
            "Attempts after the first one (default 2)",
        )
        .value_name("N"),
        g(
            VERBOSE,
            "verbose",
            "Log each call on stderr (-vv: each attempt)",
        )
        .short('v')
        .action(ArgAction::Count),
        g(QUIET, "quiet", "No notes or progress on stderr")
            .short('q')
            .action(ArgAction::SetTrue),
    ]
}

/// The whole command tree.
pub(crate) fn root(surface: &Surface) -> Command {
    let mut root = Command::new("orgkit")
        .version(env!("CARGO_PKG_VERSION"))
        .about(ABOUT)
        .long_about(long_about())
        .after_help("`orgkit --help` also shows configuration and the exit codes.")
        .after_long_help(exit_code_help())
        .subcommand_required(true)
        .arg_required_else_help(true)
        .disable_help_subcommand(true)
        .args(global_args());
    for r in &surface.resources {
        root = root.subcommand(resource_command(surface, r));
    }
    root = root.subcommands(super::builtin_commands());
    // Built-ins that belong to a resource of the surface (`auth logout`).
    let extra = super::builtin_resource_commands();
    for (resource, cmd) in extra {
        root = root.mut_subcommand(resource, |r| r.subcommand(cmd));
    }
    root
}

fn resource_command(surface: &Surface, r: &ResourceSpec) -> Command {
    let mut cmd = Command::new(r.name)
        .about(summary(&r.doc))
        .long_about(cli_doc(&r.doc))
        .subcommand_required(true)
        .arg_required_else_help(true)
        .subcommand_value_name("OPERATION")
        .subcommand_help_heading("Operations");
    for op in &r.operations {
        cmd = cmd.subcommand(op_command(surface, r, op));
    }
    // The scope is the same for every operation; take it from the first.
    if let Some(op) = r.operations.first() {
        for slot in op_slots(surface, r, op)
            .iter()
            .filter(|s| s.place == Place::Scope)
        {
            cmd = cmd.arg(clap_arg(slot));
        }
    }
    cmd
}

/// The command name of an operation (`set_role` → `set-role`).
pub(crate) fn op_command_name(op: &OperationSpec) -> String {
    kebab(op.method)
}

fn returns_text(r: &Returns) -> String {
    match r {
        Returns::Nothing => "nothing".into(),
        Returns::One(m) => format!("one {m}"),
        Returns::Many(m) => format!("a list of {m}"),
        Returns::Page(m) => format!("a list of {m}, page by page (--all walks every page)"),
    }
}

fn op_command(surface: &Surface, r: &ResourceSpec, op: &OperationSpec) -> Command {
    let supported: Vec<&str> = surface
        .providers
        .iter()
        .filter(|p| p.capabilities.contains(&op.name))
        .map(|p| p.name)
        .collect();
    let long = format!(
        "{}\n\nReturns {}.\nSupported by: {}.\nOperation: {}",
        cli_doc(&op.doc),
        returns_text(&op.returns),
        if supported.is_empty() {
            "no provider yet".to_string()
        } else {
            supported.join(", ")
        },
        op.name,
    );
    let mut cmd = Command::new(op_command_name(op))
        .about(summary(&op.doc))
        .long_about(long);
    if op.method.contains('_') {
        cmd = cmd.alias(op.method);
    }
    let lists = matches!(op.returns, Returns::Page(_));
    for slot in op_slots(surface, r, op)
        .iter()
        .filter(|s| s.place != Place::Scope)
    {
        let mut arg = clap_arg(slot);
        if lists && slot.path == ["limit"] {
            arg = arg.help(format!("{}; also the most items printed", slot.help));
        }
        cmd = cmd.arg(arg);
        if slot.secret && slot.place == Place::Flag {
            cmd = cmd.arg(
                Arg::new(slot.stdin_id())
                    .long(format!("{}-stdin", slot.long))
                    .action(ArgAction::SetTrue)
                    .conflicts_with(slot.id.clone())
                    .help(format!(
                        "Read {} from the first line of stdin",
                        slot.shown()
                    )),
            );
        }
    }
    if lists {
        cmd = cmd.arg(
            Arg::new(ALL)
                .long("all")
                .action(ArgAction::SetTrue)
                .help("Walk every page (a progress bar on stderr when it is a terminal); --limit N stops after N items"),
        );
    }
    cmd
}

/// The clap argument of a slot.
fn clap_arg(slot: &Slot) -> Arg {
    let mut arg = Arg::new(slot.id.clone())
        .value_name(slot.value_name.clone())
        .help(slot.help.clone());
    if slot.place == Place::Flag {
        arg = arg.long(slot.long.clone());
        for alias in &slot.aliases {
            arg = arg.alias(alias.clone());
        }
    }
    // A missing secret is asked for, so clap must not reject it.
    arg = arg.required(slot.required && !slot.secret);
    if slot.many() {
        arg = arg.action(ArgAction::Append);
        if slot.place != Place::Flag {
            arg = arg.num_args(1..);
        }
    } else {
        arg = arg.action(ArgAction::Set);
        if slot.place == Place::Flag && slot.ty == crate::models::describe::Ty::Bool {
            // `--flag` alone means true; `--flag false` is read as given.
            arg = arg.num_args(0..=1).default_missing_value("true");
        }
    }
    arg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_is_consistent() {
        // clap's own checks: unique ids and flags, positional order, …
        root(&crate::api::surface()).debug_assert();
    }

    #[test]
    fn every_operation_has_a_command_with_its_doc() {
        let s = crate::api::surface();
        let mut root = root(&s);
        root.build();
        for r in &s.resources {
            let rc = root.find_subcommand(r.name).expect(r.name);
            for op in &r.operations {
                let oc = rc
                    .find_subcommand(op_command_name(op))
                    .unwrap_or_else(|| panic!("{}", op.name));
                let long = oc
                    .get_long_about()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
                assert!(long.contains(&cli_doc(&op.doc)), "{}: {long}", op.name);
                assert!(long.contains(op.name));
            }
        }
        for b in BUILTINS {
            assert!(
                s.resources.iter().all(|r| r.name != *b),
                "the built-in `{b}` would hide a resource"
            );
        }
    }
}
