//! Gateway errors as HTTP answers: one exhaustive match from error to status (and to what the
//! answer carries besides), written in the edge's envelope
//! `{"error": {"code", "message", "fault", "path"?}}` like every other refusal (a write whose
//! outcome is unknown adds `instance` and, when known, `id`).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_core::{ArgumentError, Fault, ProviderError};
use mosaic_edge::error::{envelope, retry_after_value};
use mosaic_gateway::CallError;
use mosaic_routing::NoRoute;
use serde_json::json;
use std::time::Duration;

/// A gateway error, ready to answer with.
#[derive(Debug)]
pub struct ApiError(pub CallError);

/// What an error becomes in HTTP.
#[derive(Debug, PartialEq, Eq)]
pub struct Described {
    /// The status.
    pub status: StatusCode,
    /// The offending field, for bad arguments.
    pub path: Option<String>,
    /// How long the caller should wait, for `Retry-After`.
    pub retry_after: Option<Duration>,
    /// For a write whose outcome is unknown: what is known of it, added to the envelope.
    pub written: Option<Written>,
}

/// What is known of a write that may have been applied: its system of record and, when the
/// provider returned one, the native id of what was written (`instance` and `id` in the body).
#[derive(Debug, PartialEq, Eq)]
pub struct Written {
    /// The system of record.
    pub instance: String,
    /// The native id, when known.
    pub id: Option<String>,
}

/// The one mapping from gateway error to HTTP. No `_` arm: a new error does not compile until
/// it has a status. Provider outages are 5xx (never the caller's 4xx); a write whose system of
/// record is down is 503, not silently sent elsewhere (DESIGN.md, writes); a write that may
/// have been applied is 502 — never 503, which clients read as "not processed, retry".
pub fn describe(error: &CallError) -> Described {
    let status = |status| Described {
        status,
        path: None,
        retry_after: None,
        written: None,
    };
    match error {
        CallError::Unauthenticated(_) => status(StatusCode::UNAUTHORIZED),
        CallError::UnknownOperation(_) => status(StatusCode::NOT_FOUND),
        CallError::InvalidArguments(argument) => Described {
            path: Some(argument.path.clone()),
            ..status(StatusCode::BAD_REQUEST)
        },
        CallError::Denied { .. } | CallError::HintNotGranted { .. } => {
            status(StatusCode::FORBIDDEN)
        }
        // Well-formed, but naming an instance this deployment cannot use for the call: only
        // the deployment can judge that, never the published schema, so it is not a 400 (which
        // means "the arguments break the schema").
        CallError::NoRoute(NoRoute::BadPin { .. }) => status(StatusCode::UNPROCESSABLE_ENTITY),
        // The tenant has spent its monthly CI budget and every target costs money: the
        // request is well-formed and allowed, but will not be paid for.
        CallError::NoRoute(NoRoute::OverBudget { .. }) => status(StatusCode::PAYMENT_REQUIRED),
        // Every target left out because none implements the operation: the caller asked for
        // something this deployment cannot do at all.
        CallError::NoRoute(no_route @ NoRoute::NoCandidates { .. })
            if no_route.fault() == Fault::Caller =>
        {
            status(StatusCode::NOT_IMPLEMENTED)
        }
        CallError::NoRoute(NoRoute::NoCandidates { .. } | NoRoute::NoRuleMatched { .. }) => {
            status(StatusCode::SERVICE_UNAVAILABLE)
        }
        CallError::Provider {
            error: ProviderError::RateLimited { retry_after },
            ..
        } => Described {
            retry_after: *retry_after,
            ..status(StatusCode::TOO_MANY_REQUESTS)
        },
        CallError::Provider { error, .. } => status(provider_status(error)),
        CallError::WriteTargetDown { .. } => status(StatusCode::SERVICE_UNAVAILABLE),
        CallError::WriteOutcomeUnknown { instance, id, .. } => Described {
            written: Some(Written {
                instance: instance.clone(),
                id: id.clone(),
            }),
            ..status(StatusCode::BAD_GATEWAY)
        },
        // Down, like a write's system of record: a later call may find an instance back up.
        CallError::ConstraintUnavailable { .. } => status(StatusCode::SERVICE_UNAVAILABLE),
        CallError::AllCandidatesFailed(_) => status(StatusCode::BAD_GATEWAY),
        CallError::RateLimitRefused { refusal, .. } => Described {
            retry_after: Some(refusal.wait),
            ..status(StatusCode::TOO_MANY_REQUESTS)
        },
        CallError::UnknownRun { .. } => status(StatusCode::NOT_FOUND),
        CallError::DeadlineExceeded(_) => status(StatusCode::GATEWAY_TIMEOUT),
        CallError::Internal(_) => status(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

fn provider_status(error: &ProviderError) -> StatusCode {
    match error {
        ProviderError::NotFound(_) => StatusCode::NOT_FOUND,
        ProviderError::Forbidden(_) => StatusCode::FORBIDDEN,
        // The gateway's own credentials for the provider were refused: not the caller's 401.
        ProviderError::Unauthenticated(_) => StatusCode::BAD_GATEWAY,
        ProviderError::Conflict(_) => StatusCode::CONFLICT,
        ProviderError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ProviderError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        ProviderError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        ProviderError::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
        ProviderError::Unsupported { .. } => StatusCode::NOT_IMPLEMENTED,
        ProviderError::Protocol(_) | ProviderError::WriteUnconfirmed { .. } => {
            StatusCode::BAD_GATEWAY
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let error = self.0;
        let described = describe(&error);
        let mut body = envelope(
            error.code(),
            &error.to_string(),
            error.fault(),
            described.path.as_deref(),
        );
        if let Some(written) = &described.written {
            body["error"]["instance"] = json!(written.instance);
            if let Some(id) = &written.id {
                body["error"]["id"] = json!(id);
            }
        }
        let mut response = (described.status, axum::Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let Some(wait) = described.retry_after {
            headers.insert(header::RETRY_AFTER, retry_after_value(wait));
        }
        if described.status == StatusCode::UNAUTHORIZED {
            headers.insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"mosaic\""),
            );
        }
        response
    }
}

/// An error for a request that never reached the gateway (bad query string, bad JSON body).
pub fn bad_request(path: &str, message: &str) -> Response {
    ApiError(CallError::InvalidArguments(ArgumentError::new(
        path, message,
    )))
    .into_response()
}

#[cfg(test)]
#[path = "errors_tests.rs"]
mod tests;
