//! Settings of a `sim` instance (the `settings:` block of its provider entry) and their pure
//! validation, which reports every problem at once with its path inside the block.

use super::client::LatencyModel;
use mosaic_core::{FieldError, OpId, ServiceKind};
use mosaic_plugin::duration::DurationText;
use mosaic_plugin::settings::read_settings_partially;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// How one simulated instance behaves and which data it serves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimSettings {
    /// The service kinds this instance serves (`git`, `ci`, `kb`, `pm`); operations of other
    /// kinds are unsupported. Default: all four.
    #[serde(default = "all_kinds")]
    pub kinds: Vec<ServiceKind>,
    /// Operation ids (such as `git.pulls.merge`) this instance pretends not to implement.
    #[serde(default)]
    pub unsupported: Vec<String>,
    /// Write operation ids (such as `git.issues.create`) this instance applies but answers as
    /// unconfirmed, as a provider whose 2xx answer cannot be read would: callers then get
    /// `write_outcome_unknown` with the written id, never "not performed". For rehearsing
    /// that outcome. Default: none.
    #[serde(default)]
    pub unconfirmed_writes: Vec<String>,
    /// The in-memory dataset to serve. Instances naming the same dataset share one store in
    /// the process, as a primary and its read mirror do. Default: the instance name.
    #[serde(default)]
    pub dataset: Option<String>,
    /// Whether a new dataset starts with the demo data (repositories, pipelines, spaces,
    /// projects). Ignored when the dataset already exists. Default: true.
    #[serde(default = "yes")]
    pub seed: bool,
    /// How long each call takes. Default: no delay.
    #[serde(default)]
    pub latency: LatencySettings,
    /// Probability, from 0.0 to 1.0, that a call fails as `unavailable`. Default: 0.
    #[serde(default)]
    pub error_rate: f64,
    /// Scripted outage windows, measured from when the instance started. During one every
    /// call fails as `unavailable` and the health check reports unhealthy.
    #[serde(default)]
    pub outages: Vec<OutageSettings>,
    /// Always down, as if the provider could not be reached. Default: false.
    #[serde(default)]
    pub down: bool,
    /// A fixed-window rate limit; calls over it fail as `rate_limited` with the time until the
    /// window resets. Default: unlimited.
    #[serde(default)]
    pub rate_limit: Option<RateLimitSettings>,
    /// Seed of the random draws (latency, errors), for reproducible runs. Default: random.
    #[serde(default)]
    pub seed_rng: Option<u64>,
    /// How often `ci.runs.wait` reads a run of this instance again. A triggered run moves on
    /// one step each time it is read. Default: 5s.
    #[serde(default)]
    pub run_poll_interval: Option<DurationText>,
}

impl Default for SimSettings {
    fn default() -> Self {
        Self {
            kinds: all_kinds(),
            unsupported: Vec::new(),
            unconfirmed_writes: Vec::new(),
            dataset: None,
            seed: true,
            latency: LatencySettings::default(),
            error_rate: 0.0,
            outages: Vec::new(),
            down: false,
            run_poll_interval: None,
            rate_limit: None,
            seed_rng: None,
        }
    }
}

fn all_kinds() -> Vec<ServiceKind> {
    ServiceKind::ALL.to_vec()
}

fn yes() -> bool {
    true
}

/// The shape of the delay drawn for every call. Draws have the given mean and standard
/// deviation and are then clamped to `[min, max]`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Distribution {
    /// Always exactly `mean`.
    #[default]
    Constant,
    /// Evenly spread around `mean` (over mean ± stddev·√3).
    Uniform,
    /// Normal (Gaussian) around `mean`.
    Normal,
    /// Log-normal with the given mean: a long tail of slow calls, like real APIs.
    Lognormal,
}

/// Simulated latency of each call.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LatencySettings {
    /// `constant` (default), `uniform`, `normal` or `lognormal`.
    #[serde(default)]
    pub distribution: Distribution,
    /// Mean delay, such as `20ms`. Default: `0s`.
    #[serde(default)]
    pub mean: DurationText,
    /// Standard deviation, ignored by `constant`. Default: `0s`.
    #[serde(default)]
    pub stddev: DurationText,
    /// Shortest delay; draws below are raised to it. Default: `0s`.
    #[serde(default)]
    pub min: DurationText,
    /// Longest delay; draws above are lowered to it. Default: unbounded.
    #[serde(default)]
    pub max: Option<DurationText>,
}

