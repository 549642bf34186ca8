//! What a simulated month comes to, per policy: total cost (hosted bill plus the fixed cost of
//! self-hosted capacity the policy used), minutes and runs per instance, queue waits and
//! deadline misses; as JSON and as the table `mosaic simulate ci-costs` prints.

use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt;

/// Queue waits of a policy's runs, in minutes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Waits {
    /// Runs that waited at all.
    pub waited: u64,
    /// Mean over every run.
    pub mean_minutes: f64,
    /// 95th percentile.
    pub p95_minutes: f64,
    /// Longest.
    pub max_minutes: f64,
}

impl Waits {
    pub(crate) fn of(secs: &mut [u64]) -> Self {
        secs.sort_unstable();
        let minutes = |secs: u64| (secs as f64 / 6.0).round() / 10.0;
        let total: u64 = secs.iter().sum();
        let p95 = match secs.len() {
            0 => 0,
            n => secs[(95 * n).div_ceil(100).max(1) - 1],
        };
        Self {
            waited: secs.iter().filter(|&&wait| wait > 0).count() as u64,
            mean_minutes: if secs.is_empty() {
                0.0
            } else {
                (total as f64 / secs.len() as f64 / 6.0).round() / 10.0
            },
            p95_minutes: minutes(p95),
            max_minutes: minutes(secs.last().copied().unwrap_or(0)),
        }
    }
}

/// One policy's month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyReport {
    /// `least_cost`, `all_hosted`, `all_self_hosted` or `round_robin`.
    pub policy: String,
    /// Hosted bill plus fixed costs.
    pub total_cost: f64,
    /// What hosted runners billed.
    pub hosted_cost: f64,
    /// The monthly cost of the self-hosted capacity the policy used.
    pub fixed_cost: f64,
    /// Runs finished.
    pub runs: u64,
    /// Run minutes per instance.
    pub minutes: BTreeMap<String, f64>,
    /// Runs per instance.
    pub runs_per_instance: BTreeMap<String, u64>,
    /// Queue waits.
    pub waits: Waits,
    /// Runs that finished after their deadline.
    pub deadline_misses: u64,
    /// Builds the router refused (a tenant over its budget).
    pub refused: u64,
}

/// A simulated month under every policy.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The month.
    pub month: String,
    /// The seed the builds were drawn with.
    pub seed: u64,
    /// Builds triggered.
    pub builds: u64,
    /// Of those, of public repositories.
    pub public_builds: u64,
    /// Per policy, `least_cost` first.
    pub policies: Vec<PolicyReport>,
    /// The static policy (all hosted or all self-hosted) `least_cost` is measured against:
    /// the cheaper of those that keep every deadline `least_cost` keeps (miss no more than
    /// it), else the one that misses the fewest. A policy that saves by finishing builds late
    /// is no alternative.
    pub baseline: String,
    /// How much cheaper `least_cost` is than the baseline, in percent (negative: dearer).
    pub saving_percent: f64,
}

impl Report {
    /// The report of one policy.
    pub fn policy(&self, name: &str) -> Option<&PolicyReport> {
        self.policies.iter().find(|policy| policy.policy == name)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} builds in {} ({} of public repositories), seed {}",
            self.builds, self.month, self.public_builds, self.seed
        )?;
        let instances: Vec<&String> = self
            .policies
            .first()
            .map(|policy| policy.minutes.keys().collect())
            .unwrap_or_default();
        write!(f, "\n| policy | total cost | hosted bill | fixed cost |")?;
        for instance in &instances {
            write!(f, " {instance} min |")?;
        }
        writeln!(f, " mean wait | p95 wait | max wait | deadline misses |")?;
        write!(f, "|---|---:|---:|---:|")?;
        for _ in &instances {
            write!(f, "---:|")?;
        }
        writeln!(f, "---:|---:|---:|---:|")?;
        for policy in &self.policies {
            write!(
                f,
                "| {} | {:.2} | {:.2} | {:.2} |",
                policy.policy, policy.total_cost, policy.hosted_cost, policy.fixed_cost
            )?;
            for instance in &instances {
                let minutes = policy.minutes.get(*instance).copied().unwrap_or(0.0);
                write!(f, " {minutes:.0} |")?;
            }
            writeln!(
                f,
                " {:.1} min | {:.1} min | {:.1} min | {} |",
                policy.waits.mean_minutes,
                policy.waits.p95_minutes,
                policy.waits.max_minutes,
                policy.deadline_misses
            )?;
        }
        let refused: u64 = self.policies.iter().map(|policy| policy.refused).sum();
        if refused > 0 {
            writeln!(
                f,
                "\n{refused} builds refused: their tenant was over its budget"
            )?;
        }
        writeln!(
            f,
            "\nleast_cost is {:.1} % cheaper than {}, the cheaper static policy that misses no more deadlines",
            self.saving_percent, self.baseline
        )
    }
}
