//! The Node package's generated files, from the SDK's surface:
//!
//! - `bindings-node/lib/resources.js`: one class per resource, one method
//!   per operation, each gathering its arguments into one object for the
//!   generic native entry (through the fixed layer in `lib/call.js`), and
//!   `ClientResources`, the accessors `Client` inherits;
//! - `bindings-node/lib/models.js`: what JS does to each model after
//!   `JSON.parse` (which fields are timestamps, nested models, secrets),
//!   read by the hand-written `lib/normalize.js`;
//! - `bindings-node/surface.d.ts`: every model, input, enum, resource,
//!   operation name and error kind, with the Rust docs as JSDoc
//!   (`index.d.ts` re-exports it).
//!
//! How an operation's parameters become JS arguments (the same rules the
//! conformance runner reads back from the surface):
//! - a value parameter (`id`, `person`, `role`, `people`, `token`) is
//!   positional, in declaration order;
//! - `named` value parameters together form one object argument (`params`),
//!   where the first of them is;
//! - an input parameter (`"fields"`: `NewOrganization`, `ProjectPatch`,
//!   `Login`, …) is one object argument holding the input's fields;
//! - a list's inputs (`ListParams`, `TaskScope`) are not arguments: their
//!   fields go into the list's one options object, with the request options;
//! - every call ends with an optional request options object.

use orgkit::api::Surface;
use orgkit::models::describe::{FieldSpec, ModelSpec, Ty};
use orgkit::{OperationSpec, ParamSpec, ResourceSpec, Returns};

use crate::text::{camel, pascal};
use crate::{Generated, HEADER};

/// The per-request options every call takes last (hand-written in `index.d.ts`).
const REQUEST_OPTIONS: &[&str] = &[
    "timeout",
    "deadline",
    "maxRetries",
    "headers",
    "idempotencyKey",
    "signal",
];

/// Error kinds only the Node binding has.
const NODE_ERROR_KINDS: &[(&str, &str)] = &[(
    "Aborted",
    "The call was cancelled through its `AbortSignal` (Node only).",
)];

pub fn generate(surface: &Surface) -> Vec<Generated> {
    check(surface);
    vec![
        Generated {
            path: "bindings-node/lib/resources.js",
            text: resources_js(surface),
        },
        Generated {
            path: "bindings-node/lib/models.js",
            text: models_js(surface),
        },
        Generated {
            path: "bindings-node/surface.d.ts",
            text: surface_dts(surface),
        },
    ]
}

// ----------------------------------------------------------------- signatures

/// One JS argument of an operation.
enum Arg<'a> {
    /// A positional value.
    Value(&'a ParamSpec),
    /// The object of the `named` value parameters.
    Named(Vec<&'a ParamSpec>),
    /// One object: an input's fields.
    Input(&'a ParamSpec),
}

/// An operation's JS signature.
struct Sig<'a> {
    args: Vec<Arg<'a>>,
    /// Inputs whose fields go into a list's options object.
    list_inputs: Vec<&'a ParamSpec>,
}

fn signature(op: &OperationSpec) -> Sig<'_> {
    let lists = matches!(op.returns, Returns::Page(_));
    let mut sig = Sig {
        args: Vec::new(),
        list_inputs: Vec::new(),
    };
    for p in &op.params {
        match (p.shape, p.named) {
            ("fields", _) if lists => sig.list_inputs.push(p),
            ("fields", _) => sig.args.push(Arg::Input(p)),
            (_, true) => match sig.args.iter_mut().find(|a| matches!(a, Arg::Named(_))) {
                Some(Arg::Named(group)) => group.push(p),
                _ => sig.args.push(Arg::Named(vec![p])),
            },
            _ => sig.args.push(Arg::Value(p)),
        }
    }
    sig
}

impl Arg<'_> {
    /// The JS parameter name.
    fn ident(&self) -> String {
        match self {
            Arg::Value(p) => camel(p.name),
            Arg::Named(_) => "params".to_string(),
            Arg::Input(p) => lower_first(p.input.unwrap_or(p.name)),
        }
    }

    fn required(&self) -> bool {
        match self {
            Arg::Value(p) | Arg::Input(p) => p.required,
            Arg::Named(group) => group.iter().any(|p| p.required),
        }
    }
}

