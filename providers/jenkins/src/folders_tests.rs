//! Repositories to folders: the first matching rule, its placeholders, the default, and the
//! rules' problems at their paths.

use super::*;

fn rule(repo: &str, folder: &str) -> FolderRule {
    FolderRule {
        repo: repo.into(),
        folder: folder.into(),
    }
}

#[test]
fn the_first_matching_rule_gives_the_folder_and_the_default_mirrors_the_repository() {
    let default = Folders::new(&[]).unwrap();
    assert_eq!(default.folder_of("acme/api").unwrap(), "job/acme/job/api");
    let folders = Folders::new(&[
        rule("acme/web*", ""),
        rule("ACME/*", "teams/{owner}/{name}"),
        rule("*/x", "elsewhere"),
    ])
    .unwrap();
    assert_eq!(folders.folder_of("acme/website").unwrap(), "");
    assert_eq!(
        folders.folder_of("acme/api").unwrap(),
        "job/teams/job/acme/job/api"
    );
    assert_eq!(folders.folder_of("other/x").unwrap(), "job/elsewhere");
    assert!(matches!(
        folders.folder_of("other/y"),
        Err(ProviderError::NotFound(message)) if message.contains("`repositories`")
    ));
    let spaced = Folders::new(&[rule("a/b", "Team One/{name}")]).unwrap();
    assert_eq!(spaced.folder_of("a/b").unwrap(), "job/Team%20One/job/b");
}

#[test]
fn a_bad_rule_is_refused_at_its_path() {
    let errors = Folders::new(&[
        rule("acme", "x"),
        rule("acme/*", "{repo}"),
        rule("a/b", "../up"),
    ])
    .unwrap_err();
    let paths: Vec<&str> = errors.iter().map(|error| error.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "repositories[0].repo",
            "repositories[1].folder",
            "repositories[2].folder"
        ]
    );
}
