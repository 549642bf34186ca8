use super::{Accepts, RELAY_CAPACITY, Relay, Relayed};
use rmcp::model::{
    ClientResult, CreateMessageRequest, ElicitRequest, ErrorCode, NumberOrString,
    ProgressNotificationParam, ProgressToken, ServerRequest,
};
use serde_json::json;

fn sampling() -> ServerRequest {
    let params = serde_json::from_value(json!({
        "messages": [{"role": "user", "content": {"type": "text", "text": "hi"}}],
        "maxTokens": 10,
    }))
    .unwrap();
    ServerRequest::CreateMessageRequest(CreateMessageRequest::new(params))
}

fn url_elicitation() -> ServerRequest {
    let params = serde_json::from_value(json!({
        "mode": "url",
        "message": "sign in",
        "url": "https://example.com/sign-in",
        "elicitationId": "e-1",
    }))
    .unwrap();
    ServerRequest::ElicitRequest(ElicitRequest::new(params))
}

#[tokio::test]
async fn a_caller_that_did_not_declare_sampling_is_not_asked() {
    let (relay, mut relayed) = Relay::new(Accepts::default());
    let error = relay
        .ask("sampling/createMessage", sampling())
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::INVALID_REQUEST);
    assert!(
        error
            .message
            .contains("the caller did not declare the sampling capability"),
        "{}",
        error.message
    );
    assert!(relayed.try_recv().is_err(), "nothing reached the caller");
    assert_eq!(relay.counts().refused, 1);
}

#[tokio::test]
async fn url_elicitation_needs_the_url_mode() {
    let (relay, _relayed) = Relay::new(Accepts {
        elicitation_form: true,
        ..Accepts::default()
    });
    let error = relay
        .ask("elicitation/create", url_elicitation())
        .await
        .unwrap_err();
    assert!(
        error.message.contains("elicitation (url mode)"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn the_callers_answer_goes_back_unchanged() {
    let (relay, mut relayed) = Relay::new(Accepts {
        sampling: true,
        ..Accepts::default()
    });
    let answering = tokio::spawn(async move {
        let Some(Relayed::Ask(question)) = relayed.recv().await else {
            panic!("the question is relayed");
        };
        assert!(matches!(
            question.request,
            ServerRequest::CreateMessageRequest(_)
        ));
        let answer: ClientResult = serde_json::from_value(json!({
            "role": "assistant",
            "content": {"type": "text", "text": "hello"},
            "model": "m",
        }))
        .unwrap();
        question.answer(Ok(answer));
    });
    let answer = relay
        .ask("sampling/createMessage", sampling())
        .await
        .unwrap();
    answering.await.unwrap();
    let ClientResult::CreateMessageResult(result) = answer else {
        panic!("a sampling result: {answer:?}");
    };
    assert_eq!(result.model, "m");
    assert_eq!(relay.counts().requests, 1);
}

#[tokio::test]
async fn a_caller_that_went_away_or_never_answered_is_an_error_to_the_upstream() {
    let (relay, relayed) = Relay::new(Accepts {
        sampling: true,
        ..Accepts::default()
    });
    drop(relayed);
    let error = relay
        .ask("sampling/createMessage", sampling())
        .await
        .unwrap_err();
    assert!(error.message.contains("went away"), "{}", error.message);

    let (relay, mut relayed) = Relay::new(Accepts {
        sampling: true,
        ..Accepts::default()
    });
    let forgetting = tokio::spawn(async move {
        // Dropped unanswered, as when the caller's request ends.
        drop(relayed.recv().await);
    });
    let error = relay
        .ask("sampling/createMessage", sampling())
        .await
        .unwrap_err();
    forgetting.await.unwrap();
    assert!(
        error.message.contains("before answering"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_caller_too_far_behind_loses_notifications_and_refuses_requests() {
    let token = ProgressToken(NumberOrString::String("mine".into()));
    let (relay, _relayed) = Relay::new(Accepts {
        progress_token: Some(token.clone()),
        sampling: true,
        ..Accepts::default()
    });
    for step in 0..RELAY_CAPACITY + 3 {
        relay.progress(ProgressNotificationParam::new(token.clone(), step as f64));
    }
    let counts = relay.counts();
    assert_eq!(counts.progress, RELAY_CAPACITY as u64);
    assert_eq!(counts.dropped, 3);
    let error = relay
        .ask("sampling/createMessage", sampling())
        .await
        .unwrap_err();
    assert!(
        error.message.contains("too many messages"),
        "{}",
        error.message
    );
}