fn lower_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn returned_model(r: &Returns) -> Option<&'static str> {
    match r {
        Returns::One(m) | Returns::Many(m) | Returns::Page(m) => Some(m),
        Returns::Nothing => None,
    }
}

fn find<'a>(surface: &'a Surface, name: &str) -> Option<&'a ModelSpec> {
    surface
        .models
        .iter()
        .chain(&surface.inputs)
        .find(|m| m.name == name)
}

/// The generator's own assumptions about the surface, checked so that a
/// change in the core that breaks them fails here, not in a user's code.
fn check(surface: &Surface) {
    for r in &surface.resources {
        for op in &r.operations {
            let sig = signature(op);
            for input in &sig.list_inputs {
                let spec = find(surface, input.input.unwrap_or_default())
                    .unwrap_or_else(|| panic!("{}: no input {:?}", op.name, input.input));
                for f in &spec.fields {
                    assert!(
                        !REQUEST_OPTIONS.contains(&camel(f.name).as_str()),
                        "{}: list field {} collides with a request option",
                        op.name,
                        f.name
                    );
                }
            }
        }
    }
}

// ------------------------------------------------------------------------ docs

/// Doc text without fenced code blocks (they are Rust examples).
fn prose(doc: &str) -> String {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push(line);
        }
    }
    // Blank lines left where an example was: at most one in a row, none at the ends.
    let mut lines: Vec<&str> = Vec::new();
    for l in out {
        if l.trim().is_empty() && lines.last().is_none_or(|p: &&str| p.trim().is_empty()) {
            continue;
        }
        lines.push(l);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    lines.join("\n").replace("*/", "*\\/")
}

/// A JSDoc block of `parts` (each prose, maybe several lines), indented by
/// `indent`; empty parts separate paragraphs, never two blank lines in a row.
fn jsdoc(parts: &[String], indent: &str) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for l in parts.iter().flat_map(|p| {
        let v: Vec<&str> = if p.is_empty() {
            vec![""]
        } else {
            p.lines().collect()
        };
        v
    }) {
        if l.trim().is_empty() && lines.last().is_none_or(|p| p.trim().is_empty()) {
            continue;
        }
        lines.push(l);
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    match lines.as_slice() {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut out = format!("{indent}/**\n");
            for l in many {
                out.push_str(format!("{indent} * {l}").trim_end());
                out.push('\n');
            }
            out.push_str(&format!("{indent} */\n"));
            out
        }
    }
}

// ------------------------------------------------------------------ resources

fn resources_js(surface: &Surface) -> String {
    let mut out = format!(
        "// {HEADER}\n'use strict'\n\
         // One class per resource and one method per operation: each gathers its\n\
         // arguments into one object and hands it, with the operation's name, to\n\
         // the generic call layer (lib/call.js), which calls the native addon.\n\n\
         const {{ scopeArg }} = require('./call.js')\n"
    );
    for r in &surface.resources {
        out.push('\n');
        out.push_str(&resource_class_js(r));
    }
    out.push_str(
        "\n/** The resource accessors `Client` inherits. */\nclass ClientResources {\n  #core\n",
    );
    for r in surface.resources.iter().filter(|r| r.scope.is_empty()) {
        out.push_str(&format!("  #{}\n", camel(r.name)));
    }
    out.push_str("\n  constructor(core) {\n    this.#core = core\n  }\n");
    for r in &surface.resources {
        out.push('\n');
        out.push_str(&jsdoc(&[prose(&r.doc)], "  "));
        let name = camel(r.name);
        if r.scope.is_empty() {
            out.push_str(&format!(
                "  get {name}() {{\n    return (this.#{name} ??= new {}(this.#core))\n  }}\n",
                r.class
            ));
        } else {
            let params: Vec<String> = r.scope.iter().map(|p| camel(p.name)).collect();
            out.push_str(&format!(
                "  {name}({p}) {{\n    return new {}(this.#core, {p})\n  }}\n",
                r.class,
                p = params.join(", ")
            ));
        }
    }
    out.push_str("}\n\nmodule.exports = {\n  ClientResources,\n");
    for r in &surface.resources {
        out.push_str(&format!("  {},\n", r.class));
    }
    out.push_str("}\n");
    out
}

