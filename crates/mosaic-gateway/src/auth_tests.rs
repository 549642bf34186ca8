use super::*;
use mosaic_config::{AnonymousConfig, ApiKeyConfig as ApiKey};
use std::collections::BTreeMap;

fn settings(grants: HintGrants) -> AuthSettings {
    located(None, grants)
}

/// One key, `s3cret`, whose callers are in `region`.
fn located(region: Option<&str>, grants: HintGrants) -> AuthSettings {
    AuthSettings {
        api_keys: vec![ApiKey {
            name: "ci".into(),
            key_sha256: hex(&Sha256::digest(b"s3cret")),
            tenant: "acme".into(),
            principal: "ci-bot".into(),
            region: region.map(str::to_owned),
            grants,
        }],
        anonymous: None,
    }
}

fn eu_confidential() -> HintGrants {
    HintGrants {
        regions: vec!["eu".into(), "ch-*".into()],
        labels: BTreeMap::from([(
            "classification".to_owned(),
            vec!["confidential".to_owned(), "internal".to_owned()],
        )]),
    }
}

fn hints<'a>(region: Option<&'a str>, labels: Option<&'a str>) -> Hints<'a> {
    Hints { region, labels }
}

#[test]
fn keys_map_to_tenants_and_anonymous_is_opt_in() {
    let settings = settings(HintGrants::default());
    let none = Hints::default();
    let ctx = authenticate(&settings, Some("s3cret"), none).unwrap();
    assert_eq!(
        (ctx.tenant.as_str(), ctx.principal.as_str()),
        ("acme", "ci-bot")
    );
    assert_eq!(
        authenticate(&settings, Some("wrong"), none)
            .unwrap_err()
            .code(),
        "unauthenticated"
    );
    assert_eq!(
        authenticate(&settings, None, none).unwrap_err().code(),
        "unauthenticated"
    );
    let open = AuthSettings {
        anonymous: Some(AnonymousConfig {
            tenant: "default".into(),
            principal: "anonymous".into(),
            region: None,
            grants: HintGrants::default(),
        }),
        ..settings
    };
    assert_eq!(
        authenticate(&open, None, none).unwrap().principal,
        "anonymous"
    );
    assert_eq!(bearer_token(Some("Bearer s3cret ")), Some("s3cret"));
    assert_eq!(bearer_token(Some("bearer k")), Some("k"));
    assert_eq!(bearer_token(Some("Basic k")), None);
}

#[test]
fn granted_hints_reach_the_context() {
    let settings = settings(eu_confidential());
    let sent = hints(Some("ch-zurich"), Some("classification=internal , "));
    let ctx = authenticate(&settings, Some("s3cret"), sent).unwrap();
    assert_eq!(ctx.region.as_deref(), Some("ch-zurich"));
    assert_eq!(ctx.labels["classification"], "internal");
    let blank = authenticate(&settings, Some("s3cret"), hints(Some("  "), Some(""))).unwrap();
    assert_eq!((blank.region, blank.labels.len()), (None, 0));
}

#[test]
fn hints_outside_the_grants_are_refused_naming_header_and_value() {
    let settings = settings(eu_confidential());
    let region = authenticate(&settings, Some("s3cret"), hints(Some("us"), None)).unwrap_err();
    assert_eq!(region.code(), "hint_not_granted");
    assert_eq!(region.fault(), mosaic_core::Fault::Caller);
    let message = region.to_string();
    assert!(
        message.starts_with("X-Mosaic-Region: `us` is not granted to API key `ci`"),
        "{message}"
    );
    assert!(message.contains("eu, ch-*"), "{message}");

    let value = authenticate(
        &settings,
        Some("s3cret"),
        hints(None, Some("classification=secret")),
    )
    .unwrap_err();
    assert!(
        value
            .to_string()
            .starts_with("X-Mosaic-Labels: `classification=secret` is not granted"),
        "{value}"
    );
    let key = authenticate(&settings, Some("s3cret"), hints(None, Some("team=web"))).unwrap_err();
    assert_eq!(key.code(), "hint_not_granted");
    let broken = authenticate(&settings, Some("s3cret"), hints(None, Some("oops"))).unwrap_err();
    assert!(
        matches!(&broken, CallError::InvalidArguments(error) if error.path == LABELS_HEADER),
        "{broken}"
    );
}

#[test]
fn nothing_granted_means_no_hint_may_be_asserted() {
    let settings = settings(HintGrants::default());
    let error = authenticate(&settings, Some("s3cret"), hints(Some("eu"), None)).unwrap_err();
    assert!(error.to_string().contains("granted no region"), "{error}");
    let error = authenticate(&settings, Some("s3cret"), hints(None, Some("a=b"))).unwrap_err();
    assert!(error.to_string().contains("granted no labels"), "{error}");
}

#[test]
fn a_caller_is_routed_from_its_own_region_without_naming_it() {
    let settings = located(Some("eu"), HintGrants::default());
    let silent = authenticate(&settings, Some("s3cret"), Hints::default()).unwrap();
    assert_eq!(silent.region.as_deref(), Some("eu"));
    let own = authenticate(&settings, Some("s3cret"), hints(Some("eu"), None)).unwrap();
    assert_eq!(
        own.region.as_deref(),
        Some("eu"),
        "its own region needs no grant"
    );
    let blank = authenticate(&settings, Some("s3cret"), hints(Some(" "), None)).unwrap();
    assert_eq!(
        blank.region.as_deref(),
        Some("eu"),
        "a blank header changes nothing"
    );
}

#[test]
fn a_caller_cannot_claim_a_region_it_was_not_granted_to_leave_its_own() {
    let us_only = located(Some("us"), HintGrants::default());
    let error = authenticate(&us_only, Some("s3cret"), hints(Some("eu"), None)).unwrap_err();
    assert_eq!(
        (error.code(), error.fault()),
        ("hint_not_granted", mosaic_core::Fault::Caller)
    );
    let message = error.to_string();
    assert!(
        message.starts_with("X-Mosaic-Region: `eu` is not granted to API key `ci`"),
        "{message}"
    );
    assert!(
        message.contains("it is in region `us`, and it was granted no region"),
        "{message}"
    );

    let travels = HintGrants {
        regions: vec!["eu".into()],
        ..HintGrants::default()
    };
    let granted = located(Some("us"), travels);
    let ctx = authenticate(&granted, Some("s3cret"), hints(Some("eu"), None)).unwrap();
    assert_eq!(ctx.region.as_deref(), Some("eu"));
    let error = authenticate(&granted, Some("s3cret"), hints(Some("ap"), None)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("it is in region `us`, and it may name the regions eu"),
        "{error}"
    );
}
