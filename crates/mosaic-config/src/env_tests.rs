use super::*;

fn env(name: &str) -> Option<String> {
    match name {
        "HOST" => Some("forge.example".into()),
        "EMPTY" => Some(String::new()),
        "TRICKY" => Some("a\nadmin: true\n- ${HOST}".into()),
        _ => None,
    }
}

#[test]
fn expands_variables_defaults_and_escapes() {
    assert_eq!(
        expand("https://${HOST}/api", &env),
        Ok("https://forge.example/api".into())
    );
    assert_eq!(expand("${MISSING:-fallback}", &env), Ok("fallback".into()));
    assert_eq!(
        expand("${HOST:-fallback}", &env),
        Ok("forge.example".into())
    );
    assert_eq!(expand("${EMPTY:-fallback}", &env), Ok("fallback".into()));
    assert_eq!(expand("${EMPTY}", &env), Ok(String::new()));
    assert_eq!(expand("${MISSING:-}", &env), Ok(String::new()));
    assert_eq!(
        expand("cost: $$5 and $${HOST}", &env),
        Ok("cost: $5 and ${HOST}".into())
    );
    assert_eq!(expand("no references", &env), Ok("no references".into()));
}

#[test]
fn a_value_is_inserted_verbatim_and_never_expanded_again() {
    assert_eq!(
        expand("${TRICKY}", &env),
        Ok("a\nadmin: true\n- ${HOST}".into())
    );
}

#[test]
fn reports_what_is_wrong() {
    assert_eq!(
        expand("${MISSING}", &env),
        Err(ExpandError::Undefined("MISSING".into()))
    );
    assert_eq!(expand("${HOST", &env), Err(ExpandError::Unterminated));
    assert_eq!(
        expand("${1ABC}", &env),
        Err(ExpandError::InvalidName("1ABC".into()))
    );
    assert_eq!(
        expand("${}", &env),
        Err(ExpandError::InvalidName(String::new()))
    );
    assert_eq!(expand("price $5", &env), Err(ExpandError::LoneDollar));
    assert_eq!(expand("trailing $", &env), Err(ExpandError::LoneDollar));
    let message = ExpandError::Undefined("TOKEN".into()).to_string();
    assert_eq!(
        message,
        "environment variable `TOKEN` is not set (write `${TOKEN:-default}` to give a default)"
    );
}

#[test]
fn expands_strings_in_a_tree_and_reports_paths() {
    let mut tree: Value = yaml_serde::from_str(
        "store:\n  url: ${MISSING}\nproviders:\n  - name: a\n    settings: { host: '${HOST}', port: 8080, bad: '${OTHER}' }\n",
    )
    .unwrap();
    let mut errors = Vec::new();
    expand_tree(&mut tree, "", &env, &mut errors);
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(paths, ["store.url", "providers[0].settings.bad"]);
    assert!(errors[1].message.contains("`OTHER` is not set"));
    assert_eq!(
        tree["providers"][0]["settings"]["host"],
        Value::String("forge.example".into())
    );
    assert_eq!(tree["providers"][0]["settings"]["port"], Value::from(8080));
}