/// One scripted outage window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutageSettings {
    /// When the outage starts, after the instance started (`10s`).
    pub after: DurationText,
    /// How long it lasts (`30s`).
    #[serde(rename = "for")]
    pub lasts: DurationText,
}

/// A fixed-window rate limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSettings {
    /// Calls allowed per window.
    pub requests: u64,
    /// The window's length (`1m`); windows start when the instance starts.
    pub per: DurationText,
}

/// Settings that passed validation, with what the instance needs precomputed.
#[derive(Clone, Debug)]
pub(crate) struct Validated {
    /// The settings as written (defaults filled in).
    pub settings: SimSettings,
    /// The operations disabled by `unsupported`.
    pub unsupported: Vec<OpId>,
    /// The writes answered as unconfirmed (`unconfirmed_writes`).
    pub unconfirmed: Vec<OpId>,
    /// The latency sampler built from `latency`.
    pub latency: LatencyModel,
}

/// Checks a settings block without any I/O and reports every problem at once.
///
/// Each field is first read on its own, so one malformed field does not hide the others;
/// then the rules serde cannot state (ranges, catalog names) are checked on the fields that
/// could be read.
pub(crate) fn validate(settings: &Value) -> Result<Validated, Vec<FieldError>> {
    let (settings, mut errors) = read_settings_partially::<SimSettings>("sim", settings)?;
    let unsupported = check_rules(&settings, &mut errors);
    let unconfirmed = check_unconfirmed(&settings, &mut errors);
    let latency = LatencyModel::new(&settings.latency).map_err(|problems| errors.extend(problems));
    match latency {
        Ok(latency) if errors.is_empty() => Ok(Validated {
            settings,
            unsupported,
            unconfirmed,
            latency,
        }),
        _ => Err(errors),
    }
}

/// A serde error for one top-level field, at its path. An error at the root of a single-field
/// object can only be about that field's name.
/// The range and catalog rules; returns the disabled operations.
fn check_rules(settings: &SimSettings, errors: &mut Vec<FieldError>) -> Vec<OpId> {
    if settings.kinds.is_empty() {
        errors.push(FieldError::new(
            "kinds",
            "must name at least one kind (git, ci, kb, pm)",
        ));
    }
    let mut unsupported = Vec::with_capacity(settings.unsupported.len());
    for (index, name) in settings.unsupported.iter().enumerate() {
        match OpId::from_name(name) {
            Some(op) => unsupported.push(op),
            None => errors.push(FieldError::new(
                format!("unsupported[{index}]"),
                format!(
                    "unknown operation `{name}`; operations are named like `git.issues.list` (see `mosaic providers coverage`)"
                ),
            )),
        }
    }
    if settings
        .dataset
        .as_deref()
        .is_some_and(|name| name.trim().is_empty())
    {
        errors.push(FieldError::new(
            "dataset",
            "must not be empty (leave it out to use the instance name)",
        ));
    }
    if !(0.0..=1.0).contains(&settings.error_rate) {
        errors.push(FieldError::new(
            "error_rate",
            format!("must be between 0.0 and 1.0, got {}", settings.error_rate),
        ));
    }
    for (index, outage) in settings.outages.iter().enumerate() {
        if outage.lasts.0.is_zero() {
            errors.push(FieldError::new(
                format!("outages[{index}].for"),
                "must be longer than 0s",
            ));
        }
    }
    if let Some(limit) = &settings.rate_limit {
        if limit.requests == 0 {
            errors.push(FieldError::new(
                "rate_limit.requests",
                "must be at least 1 (use `down: true` for an instance that answers nothing)",
            ));
        }
        if limit.per.0.is_zero() {
            errors.push(FieldError::new("rate_limit.per", "must be longer than 0s"));
        }
    }
    unsupported
}

/// The writes `unconfirmed_writes` names: each a write of the catalog.
fn check_unconfirmed(settings: &SimSettings, errors: &mut Vec<FieldError>) -> Vec<OpId> {
    let mut unconfirmed = Vec::with_capacity(settings.unconfirmed_writes.len());
    for (index, name) in settings.unconfirmed_writes.iter().enumerate() {
        let path = format!("unconfirmed_writes[{index}]");
        match OpId::from_name(name) {
            Some(op) if !op.spec().is_read() => unconfirmed.push(op),
            Some(_) => errors.push(FieldError::new(
                path,
                format!("`{name}` is a read; only writes can be left unconfirmed"),
            )),
            None => errors.push(FieldError::new(
                path,
                format!("unknown operation `{name}`; writes are named like `git.issues.create`"),
            )),
        }
    }
    unconfirmed
}
