//! The REST front end, generated from the same catalog as the MCP tools:
//! `GET /v1/{operation}?arg=value` for reads (so HTTP caches and CDNs work: answers carry
//! `ETag` and `Cache-Control` and honour `If-None-Match`), `POST /v1/{operation}` with a JSON
//! body for writes, the OpenAPI 3.1 document at `/openapi.json`, and `/healthz`, `/readyz`,
//! `/metrics`, `/v1/providers`, `/v1/route/explain`, and the plugin endpoints (`/v1/plugins`,
//! a canary's promotion and rollback: `plugins.rs`).
//!
//! A success's body is exactly the operation's output, so it fits the output schema in the
//! OpenAPI document; provenance travels in headers: `X-Mosaic-Instance`, `X-Mosaic-Cache`
//! (`hit`, `miss` or `stale`), `Age`, `X-Mosaic-Rule`, `X-Mosaic-Failed-Over`. A failure's body
//! is `{"error": {"code", "message", "fault", "path"?}}` with a status from one exhaustive
//! mapping (`errors.rs`); the edge's refusals (Host and Origin, body limits, methods, paths)
//! come in the same envelope (`mosaic-edge`).

mod answer;
mod errors;
mod openapi;
mod plugins;
mod query;
mod routes;

pub use openapi::openapi_document;
pub use routes::router;
