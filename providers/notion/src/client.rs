//! [`Notion`]: one instance — its requests, each read in Notion's dialect — and the hooks of
//! its [`Instance`]: the health probe and the two resources it serves, whose operations are
//! in `spaces.rs` and `pages.rs`.
//!
//! Every request goes through [`ApiClient::send_raw`] and is judged here: Notion's 529
//! `service_overload` is rate limiting with its `Retry-After` (`dialect.rs`), which the kit's
//! status mapping cannot know; every other refusal is the kit's mapping. Notion sends no
//! `ETag`, so no read is conditional.

use super::config::NotionConnection;
use super::dialect::{NOTION, overloaded};
use super::ids::NotionId;
use mosaic_core::{Health, ProviderError, Quota};
use mosaic_plugin::Instance;
use mosaic_plugin::kinds::{KbPages, KbSpaces};
use mosaic_provider_kit::http::{
    ApiClient, Effect, error_for_answer, health_of, id_in, unconfirmed,
};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::time::SystemTime;

/// A running Notion instance.
pub struct Notion {
    api: ApiClient,
    /// The configured root pages by key; `None` discovers the top-level ones.
    pub(super) spaces: Option<Vec<(String, NotionId)>>,
}

impl Notion {
    /// An instance over a checked connection and its HTTP client.
    pub fn new(api: ApiClient, connection: &NotionConnection) -> Self {
        Self {
            api,
            spaces: connection.spaces.clone(),
        }
    }

    /// A GET's answer as `T`.
    pub(super) async fn get<T: DeserializeOwned>(&self, path: &str) -> Result<T, ProviderError> {
        self.request(Method::GET, path, None).await
    }

    /// A request with a JSON body, its answer as `T`: for a write, an answer that does not
    /// read is `WriteUnconfirmed` naming the id the body carries.
    pub(super) async fn request<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
    ) -> Result<T, ProviderError> {
        let effect = Effect::of(&method);
        let raw = self.api.send_raw(method, path, &[], body, effect).await?;
        let now = SystemTime::now();
        if !raw.status.is_success() {
            return Err(
                overloaded(raw.status, &raw.headers, now).unwrap_or_else(|| {
                    error_for_answer(&NOTION, raw.status, &raw.headers, &raw.body, now, effect)
                }),
            );
        }
        serde_json::from_slice(&raw.body).map_err(|error| {
            let problem = format!("Notion's answer to {path} does not read: {error}");
            match effect {
                Effect::Read => ProviderError::Protocol(problem),
                Effect::Write => {
                    let id = serde_json::from_slice::<Value>(&raw.body)
                        .ok()
                        .as_ref()
                        .and_then(id_in);
                    unconfirmed(id, format!("its answer could not be read ({problem})"))
                }
            }
        })
    }
}

#[async_trait::async_trait]
impl Instance for Notion {
    /// The integration's own bot user: proves the token and the API answer.
    async fn health(&self) -> Health {
        health_of(self.get::<Value>("/users/me").await)
    }

    /// Notion sends no quota headers; a proxy's in front are read (`dialect.rs`).
    fn quota(&self) -> Option<Quota> {
        self.api.quota()
    }

    fn kb_spaces(&self) -> Option<&dyn KbSpaces> {
        Some(self)
    }

    fn kb_pages(&self) -> Option<&dyn KbPages> {
        Some(self)
    }
}
