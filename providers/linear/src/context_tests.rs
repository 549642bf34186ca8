//! Labels by name among a team's and the workspace's.

use super::*;

fn team() -> TeamInfo {
    TeamInfo {
        id: "t".into(),
        key: "WEB".into(),
        labels: ["bug", "Feature", "docs"]
            .iter()
            .enumerate()
            .map(|(n, name)| LabelInfo {
                id: format!("l{n}"),
                name: (*name).into(),
            })
            .collect(),
        states: Vec::new(),
    }
}

#[test]
fn labels_are_found_by_name_without_regard_to_case() {
    let names = ["feature", "bug", "BUG"].map(String::from);
    assert_eq!(team().label_ids(&names).unwrap(), ["l1", "l0"]);
    assert_eq!(team().label_ids(&[]).unwrap(), Vec::<String>::new());
}

#[test]
fn unknown_labels_are_named_with_the_ones_there_are() {
    let names = ["bug", "p1", "ui"].map(String::from);
    assert_eq!(
        team().label_ids(&names).unwrap_err(),
        ProviderError::Invalid(
            "labels: team WEB has no label `p1`, `ui`; its labels are: Feature, bug, docs".into()
        )
    );
    let bare = TeamInfo {
        labels: Vec::new(),
        ..team()
    };
    let error = bare.label_ids(&["bug".into()]).unwrap_err();
    assert!(matches!(&error, ProviderError::Invalid(m) if m.ends_with("its labels are: none")));
}
