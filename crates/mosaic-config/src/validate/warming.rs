//! Validation of `cache.warming`: a budget and thresholds that can refresh something, shares
//! of a TTL and of a quota that are fractions. The routes that leave warming off are added
//! once the routes are read.

use crate::error::ConfigError;
use crate::model::WarmingConfig;
use crate::raw::WarmingSection;

pub(crate) fn warming(raw: WarmingSection, errors: &mut Vec<ConfigError>) -> WarmingConfig {
    let mut at_least_one = |value: u64, field: &str, why: &str| {
        if value == 0 {
            errors.push(ConfigError::new(
                format!("cache.warming.{field}"),
                format!("must be at least 1 ({why})"),
            ));
        }
    };
    at_least_one(
        raw.budget.into(),
        "budget",
        "to refresh nothing, set `enabled: false`",
    );
    at_least_one(
        raw.min_hits.into(),
        "min_hits",
        "an answer nobody read is not worth a provider call",
    );
    at_least_one(
        raw.max_keys,
        "max_keys",
        "to refresh nothing, set `enabled: false`",
    );
    let lead = share(
        raw.lead,
        "lead",
        raw.lead > 0.0 && raw.lead <= 1.0,
        "must be a share of the TTL above 0 and at most 1, like `0.1` for its last 10 %",
        errors,
    );
    let quota_reserve = share(
        raw.quota_reserve,
        "quota_reserve",
        (0.0..1.0).contains(&raw.quota_reserve),
        "must be a share of the quota of at least 0 and below 1, like `0.25` to keep a quarter for callers",
        errors,
    );
    WarmingConfig {
        enabled: raw.enabled,
        budget: raw.budget,
        lead_bp: lead,
        min_hits: raw.min_hits,
        max_keys: raw.max_keys,
        quota_reserve_bp: quota_reserve,
        off_for_routes: Vec::new(),
    }
}

/// `value` in basis points when `fits` (and finite), else an error at `cache.warming.{field}`.
fn share(value: f64, field: &str, fits: bool, message: &str, errors: &mut Vec<ConfigError>) -> u16 {
    if !(value.is_finite() && fits) {
        errors.push(ConfigError::new(
            format!("cache.warming.{field}"),
            format!("{message}; got {value}"),
        ));
        return 0;
    }
    // Whole basis points: finer shares of a TTL or a quota mean nothing. In range: 0..=1.
    (value * 10_000.0).round() as u16
}
