use super::*;
use mosaic_core::ServiceKind;

fn forge() -> PluginDescriptor {
    PluginDescriptor::new(
        "forge",
        "1.0.0",
        "a forge that cannot merge",
        vec![ServiceKind::Git],
        schemars::json_schema!({"type": "object"}),
        |op| match op {
            OpId::GitPullsMerge => Support::unsupported("merges are done by people"),
            _ => Support::Supported,
        },
    )
}

#[test]
fn every_form_footnotes_a_reason_and_marks_other_kinds_apart() {
    let forge = forge();
    let markdown = markdown::matrix(&[&forge]);
    assert!(markdown.starts_with("| operation | `forge` |\n| --- | :-: |\n"));
    assert!(markdown.contains("| `git.repos.list` | yes |\n"));
    assert!(markdown.contains("| `git.pulls.merge` | no [1] |\n"));
    assert!(markdown.contains("| `pm.issues.get` | - |\n"));
    assert!(markdown.ends_with("[1] `forge` `git.pulls.merge`: merges are done by people\n"));

    let text = text::matrix(&[&forge]);
    assert!(text.contains("git.pulls.merge       no[1]\n"), "{text}");
    assert!(text.ends_with("[1] forge git.pulls.merge: merges are done by people\n"));

    let json = json_matrix(&[&forge]);
    assert_eq!(json["plugins"][0]["kinds"], json!(["git"]));
    assert_eq!(
        json["plugins"][0]["operations"]["git.pulls.merge"],
        json!({"support": "unsupported", "reason": "merges are done by people"})
    );
}
