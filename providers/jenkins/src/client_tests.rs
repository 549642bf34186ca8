//! Refusals as the client reads them: an HTML page's message, never the page; a crumb
//! refusal told apart from a permission refusal.

use super::*;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

fn reply(status: u16, body: &str) -> RawReply {
    RawReply {
        status: StatusCode::from_u16(status).unwrap(),
        headers: HeaderMap::new(),
        body: body.to_owned().into(),
    }
}

const DENIED: &str = r#"<!DOCTYPE html><html><head><title>Access Denied [Jenkins]</title></head>
<body><div id="main-panel"><h1>Access Denied</h1><p>ana is missing the Job/Build permission</p></div></body></html>"#;

#[test]
fn an_html_page_is_mapped_with_its_message_and_never_echoed() {
    assert_eq!(
        checked(reply(403, DENIED), Effect::Write).unwrap_err(),
        ProviderError::Forbidden("Access Denied: ana is missing the Job/Build permission".into())
    );
    let oops = "<html><body><h1>Oops!</h1><h2>A problem occurred while processing the request</h2></body></html>";
    assert_eq!(
        checked(reply(503, oops), Effect::Read).unwrap_err(),
        ProviderError::Unavailable("Oops!".into())
    );
    let written = checked(reply(500, oops), Effect::Write).unwrap_err();
    assert!(
        matches!(written, ProviderError::WriteUnconfirmed { .. }),
        "{written:?}"
    );
    assert!(checked(reply(302, ""), Effect::Write).is_ok());
}

#[test]
fn only_a_refusal_that_names_the_crumb_asks_for_one() {
    let crumb = "<html><head><title>Error 403 No valid crumb was included in the request</title></head></html>";
    assert!(asks_for_a_crumb(&reply(403, crumb)));
    assert!(!asks_for_a_crumb(&reply(403, DENIED)));
    assert!(!asks_for_a_crumb(&reply(404, crumb)));
}

#[test]
fn a_proxys_retry_after_on_a_page_is_a_rate_limit() {
    let mut throttled = reply(429, "<html><title>Too Many Requests</title></html>");
    throttled
        .headers
        .insert("retry-after", HeaderValue::from_static("9"));
    assert_eq!(
        checked(throttled, Effect::Read).unwrap_err(),
        ProviderError::RateLimited {
            retry_after: Some(Duration::from_secs(9))
        }
    );
}
