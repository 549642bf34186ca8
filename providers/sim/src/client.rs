//! The behaviour engine: what a call goes through before it reaches the data. Scripted
//! outages and rate limits answer at once, as a refused connection or a 429 would; then the
//! drawn latency is waited with tokio's clock (so paused-clock tests are exact) and a random
//! failure may be drawn.

use super::config::{Distribution, LatencySettings, Validated};
use mosaic_core::{FieldError, Health, ProviderError, Quota};
use mosaic_plugin::duration::format_duration;
use rand::distr::Uniform;
use rand::rngs::SmallRng;
use rand::{Rng, RngExt, SeedableRng};
use rand_distr::{Distribution as _, LogNormal, Normal};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// The delay of one call: fixed, or drawn from a distribution and clamped.
#[derive(Clone, Debug)]
pub(crate) enum LatencyModel {
    /// Always this long (also any distribution with no spread).
    Fixed(Duration),
    /// Drawn, in seconds, then clamped to `[min, max]`.
    Drawn {
        sampler: Sampler,
        min: f64,
        max: f64,
    },
}

/// A distribution of delays in seconds.
#[derive(Clone, Debug)]
pub(crate) enum Sampler {
    Uniform(Uniform<f64>),
    Normal(Normal<f64>),
    LogNormal(LogNormal<f64>),
}

impl LatencyModel {
    /// Builds the sampler the settings describe, or says what is inconsistent in them.
    pub(crate) fn new(settings: &LatencySettings) -> Result<Self, Vec<FieldError>> {
        let (mean, stddev, min) = (settings.mean.0, settings.stddev.0, settings.min.0);
        let max = settings.max.map(|max| max.0);
        let mut errors = Vec::new();
        if let Some(max) = max.filter(|max| *max < min) {
            errors.push(FieldError::new(
                "latency.max",
                format!(
                    "must be at least latency.min ({}), got {}",
                    format_duration(min),
                    format_duration(max)
                ),
            ));
        } else if mean < min || max.is_some_and(|max| mean > max) {
            let upper = max.map_or_else(|| "unbounded".to_owned(), format_duration);
            errors.push(FieldError::new(
                "latency.mean",
                format!(
                    "must lie between latency.min ({}) and latency.max ({upper}), got {}",
                    format_duration(min),
                    format_duration(mean)
                ),
            ));
        }
        let spread = settings.distribution != Distribution::Constant && !stddev.is_zero();
        if spread && settings.distribution == Distribution::Lognormal && mean.is_zero() {
            errors.push(FieldError::new(
                "latency.mean",
                "a lognormal distribution needs a mean above 0s",
            ));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if !spread {
            return Ok(Self::Fixed(mean));
        }
        let (mean, stddev) = (mean.as_secs_f64(), stddev.as_secs_f64());
        let half_width = stddev * 3f64.sqrt();
        let sampler = match settings.distribution {
            Distribution::Constant => return Ok(Self::Fixed(settings.mean.0)),
            Distribution::Uniform => Uniform::new_inclusive(mean - half_width, mean + half_width)
                .map(Sampler::Uniform)
                .map_err(|error| error.to_string()),
            Distribution::Normal => Normal::new(mean, stddev)
                .map(Sampler::Normal)
                .map_err(|error| error.to_string()),
            Distribution::Lognormal => LogNormal::from_mean_cv(mean, stddev / mean)
                .map(Sampler::LogNormal)
                .map_err(|error| error.to_string()),
        };
        match sampler {
            Ok(sampler) => Ok(Self::Drawn {
                sampler,
                min: min.as_secs_f64(),
                max: max.map_or(f64::INFINITY, |max| max.as_secs_f64()),
            }),
            Err(message) => Err(vec![FieldError::new(
                "latency.stddev",
                format!(
                    "does not describe a {:?} distribution: {message}",
                    settings.distribution
                ),
            )]),
        }
    }

    fn draw<R: Rng + ?Sized>(&self, rng: &mut R) -> Duration {
        match self {
            Self::Fixed(delay) => *delay,
            Self::Drawn { sampler, min, max } => {
                let seconds = match sampler {
                    Sampler::Uniform(uniform) => uniform.sample(rng),
                    Sampler::Normal(normal) => normal.sample(rng),
                    Sampler::LogNormal(lognormal) => lognormal.sample(rng),
                };
                // Clamping also turns the negative tail of a normal into `min`.
                let seconds = if seconds.is_finite() { seconds } else { *max };
                Duration::try_from_secs_f64(seconds.clamp(*min, *max)).unwrap_or(Duration::MAX)
            }
        }
    }
}

/// One outage window, measured from the instance's start: `[start, end)`.
#[derive(Clone, Copy, Debug)]
struct Window {
    start: Duration,
    end: Duration,
}

/// A fixed-window rate limit; windows are counted from the instance's start.
#[derive(Debug)]
struct RateLimit {
    requests: u64,
    per: Duration,
    used: Mutex<(u128, u64)>,
}

impl RateLimit {
    fn window_of(&self, elapsed: Duration) -> u128 {
        elapsed.as_nanos() / self.per.as_nanos().max(1)
    }