fn resource_class_js(r: &ResourceSpec) -> String {
    let mut out = jsdoc(&[prose(&r.doc)], "");
    let scope: Vec<String> = r.scope.iter().map(|p| camel(p.name)).collect();
    let fields = if scope.is_empty() {
        "  #core\n"
    } else {
        "  #core\n  #scope\n"
    };
    out.push_str(&format!("class {} {{\n{fields}\n", r.class));
    out.push_str(&format!(
        "  constructor(core{}) {{\n    this.#core = core\n",
        scope.iter().map(|p| format!(", {p}")).collect::<String>()
    ));
    if scope.is_empty() {
        out.push_str("  }\n");
    } else {
        let fields: Vec<String> = scope
            .iter()
            .map(|p| format!("{p}: scopeArg('{p}', {p})"))
            .collect();
        out.push_str(&format!(
            "    this.#scope = {{ {} }}\n  }}\n",
            fields.join(", ")
        ));
    }
    for op in &r.operations {
        out.push('\n');
        out.push_str(&method_js(op, !scope.is_empty()));
    }
    out.push_str("}\n");
    out
}

fn method_js(op: &OperationSpec, scoped: bool) -> String {
    let sig = signature(op);
    let mut params: Vec<String> = sig.args.iter().map(Arg::ident).collect();
    params.push("options".into());
    let values: Vec<String> = sig
        .args
        .iter()
        .filter_map(|a| match a {
            Arg::Value(p) => Some(camel(p.name)),
            _ => None,
        })
        .collect();
    let objects: Vec<String> = sig
        .args
        .iter()
        .filter_map(|a| match a {
            Arg::Value(_) => None,
            other => Some(format!(
                "'{}', {}, {}",
                other.ident(),
                other.ident(),
                other.required()
            )),
        })
        .collect();
    let scope = if scoped { "...this.#scope" } else { "" };
    let literal = match (scoped, values.is_empty()) {
        (false, true) => "{}".to_string(),
        (true, true) => "this.#scope".to_string(),
        _ => {
            let mut parts: Vec<String> = Vec::new();
            if scoped {
                parts.push(scope.to_string());
            }
            parts.extend(values);
            format!("{{ {} }}", parts.join(", "))
        }
    };
    // Object arguments follow as `name, object, required` triples: the
    // call layer checks and merges them, so a bad one rejects the call.
    let objects: String = objects.iter().map(|o| format!(", {o}")).collect();
    let model = match returned_model(&op.returns) {
        Some(m) => format!("'{m}'"),
        None => "null".into(),
    };
    let entry = if matches!(op.returns, Returns::Page(_)) {
        "list"
    } else {
        "call"
    };
    let mut out = jsdoc(&[prose(&op.doc)], "  ");
    out.push_str(&format!(
        "  {}({}) {{\n    return this.#core.{entry}('{}', {literal}, options, {model}{objects})\n  }}\n",
        camel(op.method),
        params.join(", "),
        op.name,
    ));
    out
}

// --------------------------------------------------------------------- models

/// The innermost type of `ty` (through optionals and lists).
fn inner(ty: &Ty) -> &Ty {
    match ty {
        Ty::Optional(t) | Ty::List(t) => inner(t),
        other => other,
    }
}

