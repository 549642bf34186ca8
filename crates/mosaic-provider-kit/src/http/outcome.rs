//! What every native adapter does with a call's outcome, whatever the provider: a probe's
//! result as a health answer, and a bare "not found" turned into one that names what was
//! missing.

use mosaic_core::{Health, ProviderError};

/// A health answer from a probe's result.
pub fn health_of<T>(probe: Result<T, ProviderError>) -> Health {
    match probe {
        Ok(_) => Health::Healthy,
        Err(error) => Health::Unhealthy {
            reason: error.to_string(),
        },
    }
}

/// Names the missing thing in a 404 rather than repeating the provider's bare "Not Found".
pub fn not_found(what: impl Into<String>) -> impl FnOnce(ProviderError) -> ProviderError {
    let what = what.into();
    move |error| match error {
        ProviderError::NotFound(_) => ProviderError::NotFound(what),
        other => other,
    }
}