    fn resets_in(&self, elapsed: Duration) -> Duration {
        let period = self.per.as_nanos().max(1);
        let left = period - elapsed.as_nanos() % period;
        Duration::from_nanos(u64::try_from(left).unwrap_or(u64::MAX))
    }

    /// Counts one call, or says how long until the next window when the quota is spent.
    fn take(&self, elapsed: Duration) -> Result<(), ProviderError> {
        let window = self.window_of(elapsed);
        let mut used = lock(&self.used);
        if used.0 != window {
            *used = (window, 0);
        }
        if used.1 >= self.requests {
            return Err(ProviderError::RateLimited {
                retry_after: Some(self.resets_in(elapsed)),
            });
        }
        used.1 += 1;
        Ok(())
    }

    fn quota(&self, elapsed: Duration) -> Quota {
        let window = self.window_of(elapsed);
        let used = lock(&self.used);
        let spent = if used.0 == window { used.1 } else { 0 };
        Quota {
            remaining: self.requests.saturating_sub(spent),
            limit: self.requests,
            resets_in: Some(self.resets_in(elapsed)),
        }
    }
}

/// The scripted behaviour of one instance.
#[derive(Debug)]
pub(crate) struct Behaviour {
    latency: LatencyModel,
    error_rate: f64,
    outages: Vec<Window>,
    down: bool,
    limit: Option<RateLimit>,
    started: Instant,
    rng: Mutex<SmallRng>,
}

impl Behaviour {
    /// Starts the instance's clock now.
    pub(crate) fn new(validated: &Validated) -> Self {
        let settings = &validated.settings;
        let rng = match settings.seed_rng {
            Some(seed) => SmallRng::seed_from_u64(seed),
            None => rand::make_rng(),
        };
        Self {
            latency: validated.latency.clone(),
            error_rate: settings.error_rate,
            outages: settings
                .outages
                .iter()
                .map(|outage| Window {
                    start: outage.after.0,
                    end: outage.after.0.saturating_add(outage.lasts.0),
                })
                .collect(),
            down: settings.down,
            limit: settings.rate_limit.as_ref().map(|limit| RateLimit {
                requests: limit.requests,
                per: limit.per.0,
                used: Mutex::new((0, 0)),
            }),
            started: Instant::now(),
            rng: Mutex::new(rng),
        }
    }

    /// Lets one call through to the data, or fails it as the script says. No lock is held
    /// while waiting.
    pub(crate) async fn admit(&self) -> Result<(), ProviderError> {
        let elapsed = self.started.elapsed();
        if self.down {
            return Err(ProviderError::Unavailable(
                "scripted outage (the instance is configured `down`)".into(),
            ));
        }
        if self.outage_at(elapsed).is_some() {
            return Err(ProviderError::Unavailable("scripted outage".into()));
        }
        if let Some(limit) = &self.limit {
            limit.take(elapsed)?;
        }
        let (delay, fail) = self.draw();
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        if fail {
            return Err(ProviderError::Unavailable(format!(
                "simulated failure (error_rate {})",
                self.error_rate
            )));
        }
        Ok(())
    }

    /// The delay and whether the call fails. The random generator is locked only when a
    /// draw is needed, so a zero-latency, error-free instance never contends on it.
    fn draw(&self) -> (Duration, bool) {
        let error_is_random = self.error_rate > 0.0 && self.error_rate < 1.0;
        if let (LatencyModel::Fixed(delay), false) = (&self.latency, error_is_random) {
            return (*delay, self.error_rate >= 1.0);
        }
        let mut rng = lock(&self.rng);
        let delay = self.latency.draw(&mut *rng);
        let fail = rng.random::<f64>() < self.error_rate;
        (delay, fail)
    }

    fn outage_at(&self, elapsed: Duration) -> Option<Window> {
        self.outages
            .iter()
            .copied()
            .find(|window| window.start <= elapsed && elapsed < window.end)
    }

    /// Unhealthy while down or inside an outage window.
    pub(crate) fn health(&self) -> Health {
        let elapsed = self.started.elapsed();
        if self.down {
            return Health::Unhealthy {
                reason: "scripted outage: the instance is configured `down`".into(),
            };
        }
        match self.outage_at(elapsed) {
            Some(window) => Health::Unhealthy {
                reason: format!(
                    "scripted outage, over in {}",
                    format_duration(window.end.saturating_sub(elapsed))
                ),
            },
            None => Health::Healthy,
        }
    }

    /// The rate limit's state, when there is one.
    pub(crate) fn quota(&self) -> Option<Quota> {
        let elapsed = self.started.elapsed();
        self.limit.as_ref().map(|limit| limit.quota(elapsed))
    }
}

/// Locks a mutex; a poisoned lock only means another call panicked mid-update of a counter,
/// which leaves nothing inconsistent worth failing over.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
