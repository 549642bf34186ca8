//! A month of CI builds, simulated: a workload (repositories public or private, pipelines with
//! duration distributions, daily counts and deadlines) replayed against the configuration's
//! CI instances and their cost models, under four policies: `least_cost` (the real
//! `mosaic-routing` strategy, planning every build from the signals of the simulated fleet),
//! all to hosted runners, all to self-hosted capacity, and round robin.
//!
//! Time is simulated (seconds from the month's start), so a month replays in well under a
//! second; the builds are drawn once per seed, so every policy sees the same month and the
//! same seed always gives the same report.

mod engine;
mod fleet;
mod month;
pub mod report;
pub mod workload;

use fleet::SimInstance;
use mosaic_config::GatewayConfig;
use mosaic_core::ServiceKind;
use mosaic_routing::{InstanceInfo, RouteConfigError, Router};
pub use report::{PolicyReport, Report};
pub use workload::{Workload, WorkloadError};

/// The policies compared, in report order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Policy {
    /// The router's `least_cost` strategy.
    LeastCost,
    /// Every build on the first hosted instance.
    AllHosted,
    /// Every build on the first self-hosted instance.
    AllSelfHosted,
    /// Builds to each instance in turn.
    RoundRobin,
}

impl Policy {
    /// Every policy, `least_cost` first.
    pub const ALL: [Policy; 4] = [
        Policy::LeastCost,
        Policy::AllHosted,
        Policy::AllSelfHosted,
        Policy::RoundRobin,
    ];

    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Self::LeastCost => "least_cost",
            Self::AllHosted => "all_hosted",
            Self::AllSelfHosted => "all_self_hosted",
            Self::RoundRobin => "round_robin",
        }
    }
}

/// Why a month cannot be simulated.
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    /// The configuration's routes or cost settings do not compile.
    #[error("the configuration's routes do not compile: {}", render(.0))]
    Routes(Vec<RouteConfigError>),
    /// No CI instance has a cost model.
    #[error(
        "no CI instance of the configuration has a `cost` model; give the hosted and self-hosted instances one"
    )]
    NoFleet,
    /// The router planned a build on an instance without a cost model.
    #[error("the router sent a build to `{0}`, which has no `cost` model to simulate it with")]
    NoCostModel(String),
    /// A static policy found no instance of its kind.
    #[error("the fleet needs a hosted (`per_minute`) and a self-hosted (`monthly`) instance")]
    NoStaticTarget,
    /// The workload and the configuration disagree about a repository.
    #[error(
        "repository `{repo}` is {} in the workload but {} by the configuration's `costs.public`",
        if *.workload_public { "public" } else { "private" },
        if *.workload_public { "private" } else { "public" }
    )]
    PublicMismatch {
        /// The repository.
        repo: String,
        /// What the workload says.
        workload_public: bool,
    },
}

fn render(errors: &[RouteConfigError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

/// Simulates `workload`'s month for `seed` under every policy.
pub fn simulate(
    config: &GatewayConfig,
    workload: &Workload,
    seed: u64,
) -> Result<Report, SimError> {
    let router = router(config)?;
    let fleet: Vec<SimInstance> = config
        .costs
        .instances
        .iter()
        .filter_map(|cost| {
            let model = cost.model.clone()?;
            Some(SimInstance {
                name: cost.instance.clone(),
                model,
            })
        })
        .collect();
    if fleet.is_empty() {
        return Err(SimError::NoFleet);
    }
    for repo in &workload.repositories {
        let configured = config
            .costs
            .public
            .iter()
            .any(|pattern| mosaic_core::glob::matches(pattern, &repo.name));
        if configured != repo.public {
            return Err(SimError::PublicMismatch {
                repo: repo.name.clone(),
                workload_public: repo.public,
            });
        }
    }
    let builds = workload::builds(workload, seed);
    let month = engine::Month {
        workload,
        builds: &builds,
        fleet: &fleet,
        router: &router,
    };
    let policies = Policy::ALL
        .iter()
        .map(|policy| month.run(*policy))
        .collect::<Result<Vec<_>, _>>()?;
    let (baseline, saving_percent) = compare(&policies);
    Ok(Report {
        month: workload.month.clone(),
        seed,
        builds: builds.len() as u64,
        public_builds: builds
            .iter()
            .filter(|build| workload.repositories[build.repo].public)
            .count() as u64,
        policies,
        baseline,
        saving_percent,
    })
}

/// The router the gateway would run: the configuration's routes over its instances, with its
/// cost settings.
fn router(config: &GatewayConfig) -> Result<Router, SimError> {
    let infos = config
        .instances
        .iter()
        .map(|spec| {
            let descriptor = spec.plugin.descriptor();
            InstanceInfo {
                name: spec.name.clone(),
                kinds: descriptor.kinds.as_slice().to_vec(),
                supported: mosaic_core::OpId::ALL
                    .iter()
                    .filter(|op| descriptor.supports(**op).is_supported())
                    .fold(0u64, |mask, op| mask | (1u64 << (*op as u32))),
                labels: spec.labels.clone(),
                region: spec.region.clone(),
            }
        })
        .filter(|info| info.kinds.contains(&ServiceKind::Ci))
        .collect();
    Router::new(config.routes.clone(), infos)
        .and_then(|router| router.with_costs(config.costs.clone()))
        .map_err(SimError::Routes)
}

/// The baseline and `least_cost`'s saving against it (see [`Report::baseline`]).
fn compare(policies: &[PolicyReport]) -> (String, f64) {
    let Some(least) = policies.first() else {
        return (String::new(), 0.0);
    };
    let statics: Vec<&PolicyReport> = policies
        .iter()
        .filter(|policy| policy.policy == "all_hosted" || policy.policy == "all_self_hosted")
        .collect();
    let fair = statics
        .iter()
        .filter(|policy| policy.deadline_misses <= least.deadline_misses)
        .min_by(|a, b| a.total_cost.total_cmp(&b.total_cost));
    let baseline = fair.or_else(|| statics.iter().min_by_key(|policy| policy.deadline_misses));
    match baseline {
        Some(baseline) if baseline.total_cost > 0.0 => (
            baseline.policy.clone(),
            ((1.0 - least.total_cost / baseline.total_cost) * 1000.0).round() / 10.0,
        ),
        Some(baseline) => (baseline.policy.clone(), 0.0),
        None => (String::new(), 0.0),
    }
}
