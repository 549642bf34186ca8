//! Programs compiled once per process: a manifest names the same program many times (a
//! lookup shared by several operations through a YAML anchor, one error mapping for every
//! operation), and a hot reload compiles a changed file's unchanged programs again. Each text
//! is compiled the first time it is seen and its outcome (the program, or why it does not
//! compile) is shared after that; a compiled program is immutable, and every run gets its own
//! context and fuel.
//!
//! Bounded: past [`MAX_PROGRAMS`] texts the table starts afresh, so a gateway whose manifests
//! keep changing holds at most that many.

use super::{Expression, ExpressionError};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// The most distinct program texts kept compiled.
pub(super) const MAX_PROGRAMS: usize = 4096;

type Outcome = Result<Expression, ExpressionError>;

static COMPILED: LazyLock<Mutex<HashMap<Box<str>, Outcome>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// The outcome of compiling `code`, compiled by `compile` the first time it is asked for.
pub(super) fn get_or_compile(code: &str, compile: impl FnOnce(&str) -> Outcome) -> Outcome {
    if let Some(outcome) = table().get(code) {
        return outcome.clone();
    }
    // Compiled outside the lock: two loads racing on one new text compile it twice, and
    // neither waits for the other's compilation.
    let outcome = compile(code);
    let mut table = table();
    if table.len() >= MAX_PROGRAMS {
        table.clear();
    }
    table.insert(code.into(), outcome.clone());
    outcome
}

fn table() -> std::sync::MutexGuard<'static, HashMap<Box<str>, Outcome>> {
    // A panic while the lock was held cannot leave an entry half written (an insert is one
    // call), so a poisoned table is still sound.
    COMPILED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Drops every program compiled so far.
pub(crate) fn forget_all() {
    table().clear();
}
