//! A small manifest the unit tests compile, with the auth scheme and error rules they need.

use crate::compile::{Compiled, compile};
use std::path::Path;

/// A git manifest authenticating with `auth` (a YAML flow mapping), mapping `git.repos.get`
/// (with a 404 rule naming the repository and a 409 rule reading the body) and
/// `git.issues.create` (a write), with Gitea-like rate-limit headers.
pub(crate) fn manifest(auth: &str) -> Compiled {
    let text = format!(
        r#"
name: unit
version: 1.0.0
description: A manifest for unit tests
kinds: [git]
auth: {auth}
rate_limit: {{remaining: x-ratelimit-remaining, limit: x-ratelimit-limit, reset: x-ratelimit-reset}}
errors:
  rules:
    - {{status: 409, when: '.message | test("merged")', error: conflict}}
    - {{status: 400, when: '.code == "gone"', error: empty}}
operations:
  git.repos.get:
    request: {{path: '/repos/{{{{ repo | path }}}}'}}
    response:
      output: '{{id: (.id | tostring), full_name, name, owner: .owner, description: null, default_branch: "main", private: false, updated_at: null, web_url: ""}}'
    errors:
      - {{status: 404, error: not_found, message: 'repository `{{{{ repo }}}}`'}}
    examples:
      - input: {{repo: acme/api}}
        answer: {{id: 1, full_name: acme/api, name: api, owner: acme}}
  git.issues.list:
    request: {{path: '/repos/{{{{ repo | path }}}}/issues'}}
    pagination: {{type: page, page: p, size: n}}
    response:
      items: '.[] | {{id: (.id | tostring), number, title, body: null, state: "open", author: null, assignees: [], labels: [], comments: 0, created_at: null, updated_at: null, web_url: ""}}'
    examples:
      - input: {{repo: acme/api}}
        answer: []
  git.issues.create:
    request:
      method: POST
      path: '/repos/{{{{ repo | path }}}}/issues'
      body: '{{{{ {{"title": title, "labels": labels}} | tojson }}}}'
    response:
      output: '{{id: (.id | tostring), number, title, body: null, state: "open", author: null, assignees: [], labels: [], comments: 0, created_at: null, updated_at: null, web_url: ""}}'
    examples:
      - input: {{repo: acme/api, title: Hello}}
        answer: {{id: 9, number: 3, title: Hello}}
"#
    );
    compile(&text, Path::new("unit.yaml")).unwrap_or_else(|errors| panic!("{errors}"))
}
