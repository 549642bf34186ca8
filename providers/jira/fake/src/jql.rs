//! The part of JQL the fake understands: clauses joined by `AND` and `OR` with parentheses,
//! `field = "v"`, `field ~ "v"`, `field >= "v"`, `field IN (…)`, `field NOT IN (…)` and
//! `field IS EMPTY` on `project`, `text`, `statusCategory`, `status`, `resolution`,
//! `assignee`, `labels` and `updated`, and a trailing `ORDER BY` (the fake always orders by
//! `updated DESC, key ASC`). Anything else is a JQL error, as Jira answers it: 400.
//!
//! Values are only ever string literals with `\` escapes, so a test can see that text a
//! caller sent reached Jira as one literal value.

use mosaic_fake_kit::tracker::{Item, StateGroup, Tracker};

/// A parsed condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// Every condition holds.
    And(Vec<Condition>),
    /// One condition holds.
    Or(Vec<Condition>),
    /// `field op values`.
    Clause {
        /// Field name, lower case.
        field: String,
        /// `=`, `~`, `>=`, `in`, `not in`, `is empty`.
        op: String,
        /// The literal values.
        values: Vec<String>,
    },
    /// No condition (a query of only `ORDER BY`).
    All,
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Word(String),
    Text(String),
    Symbol(&'static str),
}

fn tokens(jql: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = jql.chars().peekable();
    while let Some(&c) = chars.peek() {
        match c {
            ' ' | '\t' | '\n' => {
                chars.next();
            }
            '(' | ')' | ',' | '=' | '~' => {
                chars.next();
                out.push(Token::Symbol(match c {
                    '(' => "(",
                    ')' => ")",
                    ',' => ",",
                    '=' => "=",
                    _ => "~",
                }));
            }
            '>' => {
                chars.next();
                if chars.next() != Some('=') {
                    return Err("expected `>=`".into());
                }
                out.push(Token::Symbol(">="));
            }
            '"' => {
                chars.next();
                let mut text = String::new();
                loop {
                    match chars.next() {
                        None => return Err("a string literal is not closed".into()),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(escaped) => text.push(escaped),
                            None => return Err("a string literal ends in `\\`".into()),
                        },
                        Some(other) => text.push(other),
                    }
                }
                out.push(Token::Text(text));
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_alphanumeric() || c == '_' {
                        word.push(c);
                        chars.next();
                    } else {
                        break;
                    }
                }
                out.push(Token::Word(word));
            }
            other => return Err(format!("the character `{other}` is not expected")),
        }
    }
    Ok(out)
}

struct Parser {
    tokens: Vec<Token>,
    at: usize,
}

impl Parser {
    fn peek_word(&self, word: &str) -> bool {
        matches!(self.tokens.get(self.at), Some(Token::Word(w)) if w.eq_ignore_ascii_case(word))
    }

    fn next(&mut self) -> Option<Token> {
        let token = self.tokens.get(self.at).cloned();
        self.at += 1;
        token
    }

    fn or(&mut self) -> Result<Condition, String> {
        let mut parts = vec![self.and()?];
        while self.peek_word("OR") {
            self.at += 1;
            parts.push(self.and()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::Or(parts)
        })
    }

    fn and(&mut self) -> Result<Condition, String> {
        let mut parts = vec![self.atom()?];
        while self.peek_word("AND") {
            self.at += 1;
            parts.push(self.atom()?);
        }
        Ok(if parts.len() == 1 {
            parts.remove(0)
        } else {
            Condition::And(parts)
        })
    }

    fn atom(&mut self) -> Result<Condition, String> {
        match self.next() {
            Some(Token::Symbol("(")) => {
                let inner = self.or()?;
                match self.next() {
                    Some(Token::Symbol(")")) => Ok(inner),
                    _ => Err("expected `)`".into()),
                }
            }
            Some(Token::Word(field)) => self.clause(field.to_lowercase()),
            other => Err(format!("expected a field, found {other:?}")),
        }
    }

    fn clause(&mut self, field: String) -> Result<Condition, String> {
        let known = [
            "project",
            "text",
            "statuscategory",
            "status",
            "resolution",
            "assignee",
            "labels",
            "updated",
        ];
        if !known.contains(&field.as_str()) {
            return Err(format!(
                "Field '{field}' does not exist or you do not have permission to view it."
            ));
        }
        let (op, values) = match self.next() {
            Some(Token::Symbol(op @ ("=" | "~" | ">="))) => match self.next() {
                Some(Token::Text(value)) => (op.to_owned(), vec![value]),
                other => {
                    return Err(format!(
                        "expected a quoted value after `{op}`, found {other:?}"
                    ));
                }
            },
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("IN") => {
                ("in".into(), self.list()?)
            }
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("NOT") => {
                if !self.peek_word("IN") {
                    return Err("expected `IN` after `NOT`".into());
                }
                self.at += 1;
                ("not in".into(), self.list()?)
            }
            Some(Token::Word(word)) if word.eq_ignore_ascii_case("IS") => {
                if !self.peek_word("EMPTY") {
                    return Err("expected `EMPTY` after `IS`".into());
                }
                self.at += 1;
                ("is empty".into(), Vec::new())
            }
            other => {
                return Err(format!(
                    "expected an operator after `{field}`, found {other:?}"
                ));
            }
        };
        Ok(Condition::Clause { field, op, values })
    }

