#![expect(
    deprecated,
    reason = "logging is deprecated from protocol 2026-07-28 on, and still relayed for 2025-11-25 callers"
)]

use super::Routes;
use crate::relay::{Accepts, Relay, Relayed};
use rmcp::model::{
    LoggingLevel, LoggingMessageNotificationParam, NumberOrString, ProgressNotificationParam,
    ProgressToken, RequestId,
};
use rmcp::service::InboundStreamOrigin;
use serde_json::json;
use tokio::sync::mpsc::Receiver;

fn token(name: &str) -> ProgressToken {
    ProgressToken(NumberOrString::String(name.into()))
}

fn id(number: i64) -> RequestId {
    NumberOrString::Number(number)
}

/// A relay for a caller whose own progress token is `caller_token`, hearing every level.
fn caller(caller_token: &str) -> (Relay, Receiver<Relayed>) {
    Relay::new(Accepts {
        progress_token: Some(token(caller_token)),
        log_level: Some(LoggingLevel::Debug),
        ..Accepts::default()
    })
}

fn progress_of(relayed: &mut Receiver<Relayed>) -> Vec<(ProgressToken, f64)> {
    std::iter::from_fn(|| relayed.try_recv().ok())
        .map(|relayed| match relayed {
            Relayed::Progress(progress) => (progress.progress_token, progress.progress),
            _ => panic!("only progress expected"),
        })
        .collect()
}

fn log(text: &str) -> LoggingMessageNotificationParam {
    LoggingMessageNotificationParam::new(LoggingLevel::Info, json!(text))
}

#[test]
fn progress_goes_to_the_call_its_token_names_under_that_callers_token() {
    let routes = Routes::default();
    let (first, mut first_heard) = caller("a-1");
    let (second, mut second_heard) = caller("b-1");
    routes.open(id(1), Some(token("up-1")), Some(first));
    routes.open(id(2), Some(token("up-2")), Some(second));
    routes.progress(ProgressNotificationParam::new(token("up-2"), 1.0));
    routes.progress(ProgressNotificationParam::new(token("up-1"), 5.0));
    assert_eq!(progress_of(&mut first_heard), vec![(token("a-1"), 5.0)]);
    assert_eq!(progress_of(&mut second_heard), vec![(token("b-1"), 1.0)]);
    // A token no call carries reaches nobody.
    routes.progress(ProgressNotificationParam::new(token("up-9"), 2.0));
    assert!(progress_of(&mut first_heard).is_empty());
}

#[test]
fn progress_that_does_not_grow_is_not_passed_on() {
    let routes = Routes::default();
    let (relay, mut heard) = caller("a-1");
    routes.open(id(1), Some(token("up-1")), Some(relay));
    for progress in [10.0, 10.0, 5.0, 20.0] {
        routes.progress(ProgressNotificationParam::new(token("up-1"), progress));
    }
    assert_eq!(
        progress_of(&mut heard),
        vec![(token("a-1"), 10.0), (token("a-1"), 20.0)]
    );
}

#[test]
fn a_caller_without_a_progress_token_hears_no_progress() {
    let routes = Routes::default();
    let (relay, mut heard) = Relay::new(Accepts::default());
    routes.open(id(1), Some(token("up-1")), Some(relay));
    routes.progress(ProgressNotificationParam::new(token("up-1"), 1.0));
    assert!(heard.try_recv().is_err());
}

#[test]
fn a_log_message_goes_only_to_the_one_call_in_flight() {
    let routes = Routes::default();
    let (first, mut first_heard) = caller("a-1");
    let (second, mut second_heard) = caller("b-1");
    routes.open(id(1), Some(token("up-1")), Some(first));
    routes.log(log("only one"));
    assert!(matches!(first_heard.try_recv(), Ok(Relayed::Log(_))));

    routes.open(id(2), Some(token("up-2")), Some(second));
    routes.log(log("whose?"));
    assert!(
        first_heard.try_recv().is_err(),
        "two calls: it names neither"
    );
    assert!(second_heard.try_recv().is_err());

    routes.close(&id(1));
    routes.log(log("the second's"));
    assert!(matches!(second_heard.try_recv(), Ok(Relayed::Log(_))));
    assert!(first_heard.try_recv().is_err());
}

#[test]
fn log_messages_below_the_callers_level_are_not_relayed() {
    let routes = Routes::default();
    let (relay, mut heard) = Relay::new(Accepts {
        log_level: Some(LoggingLevel::Warning),
        ..Accepts::default()
    });
    routes.open(id(1), None, Some(relay));
    routes.log(log("info"));
    routes.log(LoggingMessageNotificationParam::new(
        LoggingLevel::Error,
        json!("error"),
    ));
    let Ok(Relayed::Log(relayed)) = heard.try_recv() else {
        panic!("the error is relayed");
    };
    assert_eq!(relayed.data, json!("error"));
    assert!(heard.try_recv().is_err());
}

#[test]
fn a_request_is_routed_by_its_stream_or_as_the_only_call_and_refused_otherwise() {
    let routes = Routes::default();
    let error = routes
        .relay_for("sampling/createMessage", None)
        .err()
        .unwrap();
    assert!(
        error.message.contains("none is in flight"),
        "{}",
        error.message
    );

    let (first, _first_heard) = caller("a-1");
    let (second, _second_heard) = caller("b-1");
    routes.open(id(1), None, Some(first));
    assert!(routes.relay_for("sampling/createMessage", None).is_ok());
    routes.open(id(2), None, Some(second));
    let error = routes
        .relay_for("sampling/createMessage", None)
        .err()
        .unwrap();
    assert!(
        error
            .message
            .contains("2 tools/call requests are in flight"),
        "{}",
        error.message
    );
    let origin = InboundStreamOrigin::OutboundRequest(id(2));
    assert!(
        routes
            .relay_for("sampling/createMessage", Some(&origin))
            .is_ok()
    );

    routes.open(id(3), None, None);
    let origin = InboundStreamOrigin::OutboundRequest(id(3));
    let error = routes
        .relay_for("elicitation/create", Some(&origin))
        .err()
        .unwrap();
    assert!(
        error.message.contains("no caller to ask"),
        "{}",
        error.message
    );
}
