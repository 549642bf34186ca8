use super::*;

#[test]
fn the_queries_the_adapter_writes_parse() {
    let condition = parse(
        r#"project = "PLAT" AND (statusCategory IN ("To Do", "In Progress") OR (statusCategory = "Done" AND (resolution IS EMPTY OR resolution NOT IN ("Won't Do")))) AND labels = "bug" ORDER BY updated DESC, key ASC"#,
    )
    .expect("parses");
    assert!(matches!(condition, Condition::And(parts) if parts.len() == 3));
    assert_eq!(parse("ORDER BY updated DESC"), Ok(Condition::All));
}

#[test]
fn escaped_quotes_stay_inside_the_literal() {
    let condition = parse(r#"text ~ "a\" OR project = \"X""#).expect("parses");
    assert_eq!(
        condition,
        Condition::Clause {
            field: "text".into(),
            op: "~".into(),
            values: vec![r#"a" OR project = "X"#.into()],
        }
    );
}

#[test]
fn malformed_queries_are_errors() {
    assert!(parse(r#"project = PLAT"#).is_err());
    assert!(parse(r#"project = "PLAT" AND"#).is_err());
    assert!(parse(r#"nosuchfield = "x""#).is_err());
    assert!(parse(r#"text ~ "open"#).is_err());
}

#[test]
fn conditions_select_seed_items() {
    let tracker = Tracker::seeded();
    let count = |jql: &str| {
        let condition = parse(jql).expect("parses");
        tracker
            .items
            .iter()
            .filter(|item| matches(&condition, item, &tracker))
            .count()
    };
    assert_eq!(count(r#"project = "PLAT""#), 45);
    assert_eq!(
        count(r#"project = "PLAT" AND statusCategory = "In Progress""#),
        9
    );
    assert_eq!(
        count(r#"project = "PLAT" AND resolution IN ("Won't Do")"#),
        9
    );
    assert_eq!(
        count(r#"project = "PLAT" AND assignee = "ben@example.com""#),
        15
    );
    assert_eq!(count(r#"text ~ "work item 45""#), 1);
}
