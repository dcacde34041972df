//! Printing results: a table on a terminal, JSON when piped (or with
//! `--json`), one JSON object per line with `--jsonl`. Lists are written as
//! their items arrive, so `--all --jsonl` holds one page at a time. Secret
//! fields are `[redacted]` unless `--show-secrets`.

use std::io::{self, BufWriter, Stdout, Write};

use comfy_table::{ContentArrangement, LineStyle, Table, TableStyle};
use serde_json::{Map, Value};

use super::args::find_model;
use super::terminal_text;
use crate::api::Surface;
use crate::models::describe::Ty;
use crate::models::Model;
use crate::secret::REDACTED;

/// How results are printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// A table for people.
    Table,
    /// JSON: an object, or an array for a list.
    Json,
    /// One compact JSON value per line.
    Jsonl,
}

/// Writes results to stdout.
pub(crate) struct Printer<'s> {
    pub format: Format,
    pub show_secrets: bool,
    pub columns: Option<Vec<String>>,
    surface: &'s Surface,
    out: BufWriter<Stdout>,
    width: Option<u16>,
}

/// A table style like `kubectl`'s: columns, a rule under the header.
const STYLE: TableStyle =
    TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' '));

impl<'s> Printer<'s> {
    pub fn new(
        surface: &'s Surface,
        format: Format,
        show_secrets: bool,
        columns: Option<Vec<String>>,
    ) -> Self {
        let term = console::Term::stdout();
        let width = if term.is_term() {
            term.size_checked().map(|(_, w)| w)
        } else {
            None
        };
        Printer {
            format,
            show_secrets,
            columns,
            surface,
            out: BufWriter::new(io::stdout()),
            width,
        }
    }

    /// Writes what is buffered (after each page, so lists stream).
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Writes text as it is.
    pub fn text(&mut self, text: &str) -> io::Result<()> {
        self.out.write_all(text.as_bytes())
    }

    /// A model as JSON, secrets hidden unless asked for.
    pub fn model_value(&self, model: &Model) -> Value {
        let mut v = serde_json::to_value(model).unwrap_or(Value::Null);
        if !self.show_secrets {
            hide_secrets(self.surface, model.name(), &mut v);
        }
        v
    }

    /// Any JSON (a raw answer), secret-looking keys hidden unless asked for.
    pub fn json_value(&self, mut v: Value) -> Value {
        if !self.show_secrets {
            crate::redact::redact_json(&mut v);
        }
        v
    }

    /// One object (a model named `model`, or raw JSON with `None`).
    pub fn one(&mut self, model: Option<&str>, v: &Value) -> io::Result<()> {
        match self.format {
            Format::Jsonl => writeln!(self.out, "{}", compact(v))?,
            Format::Json => writeln!(self.out, "{}", pretty(v)?)?,
            Format::Table => match (model, v) {
                (Some(model), Value::Object(obj)) => {
                    let table = self.vertical(model, obj);
                    write_table(&mut self.out, &table)?;
                }
                _ => writeln!(self.out, "{}", pretty(v)?)?,
            },
        }
        self.out.flush()
    }

    /// Starts a list of `model` items.
    pub fn list(&mut self, model: &str) -> List {
        List {
            model: model.to_string(),
            rows: Vec::new(),
            count: 0,
        }
    }

    fn new_table(&self) -> Table {
        let mut t = Table::new();
        t.load_style(STYLE);
        match self.width {
            Some(w) => {
                t.set_width(w);
                t.set_content_arrangement(ContentArrangement::Dynamic);
            }
            None => {
                t.set_content_arrangement(ContentArrangement::Disabled);
            }
        }
        t
    }

    /// One object as rows of field and value.
    fn vertical(&self, model: &str, obj: &Map<String, Value>) -> Table {
        let mut t = self.new_table();
        t.set_header(vec!["field", "value"]);
        let mut keys: Vec<String> = field_names(self.surface, model);
        keys.extend(
            obj.keys()
                .filter(|k| !keys.contains(k))
                .cloned()
                .collect::<Vec<_>>(),
        );
        for k in keys {
            match obj.get(&k) {
                None | Some(Value::Null) => {}
                Some(Value::Object(extra)) if k == "extra" => {
                    for (ek, ev) in extra {
                        let key = format!("extra.{}", terminal_text::cell(ek));
                        t.add_row(vec![key, cell(ev)]);
                    }
                }
                Some(v) => {
                    t.add_row(vec![terminal_text::cell(&k).into_owned(), cell(v)]);
                }
            }
        }
        t
    }

    fn table_of(&self, model: &str, rows: &[Value]) -> Table {
        let columns: Vec<String> = match &self.columns {
            Some(c) => c.clone(),
            None => {
                let mut names: Vec<String> = field_names(self.surface, model)
                    .into_iter()
                    .filter(|n| n != "extra")
                    .collect();
                if names.is_empty() {
                    if let Some(Value::Object(first)) = rows.first() {
                        names = first.keys().cloned().collect();
                    }
                }
                // Columns with nothing in them are left out.
                names
                    .into_iter()
                    .filter(|n| {
                        rows.iter()
                            .any(|r| !matches!(r.get(n), None | Some(Value::Null)))
                    })
                    .collect()
            }
        };
        let mut t = self.new_table();
        t.set_header(columns.iter().map(|c| terminal_text::cell(c).into_owned()));
        for r in rows {
            t.add_row(
                columns
                    .iter()
                    .map(|c| lookup(r, c).map(cell).unwrap_or_default())
                    .collect::<Vec<_>>(),
            );
        }
        t
    }
}