    fn list(&mut self) -> Result<Vec<String>, String> {
        if self.next() != Some(Token::Symbol("(")) {
            return Err("expected `(` to open a list".into());
        }
        let mut values = Vec::new();
        loop {
            match self.next() {
                Some(Token::Text(value)) => values.push(value),
                other => {
                    return Err(format!(
                        "expected a quoted value in a list, found {other:?}"
                    ));
                }
            }
            match self.next() {
                Some(Token::Symbol(",")) => {}
                Some(Token::Symbol(")")) => return Ok(values),
                other => return Err(format!("expected `,` or `)` in a list, found {other:?}")),
            }
        }
    }
}

/// Parses a query; the error is Jira's kind of message.
pub fn parse(jql: &str) -> Result<Condition, String> {
    let mut tokens = tokens(jql)?;
    // Everything from `ORDER BY` on is ordering, which the fake fixes.
    if let Some(order) = tokens.windows(2).position(|pair| {
        matches!((&pair[0], &pair[1]), (Token::Word(a), Token::Word(b)) if a.eq_ignore_ascii_case("ORDER") && b.eq_ignore_ascii_case("BY"))
    }) {
        tokens.truncate(order);
    }
    if tokens.is_empty() {
        return Ok(Condition::All);
    }
    let mut parser = Parser { tokens, at: 0 };
    let condition = parser.or()?;
    if parser.at < parser.tokens.len() {
        return Err(format!("unexpected {:?}", parser.tokens[parser.at]));
    }
    Ok(condition)
}

/// Jira's category name of a state group.
pub fn category_name(group: StateGroup) -> &'static str {
    match group {
        StateGroup::Backlog | StateGroup::Unstarted => "To Do",
        StateGroup::Started => "In Progress",
        StateGroup::Completed | StateGroup::Cancelled => "Done",
    }
}

/// Whether `item` meets `condition`.
pub fn matches(condition: &Condition, item: &Item, tracker: &Tracker) -> bool {
    match condition {
        Condition::All => true,
        Condition::And(parts) => parts.iter().all(|part| matches(part, item, tracker)),
        Condition::Or(parts) => parts.iter().any(|part| matches(part, item, tracker)),
        Condition::Clause { field, op, values } => {
            let state = tracker.state_of(item);
            let field_values: Vec<String> = match field.as_str() {
                "project" => vec![item.project.clone()],
                "statuscategory" => state
                    .map(|s| category_name(s.group).to_owned())
                    .into_iter()
                    .collect(),
                "status" => state.map(|s| s.name.clone()).into_iter().collect(),
                "resolution" => item.resolution.clone().into_iter().collect(),
                "assignee" => item
                    .assignee
                    .as_deref()
                    .and_then(|login| tracker.person(login))
                    .map(|p| {
                        vec![
                            p.login.clone(),
                            p.email.clone(),
                            p.account_id.clone(),
                            p.name.clone(),
                        ]
                    })
                    .unwrap_or_default(),
                "labels" => item.labels.clone(),
                "updated" => vec![jql_minute(&item.updated_at)],
                _ => vec![searchable_text(item)],
            };
            let same = |a: &str, b: &str| a.to_lowercase() == b.to_lowercase();
            match op.as_str() {
                "=" => field_values.iter().any(|v| same(v, &values[0])),
                "in" => field_values
                    .iter()
                    .any(|v| values.iter().any(|w| same(v, w))),
                "not in" => {
                    !field_values.is_empty()
                        && !field_values
                            .iter()
                            .any(|v| values.iter().any(|w| same(v, w)))
                }
                "is empty" => field_values.is_empty(),
                ">=" => field_values
                    .iter()
                    .any(|v| v.as_str() >= values[0].as_str()),
                _ => text_matches(&field_values[0], &values[0]),
            }
        }
    }
}

/// Title and description text of an item, lower case.
fn searchable_text(item: &Item) -> String {
    let description = item
        .description
        .as_ref()
        .map(|d| d.to_string())
        .unwrap_or_default();
    format!("{} {description}", item.title).to_lowercase()
}

/// `text ~ "…"`: Lucene's escapes removed and quotes dropped, every word must occur.
fn text_matches(haystack: &str, query: &str) -> bool {
    let mut unescaped = String::new();
    let mut chars = query.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => unescaped.extend(chars.next()),
            '"' => unescaped.push(' '),
            other => unescaped.push(other),
        }
    }
    unescaped
        .split_whitespace()
        .all(|word| haystack.contains(&word.to_lowercase()))
}

/// `2026-11-01T00:05:00Z` as JQL's `2026-11-01 00:05`.
fn jql_minute(rfc3339: &str) -> String {
    rfc3339.get(..16).unwrap_or(rfc3339).replace('T', " ")
}

#[cfg(test)]
#[path = "jql_tests.rs"]
mod tests;
