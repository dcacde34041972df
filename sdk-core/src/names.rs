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
    camel_chars(snake).collect()
}

/// Whether `candidate` is `snake` in camelCase ([`camel_case`]'s result),
/// found without building that string (argument and operation names are
/// matched this way on every call).
pub(crate) fn is_camel_case_of(candidate: &str, snake: &str) -> bool {
    candidate.chars().eq(camel_chars(snake))
}

/// The characters of `snake` in camelCase: each `_` left out and the
/// character after it upper-cased.
fn camel_chars(snake: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = snake.chars();
    let mut upper = false;
    let mut pending: Option<std::char::ToUppercase> = None;
    std::iter::from_fn(move || loop {
        if let Some(c) = pending.as_mut().and_then(Iterator::next) {
            return Some(c);
        }
        let c = chars.next()?;
        if c == '_' {
            upper = true;
        } else if upper {
            upper = false;
            pending = Some(c.to_uppercase());
        } else {
            return Some(c);
        }
    })
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
        for (snake, camel) in [
            ("organization_id", "organizationId"),
            ("id", "id"),
            ("", ""),
            ("a__b_", "aB"),
            ("_x", "X"),
            ("stra\u{df}e_\u{df}x", "stra\u{df}eSSx"),
            ("is_public", "isPublic"),
        ] {
            assert_eq!(camel_case(snake), camel, "{snake}");
            assert!(is_camel_case_of(camel, snake), "{snake}");
        }
        for (candidate, snake) in [
            ("organizationid", "organization_id"),
            ("organizationIdX", "organization_id"),
            ("organization", "organization_id"),
            ("organization_id", "organization_id"),
            ("", "x"),
        ] {
            assert!(!is_camel_case_of(candidate, snake), "{candidate} {snake}");
        }
    }
}
