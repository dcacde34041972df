//! The Python package's generated files, from the surface:
//! - `orgkit/models.py`: an open-enum class per enumeration and a dataclass
//!   per model, with the core's docs;
//! - `orgkit/_resources.py`: per resource a class for each way of calling
//!   (blocking, asyncio, raw response, asyncio raw response), one method per
//!   operation with its real signature and docstring, and the client
//!   accessors (`client.organizations`, `client.members(org)`);
//! - `orgkit/_native.pyi`: the stubs of the native module, whose surface is
//!   small and fixed (it takes an operation name and its arguments).

use std::fmt::Write as _;

use orgkit::api::Surface;
use orgkit::describe::{FieldSpec, ModelSpec, Ty};
use orgkit::{OperationSpec, ParamSpec, ResourceSpec, Returns};

use crate::text::comment;
use crate::{Generated, HEADER};

pub fn generate(surface: &Surface) -> Vec<Generated> {
    vec![
        Generated {
            path: "bindings-python/python/orgkit/models.py",
            text: models(surface),
        },
        Generated {
            path: "bindings-python/python/orgkit/_resources.py",
            text: resources(surface),
        },
        Generated {
            path: "bindings-python/python/orgkit/_native.pyi",
            text: native_stub(surface),
        },
    ]
}

/// Doc text for Python: fenced code (Rust examples) left out.
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
    while out.last().is_some_and(|l| l.trim().is_empty()) {
        out.pop();
    }
    out.join("\n").replace("\"\"\"", "'''")
}

/// A docstring at `indent`.
fn docstring(doc: &str, indent: &str) -> String {
    let doc = prose(doc);
    if doc.is_empty() {
        return String::new();
    }
    if !doc.contains('\n') {
        return format!("{indent}\"\"\"{doc}\"\"\"\n");
    }
    format!(
        "{indent}\"\"\"{}\n{indent}\"\"\"\n",
        comment(&doc, indent, "").trim_start()
    )
}

/// A constant's name for an enum value: `past_due` → `PAST_DUE`, `task.completed` → `TASK_COMPLETED`.
fn constant(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect()
}

/// The type of a model field (what orgkit returns).
fn out_ty(ty: &Ty) -> String {
    match ty {
        Ty::Id => "Id".into(),
        Ty::Str | Ty::Secret => "str".into(),
        Ty::Bool => "bool".into(),
        Ty::Int => "int".into(),
        Ty::Time => "datetime".into(),
        Ty::Json => "Any".into(),
        Ty::Enum(n) | Ty::Model(n) => (*n).into(),
        Ty::Optional(t) => format!("{} | None", out_ty(t)),
        Ty::List(t) => format!("list[{}]", out_ty(t)),
        Ty::Map(t) => format!("dict[str, {}]", out_ty(t)),
    }
}

/// The type of an argument (what orgkit accepts).
fn in_ty(ty: &Ty) -> String {
    match ty {
        Ty::Id => "Id".into(),
        Ty::Str | Ty::Secret => "str".into(),
        Ty::Bool => "bool".into(),
        Ty::Int => "int".into(),
        Ty::Time => "datetime".into(),
        Ty::Json => "Any".into(),
        Ty::Enum(n) => format!("{n} | str"),
        Ty::Model(n) => format!("{n} | Mapping[str, Any]"),
        Ty::Optional(t) => format!("{} | None", in_ty(t)),
        Ty::List(t) if **t == Ty::Id => "Id | Sequence[Id]".into(),
        Ty::List(t) => format!("Sequence[{}]", in_ty(t)),
        Ty::Map(t) if **t == Ty::Str => "Mapping[str, str | int | float | bool]".into(),
        Ty::Map(t) => format!("Mapping[str, {}]", in_ty(t)),
    }
}

fn models(surface: &Surface) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {HEADER}");
    s.push_str(
        r#""""The unified models every provider's answers decode into.

Models are dataclasses built by the native extension: attributes in
snake_case, timestamps as timezone-aware :class:`datetime.datetime`, ids as
``int`` (of any size) or ``str`` exactly as the provider sent them, open
enumerations as ``str`` subclasses (an unknown value is kept, never an
error), and the provider's fields orgkit has no name for in ``extra``.
Secrets (invite tokens, session tokens) never appear in ``repr``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from ._base import Id, Page, ResponseInfo, WebhookEvent, _Model, _OpenEnum

"#,
    );
    s.push_str("__all__ = [\n");
    for n in &model_names(surface) {
        let _ = writeln!(s, "    \"{n}\",");
    }
    s.push_str("]\n");
    for e in &surface.enums {
        let _ = write!(s, "\n\nclass {}(_OpenEnum):\n", e.name);
        s.push_str(&docstring(&e.doc, "    "));
        s.push_str("\n    __slots__ = ()\n");
        for v in &e.values {
            let _ = writeln!(s, "    {}: ClassVar[{}]", constant(v), e.name);
        }
    }
    s.push('\n');
    for e in &surface.enums {
        let values: Vec<String> = e
            .values
            .iter()
            .map(|v| format!("{}={v:?}", constant(v)))
            .collect();
        let _ = writeln!(s, "\n{}._define({})", e.name, values.join(", "));
    }
    for m in &surface.models {
        s.push_str(&model(m));
    }
    s
}

