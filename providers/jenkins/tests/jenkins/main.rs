//! The `jenkins` plugin against a stateful fake of Jenkins' remote access API — the shared
//! checks of every provider with a fake declared once (`shared.rs`), then what only Jenkins
//! does: folders and job URLs, pages of builds, the queue, progressive logs, stop escalation,
//! the crumb and its HTML error pages (`behaviour.rs`, `writes.rs`), multibranch projects
//! (`multibranch.rs`); and the requests its own description covers, under Prism
//! (`contract.rs`).

mod behaviour;
mod contract;
mod multibranch;
mod shared;
mod writes;
