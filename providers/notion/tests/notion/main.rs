//! The `notion` plugin against a stateful fake of Notion's API — the shared kb suite
//! declared once (`shared.rs`), then what only Notion does (`behaviour.rs`) — and against
//! Notion's community API description under Prism (`contract.rs`).

mod behaviour;
mod contract;
mod shared;
