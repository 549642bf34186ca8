use super::*;
use proptest::prelude::*;

fn search() -> IssuesSearch {
    IssuesSearch::default()
}

fn jql(search: &IssuesSearch) -> String {
    search_jql(search, &StatusMapping::default()).unwrap()
}

fn statuses(categories: &[StatusCategory], mapping: &StatusMapping) -> String {
    let search = IssuesSearch {
        status: categories.to_vec(),
        ..search()
    };
    search_jql(&search, mapping).unwrap()
}

/// A JQL token, as Jira's lexer splits a query.
#[derive(Debug, PartialEq)]
enum Token {
    Word(String),
    Str(String),
    Op(String),
    Punct(char),
}

/// Enough of JQL's lexer to show where values end up: string literals (with `\` escapes
/// undone), words, operators and punctuation.
fn lex(jql: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = jql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => {}
            '"' => {
                let mut value = String::new();
                loop {
                    match chars.next().expect("unterminated string literal") {
                        '\\' => value.push(chars.next().expect("dangling escape")),
                        '"' => break,
                        other => value.push(other),
                    }
                }
                tokens.push(Token::Str(value));
            }
            '(' | ')' | ',' => tokens.push(Token::Punct(c)),
            '=' | '!' | '~' | '>' | '<' => {
                let mut op = c.to_string();
                if chars.peek() == Some(&'=') {
                    op.push('=');
                    chars.next();
                }
                tokens.push(Token::Op(op));
            }
            _ => {
                let mut word = c.to_string();
                while let Some(&next) = chars.peek() {
                    if " \"(),=!~<>".contains(next) {
                        break;
                    }
                    word.push(next);
                    chars.next();
                }
                tokens.push(Token::Word(word));
            }
        }
    }
    tokens
}

fn word(text: &str) -> Token {
    Token::Word(text.into())
}

fn order_tokens() -> Vec<Token> {
    vec![
        word("ORDER"),
        word("BY"),
        word("updated"),
        word("DESC"),
        Token::Punct(','),
        word("key"),
        word("ASC"),
    ]
}

/// The tokens of `FIELD = "value" ORDER BY …`.
fn equals_tokens(field: &str, value: &str) -> Vec<Token> {
    let mut tokens = vec![word(field), Token::Op("=".into()), Token::Str(value.into())];
    tokens.extend(order_tokens());
    tokens
}

/// Undoes the text-search escaping: the words the search matches literally.
fn search_words(query: &str) -> String {
    let mut out = String::new();
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        out.push(if c == '\\' { chars.next().unwrap() } else { c });
    }
    out
}

const HOSTILE: &[&str] = &[
    r#"x" OR project = "SECRET"#,
    r#"\""#,
    r"a\\",
    r"\",
    "OR",
    "AND NOT",
    "~",
    "!=",
    "\" ORDER BY created",
    "x) OR (1 = 1",
    "' OR '1' = '1",
    "Zoë 日本 🦀 \u{2028}",
    "EMPTY",
    "currentUser()",
];

#[test]
fn every_field_translates_to_its_jql_condition() {
    let search = IssuesSearch {
        project: Some("PROJ".into()),
        text: Some("login fails".into()),
        status: vec![StatusCategory::InProgress],
        assignee: Some("ada@example.com".into()),
        labels: vec!["bug".into(), "ui".into()],
        updated_since: Some("2026-01-31T12:30:00+01:00".into()),
        per_page: Some(10),
        cursor: Some("abc".into()),
    };
    assert_eq!(
        jql(&search),
        "project = \"PROJ\" AND text ~ \"login fails\" AND statusCategory = \"In Progress\" \
         AND assignee = \"ada@example.com\" AND labels = \"bug\" AND labels = \"ui\" \
         AND updated >= \"2026-01-31 11:30\" ORDER BY updated DESC, key ASC"
    );
}

#[test]
fn an_empty_search_only_orders() {
    assert_eq!(jql(&search()), "ORDER BY updated DESC, key ASC");
}

#[test]
fn hostile_values_stay_inside_one_string_literal() {
    for value in HOSTILE {
        for field in ["project", "assignee", "labels"] {
            let mut search = search();
            match field {
                "project" => search.project = Some((*value).into()),
                "assignee" => search.assignee = Some((*value).into()),
                _ => search.labels = vec![(*value).into()],
            }
            let query = jql(&search);
            assert_eq!(lex(&query), equals_tokens(field, value), "{field}: {query}");
        }
    }
}

#[test]
fn hostile_text_is_one_literal_matching_its_words_literally() {
    for value in HOSTILE {
        let query = jql(&IssuesSearch {
            text: Some((*value).into()),
            ..search()
        });
        let tokens = lex(&query);
        let [
            Token::Word(field),
            Token::Op(op),
            Token::Str(terms),
            rest @ ..,
        ] = tokens.as_slice()
        else {
            panic!("unexpected shape: {query}");
        };
        assert_eq!((field.as_str(), op.as_str()), ("text", "~"), "{query}");
        assert_eq!(rest, order_tokens().as_slice(), "{query}");
        let expected: Vec<String> = value
            .split_whitespace()
            .map(|word| match word {
                "AND" | "OR" | "NOT" => word.to_lowercase(),
                _ => word.to_owned(),
            })
            .collect();
        assert_eq!(search_words(terms), expected.join(" "), "{query}");
    }
}

