use crate::load;

fn gaps(yaml: &str) -> Vec<String> {
    let config = load(yaml, &|_| None, &mosaic_providers::builtin())
        .unwrap_or_else(|errors| panic!("should load:\n{errors}"));
    config.gaps().iter().map(ToString::to_string).collect()
}

const SERVING: &str = r#"
auth: { anonymous: { tenant: default, principal: anyone } }
policies: [{ name: all, effect: allow }]
providers: [{ name: forge, plugin: sim, settings: { kinds: [git] } }]
routes: [{ name: all, targets: [{ instance: forge }] }]
"#;

#[test]
fn a_configuration_that_serves_calls_has_no_gap() {
    assert!(gaps(SERVING).is_empty());
}

#[test]
fn an_empty_file_lacks_everything_in_file_order() {
    assert_eq!(
        gaps(""),
        [
            "auth: no API keys and no anonymous access: every call is refused as unauthenticated (if that is intended, add `auth` to `intentionally_empty`)",
            "policies: no policy allows anything: every call is denied (if that is intended, add `policies` to `intentionally_empty`)",
            "providers: no provider instances: every call fails with `no_route` (if that is intended, add `providers` to `intentionally_empty`)",
            "routes: no routes: every call fails with `no_route` (if that is intended, add `routes` to `intentionally_empty`)",
        ]
    );
}

#[test]
fn the_first_lines_of_a_good_file_lack_what_was_not_written_yet() {
    let prefix = &SERVING[..SERVING.find("providers:").unwrap()];
    let paths: Vec<String> = gaps(prefix)
        .iter()
        .map(|gap| gap.split_once(':').unwrap().0.to_owned())
        .collect();
    assert_eq!(paths, ["providers", "routes"]);
}

#[test]
fn only_deny_rules_allow_nothing() {
    let yaml = SERVING.replace("effect: allow", "effect: deny");
    assert_eq!(gaps(&yaml).len(), 1);
    assert!(gaps(&yaml)[0].starts_with("policies: "));
}

#[test]
fn what_is_listed_as_intentionally_empty_is_no_gap() {
    let yaml = "intentionally_empty: [auth, policies, providers, routes, routes]\n";
    assert!(gaps(yaml).is_empty());
    let config = load(yaml, &|_| None, &mosaic_providers::builtin()).unwrap();
    let printed = serde_json::to_value(config.normalized()).unwrap();
    assert_eq!(
        printed["intentionally_empty"],
        serde_json::json!(["auth", "policies", "providers", "routes"])
    );
}

#[test]
fn listing_what_the_file_has_is_an_error() {
    let yaml = format!("{SERVING}intentionally_empty: [providers, routes, everything]\n");
    let errors = load(&yaml, &|_| None, &mosaic_providers::builtin()).unwrap_err();
    let lines: Vec<String> = errors.errors().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "intentionally_empty[2]: unknown variant `everything`, expected one of `auth`, `policies`, `providers`, `routes`",
        ]
    );
    let yaml = format!("{SERVING}intentionally_empty: [providers, routes]\n");
    let errors = load(&yaml, &|_| None, &mosaic_providers::builtin()).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "intentionally_empty[0]: `providers` is listed as intentionally empty, but the file has provider instances; remove it from the list\n\
         intentionally_empty[1]: `routes` is listed as intentionally empty, but the file has routes; remove it from the list"
    );
}

#[test]
fn an_incomplete_configuration_is_refused_with_every_gap() {
    let config = load(
        "providers: [{ name: forge, plugin: sim, settings: { kinds: [git] } }]\n",
        &|_| None,
        &mosaic_providers::builtin(),
    )
    .unwrap();
    let errors = config.complete().unwrap_err();
    let paths: Vec<&str> = errors
        .errors()
        .iter()
        .map(|error| error.path.as_str())
        .collect();
    assert_eq!(paths, ["auth", "policies", "routes"]);
    let complete = load(SERVING, &|_| None, &mosaic_providers::builtin()).unwrap();
    assert!(complete.complete().is_ok());
}
