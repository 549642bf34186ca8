//! Linear's answers as the unified model.

use super::*;
use mosaic_core::model::StatusCategory;

fn parts() -> IssueParts {
    IssueParts {
        id: "9f3c".into(),
        identifier: "WEB-12".into(),
        title: "Checkout fails".into(),
        description: Some("**500** on `/pay`".into()),
        priority: 2.0,
        url: "https://linear.app/acme/issue/WEB-12/checkout-fails".into(),
        created_at: "2026-11-01T00:01:00.000Z".into(),
        updated_at: "2026-11-01T00:02:00.000Z".into(),
        state_name: "In Review".into(),
        state_type: "started".into(),
        assignee: Some(Person {
            display_name: "ben".into(),
            email: "ben@example.com".into(),
        }),
        labels: vec!["bug".into()],
        team_key: "WEB".into(),
    }
}

#[test]
fn an_issue_is_a_work_item_with_its_markdown_unchanged() {
    let item = parts().unify().unwrap();
    assert_eq!(item.key, "WEB-12");
    assert_eq!(item.project, "WEB");
    assert_eq!(item.description.as_deref(), Some("**500** on `/pay`"));
    assert_eq!(item.status, "In Review");
    assert_eq!(item.status_category, StatusCategory::InProgress);
    assert_eq!(item.assignee.as_deref(), Some("ben@example.com"));
    assert_eq!(item.priority.as_deref(), Some("high"));
    assert_eq!(item.updated_at.as_deref(), Some("2026-11-01T00:02:00.000Z"));
    assert_eq!(
        item.web_url,
        "https://linear.app/acme/issue/WEB-12/checkout-fails"
    );
    let hidden = IssueParts {
        assignee: Some(Person {
            display_name: "chloe".into(),
            email: String::new(),
        }),
        ..parts()
    };
    assert_eq!(hidden.unify().unwrap().assignee.as_deref(), Some("chloe"));
    let odd = IssueParts {
        state_type: "paused".into(),
        ..parts()
    };
    assert!(matches!(odd.unify(), Err(ProviderError::Protocol(_))));
}

#[test]
fn priorities_by_name_and_number() {
    let names: Vec<Option<String>> = (0..5)
        .map(|n| priority_name(f64::from(n)).unwrap())
        .collect();
    assert_eq!(
        names,
        [
            None,
            Some("urgent".into()),
            Some("high".into()),
            Some("medium".into()),
            Some("low".into())
        ]
    );
    for bad in [5.0, -1.0, 1.5] {
        assert!(
            matches!(priority_name(bad), Err(ProviderError::Protocol(_))),
            "{bad}"
        );
    }
    for (name, number) in [
        ("Urgent", 1),
        ("high", 2),
        ("MEDIUM", 3),
        ("low", 4),
        ("none", 0),
    ] {
        assert_eq!(priority_number(name).unwrap(), number, "{name}");
    }
    let error = priority_number("P1").unwrap_err();
    assert_eq!(
        error,
        ProviderError::Invalid(
            "priority \"P1\" is not one of Linear's: none, urgent, high, medium, low".into()
        )
    );
}

#[test]
fn teams_and_comments() {
    let team = project("t1".into(), "WEB".into(), "Web".into(), "acme");
    assert_eq!(team.web_url, "https://linear.app/acme/team/WEB");
    assert_eq!(
        (team.id.as_str(), team.key.as_str(), team.name.as_str()),
        ("t1", "WEB", "Web")
    );
    let comment = CommentParts {
        id: "c1".into(),
        body: "> quoted".into(),
        created_at: "2026-11-01T00:03:00.000Z".into(),
        url: "https://linear.app/acme/issue/WEB-12/x#comment-1".into(),
        author: None,
    }
    .unify();
    assert_eq!(comment.body, "> quoted");
    assert_eq!(comment.author, None);
}
