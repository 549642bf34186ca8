//! What the provider test binaries share: building an instance of a plugin against a base
//! URL, calling it with JSON arguments as the gateway would, the forges' behaviour checks
//! (`behaviour.rs`) and every writing adapter's write-outcome checks (`write_outcome.rs`).

pub mod behaviour;
pub mod contract;
pub mod write_outcome;

use mosaic_cache::{DEFAULT_VALIDATOR_BYTES, ValidatorStore};
use mosaic_core::{OpId, Operation, Provider, ProviderError};
use mosaic_plugin::{BuildContext, Plugin};
use serde_json::{Value, json};
use std::sync::Arc;

/// An instance of `plugin` talking to `base_url` with `token`, built as the gateway builds one:
/// with a validators store of the cache layer, so its GETs are revalidated (a store of its
/// own, so no test sees another's validators).
pub async fn instance(plugin: &dyn Plugin, base_url: &str, token: &str) -> Arc<dyn Provider> {
    let settings = json!({ "base_url": base_url, "token": token });
    let builder = plugin
        .validate(&settings)
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