fn models_js(surface: &Surface) -> String {
    let mut out = format!(
        "// {HEADER}\n'use strict'\n\
         // What lib/normalize.js does to each model after JSON.parse: `times`\n\
         // become Dates, `models` are normalized in turn, `credentials` (a token\n\
         // the client now uses) are not enumerable, and `hidden` fields (an\n\
         // invite's token and link) are kept out of util.inspect.\n\n\
         module.exports = {{\n"
    );
    for m in &surface.models {
        let mut parts = Vec::new();
        let names = |pick: &dyn Fn(&FieldSpec) -> bool| -> Vec<String> {
            m.fields
                .iter()
                .filter(|f| pick(f))
                .map(|f| format!("'{}'", camel(f.name)))
                .collect()
        };
        let times = names(&|f| *inner(&f.ty) == Ty::Time);
        if !times.is_empty() {
            parts.push(format!("times: [{}]", times.join(", ")));
        }
        let nested: Vec<String> = m
            .fields
            .iter()
            .filter_map(|f| match inner(&f.ty) {
                Ty::Model(name) => Some(format!("{}: '{name}'", camel(f.name))),
                _ => None,
            })
            .collect();
        if !nested.is_empty() {
            parts.push(format!("models: {{ {} }}", nested.join(", ")));
        }
        let credentials = names(&|f| f.secret && *inner(&f.ty) == Ty::Secret);
        if !credentials.is_empty() {
            parts.push(format!("credentials: [{}]", credentials.join(", ")));
        }
        let hidden = names(&|f| f.secret && *inner(&f.ty) != Ty::Secret);
        if !hidden.is_empty() {
            parts.push(format!("hidden: [{}]", hidden.join(", ")));
        }
        let body = if parts.is_empty() {
            "{}".to_string()
        } else {
            format!("{{ {} }}", parts.join(", "))
        };
        out.push_str(&format!("  {}: {body},\n", m.name));
    }
    out.push_str("}\n");
    out
}

// ---------------------------------------------------------------------- d.ts

/// Whether a type appears in a model (what comes back) or an input (what goes out).
#[derive(Clone, Copy, PartialEq)]
enum Flavor {
    Model,
    Input,
}

fn ts_type(ty: &Ty, flavor: Flavor) -> String {
    match ty {
        Ty::Id => "Id".into(),
        Ty::Str | Ty::Secret => "string".into(),
        Ty::Bool => "boolean".into(),
        Ty::Int => "number".into(),
        Ty::Time if flavor == Flavor::Input => "DateInput".into(),
        Ty::Time => "Date".into(),
        Ty::Json => "any".into(),
        Ty::Enum(name) => (*name).into(),
        Ty::Model(name) if flavor == Flavor::Input => format!("{name}Input"),
        Ty::Model(name) => (*name).into(),
        Ty::Optional(t) => ts_type(t, flavor),
        Ty::List(t) => {
            let t = ts_type(t, flavor);
            if t.contains(' ') {
                format!("Array<{t}>")
            } else {
                format!("{t}[]")
            }
        }
        Ty::Map(t) => format!("Record<string, {}>", ts_type(t, flavor)),
    }
}

/// A value parameter's type: a list of ids also takes one id.
fn param_type(p: &ParamSpec) -> String {
    match &p.ty {
        Ty::List(t) if **t == Ty::Id => "Id | Id[]".into(),
        ty => ts_type(ty, Flavor::Input),
    }
}

fn field_doc(f: &FieldSpec, flavor: Flavor) -> Vec<String> {
    let mut doc = vec![prose(&f.doc)];
    if flavor == Flavor::Model && f.secret {
        doc.push(if *inner(&f.ty) == Ty::Secret {
            "Not enumerable: kept out of `JSON.stringify` and `console.log`.".into()
        } else {
            "Kept out of `util.inspect` / `console.log` (still in `JSON.stringify`).".into()
        });
    }
    doc
}

fn interface(m: &ModelSpec, name: &str, flavor: Flavor, all_optional: bool) -> String {
    let mut out = jsdoc(&[prose(&m.doc)], "");
    out.push_str(&format!("export interface {name} {{\n"));
    for f in &m.fields {
        out.push_str(&jsdoc(&field_doc(f, flavor), "  "));
        let optional = match flavor {
            _ if all_optional => true,
            Flavor::Model => matches!(f.ty, Ty::Optional(_)),
            Flavor::Input => !f.required,
        };
        let readonly = if flavor == Flavor::Model && f.secret && *inner(&f.ty) == Ty::Secret {
            "readonly "
        } else {
            ""
        };
        out.push_str(&format!(
            "  {readonly}{}{}: {}\n",
            camel(f.name),
            if optional { "?" } else { "" },
            ts_type(&f.ty, flavor)
        ));
    }
    out.push_str("}\n");
    out
}

