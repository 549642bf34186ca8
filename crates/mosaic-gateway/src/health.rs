//! Background health checks: every instance's `Provider::health` is probed on an interval and
//! the answer kept for the status page and metrics. The task holds only a weak reference, so it
//! ends when the last gateway handle is dropped.

use crate::gateway::Shared;
use crate::metrics::INSTANCE_HEALTHY;
use mosaic_core::Health;
use std::sync::Weak;
use std::time::Duration;

/// How often instances are probed.
pub const HEALTH_INTERVAL: Duration = Duration::from_secs(15);

/// Starts the probing task on the current runtime.
pub(crate) fn spawn(shared: Weak<Shared>) {
    tokio::spawn(async move {
        let mut interval = tokio::time::interval(HEALTH_INTERVAL);
        interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            interval.tick().await;
            let Some(shared) = shared.upgrade() else {
                return;
            };
            let runtime = shared.runtime.load_full();
            // Not holding `shared` across the probes would let a shutdown finish sooner, but a
            // probe is bounded by the instance timeout, so keep it simple.
            for instance in &runtime.instances {
                let health = match tokio::time::timeout(
                    instance.timeout,
                    instance.provider.health(),
                )
                .await
                {
                    Ok(health) => health,
                    Err(_) => mosaic_core::Health::Unhealthy {
                        reason: format!("health check timed out after {:?}", instance.timeout),
                    },
                };
                let healthy = matches!(health, Health::Healthy);
                metrics::gauge!(INSTANCE_HEALTHY, "instance" => instance.name.clone())
                    .set(if healthy { 1.0 } else { 0.0 });
                log_change(&instance.name, &instance.signals.health(), &health);
                instance.signals.set_health(health);
            }
        }
    });
}

/// Logs an instance going down or coming back as an event of its own; a steady state logs
/// nothing.
fn log_change(instance: &str, before: &Health, now: &Health) {
    match (before, now) {
        (Health::Healthy, Health::Unhealthy { reason }) => {
            tracing::warn!(instance, reason = %reason, "provider instance unhealthy");
        }
        (Health::Unhealthy { .. }, Health::Healthy) => {
            tracing::info!(instance, "provider instance healthy again");
        }
        _ => {}
    }
}
