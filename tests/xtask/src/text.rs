//! Helpers the generators share: case conversion and doc-comment layout.

/// `set_role` → `setRole`.
pub fn camel(snake: &str) -> String {
    orgkit::camel_case(snake)
}

/// `members` → `Members`, `set_role` → `SetRole`.
pub fn pascal(snake: &str) -> String {
    let c = camel(snake);
    let mut chars = c.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Doc text as lines prefixed by `indent` + `prefix` (trailing spaces trimmed).
pub fn comment(doc: &str, indent: &str, prefix: &str) -> String {
    doc.lines()
        .map(|l| format!("{indent}{prefix}{l}").trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
