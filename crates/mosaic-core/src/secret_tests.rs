use super::*;

#[test]
fn a_secret_never_prints_and_reads_back_for_the_one_place_that_sends_it() {
    let secret: Secret = serde_json::from_value(serde_json::json!("ghp_s3cr3t")).unwrap();
    assert_eq!(secret.expose(), "ghp_s3cr3t");
    for shown in [
        format!("{secret:?}"),
        format!("{secret}"),
        format!("{secret:#?}"),
        serde_json::to_string(&secret).unwrap(),
    ] {
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains(REDACTED), "{shown}");
    }
}
