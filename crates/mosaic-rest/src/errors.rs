//! Gateway errors as HTTP answers: one exhaustive match from error to status, and a JSON body
//! `{"error": {"code", "message", "fault", "path"?}}`.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use mosaic_core::ProviderError;
use mosaic_gateway::CallError;
use serde_json::json;

/// A gateway error, ready to answer with.
pub struct ApiError(pub CallError);

/// The HTTP status of each error.
pub fn status(error: &CallError) -> StatusCode {
    match error {
        CallError::Unauthenticated(_) => StatusCode::UNAUTHORIZED,
        CallError::UnknownOperation(_) => StatusCode::NOT_FOUND,
        CallError::InvalidArguments(_) => StatusCode::BAD_REQUEST,
        CallError::Denied { .. } => StatusCode::FORBIDDEN,
        CallError::NoRoute(no_route) => match no_route {
            mosaic_routing::NoRoute::BadPin { .. } => StatusCode::BAD_REQUEST,
            mosaic_routing::NoRoute::NoCandidates { .. }
            | mosaic_routing::NoRoute::NoRuleMatched { .. } => StatusCode::SERVICE_UNAVAILABLE,
        },
        CallError::Provider { error, .. } => provider_status(error),
        CallError::WriteTargetDown { .. } => StatusCode::SERVICE_UNAVAILABLE,
        CallError::WriteOutcomeUnknown { .. } => StatusCode::GATEWAY_TIMEOUT,
        CallError::AllCandidatesFailed(_) => StatusCode::BAD_GATEWAY,
        CallError::DeadlineExceeded(_) => StatusCode::GATEWAY_TIMEOUT,
        CallError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn provider_status(error: &ProviderError) -> StatusCode {
    match error {
        ProviderError::NotFound(_) => StatusCode::NOT_FOUND,
        ProviderError::Forbidden(_) => StatusCode::FORBIDDEN,
        ProviderError::Unauthenticated(_) => StatusCode::BAD_GATEWAY,
        ProviderError::Conflict(_) => StatusCode::CONFLICT,
        ProviderError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
        ProviderError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        ProviderError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
        ProviderError::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
        ProviderError::Unsupported { .. } => StatusCode::NOT_IMPLEMENTED,
        ProviderError::Protocol(_) => StatusCode::BAD_GATEWAY,
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let error = self.0;
        let path = match &error {
            CallError::InvalidArguments(argument) => Some(argument.path.clone()),
            _ => None,
        };
        let body = json!({"error": {
            "code": error.code(),
            "message": error.to_string(),
            "fault": error.fault(),
            "path": path,
        }});
        let mut response = (status(&error), axum::Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        if let CallError::Provider {
            error:
                ProviderError::RateLimited {
                    retry_after: Some(wait),
                },
            ..
        } = &error
            && let Ok(value) = HeaderValue::from_str(&wait.as_secs().max(1).to_string())
        {
            headers.insert(header::RETRY_AFTER, value);
        }
        if matches!(error, CallError::Unauthenticated(_)) {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// A plain error for requests that never reached the gateway (bad query string, bad JSON).
pub fn bad_request(path: &str, message: &str) -> Response {
    ApiError(CallError::InvalidArguments(
        mosaic_core::ArgumentError::new(path, message),
    ))
    .into_response()
}