/// Every name `orgkit.models` exports, in its order.
fn model_names(surface: &Surface) -> Vec<&'static str> {
    let mut names: Vec<&str> = vec!["Id", "Page", "ResponseInfo", "WebhookEvent"];
    names.extend(surface.enums.iter().map(|e| e.name));
    names.extend(surface.models.iter().map(|m| m.name));
    names
}

fn model(m: &ModelSpec) -> String {
    let mut s = format!("\n\n@dataclass(kw_only=True)\nclass {}(_Model):\n", m.name);
    let mut doc = prose(&m.doc);
    doc.push_str("\n\nAttributes:");
    for f in &m.fields {
        let _ = write!(
            doc,
            "\n    {}: {}",
            f.name,
            prose(&f.doc).replace('\n', " ")
        );
    }
    s.push_str(&docstring(&doc, "    "));
    s.push('\n');
    for f in &m.fields {
        let _ = writeln!(s, "    {}: {}{}", f.name, out_ty(&f.ty), default(f));
    }
    s
}

/// A field's default: none for a required value, empty for lists and maps.
fn default(f: &FieldSpec) -> String {
    let repr = if f.secret { ", repr=False" } else { "" };
    match &f.ty {
        Ty::Optional(_) if f.secret => " = field(default=None, repr=False)".into(),
        Ty::Optional(_) => " = None".into(),
        Ty::List(_) => format!(" = field(default_factory=list{repr})"),
        Ty::Map(_) => format!(" = field(default_factory=dict{repr})"),
        _ if f.secret => " = field(repr=False)".into(),
        _ => String::new(),
    }
}

/// One way of calling: the class-name suffix, the base class, and how a
/// return type is written.
struct Mode {
    prefix: &'static str,
    suffix: &'static str,
    base: &'static str,
    accessors: &'static str,
}

const MODES: [Mode; 4] = [
    Mode {
        prefix: "",
        suffix: "",
        base: "_Blocking",
        accessors: "_Resources",
    },
    Mode {
        prefix: "Async",
        suffix: "",
        base: "_Async",
        accessors: "_AsyncResources",
    },
    Mode {
        prefix: "",
        suffix: "WithRawResponse",
        base: "_BlockingRaw",
        accessors: "_ResourcesWithRawResponse",
    },
    Mode {
        prefix: "Async",
        suffix: "WithRawResponse",
        base: "_AsyncRaw",
        accessors: "_AsyncResourcesWithRawResponse",
    },
];

impl Mode {
    fn class(&self, resource: &str) -> String {
        format!("{}{}{}", self.prefix, resource, self.suffix)
    }

    fn asyncio(&self) -> bool {
        self.prefix == "Async"
    }

    fn raw(&self) -> bool {
        !self.suffix.is_empty()
    }

    /// What a method returns in this mode.
    fn returns(&self, r: &Returns) -> String {
        let value = match r {
            Returns::Nothing => "None".to_string(),
            Returns::One(m) => (*m).to_string(),
            Returns::Many(m) => format!("builtins.list[{m}]"),
            Returns::Page(m) if self.raw() => format!("Page[{m}]"),
            Returns::Page(m) if self.asyncio() => return format!("AsyncItemIterator[{m}]"),
            Returns::Page(m) => return format!("ItemIterator[{m}]"),
        };
        let value = if self.raw() {
            format!("RawResponse[{value}]")
        } else {
            value
        };
        if self.asyncio() {
            format!("_Co[{value}]")
        } else {
            value
        }
    }
}

/// One Python argument of a method.
struct PyArg {
    name: String,
    ty: String,
    default: Option<String>,
    keyword: bool,
    doc: String,
}

