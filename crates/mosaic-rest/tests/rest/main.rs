//! The REST front against a real gateway with sim providers: conditional reads, writes that
//! later reads see, every error status, the guards, and the OpenAPI document describing what
//! the routes really answer.

mod errors;
mod gateway;
mod hints;
mod reads;
mod support;
