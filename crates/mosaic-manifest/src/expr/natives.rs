//! The filters implemented in Rust that programs may call: jaq's, less `env` (the gateway's
//! environment holds its secrets), with `range` replaced by one that burns a unit of fuel per
//! value (`fuel.rs`: nothing else bounds `[range(1e12)]`), and `is_utf8`, whether the input
//! is a string of valid UTF-8.

use super::fuel::Metered;
use jaq_core::native::{Filter, Fun, bome, run, v};
use jaq_core::{Exn, RunPtr, ValT, ValX};
use jaq_json::Val;
use std::cmp::Ordering;

/// The natives a program is compiled with.
pub(super) fn natives() -> impl Iterator<Item = Fun<Metered>> {
    jaq_core::funs::<Metered>()
        .chain(jaq_std::funs::<Metered>())
        .chain(jaq_json::funs::<Metered>())
        .filter(|(name, _, _)| !matches!(*name, "env" | "range"))
        .chain(own())
}

fn own() -> impl Iterator<Item = Fun<Metered>> {
    let is_utf8: Filter<RunPtr<Metered>> = ("is_utf8", v(0), |cv| {
        let valid = match &cv.1 {
            Val::TStr(bytes) | Val::BStr(bytes) => std::str::from_utf8(bytes).is_ok(),
            _ => false,
        };
        bome(Ok(Val::from(valid)))
    });
    let range: Filter<RunPtr<Metered>> = ("range", v(3), |mut cv| {
        let by = cv.0.pop_var();
        let upto = cv.0.pop_var();
        let from = cv.0.pop_var();
        let tank = cv.0.data().tank();
        Box::new(range(from, upto, by).inspect(move |_| tank.burn()))
    });
    [run::<Metered>(is_utf8), run::<Metered>(range)].into_iter()
}

/// `range($from; $upto; $by)` as jq defines it: `$from`, then on by `$by` while short of
/// `$upto` (past it, for a negative `$by`; until equal to it, for a zero `$by`).
fn range<'a, V: ValT + 'a>(from: V, upto: V, by: V) -> impl Iterator<Item = ValX<'a, V>> {
    let direction = by.partial_cmp(&V::from(0isize)).unwrap_or(Ordering::Equal);
    let mut next: Option<ValX<'a, V>> = Some(Ok(from));
    std::iter::from_fn(move || match next.take()? {
        Ok(value) => {
            let on = match direction {
                Ordering::Greater => value < upto,
                Ordering::Less => value > upto,
                Ordering::Equal => value != upto,
            };
            if !on {
                return None;
            }
            next = Some((value.clone() + by.clone()).map_err(Exn::from));
            Some(Ok(value))
        }
        Err(error) => Some(Err(error)),
    })
}