/// A method's arguments, in order: positional values, then keyword-only
/// named values and input fields (each name once; none the resource's
/// scope already gives).
fn arguments(op: &OperationSpec, resource: &ResourceSpec, surface: &Surface) -> Vec<PyArg> {
    let mut out: Vec<PyArg> = Vec::new();
    let scope: Vec<&str> = resource.scope.iter().map(|p| p.name).collect();
    let mut push = |a: PyArg| {
        if !out.iter().any(|b| b.name == a.name) && !scope.contains(&a.name.as_str()) {
            out.push(a);
        }
    };
    for p in &op.params {
        match p.input {
            None => push(value_arg(p)),
            Some(input) => {
                let fields = surface
                    .inputs
                    .iter()
                    .find(|i| i.name == input)
                    .map(|i| i.fields.as_slice())
                    .unwrap_or_default();
                for f in fields {
                    let ty = in_ty(&f.ty);
                    let optional = matches!(f.ty, Ty::Optional(_));
                    push(PyArg {
                        name: f.name.to_string(),
                        ty: if f.required || optional {
                            ty
                        } else {
                            format!("{ty} | None")
                        },
                        default: (!f.required).then(|| "None".to_string()),
                        keyword: true,
                        doc: prose(&f.doc),
                    });
                }
            }
        }
    }
    // Positional ones first, required before those with a default.
    out.sort_by_key(|a| (a.keyword, a.default.is_some() && !a.keyword));
    out
}

fn value_arg(p: &ParamSpec) -> PyArg {
    PyArg {
        name: p.name.to_string(),
        ty: in_ty(&p.ty),
        default: p
            .default
            .map(|d| format!("{d:?}"))
            .or_else(|| (!p.required).then(|| "None".to_string())),
        keyword: p.named,
        doc: prose(&p.doc),
    }
}

const OPTIONS_DOC: &str = "Request options (override the client's for this call): ``timeout`` and\n``deadline`` in seconds, ``max_retries``, extra ``headers``, and an\n``idempotency_key`` for a POST/PATCH.";

fn method(op: &OperationSpec, resource: &ResourceSpec, mode: &Mode, surface: &Surface) -> String {
    let args = arguments(op, resource, surface);
    let mut sig = vec!["self".to_string()];
    let mut keyword_started = false;
    for a in &args {
        if a.keyword && !keyword_started {
            sig.push("*".into());
            keyword_started = true;
        }
        sig.push(match &a.default {
            Some(d) => format!("{}: {} = {d}", a.name, a.ty),
            None => format!("{}: {}", a.name, a.ty),
        });
    }
    if !keyword_started {
        sig.push("*".into());
    }
    sig.extend(
        [
            "timeout: float | None = None",
            "deadline: float | None = None",
            "max_retries: int | None = None",
            "headers: Mapping[str, str] | None = None",
            "idempotency_key: str | None = None",
        ]
        .map(String::from),
    );
    let mut s = format!(
        "\n    def {}(\n        {},\n    ) -> {}:\n",
        op.method,
        sig.join(",\n        "),
        mode.returns(&op.returns)
    );
    let mut doc = prose(&op.doc);
    if !args.is_empty() {
        doc.push_str("\n\nArgs:");
        for a in &args {
            let _ = write!(doc, "\n    {}: {}", a.name, a.doc.replace('\n', " "));
        }
    }
    let _ = write!(doc, "\n\n{OPTIONS_DOC}");
    s.push_str(&docstring(&doc, "        "));
    let dict: Vec<String> = args
        .iter()
        .map(|a| format!("{:?}: {}", a.name, a.name))
        .collect();
    let run = if matches!(op.returns, Returns::Page(_)) && !mode.raw() {
        "_list"
    } else {
        "_run"
    };
    // Typed through a variable: what the native call returns is `Any`.
    let _ = writeln!(
        s,
        "        result: {} = self.{run}(\n            {:?},\n            {{{}}},\n            (timeout, deadline, max_retries, headers, idempotency_key),\n        )\n        return result",
        mode.returns(&op.returns),
        op.name,
        dict.join(", ")
    );
    s
}

fn resource_class(r: &ResourceSpec, mode: &Mode, surface: &Surface) -> String {
    let mut s = format!("\n\nclass {}({}):\n", mode.class(r.class), mode.base);
    s.push_str(&docstring(&r.doc, "    "));
    s.push_str("\n    __slots__ = ()\n");
    for op in &r.operations {
        s.push_str(&method(op, r, mode, surface));
    }
    s
}

