//! What the provider test binaries share: building an instance of a plugin against a base
//! URL, calling it with JSON arguments as the gateway would, and the shared suites a provider
//! declares once instead of retelling them test by test.
//!
//! - `suite.rs`: the declarations — [`forge_suite!`](crate::forge_suite),
//!   [`tracker_suite!`](crate::tracker_suite), [`kb_suite!`](crate::kb_suite),
//!   [`provider_suite!`](crate::provider_suite) —
//!   that expand to one test per shared behaviour.
//! - `subject.rs`: a provider under test and its stateful fake, started on the kind's seed.
//! - `declared.rs`: the conformance suite and the plugin's declaration, for every provider.
//! - `limits.rs`, `revalidation.rs`, `failures.rs`: behaviour every provider with a fake
//!   shows, whatever its kind: rate limits and quota, `304` revalidation, a provider that is
//!   down, unreachable, silent or refusing the credentials.
//! - `forge/`, `tracker/`, `kb/`: what every Git forge, every project tracker, every knowledge
//!   base must do.
//! - `write_outcome.rs`, `outcomes.rs`: what a caller is told of a write the provider may have
//!   applied, and the declared cases each provider runs it on.
//! - `contract.rs`: an adapter against its provider's API description under Prism.

pub mod ci;
pub mod contract;
pub mod declared;
pub mod failures;
pub mod forge;
pub mod kb;
pub mod limits;
pub mod outcomes;
pub mod revalidation;
pub mod subject;
pub mod suite;
pub mod tracker;
pub mod write_outcome;

pub use ci::CiParticulars;
pub use declared::{Declaration, ProviderSuite};
use mosaic_cache::{DEFAULT_VALIDATOR_BYTES, ValidatorStore};
pub use outcomes::{
    AfterTheWrite, BeforeTheWrite, Expected, FailingAfter, Refused, Unreadable, WriteOutcomes,
};
pub use revalidation::Revalidation;
pub use subject::{CI_REPO, Credential, Fake, REPO, Seed, Started, Subject, TOKEN, ci_run};
pub use suite::{CiSuite, ForgeSuite, KbSuite, Suite, TrackerSuite};

use mosaic_core::{OpId, Operation, Provider, ProviderError};
use mosaic_plugin::{BuildContext, Plugin};
use serde_json::{Value, json};
use std::sync::Arc;

/// An instance of `plugin` talking to `base_url` with `token`, built as the gateway builds one:
/// with a validators store of the cache layer, so its GETs are revalidated (a store of its
/// own, so no test sees another's validators).
pub async fn instance(plugin: &dyn Plugin, base_url: &str, token: &str) -> Arc<dyn Provider> {
    instance_with(plugin, base_url, json!({ "token": token })).await
}

/// An instance of `plugin` talking to `base_url`, with `settings` besides the base URL.
pub async fn instance_with(
    plugin: &dyn Plugin,
    base_url: &str,
    mut settings: Value,
) -> Arc<dyn Provider> {
    settings["base_url"] = json!(base_url);
    build(plugin, &settings).await
}

/// An instance of `plugin` with exactly `settings`.
pub async fn build(plugin: &dyn Plugin, settings: &Value) -> Arc<dyn Provider> {
    let builder = plugin
        .validate(settings)
        .unwrap_or_else(|errors| panic!("settings refused: {errors:?}"));
    let validators = Arc::new(ValidatorStore::new(DEFAULT_VALIDATOR_BYTES));
    let context = BuildContext::new("under-test").with_validators(validators);
    builder.build(&context).await.unwrap()
}

/// Calls `op` with `arguments`; the output as JSON.
pub async fn call(
    provider: &dyn Provider,
    op: OpId,
    arguments: Value,
) -> Result<Value, ProviderError> {
    let operation = Operation::parse(op, arguments.clone())
        .unwrap_or_else(|error| panic!("{} {arguments}: {error}", op.name()));
    provider
        .call(&operation)
        .await
        .map(|output| output.to_json())
}

/// Follows `next_cursor` from the first page; every item and the number of pages.
pub async fn all_pages(provider: &dyn Provider, op: OpId, arguments: Value) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut pages = 0;
    let mut cursor: Option<String> = None;
    loop {
        let mut arguments = arguments.clone();
        if let Some(cursor) = &cursor {
            arguments["cursor"] = json!(cursor);
        }
        let page = call(provider, op, arguments).await.unwrap();
        pages += 1;
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(next) => cursor = Some(next.to_owned()),
            None => return (items, pages),
        }
        assert!(pages < 1000, "cursors did not end");
    }
}
