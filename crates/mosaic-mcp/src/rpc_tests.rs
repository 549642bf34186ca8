use super::*;

async fn error_of(answer: Result<Message, NotRpc>) -> (StatusCode, Value) {
    let response = answer.expect_err("refused").into_response();
    (response.status(), body_of(response).await)
}

async fn body_of(response: Response) -> Value {
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[test]
fn requests_notifications_and_responses_are_messages() {
    let request = classify(br#"{"jsonrpc":"2.0","id":7,"method":"initialize","params":{}}"#);
    assert_eq!(
        request.unwrap(),
        Message {
            id: json!(7),
            method: Some("initialize".into())
        }
    );
    let notification = classify(br#"{"jsonrpc":"2.0","method":"notifications/initialized"}"#);
    assert!(!notification.unwrap().is_initialize());
    let response = classify(br#"{"jsonrpc":"2.0","id":"a","result":{}}"#);
    assert_eq!(response.unwrap().method, None);
}

#[tokio::test]
async fn json_that_is_not_json_rpc_is_an_invalid_request_keeping_a_usable_id() {
    let cases: [(&[u8], Value); 6] = [
        (br#"{"hello":"world"}"#, Value::Null),
        (
            br#"[{"jsonrpc":"2.0","id":1,"method":"ping"}]"#,
            Value::Null,
        ),
        (br#"{"jsonrpc":"1.0","id":3,"method":"ping"}"#, json!(3)),
        (br#"{"jsonrpc":"2.0","id":4,"method":9}"#, json!(4)),
        (
            br#"{"jsonrpc":"2.0","id":{"x":1},"method":"ping"}"#,
            Value::Null,
        ),
        (
            br#"{"jsonrpc":"2.0","id":"p","method":"tools/list","params":[1]}"#,
            json!("p"),
        ),
    ];
    for (body, id) in cases {
        let (status, answer) = error_of(classify(body)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert_eq!(answer["error"]["code"], INVALID_REQUEST, "{answer}");
        assert_eq!(answer["id"], id, "{answer}");
        assert_eq!(answer["jsonrpc"], "2.0");
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_parse_error() {
    let (status, answer) = error_of(classify(b"{not json")).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(answer["error"]["code"], PARSE_ERROR);
    assert_eq!(answer["id"], Value::Null);
}

#[tokio::test]
async fn refusals_keep_their_status_and_headers_and_carry_the_envelopes_code_in_data() {
    let refusal = EdgeError::TooManySessions {
        limit: 2,
        retry_after: std::time::Duration::from_secs(120),
    };
    let response = Reply::Rpc(json!(5)).refuse(&refusal);
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(response.headers()[header::RETRY_AFTER], "120");
    let body = body_of(response).await;
    assert_eq!(body["id"], 5);
    assert_eq!(body["error"]["code"], REFUSED);
    assert_eq!(body["error"]["data"]["code"], "too_many_sessions");
    let envelope = body_of(Reply::Envelope.refuse(&EdgeError::SessionNotFound)).await;
    assert_eq!(envelope["error"]["code"], "session_not_found");
}
