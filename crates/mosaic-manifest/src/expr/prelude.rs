//! jq's standard definitions (`map`, `select`, `walk`, …), parsed once per process, and the
//! part of them one program needs.
//!
//! jaq compiles every definition it is handed along with each program; handing it the whole
//! standard library (a few hundred definitions) for every mapping made compiling the
//! standard library most of the cost of loading a manifest. A program is compiled with the
//! definitions it calls and those they call in turn, which compiles to the same filter.

use super::program::{Signature, calls};
use jaq_core::load::parse::Def;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// One standard definition and the filters its body calls.
struct Known {
    def: Def<&'static str>,
    calls: BTreeSet<Signature<'static>>,
}

/// The standard definitions of jaq's core, standard and JSON libraries, in their order (a
/// definition only calls those before it, or itself).
static PRELUDE: LazyLock<Vec<Known>> = LazyLock::new(|| {
    jaq_core::defs()
        .chain(jaq_std::defs())
        .chain(jaq_json::defs())
        .map(|def| Known {
            calls: calls(&def.body),
            def,
        })
        .collect()
});

/// The standard definitions a program calling `needed` uses, in their order.
///
/// Walking the definitions from the last to the first, each one the program (or a kept
/// definition) calls is kept and adds its own calls; a name defined twice keeps both, which
/// is more than needed, never less.
pub(super) fn for_calls(mut needed: BTreeSet<Signature<'_>>) -> Vec<Def<&'static str>> {
    let mut kept = Vec::new();
    for known in PRELUDE.iter().rev() {
        if needed.contains(&(known.def.name, known.def.args.len())) {
            needed.extend(known.calls.iter().copied());
            kept.push(known.def.clone());
        }
    }
    kept.reverse();
    kept
}

/// Every standard definition, for a program that could not be read on its own (the loader
/// then reports why).
pub(super) fn all() -> Vec<Def<&'static str>> {
    PRELUDE.iter().map(|known| known.def.clone()).collect()
}