fn accessors(surface: &Surface, mode: &Mode) -> String {
    let mut s = format!("\n\nclass {}(_Accessors):\n", mode.accessors);
    s.push_str("    \"\"\"The resources of a client, as attributes (and calls, for the scoped ones).\"\"\"\n\n    __slots__ = ()\n");
    for r in &surface.resources {
        let class = mode.class(r.class);
        if r.scope.is_empty() {
            let _ = write!(
                s,
                "\n    @property\n    def {}(self) -> {class}:\n{}        return {class}(self._native, {{}}, self._defaults)\n",
                r.name,
                docstring(&r.doc, "        ")
            );
        } else {
            let params: Vec<String> = r
                .scope
                .iter()
                .map(|p| format!("{}: {}", p.name, in_ty(&p.ty)))
                .collect();
            let dict: Vec<String> = r
                .scope
                .iter()
                .map(|p| format!("{:?}: {}", p.name, p.name))
                .collect();
            let _ = write!(
                s,
                "\n    def {}(self, {}) -> {class}:\n{}        return {class}(self._native, {{{}}}, self._defaults)\n",
                r.name,
                params.join(", "),
                docstring(&r.doc, "        "),
                dict.join(", ")
            );
        }
    }
    s
}

fn resources(surface: &Surface) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "# {HEADER}");
    s.push_str(
        r#""""The resources of ``orgkit.Client`` and ``orgkit.AsyncClient``: per
resource one class for each way of calling (blocking, asyncio, and both
with the raw response), one method per operation. Every method hands the
operation's name and arguments to the native client, which does the rest.
"""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ._core import _Accessors, _Async, _AsyncRaw, _Blocking, _BlockingRaw, _Co
from ._native import AsyncItemIterator, ItemIterator, RawResponse

# Names for the annotations only: `import orgkit` and building a client do
# not load the models (nor `dataclasses`); the first decoded answer does.
if TYPE_CHECKING:
    from datetime import datetime

    from .models import (
"#,
    );
    let mut used: Vec<&str> = vec!["Id", "Page"];
    used.extend(surface.enums.iter().map(|e| e.name));
    used.extend(surface.models.iter().map(|m| m.name));
    used.sort_unstable();
    used.dedup();
    for n in &used {
        let _ = writeln!(s, "        {n},");
    }
    s.push_str("    )\n\n#: Every name `orgkit.models` exports (`orgkit` gives them lazily).\n");
    s.push_str("MODEL_NAMES: tuple[str, ...] = (\n");
    for n in &model_names(surface) {
        let _ = writeln!(s, "    \"{n}\",");
    }
    s.push_str(")\n\n__all__ = [\n");
    for mode in &MODES {
        for r in &surface.resources {
            let _ = writeln!(s, "    \"{}\",", mode.class(r.class));
        }
    }
    s.push_str("]\n");
    for mode in &MODES {
        for r in &surface.resources {
            s.push_str(&resource_class(r, mode, surface));
        }
        s.push_str(&accessors(surface, mode));
    }
    s
}

fn native_stub(surface: &Surface) -> String {
    let ops: Vec<String> = surface
        .resources
        .iter()
        .flat_map(|r| r.operations.iter().map(|o| format!("    {:?},", o.name)))
        .collect();
    let providers: Vec<String> = surface
        .providers
        .iter()
        .map(|p| format!("{:?}", p.name))
        .collect();
    let mut s = String::new();
    let _ = writeln!(s, "# {HEADER}");
    let _ = write!(
        s,
        r#""""Stubs of ``orgkit._native``, the extension under the ``orgkit`` package.

Its surface is small and fixed: a client that runs any operation by name
with its arguments as a dict, the lazy iterators, the raw response, the
mock server, webhooks. The typed surface is ``orgkit.Client``.
"""

from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import Any, Coroutine, Generic, Literal, Protocol, TypeVar

from .models import Page, RateLimit, WebhookEvent

_T = TypeVar("_T")
_T_co = TypeVar("_T_co", covariant=True)
_Co = Coroutine[Any, Any, _T]

__version__: str

Operation = Literal[
{ops}
]
"""Every operation, by name."""

Provider = Literal[{providers}]
"""Every provider, by id."""

class _LogSink(Protocol):
    def level(self) -> int: ...
    def emit(self, level: str, message: str, fields: dict[str, str]) -> None: ...

class NativeClient:
    """A client of one provider. Use ``orgkit.Client`` / ``orgkit.AsyncClient``."""

    def __init__(
        self,
        provider: str,
        base_url: str | None = None,
        *,
        token: str | None = None,
        api_key: str | None = None,
        session_cookie: str | None = None,
        timeout: float | None = None,
        deadline: float | None = None,
        max_retries: int | None = None,
        user_agent: str | None = None,
        headers: Mapping[str, str] | None = None,
        idempotency_keys: bool = False,
        system_roots: bool = False,
        from_env: bool = True,
        logger: _LogSink | None = None,
    ) -> None: ...
    @property
    def provider(self) -> str: ...
    @property
    def base_url(self) -> str: ...
    @property
    def rate_limit(self) -> RateLimit | None: ...
    @property
    def closed(self) -> bool: ...
    def capabilities(self) -> list[str]: ...
    def call(
        self,
        operation: Operation,
        args: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> Any: ...
    def call_async(
        self,
        operation: Operation,
        args: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> _Co[Any]: ...
    def list(
        self,
        operation: Operation,
        args: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> ItemIterator[Any]: ...
    def list_async(
        self,
        operation: Operation,
        args: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> AsyncItemIterator[Any]: ...
    def request(
        self,
        method: str,
        path: str,
        json: Any = None,
        options: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> Any: ...
    def request_async(
        self,
        method: str,
        path: str,
        json: Any = None,
        options: Mapping[str, Any] | None = None,
        raw: bool = False,
    ) -> _Co[Any]: ...
    def close(self) -> None: ...

class ItemIterator(Generic[_T_co]):
    """Items of a list across pages, fetched lazily as you iterate."""

    def __iter__(self) -> ItemIterator[_T_co]: ...
    def __next__(self) -> _T_co: ...
    def pages(self) -> PageIterator[_T_co]: ...
    def first_page(self) -> Page[_T_co]: ...

class PageIterator(Generic[_T_co]):
    """The pages of a list, fetched one at a time."""

    def __iter__(self) -> PageIterator[_T_co]: ...
    def __next__(self) -> Page[_T_co]: ...

class AsyncItemIterator(Generic[_T_co]):
    """Items of a list across pages: ``async for item in …`` (no ``await`` first)."""

    def __aiter__(self) -> AsyncItemIterator[_T_co]: ...
    def __anext__(self) -> _Co[_T_co]: ...
    def pages(self) -> AsyncPageIterator[_T_co]: ...
    def first_page(self) -> _Co[Page[_T_co]]: ...

class AsyncPageIterator(Generic[_T_co]):
    """The pages of a list, fetched one at a time (``async for``)."""

    def __aiter__(self) -> AsyncPageIterator[_T_co]: ...
    def __anext__(self) -> _Co[Page[_T_co]]: ...

class RawResponse(Generic[_T_co]):
    """A result with the HTTP answer it came from."""

    def parse(self) -> _T_co: ...
    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> dict[str, str]: ...
    @property
    def request_id(self) -> str | None: ...
    @property
    def attempts(self) -> int: ...
    @property
    def rate_limit(self) -> RateLimit | None: ...

class MockServer:
    """The in-process mock of the five providers. Use ``orgkit.testing.MockServer``."""

    def __init__(self, *, rate_limit: int | None = None, rate_window: int | None = None) -> None: ...
    @property
    def url(self) -> str: ...
    def base_url(self, provider: str) -> str: ...
    def inject(self, fault: Mapping[str, Any]) -> None: ...
    def requests(self) -> list[dict[str, Any]]: ...
    def request_count(self, method: str, path_prefix: str) -> int: ...
    def reset(self) -> None: ...
    @staticmethod
    def credentials() -> list[tuple[str, str, str, str]]: ...
    def close(self) -> None: ...

def sign(
    secret: str, msg_id: str, body: bytes | str, timestamp: datetime | float | None = None
) -> dict[str, str]: ...
def verify(
    secret: str,
    headers: Mapping[str, str] | Iterable[tuple[str, str]],
    body: bytes | str,
    now: datetime | int | float | None = None,
) -> WebhookEvent: ...
def surface() -> str: ...
def run_cli(argv: list[str]) -> int: ...
def _shutdown() -> None: ...

# Internal: how asyncio calls are run (see orgkit/_aio.py).
class _Ready(Generic[_T]):
    def __await__(self) -> Iterator[Any]: ...
    def send(self, value: Any) -> Any: ...
    def throw(self, typ: Any, val: Any = ..., tb: Any = ...) -> Any: ...
    def close(self) -> None: ...

class _Call:
    def __call__(self) -> Any: ...
    def spawn(self, hub: _Hub, future: Any) -> None: ...
    def cancel(self) -> None: ...

class _Hub:
    def __init__(self) -> None: ...
    def fileno(self) -> int: ...
    def drain(self) -> None: ...
"#,
        ops = ops.join("\n"),
        providers = providers.join(", ")
    );
    s
}
