//! Builds the seed knowledge base: an engineering and an operations space.

use super::super::clock::seed_time;
use super::super::dataset::{State, WEB};
use mosaic_core::model::{KbPage, Space};

const SPACES: [(&str, &str); 2] = [("ENG", "Engineering"), ("OPS", "Operations")];

/// Pages oldest first: space, title, index of the parent among this table's pages, body.
const PAGES: [(&str, &str, Option<usize>, &str); 9] = [
    (
        "ENG",
        "Engineering handbook",
        None,
        "# Engineering handbook\n\nHow we build software at Acme: small pull requests, reviews within a day, and green CI before merge.\n",
    ),
    (
        "ENG",
        "Architecture overview",
        Some(0),
        "# Architecture overview\n\nThe web app calls the orders API, which stores orders in PostgreSQL and publishes events to the queue.\nThe SDK wraps the public API for customers.\n",
    ),
    (
        "ENG",
        "Coding guidelines",
        Some(0),
        "# Coding guidelines\n\n- Typed errors, no panics on bad input.\n- Tests beside the code.\n- Comments say why.\n",
    ),
    (
        "ENG",
        "API design guide",
        Some(0),
        "# API design guide\n\nResources are plural nouns. Lists are paginated with opaque cursors. Errors carry a stable code.\n",
    ),
    (
        "ENG",
        "Release process",
        None,
        "# Release process\n\nReleases are cut from `main` every Tuesday. The release manager checks the deploy checklist in OPS.\n",
    ),
    (
        "OPS",
        "On-call guide",
        None,
        "# On-call guide\n\nThe on-call engineer carries the pager for one week, Monday to Monday.\n\n## Escalation\n\n1. Acknowledge the page within 5 minutes.\n2. If customers are affected, open an incident channel.\n3. Escalate to the secondary on-call after 15 minutes without progress.\n",
    ),
    (
        "OPS",
        "Incident response runbook",
        None,
        "# Incident response runbook\n\nDeclare an incident when a customer-facing service is degraded. The incident commander is the on-call engineer until handed over.\nWrite the timeline as you go; the postmortem starts from it.\n",
    ),
    (
        "OPS",
        "Deploy checklist",
        None,
        "# Deploy checklist\n\n- CI is green on the commit.\n- Database migrations are backwards compatible.\n- Feature flags default to off.\n",
    ),
    (
        "OPS",
        "Postmortem template",
        Some(6),
        "# Postmortem template\n\n## Summary\n\n## Timeline\n\n## Root cause\n\n## Action items\n",
    ),
];

pub(super) fn seed(state: &mut State) {
    for (key, name) in SPACES {
        state.kb.spaces.push(Space {
            id: state.ids.next().to_string(),
            key: key.to_owned(),
            name: name.to_owned(),
            web_url: format!("{WEB}/wiki/{key}"),
        });
    }
    let mut ids = Vec::with_capacity(PAGES.len());
    for (index, (space, title, parent, body)) in (0i64..).zip(PAGES) {
        let id = state.page_ids.next().to_string();
        state.kb.pages.push(KbPage {
            web_url: format!("{WEB}/wiki/{space}/pages/{id}"),
            id: id.clone(),
            space: space.to_owned(),
            title: title.to_owned(),
            body: body.to_owned(),
            version: 1 + u64::try_from(index % 3).unwrap_or(0),
            parent_id: parent.and_then(|parent| ids.get(parent).cloned()),
            updated_at: Some(seed_time(index * 300)),
        });
        ids.push(id);
    }
}
