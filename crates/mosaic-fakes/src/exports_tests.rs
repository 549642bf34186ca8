//! The export lines: the names the examples read, values a shell takes literally.

use super::*;

fn mount(name: &'static str, base_url: &str, email: Option<&'static str>) -> Mount {
    Mount {
        name,
        base_url: base_url.to_owned(),
        token: "t0ken",
        email,
        more: Vec::new(),
    }
}

#[test]
fn a_mount_exports_its_url_and_token_under_its_upper_case_name() {
    let lines = export_lines(&[mount("github", "http://127.0.0.1:8090/github", None)]);
    assert_eq!(
        lines,
        "export MOSAIC_GITHUB_URL='http://127.0.0.1:8090/github'\n\
         export MOSAIC_GITHUB_TOKEN='t0ken'\n"
    );
}

#[test]
fn a_dash_in_a_name_becomes_an_underscore_and_an_email_is_exported_when_there_is_one() {
    let mirror = mount("gitea-mirror", "http://h/gitea-mirror/api/v1", None);
    assert_eq!(variable(&mirror, "URL"), "MOSAIC_GITEA_MIRROR_URL");
    let jira = mount("jira", "http://h/jira", Some("ana@example.com"));
    assert_eq!(
        variables(&jira).last(),
        Some(&("MOSAIC_JIRA_EMAIL".to_owned(), "ana@example.com".to_owned()))
    );
}

#[test]
fn what_more_a_mount_exports_follows_its_credentials() {
    let mut bookstack = mount("bookstack", "http://h/bookstack/api", None);
    bookstack.more = vec![
        ("TOKEN_ID", "id".to_owned()),
        ("TOKEN_SECRET", "s".to_owned()),
    ];
    let names: Vec<String> = variables(&bookstack)
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        [
            "MOSAIC_BOOKSTACK_URL",
            "MOSAIC_BOOKSTACK_TOKEN",
            "MOSAIC_BOOKSTACK_TOKEN_ID",
            "MOSAIC_BOOKSTACK_TOKEN_SECRET"
        ]
    );
}

#[test]
fn quotes_in_a_value_stay_characters_of_it() {
    assert_eq!(
        quoted("http://[::1]:8090/it's"),
        r"'http://[::1]:8090/it'\''s'"
    );
}
