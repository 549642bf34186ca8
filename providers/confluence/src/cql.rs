//! The unified `kb.pages.search` as CQL (developer.atlassian.com/cloud/confluence/advanced-searching-using-cql),
//! with every caller value a quoted string: a backslash and a double quote inside are
//! escaped, and line breaks and other control characters become spaces, so that no value
//! can end its string and add a clause.

/// `type = page [AND space = "KEY"] AND text ~ "QUERY"`.
pub fn search_cql(query: &str, space: Option<&str>) -> String {
    let mut clauses = vec!["type = page".to_owned()];
    if let Some(space) = space {
        clauses.push(format!("space = {}", quoted(space)));
    }
    clauses.push(format!("text ~ {}", quoted(query)));
    clauses.join(" AND ")
}

/// A value as a CQL string literal.
pub fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_quoted_and_escaped() {
        assert_eq!(
            search_cql("on-call", Some("ENG")),
            r#"type = page AND space = "ENG" AND text ~ "on-call""#
        );
        assert_eq!(search_cql("x", None), r#"type = page AND text ~ "x""#);
        assert_eq!(
            search_cql(r#"a" OR space = "OPS"#, Some(r#"EN\G"#)),
            r#"type = page AND space = "EN\\G" AND text ~ "a\" OR space = \"OPS""#
        );
        assert_eq!(quoted("a\\\"\nb"), r#""a\\\" b""#);
    }
}
