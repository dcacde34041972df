//! Spelling rules for names: loose comparison of wire spellings
//! (`past_due` = `Past-Due`), and snake_case ↔ camelCase.

/// The characters of `value`, lowercased, without `-`, `_` and spaces.
pub(crate) fn normalized(value: &str) -> impl Iterator<Item = char> + '_ {
    value
        .trim()
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | ' '))
        .flat_map(char::to_lowercase)
}

/// [`normalized`] as a string.
pub(crate) fn normalize(value: &str) -> String {
    normalized(value).collect()
}

/// `normalize(a) == normalize(b)`, without allocating (and without
/// per-character case mapping when both are ASCII).
pub(crate) fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    if !(a.is_ascii() && b.is_ascii()) {
        return normalized(a).eq(normalized(b));
    }
    let kept = |c: &u8| !matches!(c, b'-' | b'_' | b' ');
    let mut a = a.bytes().filter(kept).map(|c| c.to_ascii_lowercase());
    let mut b = b.bytes().filter(kept).map(|c| c.to_ascii_lowercase());
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (x, y) if x != y => return false,
            _ => {}
        }
    }
}

/// `first_name` → `firstName`.
///
/// ```
/// assert_eq!(orgkit::camel_case("is_public"), "isPublic");
/// ```
pub fn camel_case(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loose_comparison_and_case_conversion() {
        assert!(same("Past-Due", "past_due"));
        assert!(same(" ADMIN ", "admin"));
        assert!(!same("admin", "admins"));
        assert!(same("Ärger", "ärger"));
        assert_eq!(camel_case("organization_id"), "organizationId");
        assert_eq!(camel_case("id"), "id");
    }
}
