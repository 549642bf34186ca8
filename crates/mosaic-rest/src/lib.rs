//! The REST front end, generated from the same catalog as the MCP tools:
//! `GET /v1/{operation}?arg=value` for reads (so HTTP caches and CDNs work: answers carry
//! `ETag` and `Cache-Control` and honour `If-None-Match`), `POST /v1/{operation}` with a JSON
//! body for writes, the OpenAPI document at `/openapi.json`, and `/healthz`, `/readyz`,
//! `/metrics`, `/v1/providers`, `/v1/route/explain`.
//!
//! Provenance travels in headers so the body is exactly the operation's output:
//! `X-Mosaic-Instance`, `X-Mosaic-Cache` (`hit`, `miss` or `stale`), `Age`, `X-Mosaic-Rule`.

mod errors;
mod guard;
mod openapi;
mod query;
mod routes;

pub use openapi::openapi_document;
pub use routes::router;