/// Models that inputs take nested (`settings`), each needing an input form.
fn nested_inputs(surface: &Surface) -> Vec<&ModelSpec> {
    let mut names: Vec<&str> = Vec::new();
    for i in &surface.inputs {
        for f in &i.fields {
            if let Ty::Model(n) = inner(&f.ty) {
                if !names.contains(n) {
                    names.push(n);
                }
            }
        }
    }
    names
        .into_iter()
        .filter_map(|n| surface.models.iter().find(|m| m.name == n))
        .collect()
}

fn union(values: impl IntoIterator<Item = String>) -> String {
    values
        .into_iter()
        .map(|v| format!("\n  | {v}"))
        .collect::<String>()
}

fn surface_dts(surface: &Surface) -> String {
    let mut out = format!(
        "// {HEADER}\n\
         // The types derived from orgkit's surface: models, inputs, enums,\n\
         // resources and their operations. `index.d.ts` re-exports them with the\n\
         // hand-written client, options, lists, errors and webhooks.\n\n\
         import type {{ APIPromise, DateInput, Id, Paginator, RequestOptions }} from './index'\n\n"
    );

    out.push_str("/** The providers orgkit speaks to. */\nexport type Provider =");
    out.push_str(&union(
        surface.providers.iter().map(|p| format!("'{}'", p.name)),
    ));
    out.push_str("\n\n/** Every operation, as `client.capabilities()` names it. */\nexport type OperationName =");
    out.push_str(&union(
        surface
            .resources
            .iter()
            .flat_map(|r| &r.operations)
            .map(|o| format!("'{}'", o.name)),
    ));
    let mut kind_doc = vec![
        "What went wrong, coarsely enough to act on (the same names in Rust and Python):"
            .to_string(),
        String::new(),
    ];
    let kinds: Vec<(&str, &str)> = surface
        .error_kinds
        .iter()
        .map(|k| (k.name, k.doc))
        .chain(NODE_ERROR_KINDS.iter().copied())
        .collect();
    for (name, doc) in &kinds {
        kind_doc.push(format!("- `{name}`: {}", prose(doc)));
    }
    out.push_str("\n\n");
    out.push_str(&jsdoc(&kind_doc, ""));
    out.push_str("export type ErrorKind =");
    out.push_str(&union(kinds.iter().map(|(n, _)| format!("'{n}'"))));
    out.push_str(
        "\n\n// Enumerations: the known values; any other a provider sends is kept as it came.\n",
    );
    for e in &surface.enums {
        out.push('\n');
        out.push_str(&jsdoc(&[prose(&e.doc)], ""));
        out.push_str(&format!("export type {} =", e.name));
        out.push_str(&union(
            e.values
                .iter()
                .map(|v| format!("'{v}'"))
                .chain(["(string & {})".to_string()]),
        ));
        out.push('\n');
    }

    out.push_str("\n// Models: what operations return (plain objects; timestamps are `Date`s).\n");
    for m in &surface.models {
        out.push('\n');
        out.push_str(&interface(m, m.name, Flavor::Model, false));
    }

    out.push_str(
        "\n// Inputs: what operations take (timestamps as `Date`s or RFC 3339 strings).\n",
    );
    for m in &surface.inputs {
        out.push('\n');
        out.push_str(&interface(m, m.name, Flavor::Input, false));
    }
    for m in nested_inputs(surface) {
        out.push('\n');
        out.push_str(&interface(
            m,
            &format!("{}Input", m.name),
            Flavor::Input,
            true,
        ));
    }

    out.push_str("\n// Resources: one class per resource, one method per operation.\n");
    for r in &surface.resources {
        for op in &r.operations {
            if let Some(Arg::Named(group)) = signature(op)
                .args
                .iter()
                .find(|a| matches!(a, Arg::Named(_)))
            {
                out.push('\n');
                out.push_str(&jsdoc(
                    &[format!("The named arguments of `{}`.", op.name)],
                    "",
                ));
                out.push_str(&format!(
                    "export interface {} {{\n",
                    params_interface(r, op)
                ));
                for p in group {
                    out.push_str(&jsdoc(&[prose(&p.doc)], "  "));
                    out.push_str(&format!(
                        "  {}{}: {}\n",
                        camel(p.name),
                        if p.required { "" } else { "?" },
                        param_type(p)
                    ));
                }
                out.push_str("}\n");
            }
        }
        out.push('\n');
        out.push_str(&resource_dts(r));
    }

    out.push_str("\n/** The resource accessors of a `Client`. */\nexport declare class ClientResources {\n  protected constructor()\n");
    for r in &surface.resources {
        out.push_str(&jsdoc(&[prose(&r.doc)], "  "));
        if r.scope.is_empty() {
            out.push_str(&format!("  readonly {}: {}\n", camel(r.name), r.class));
        } else {
            let params: Vec<String> = r
                .scope
                .iter()
                .map(|p| format!("{}: {}", camel(p.name), param_type(p)))
                .collect();
            out.push_str(&format!(
                "  {}({}): {}\n",
                camel(r.name),
                params.join(", "),
                r.class
            ));
        }
    }
    out.push_str("}\n");
    out
}

