//! Tests of the `sim` plugin: stateful flows per kind, pagination, scripted behaviour on
//! tokio's paused clock, every operation inside the one wrapper, shared datasets and settings
//! validation.

mod behaviour;
mod ci;
mod config;
mod git;
mod kb;
mod pm;
mod shared;
mod wrapping;

use super::SimPlugin;
use mosaic_core::{OpId, Operation, Output, Provider, ProviderError};
use mosaic_plugin::Plugin;
use serde_json::{Value, json};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// A dataset name no other test uses, so tests run in parallel without seeing each other.
fn fresh_dataset() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("sim-test-{}", NEXT.fetch_add(1, Ordering::Relaxed))
}

/// An instance with its own seeded dataset and the given extra settings.
async fn instance(extra: Value) -> Arc<dyn Provider> {
    let mut settings = json!({ "dataset": fresh_dataset() });
    if let (Some(settings), Value::Object(extra)) = (settings.as_object_mut(), extra) {
        settings.extend(extra);
    }
    build(settings).await
}

async fn build(settings: Value) -> Arc<dyn Provider> {
    let builder = match SimPlugin::default().validate(&settings) {
        Ok(builder) => builder,
        Err(errors) => panic!("settings {settings} should be valid: {errors:?}"),
    };
    builder
        .build(&mosaic_plugin::BuildContext::new("sim-test"))
        .await
        .expect("the sim builds")
}

/// Calls `op` with JSON arguments, which must parse.
async fn call(
    provider: &dyn Provider,
    op: OpId,
    arguments: Value,
) -> Result<Output, ProviderError> {
    let operation = Operation::parse(op, arguments.clone())
        .unwrap_or_else(|error| panic!("{} {arguments}: {error}", op.name()));
    provider.call(&operation).await
}

/// Calls `op` and returns the answer as JSON, failing the test on an error.
async fn ok(provider: &dyn Provider, op: OpId, arguments: Value) -> Value {
    match call(provider, op, arguments.clone()).await {
        Ok(output) => {
            assert_eq!(output.op_id(), op);
            output.to_json()
        }
        Err(error) => panic!("{} {arguments} failed: {error}", op.name()),
    }
}

/// Calls `op`, which must fail, and returns the error.
async fn fails(provider: &dyn Provider, op: OpId, arguments: Value) -> ProviderError {
    match call(provider, op, arguments.clone()).await {
        Ok(output) => panic!(
            "{} {arguments} should fail, answered {:?}",
            op.name(),
            output.to_json()
        ),
        Err(error) => error,
    }
}

/// Every item of a list operation, following cursors with `per_page`; also returns how many
/// pages it took.
async fn all_pages(
    provider: &dyn Provider,
    op: OpId,
    arguments: Value,
    per_page: u64,
) -> (Vec<Value>, usize) {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    for pages in 1..=1000 {
        let mut arguments = arguments.clone();
        arguments["per_page"] = json!(per_page);
        if let Some(cursor) = &cursor {
            arguments["cursor"] = json!(cursor);
        }
        let page = ok(provider, op, arguments).await;
        let batch = page["items"].as_array().cloned().unwrap_or_default();
        assert!(
            batch.len() as u64 <= per_page,
            "{}: page larger than per_page",
            op.name()
        );
        items.extend(batch);
        match page.get("next_cursor").and_then(Value::as_str) {
            Some(next) => cursor = Some(next.to_owned()),
            None => return (items, pages),
        }
    }
    panic!("{}: cursors did not end after 1000 pages", op.name());
}
