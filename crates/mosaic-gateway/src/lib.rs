//! The gateway pipeline: policy, routing, cache, executor (timeouts, retries, breakers), audit and metrics.