/// A list being printed.
pub(crate) struct List {
    model: String,
    rows: Vec<Value>,
    count: u64,
}

impl List {
    /// One item: written at once as JSON, kept for the table otherwise.
    pub fn item(&mut self, p: &mut Printer<'_>, v: Value) -> io::Result<()> {
        match p.format {
            Format::Jsonl => writeln!(p.out, "{}", compact(&v))?,
            Format::Json => {
                p.out
                    .write_all(if self.count == 0 { b"[\n  " } else { b",\n  " })?;
                p.out.write_all(compact(&v).as_bytes())?;
            }
            Format::Table => self.rows.push(v),
        }
        self.count += 1;
        Ok(())
    }

    /// Items printed so far.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Ends the list.
    pub fn end(self, p: &mut Printer<'_>) -> io::Result<()> {
        match p.format {
            Format::Jsonl => {}
            Format::Json if self.count == 0 => p.out.write_all(b"[]\n")?,
            Format::Json => p.out.write_all(b"\n]\n")?,
            Format::Table if self.rows.is_empty() => {}
            Format::Table => {
                let t = p.table_of(&self.model, &self.rows);
                write_table(&mut p.out, &t)?;
            }
        }
        p.out.flush()
    }
}

/// A table, without the padding comfy-table leaves at the ends of lines.
fn write_table(out: &mut impl Write, t: &Table) -> io::Result<()> {
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `a.b` inside an object.
fn lookup<'v>(v: &'v Value, dotted: &str) -> Option<&'v Value> {
    dotted.split('.').try_fold(v, |v, k| v.get(k))
}

fn field_names(surface: &Surface, model: &str) -> Vec<String> {
    find_model(surface, model)
        .map(|m| m.fields.iter().map(|f| f.name.to_string()).collect())
        .unwrap_or_default()
}

/// One line of JSON, safe on a terminal and exact when parsed.
fn compact(v: &Value) -> String {
    terminal_text::json(v.to_string())
}

/// Indented JSON, safe on a terminal and exact when parsed.
fn pretty(v: &Value) -> io::Result<String> {
    Ok(terminal_text::json(serde_json::to_string_pretty(v)?))
}

/// A value as table text, with the server's control characters shown as
/// escapes rather than obeyed by the terminal.
fn cell(v: &Value) -> String {
    terminal_text::cell(&cell_text(v)).into_owned()
}

/// A value as text: objects as `k=v, …`, lists joined.
fn cell_text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(cell_text).collect::<Vec<_>>().join(", "),
        Value::Object(m) => m
            .iter()
            .filter(|(_, v)| !v.is_null() && *v != &Value::Object(Map::new()))
            .map(|(k, v)| match v {
                Value::Object(_) | Value::Array(_) => format!("{k}={v}"),
                other => format!("{k}={}", cell_text(other)),
            })
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// Replaces the fields the surface marks secret (and, anywhere, keys that
/// hold credentials or invite links) with `[redacted]`.
pub(crate) fn hide_secrets(surface: &Surface, model: &str, v: &mut Value) {
    fn walk(surface: &Surface, model: &str, v: &mut Value, depth: usize) {
        let (Some(spec), Value::Object(obj)) = (find_model(surface, model), v) else {
            return;
        };
        for f in &spec.fields {
            let Some(fv) = obj.get_mut(f.name) else {
                continue;
            };
            if fv.is_null() {
                continue;
            }
            if f.secret {
                *fv = Value::String(REDACTED.into());
                continue;
            }
            if depth < 4 {
                match inner_model(&f.ty) {
                    Some((name, false)) => walk(surface, name, fv, depth + 1),
                    Some((name, true)) => {
                        if let Value::Array(items) = fv {
                            for item in items {
                                walk(surface, name, item, depth + 1);
                            }
                        }
                    }
                    None => {}
                }
            }
        }
    }
    walk(surface, model, v, 0);
    crate::redact::redact_json(v);
}

/// The model a field holds: `(name, is a list)`.
fn inner_model(ty: &Ty) -> Option<(&'static str, bool)> {
    match ty {
        Ty::Model(name) => Some((name, false)),
        Ty::Optional(inner) => inner_model(inner),
        Ty::List(inner) => inner_model(inner).map(|(n, _)| (n, true)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_fields_are_hidden_at_any_depth() {
        let s = crate::api::surface();
        let mut v = serde_json::json!({
            "token": "tok_live_1", "user": {"id": 1, "email": "a@b"},
            "extra": {"refresh_token": "r_2", "plain": 3}
        });
        hide_secrets(&s, "Session", &mut v);
        let text = v.to_string();
        assert!(
            !text.contains("tok_live_1") && !text.contains("r_2"),
            "{text}"
        );
        assert!(text.contains("a@b") && text.contains("\"plain\":3"));
        let mut invite = serde_json::json!({"email": "x@y", "token": "t_3", "confirm_url": "https://x/?token=t_3"});
        hide_secrets(&s, "Invite", &mut invite);
        assert!(!invite.to_string().contains("t_3"));
    }

    #[test]
    fn cells_are_readable() {
        assert_eq!(
            cell(&serde_json::json!({"is_public": false, "extra": {}, "x": null})),
            "is_public=false"
        );
        assert_eq!(cell(&serde_json::json!(["a", "b"])), "a, b");
        assert_eq!(cell(&serde_json::json!(12)), "12");
    }
}
