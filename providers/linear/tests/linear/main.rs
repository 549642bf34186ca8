//! The `linear` plugin against a stateful fake of Linear's GraphQL API — the shared tracker
//! suite declared once (`shared.rs`), then what only Linear does: reads, writes read back,
//! write outcomes, the operations the conformance suite sends — and the schema check that
//! proves the fake's answers are what Linear's schema says the documents select.

mod behaviour;
mod conformance;
mod outcomes;
mod schema;
mod shared;
mod walk;
mod writes;
