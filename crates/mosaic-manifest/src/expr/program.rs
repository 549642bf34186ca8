//! What a parsed jq program calls, and whether its own definitions recurse.
//!
//! The calls decide which of jq's standard definitions a program is compiled with
//! (`prelude.rs`); the recursion check refuses a program whose `def`s call themselves,
//! directly or through each other, because such a call can nest without end and so exhaust
//! the stack before any step bound is reached (`fuel.rs` bounds the steps).

use jaq_core::load::lex::StrPart;
use jaq_core::load::parse::{BinaryOp, Def, Pattern, Term};
use jaq_core::path::Part;
use std::collections::{BTreeMap, BTreeSet};

/// A filter as jq resolves it: its name and its number of arguments.
pub(super) type Signature<'s> = (&'s str, usize);

/// Every filter `term` calls by name (string formats such as `@base64d` included).
pub(super) fn calls<'s>(term: &Term<&'s str>) -> BTreeSet<Signature<'s>> {
    let mut found = BTreeSet::new();
    visit(term, &mut |term| match term {
        Term::Call(name, args) => {
            found.insert((*name, args.len()));
        }
        Term::Str(Some(format), _) => {
            found.insert((*format, 0));
        }
        _ => {}
    });
    found
}

/// The first definition of `term` that calls itself, directly or through other definitions
/// of the program, as `name/arity`.
///
/// Definitions are told apart by name and arity only, not by scope: a definition that calls
/// an inner one of its own name and arity counts as recursive. That errs on the side of
/// refusing, and such shadowing has no use in a mapping.
pub(super) fn recursive_definition(term: &Term<&str>) -> Option<String> {
    let mut graph: BTreeMap<Signature<'_>, BTreeSet<Signature<'_>>> = BTreeMap::new();
    visit(term, &mut |term| {
        if let Term::Def(defs, _) = term {
            for def in defs {
                graph
                    .entry((def.name, def.args.len()))
                    .or_default()
                    .extend(own_calls(def));
            }
        }
    });
    graph
        .keys()
        .find(|start| reaches(&graph, **start))
        .map(|(name, arity)| format!("{name}/{arity}"))
}

/// What a definition's body calls, less its own filter arguments (`f` in `def g(f): f;`, and
/// `x` for `$x`, which jq also binds as a filter).
fn own_calls<'s>(def: &Def<&'s str>) -> BTreeSet<Signature<'s>> {
    let arguments: BTreeSet<&str> = def
        .args
        .iter()
        .map(|arg| arg.strip_prefix('$').unwrap_or(arg))
        .collect();
    calls(&def.body)
        .into_iter()
        .filter(|(name, arity)| !(*arity == 0 && arguments.contains(name)))
        .collect()
}

/// Whether `start` is reachable from its own calls in `graph`.
fn reaches<'s>(
    graph: &BTreeMap<Signature<'s>, BTreeSet<Signature<'s>>>,
    start: Signature<'s>,
) -> bool {
    let mut seen = BTreeSet::new();
    let mut next: Vec<Signature<'s>> = graph[&start].iter().copied().collect();
    while let Some(signature) = next.pop() {
        if signature == start {
            return true;
        }
        if seen.insert(signature)
            && let Some(callees) = graph.get(&signature)
        {
            next.extend(callees.iter().copied());
        }
    }
    false
}

/// Calls `f` on `term` and on every term inside it.
fn visit<'t, 's>(term: &'t Term<&'s str>, f: &mut impl FnMut(&'t Term<&'s str>)) {
    f(term);
    match term {
        Term::Id | Term::Recurse | Term::Num(_) | Term::Break(_) | Term::Var(_) => {}
        Term::Str(_, parts) => {
            for part in parts {
                if let StrPart::Term(inner) = part {
                    visit(inner, f);
                }
            }
        }
        Term::Arr(inner) => {
            if let Some(inner) = inner {
                visit(inner, f);
            }
        }
        Term::Obj(entries) => {
            for (key, value) in entries {
                visit(key, f);
                if let Some(value) = value {
                    visit(value, f);
                }
            }
        }
        Term::Neg(inner) | Term::Label(_, inner) => visit(inner, f),
        Term::BinOp(left, op, right) => {
            if let BinaryOp::Pipe(Some(pattern)) = op {
                visit_pattern(pattern, f);
            }
            visit(left, f);
            visit(right, f);
        }
        Term::Fold(_, generator, pattern, args) => {
            visit(generator, f);
            visit_pattern(pattern, f);
            for arg in args {
                visit(arg, f);
            }
        }
        Term::TryCatch(body, catch) => {
            visit(body, f);
            if let Some(catch) = catch {
                visit(catch, f);
            }
        }
        Term::IfThenElse(branches, otherwise) => {
            for (condition, then) in branches {
                visit(condition, f);
                visit(then, f);
            }
            if let Some(otherwise) = otherwise {
                visit(otherwise, f);
            }
        }
        Term::Def(defs, body) => {
            for def in defs {
                visit(&def.body, f);
            }
            visit(body, f);
        }
        Term::Call(_, args) => {
            for arg in args {
                visit(arg, f);
            }
        }
        Term::Path(head, path) => {
            visit(head, f);
            for (part, _) in &path.0 {
                match part {
                    Part::Index(index) => visit(index, f),
                    Part::Range(from, upto) => {
                        for bound in [from, upto].into_iter().flatten() {
                            visit(bound, f);
                        }
                    }
                }
            }
        }
    }
}

/// Visits the terms inside a destructuring pattern (the keys of `{(f): $x}`).
fn visit_pattern<'t, 's>(pattern: &'t Pattern<&'s str>, f: &mut impl FnMut(&'t Term<&'s str>)) {
    match pattern {
        Pattern::Var(_) => {}
        Pattern::Arr(patterns) => {
            for pattern in patterns {
                visit_pattern(pattern, f);
            }
        }
        Pattern::Obj(entries) => {
            for (key, pattern) in entries {
                visit(key, f);
                visit_pattern(pattern, f);
            }
        }
    }
}
