//! A fake of Gitea's API v1 below `/api/v1`: the GitHub-shaped routes of [`crate::github`] in
//! their Gitea flavour (see the table there), with `Authorization: token T` and no quota.

use crate::forge::Forge;
use crate::github::{Flavour, routes};
use crate::server::{FakeServer, Style};
use axum::http::StatusCode;

/// How the Gitea fake speaks.
pub fn style(token: &str) -> Style {
    Style {
        prefix: "/api/v1".into(),
        auth_header: "authorization",
        accepted: vec![format!("token {token}")],
        rate_limit_prefix: "x-ratelimit-",
        quota_status: StatusCode::TOO_MANY_REQUESTS,
        quota: None,
        etags: true,
    }
}

/// Starts a Gitea fake serving `forge`, accepting `token`.
pub async fn start(forge: Forge, token: &str) -> FakeServer {
    FakeServer::start(style(token), forge, routes(Flavour::Gitea)).await
}