fn params_interface(r: &ResourceSpec, op: &OperationSpec) -> String {
    format!("{}{}Params", r.class, pascal(op.method))
}

fn resource_dts(r: &ResourceSpec) -> String {
    let mut out = jsdoc(&[prose(&r.doc)], "");
    out.push_str(&format!(
        "export declare class {} {{\n  private constructor()\n",
        r.class
    ));
    for op in &r.operations {
        let sig = signature(op);
        let mut doc = vec![prose(&op.doc)];
        let mut params = Vec::new();
        // A parameter may be left out only when every one after it may be.
        let mut optional_from = sig.args.len();
        while optional_from > 0 && !sig.args[optional_from - 1].required() {
            optional_from -= 1;
        }
        doc.push(String::new());
        for (i, a) in sig.args.iter().enumerate() {
            let ty = match a {
                Arg::Value(p) => param_type(p),
                Arg::Named(_) => params_interface(r, op),
                Arg::Input(p) => p.input.unwrap_or_default().to_string(),
            };
            let mark = if i >= optional_from { "?" } else { "" };
            let or_undefined = if !a.required() && i < optional_from {
                " | undefined"
            } else {
                ""
            };
            params.push(format!("{}{mark}: {ty}{or_undefined}", a.ident()));
            let pdoc = match a {
                Arg::Value(p) | Arg::Input(p) => {
                    let mut d = prose(&p.doc);
                    if let Some(def) = p.default {
                        d.push_str(&format!(" Default: `{def}`."));
                    }
                    d
                }
                Arg::Named(group) => group
                    .iter()
                    .map(|p| format!("`{}`: {}", camel(p.name), prose(&p.doc)))
                    .collect::<Vec<_>>()
                    .join(" "),
            };
            doc.push(format!("@param {} {pdoc}", a.ident()));
        }
        let options = if sig.list_inputs.is_empty() {
            doc.push("@param options Request options.".into());
            "RequestOptions".to_string()
        } else {
            let inputs: Vec<&str> = sig
                .list_inputs
                .iter()
                .map(|p| p.input.unwrap_or_default())
                .collect();
            let docs: Vec<String> = sig
                .list_inputs
                .iter()
                .map(|p| format!("`{}`: {}", p.input.unwrap_or_default(), prose(&p.doc)))
                .collect();
            doc.push(format!(
                "@param options {} Plus request options.",
                docs.join(" ")
            ));
            format!("{} & RequestOptions", inputs.join(" & "))
        };
        let options_required = sig.list_inputs.iter().any(|p| p.required);
        params.push(format!(
            "options{}: {options}",
            if options_required { "" } else { "?" }
        ));
        let ret = match &op.returns {
            Returns::Nothing => "APIPromise<void>".to_string(),
            Returns::One(m) => format!("APIPromise<{m}>"),
            Returns::Many(m) => format!("APIPromise<{m}[]>"),
            Returns::Page(m) => format!("Paginator<{m}>"),
        };
        out.push('\n');
        out.push_str(&jsdoc(&doc, "  "));
        out.push_str(&format!(
            "  {}({}): {ret}\n",
            camel(op.method),
            params.join(", ")
        ));
    }
    out.push_str("}\n");
    out
}
