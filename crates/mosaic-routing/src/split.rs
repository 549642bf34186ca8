//! Traffic splits: one target slot of a rule shared by several instances that front the same
//! system — two versions of one plugin, side by side — by weight, sticky per caller.
//!
//! A caller (tenant and principal) is placed with weighted rendezvous hashing (HRW): each
//! member scores `weight / -ln(u)`, `u` a hash of the caller and the member in `(0, 1)`, and
//! the highest score wins. The chance of a member winning is its share of the weights, the
//! same caller always gets the same member while the weights stay, and a weight change moves
//! only the callers that must move: those won by a member whose weight went down, or newly
//! won by one whose weight went up (Thaler and Ravishankar, "Using name-based mappings to
//! increase hit rates", 1998; Schindelhauer and Schomaker's weighted variant).
//!
//! At most one member is the canary. The gateway watches its error rate against the others'
//! and may roll it back ([`CanaryState`]), which the router reads through
//! [`crate::Signals::canary`]: a rolled-back canary weighs nothing, a promoted one takes every
//! caller of its split.

use serde::Serialize;
use std::time::Duration;

/// One member of a split, as configured.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SplitMember {
    /// The provider instance's name.
    pub instance: String,
    /// Relative share of the split's callers (0 keeps the member out until weights change).
    pub weight: u32,
    /// The version under trial, watched for automatic rollback. At most one per split.
    pub canary: bool,
}

/// When the gateway rolls a canary back on its own: its error rate over `window` exceeds the
/// other members' by more than `margin_bp` (basis points of error rate), once it has made at
/// least `min_calls` calls in that window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct RollbackSpec {
    /// How far back calls count.
    #[serde(serialize_with = "serialize_window")]
    pub window: Duration,
    /// Calls the canary must have made in the window before it is judged.
    pub min_calls: u32,
    /// How much higher than the baseline's its error rate may be, in basis points (500 is
    /// five percentage points).
    #[serde(rename = "margin", serialize_with = "serialize_margin")]
    pub margin_bp: u32,
}

/// The window as the configuration file writes durations (`10m`, `90s`, `250ms`).
fn serialize_window<S: serde::Serializer>(
    window: &Duration,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let millis = window.as_millis();
    let text = match millis {
        m if m % 60_000 == 0 && m > 0 => format!("{}m", m / 60_000),
        m if m % 1000 == 0 => format!("{}s", m / 1000),
        m => format!("{m}ms"),
    };
    serializer.serialize_str(&text)
}

/// The margin as the configuration file writes it: a fraction.
fn serialize_margin<S: serde::Serializer>(
    margin_bp: &u32,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(f64::from(*margin_bp) / 10_000.0)
}

/// A target slot shared by instances that front one system.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SplitSpec {
    /// The members, in the order configured.
    pub members: Vec<SplitMember>,
    /// The automatic rollback of its canary, when it has one.
    pub rollback: Option<RollbackSpec>,
}

impl SplitSpec {
    /// The canary member's instance name, if the split has one.
    pub fn canary(&self) -> Option<&str> {
        self.members
            .iter()
            .find(|member| member.canary)
            .map(|member| member.instance.as_str())
    }
}

/// Where a canary stands, as the gateway decided.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CanaryState {
    /// On trial at its configured weight.
    #[default]
    Active,
    /// Rolled back (automatically or by an operator): weight 0 until promoted.
    RolledBack,
    /// Promoted: it takes every caller of its split, the other members none.
    Promoted,
}

impl CanaryState {
    /// `active`, `rolled_back` or `promoted`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::RolledBack => "rolled_back",
            Self::Promoted => "promoted",
        }
    }
}

/// A compiled member: its instance index and the hash of its name, fixed per configuration.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CompiledMember {
    pub(crate) instance: u16,
    pub(crate) weight: u32,
    pub(crate) canary: bool,
    pub(crate) meets_require: bool,
    /// FNV-1a of the instance name: what the caller's hash is mixed with.
    pub(crate) key: u64,
}

/// A compiled split.
#[derive(Clone, Debug)]
pub(crate) struct CompiledSplit {
    pub(crate) members: Box<[CompiledMember]>,
    /// The canary's instance index.
    pub(crate) canary: Option<u16>,
}

impl CompiledSplit {
    /// The weight `member` carries with its split's canary in `state`.
    pub(crate) fn effective_weight(member: &CompiledMember, state: CanaryState) -> u32 {
        match (state, member.canary) {
            (CanaryState::Active, _) => member.weight,
            (CanaryState::RolledBack, true) | (CanaryState::Promoted, false) => 0,
            (CanaryState::RolledBack, false) => member.weight,
            (CanaryState::Promoted, true) => member.weight.max(1),
        }
    }
}

/// FNV-1a over `bytes`, continuing from `hash`: stable across processes and releases, so
/// every replica places a caller alike.
pub(crate) fn fnv1a(mut hash: u64, bytes: &[u8]) -> u64 {
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The FNV-1a offset basis.
pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// The hash of a caller: tenant and principal, with a separator no name contains.
pub(crate) fn caller_hash(tenant: &str, principal: &str) -> u64 {
    let hash = fnv1a(FNV_OFFSET, tenant.as_bytes());
    fnv1a(fnv1a(hash, &[0xff]), principal.as_bytes())
}

/// The rendezvous score of a member for a caller: `weight / -ln(u)`; higher wins.
pub(crate) fn score(caller: u64, member: u64, weight: u32) -> f64 {
    if weight == 0 {
        return f64::NEG_INFINITY;
    }
    // The splitmix64 finalizer spreads the combined hashes over all 64 bits.
    let mut z = caller ^ member.rotate_left(29);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    // 53 random bits, shifted off zero so the logarithm is finite: u in (0, 1).
    let unit = ((z >> 11) as f64 + 0.5) / (1u64 << 53) as f64;
    f64::from(weight) / -unit.ln()
}

#[cfg(test)]
#[path = "split_tests.rs"]
mod tests;
