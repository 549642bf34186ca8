//! The REST front against a real gateway with sim providers: conditional reads, writes that
//! later reads see, every error status, the guards, and the OpenAPI document describing what
//! the routes really answer; provenance that keeps to the route, what failed writes answer,
//! routing hints as granted, which answers shared HTTP caches may keep, the meta endpoints under policy and audit, and a canary's
//! promotion and rollback.

mod errors;
mod gateway;
mod hints;
mod meta;
mod plugins;
mod provenance;
mod reads;
mod sharing;
mod support;
mod writes;
