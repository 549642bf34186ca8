//! What each document selects, field by field with fragments spread (a change to a document
//! shows here as a changed list), and that the texts sent are the checked documents.

use super::*;
use graphql_parser::query::{
    Definition, OperationDefinition, Selection, SelectionSet, parse_query,
};
use std::collections::BTreeMap;

type Fragments<'a> = BTreeMap<String, &'a SelectionSet<'static, String>>;

fn paths(
    selection: &SelectionSet<'static, String>,
    fragments: &Fragments<'_>,
    prefix: &str,
    out: &mut Vec<String>,
) {
    for item in &selection.items {
        match item {
            Selection::Field(field) => {
                let key = field.alias.as_ref().unwrap_or(&field.name);
                let path = format!("{prefix}{key}");
                if field.selection_set.items.is_empty() {
                    out.push(path);
                } else {
                    paths(&field.selection_set, fragments, &format!("{path}."), out);
                }
            }
            Selection::FragmentSpread(spread) => {
                paths(fragments[&spread.fragment_name], fragments, prefix, out)
            }
            Selection::InlineFragment(inline) => {
                paths(&inline.selection_set, fragments, prefix, out)
            }
        }
    }
}

/// Operation name → the response paths it selects.
fn selections() -> BTreeMap<String, Vec<String>> {
    let mut all = BTreeMap::new();
    for (_, text) in DOCUMENTS {
        let document = parse_query::<String>(text).unwrap().into_static();
        let fragments: Fragments<'_> = document
            .definitions
            .iter()
            .filter_map(|definition| match definition {
                Definition::Fragment(fragment) => {
                    Some((fragment.name.clone(), &fragment.selection_set))
                }
                Definition::Operation(_) => None,
            })
            .collect();
        for definition in &document.definitions {
            let (name, selection) = match definition {
                Definition::Operation(OperationDefinition::Query(q)) => (&q.name, &q.selection_set),
                Definition::Operation(OperationDefinition::Mutation(m)) => {
                    (&m.name, &m.selection_set)
                }
                _ => continue,
            };
            let mut out = Vec::new();
            paths(selection, &fragments, "", &mut out);
            all.insert(name.clone().unwrap(), out);
        }
    }
    all
}

const ISSUE_FIELDS: [&str; 15] = [
    "id",
    "identifier",
    "title",
    "description",
    "priority",
    "url",
    "createdAt",
    "updatedAt",
    "state.id",
    "state.name",
    "state.type",
    "assignee.displayName",
    "assignee.email",
    "labels.nodes.name",
    "team.key",
];

fn issue_fields(prefix: &str) -> Vec<String> {
    ISSUE_FIELDS
        .iter()
        .map(|path| format!("{prefix}{path}"))
        .collect()
}

fn team_parts(prefix: &str) -> Vec<String> {
    [
        "id",
        "key",
        "labels.nodes.id",
        "labels.nodes.name",
        "states.nodes.id",
        "states.nodes.name",
        "states.nodes.type",
        "states.nodes.position",
    ]
    .iter()
    .map(|path| format!("{prefix}{path}"))
    .collect()
}

fn strings(paths: &[&str]) -> Vec<String> {
    paths.iter().map(|path| (*path).to_owned()).collect()
}

#[test]
fn each_document_selects_what_the_mapping_reads() {
    let all = selections();
    assert_eq!(all["Viewer"], strings(&["viewer.id"]));
    assert_eq!(
        all["Teams"],
        strings(&[
            "organization.urlKey",
            "teams.nodes.id",
            "teams.nodes.key",
            "teams.nodes.name",
            "teams.pageInfo.hasNextPage",
            "teams.pageInfo.endCursor",
        ])
    );
    let mut search = issue_fields("issues.nodes.");
    search.extend(strings(&[
        "issues.pageInfo.hasNextPage",
        "issues.pageInfo.endCursor",
    ]));
    assert_eq!(all["IssueSearch"], search);
    assert_eq!(all["IssueGet"], issue_fields("issue."));
    let mut create = strings(&["issueCreate.success"]);
    create.extend(issue_fields("issueCreate.issue."));
    assert_eq!(all["IssueCreate"], create);
    let mut update = strings(&["issueUpdate.success"]);
    update.extend(issue_fields("issueUpdate.issue."));
    assert_eq!(all["IssueUpdate"], update);
    assert_eq!(
        all["CommentCreate"],
        strings(&[
            "commentCreate.success",
            "commentCreate.comment.id",
            "commentCreate.comment.body",
            "commentCreate.comment.createdAt",
            "commentCreate.comment.url",
            "commentCreate.comment.user.displayName",
            "commentCreate.comment.user.email",
        ])
    );
    let mut team = team_parts("teams.nodes.");
    team.extend(strings(&[
        "workspaceLabels.nodes.id",
        "workspaceLabels.nodes.name",
    ]));
    assert_eq!(all["TeamContext"], team);
    let mut issue = strings(&[
        "issue.id",
        "issue.identifier",
        "issue.state.id",
        "issue.state.name",
        "issue.state.type",
    ]);
    issue.extend(team_parts("issue.team."));
    issue.extend(strings(&[
        "workspaceLabels.nodes.id",
        "workspaceLabels.nodes.name",
    ]));
    assert_eq!(all["IssueContext"], issue);
    assert_eq!(
        all["UserLookup"],
        strings(&[
            "users.nodes.id",
            "users.nodes.displayName",
            "users.nodes.email"
        ])
    );
    assert_eq!(all.len(), 10);
}

#[test]
fn the_texts_sent_are_the_checked_documents_named_by_operation() {
    let sent = [
        (viewer::QUERY, viewer::OPERATION_NAME),
        (teams::QUERY, teams::OPERATION_NAME),
        (issue_search::QUERY, issue_search::OPERATION_NAME),
        (issue_get::QUERY, issue_get::OPERATION_NAME),
        (issue_create::QUERY, issue_create::OPERATION_NAME),
        (issue_update::QUERY, issue_update::OPERATION_NAME),
        (comment_create::QUERY, comment_create::OPERATION_NAME),
        (team_context::QUERY, team_context::OPERATION_NAME),
        (issue_context::QUERY, issue_context::OPERATION_NAME),
        (user_lookup::QUERY, user_lookup::OPERATION_NAME),
    ];
    let all = selections();
    for (query, name) in sent {
        assert!(DOCUMENTS.iter().any(|(_, text)| *text == query), "{name}");
        assert!(all.contains_key(name), "{name}");
    }
}

#[test]
fn only_the_mutations_are_writes() {
    for (_, text) in DOCUMENTS {
        let document = parse_query::<String>(text).unwrap().into_static();
        for definition in &document.definitions {
            let (name, expected) = match definition {
                Definition::Operation(OperationDefinition::Query(q)) => (&q.name, Effect::Read),
                Definition::Operation(OperationDefinition::Mutation(m)) => (&m.name, Effect::Write),
                _ => continue,
            };
            let name = name.as_deref().unwrap();
            assert_eq!(effect_of(text, name), expected, "{name}");
        }
    }
    assert_eq!(
        effect_of("query Viewer { viewer { id } }", "Unknown"),
        Effect::Write
    );
    assert_eq!(
        effect_of(
            "# query IssueCreate\nmutation IssueCreate { x }",
            "IssueCreate"
        ),
        Effect::Write
    );
}