#[test]
fn text_search_special_characters_carry_two_backslashes_in_the_query() {
    let query = jql(&IssuesSearch {
        text: Some("[example] (1+1):2 a/b".into()),
        ..search()
    });
    assert_eq!(
        query,
        r#"text ~ "\\[example\\] \\(1\\+1\\)\\:2 a\\/b" ORDER BY updated DESC, key ASC"#
    );
}

#[test]
fn blank_values_and_control_characters_are_invalid_input_naming_the_field() {
    let table = [
        (
            IssuesSearch {
                project: Some(" ".into()),
                ..search()
            },
            "project must not be blank",
        ),
        (
            IssuesSearch {
                text: Some("\n\t ".into()),
                ..search()
            },
            "text must not be blank",
        ),
        (
            IssuesSearch {
                labels: vec!["ok".into(), "".into()],
                ..search()
            },
            "labels[1] must not be blank",
        ),
        (
            IssuesSearch {
                assignee: Some("ada\n\" OR 1=1".into()),
                ..search()
            },
            "assignee must not contain control characters",
        ),
        (
            IssuesSearch {
                labels: vec!["a\u{0}b".into()],
                ..search()
            },
            "labels[0] must not contain control characters",
        ),
        (
            IssuesSearch {
                text: Some("nul\u{0}here".into()),
                ..search()
            },
            "text must not contain control characters",
        ),
        (
            IssuesSearch {
                updated_since: Some("2026-01-31T12:00:00".into()),
                ..search()
            },
            "updated_since must be an RFC 3339",
        ),
    ];
    for (search, message) in table {
        let error = search_jql(&search, &StatusMapping::default()).unwrap_err();
        assert_eq!(error.code(), "invalid_input");
        assert!(error.to_string().contains(message), "{error}");
    }
}

#[test]
fn status_categories_with_the_default_mapping() {
    use StatusCategory::*;
    let mapping = StatusMapping::default();
    let done_only = "(statusCategory = \"Done\" AND (resolution IS EMPTY OR resolution NOT IN \
                     (\"Won't Do\", \"Duplicate\", \"Cannot Reproduce\")))";
    let cancelled_only = "(statusCategory = \"Done\" AND resolution IN \
                          (\"Won't Do\", \"Duplicate\", \"Cannot Reproduce\"))";
    let table: Vec<(Vec<StatusCategory>, String)> = vec![
        (vec![Backlog], "statusCategory = \"To Do\"".into()),
        (vec![Todo], "statusCategory = \"To Do\"".into()),
        (vec![Backlog, Todo], "statusCategory = \"To Do\"".into()),
        (vec![InProgress], "statusCategory = \"In Progress\"".into()),
        (vec![Done, Cancelled], "statusCategory = \"Done\"".into()),
        (vec![Done], done_only.into()),
        (vec![Cancelled], cancelled_only.into()),
        (
            vec![Done, Todo, InProgress, Todo],
            format!("(statusCategory IN (\"To Do\", \"In Progress\") OR {done_only})"),
        ),
        (
            vec![Cancelled, Backlog],
            format!("(statusCategory = \"To Do\" OR {cancelled_only})"),
        ),
        (
            vec![Cancelled, Done, InProgress, Todo, Backlog],
            "statusCategory IN (\"To Do\", \"In Progress\", \"Done\")".into(),
        ),
    ];
    for (categories, clause) in table {
        assert_eq!(
            statuses(&categories, &mapping),
            format!("{clause} {ORDER}"),
            "{categories:?}"
        );
    }
}

#[test]
fn backlog_statuses_split_the_to_do_category() {
    use StatusCategory::*;
    let mapping = StatusMapping::new(
        vec!["Backlog".into(), "Icebox \"cold\"".into()],
        vec!["Won't Do".into()],
    )
    .unwrap();
    let names = r#"("Backlog", "Icebox \"cold\"")"#;
    let table = [
        (
            vec![Backlog],
            format!("(statusCategory = \"To Do\" AND status IN {names})"),
        ),
        (
            vec![Todo],
            format!("(statusCategory = \"To Do\" AND status NOT IN {names})"),
        ),
        (vec![Todo, Backlog], "statusCategory = \"To Do\"".into()),
        (
            vec![Backlog, InProgress, Cancelled],
            format!(
                "(statusCategory = \"In Progress\" OR (statusCategory = \"To Do\" AND status IN \
                 {names}) OR (statusCategory = \"Done\" AND resolution IN (\"Won't Do\")))"
            ),
        ),
    ];
    for (categories, clause) in table {
        assert_eq!(
            statuses(&categories, &mapping),
            format!("{clause} {ORDER}"),
            "{categories:?}"
        );
    }
}

proptest! {
    /// Whatever a caller sends (short of control characters), the query's shape is fixed and
    /// each value reads back from its literal unchanged.
    #[test]
    fn any_value_reads_back_from_its_literal(
        project in "[^\\p{Cc}]{1,24}",
        assignee in "[^\\p{Cc}]{1,24}",
        label in "[^\\p{Cc}]{1,24}",
    ) {
        prop_assume!(![&project, &assignee, &label].iter().any(|v| v.trim().is_empty()));
        let query = jql(&IssuesSearch {
            project: Some(project.clone()),
            assignee: Some(assignee.clone()),
            labels: vec![label.clone()],
            ..search()
        });
        let mut expected = vec![
            word("project"), Token::Op("=".into()), Token::Str(project),
            word("AND"),
            word("assignee"), Token::Op("=".into()), Token::Str(assignee),
            word("AND"),
            word("labels"), Token::Op("=".into()), Token::Str(label),
        ];
        expected.extend(order_tokens());
        prop_assert_eq!(lex(&query), expected);
    }
}
