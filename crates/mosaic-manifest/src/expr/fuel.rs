//! The step bound of a run: fuel, burnt by jaq's own evaluator.
//!
//! jaq has no fuel counter and no hook per step, but it hands every filter a context that it
//! copies at each step that can lead to more work: each call of a defined filter (so each
//! turn of `until`, `while`, `repeat`, `recurse`), each pipe and comma, each branch of a
//! condition, each value `reduce` and `foreach` fold over. The run's global data travels in
//! that context, and copying it here burns one unit of fuel. The one native that makes many
//! values out of few, `range`, burns one unit per value it gives (`natives.rs`); every other
//! native gives at most as many values as its input holds.
//!
//! When the tank is empty the run is unwound (without the panic hook: nothing is printed)
//! and [`run_with_fuel`] answers [`OutOfFuel`]: the evaluation owns nothing shared, so
//! dropping it midway leaves nothing half done.

use jaq_core::DataT;
use jaq_core::data::HasLut;
use jaq_json::Val;
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};

#[cfg(panic = "abort")]
compile_error!(
    "the jq step bound unwinds an evaluation that runs out of fuel: build with panic = \"unwind\""
);

/// The steps one run of a program may take: far more than mapping a page of a few hundred
/// items takes (tens of thousands), far fewer than a runaway loop would.
pub const STEPS: u64 = 1_000_000;

/// The data kind of the manifest's programs: jq values, with a fuel tank in the context.
pub(super) struct Metered;

impl DataT for Metered {
    type V<'a> = Val;
    type Data<'a> = Meter<'a>;
}

/// The lookup table and the tank of one run; each copy burns one unit.
pub(super) struct Meter<'a> {
    lut: &'a jaq_core::Lut<Metered>,
    tank: &'a Tank,
}

impl Clone for Meter<'_> {
    fn clone(&self) -> Self {
        self.tank.burn();
        Self {
            lut: self.lut,
            tank: self.tank,
        }
    }
}

impl<'a> HasLut<'a, Metered> for Meter<'a> {
    fn lut(&self) -> &'a jaq_core::Lut<Metered> {
        self.lut
    }
}

impl<'a> Meter<'a> {
    /// The tank, for natives that burn fuel themselves.
    pub(super) fn tank(&self) -> &'a Tank {
        self.tank
    }
}

/// What is left of one run's fuel.
pub(super) struct Tank {
    left: Cell<u64>,
}

impl Tank {
    /// Burns one unit; on an empty tank, unwinds the run to [`run_with_fuel`].
    pub(super) fn burn(&self) {
        match self.left.get() {
            // Values dropped while unwinding may still copy contexts: let them.
            0 if std::thread::panicking() => {}
            0 => resume_unwind(Box::new(OutOfFuel)),
            left => self.left.set(left - 1),
        }
    }
}

/// A run that used up its fuel.
#[derive(Debug)]
pub(super) struct OutOfFuel;

/// Runs `run` with `fuel` units of fuel in the context it is given; `Err(OutOfFuel)` when
/// they run out. A panic of any other kind carries on as it was.
pub(super) fn run_with_fuel<T>(
    lut: &jaq_core::Lut<Metered>,
    fuel: u64,
    run: impl FnOnce(Meter<'_>) -> T,
) -> Result<T, OutOfFuel> {
    let tank = Tank {
        left: Cell::new(fuel),
    };
    let meter = Meter { lut, tank: &tank };
    match catch_unwind(AssertUnwindSafe(|| run(meter))) {
        Ok(done) => Ok(done),
        Err(payload) if payload.is::<OutOfFuel>() => Err(OutOfFuel),
        Err(payload) => resume_unwind(payload),
    }
}
