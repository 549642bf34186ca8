use super::*;

#[test]
fn string_literals_escape_quotes_and_backslashes_only() {
    let table = [
        ("PROJ", r#""PROJ""#),
        (
            r#"x" OR project = "SECRET"#,
            r#""x\" OR project = \"SECRET""#,
        ),
        (r#"\""#, r#""\\\"""#),
        (r"a\\", r#""a\\\\""#),
        ("OR", r#""OR""#),
        ("AND NOT", r#""AND NOT""#),
        ("~", r#""~""#),
        ("!=", r#""!=""#),
        ("ORDER BY key", r#""ORDER BY key""#),
        ("'single'", r#""'single'""#),
        ("Zoë 日本 🦀", r#""Zoë 日本 🦀""#),
    ];
    for (value, literal) in table {
        assert_eq!(
            string_literal("assignee", value).unwrap(),
            literal,
            "{value}"
        );
    }
}

#[test]
fn control_characters_are_refused_naming_the_field() {
    for value in [
        "a\nb",
        "a\rb",
        "tab\there",
        "nul\0",
        "bell\u{7}",
        "del\u{7f}",
        "c1\u{85}",
    ] {
        let error = string_literal("labels[2]", value).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{value:?}");
        assert!(error.to_string().contains("labels[2]"), "{error}");
    }
}

#[test]
fn every_text_search_operator_character_is_escaped() {
    for c in "+-&|!(){}[]^~*?:\\/\"".chars() {
        assert_eq!(
            literal_search_terms(&format!("a{c}b")),
            format!("a\\{c}b"),
            "{c}"
        );
    }
    assert_eq!(
        literal_search_terms("(1+1):2 && x || !y"),
        r"\(1\+1\)\:2 \&\& x \|\| \!y"
    );
}

#[test]
fn capitalised_operator_words_lose_their_meaning() {
    assert_eq!(literal_search_terms("cats OR dogs"), "cats or dogs");
    assert_eq!(literal_search_terms("AND NOT x"), "and not x");
    // Only the exact operator words: other capitals and longer words stay.
    assert_eq!(literal_search_terms("ORACLE Or TO"), "ORACLE Or TO");
}

#[test]
fn line_breaks_and_runs_of_whitespace_separate_words() {
    assert_eq!(
        literal_search_terms(" one\ntwo\r\n\tthree  "),
        "one two three"
    );
    assert_eq!(literal_search_terms(" \n\t "), "");
}
