use super::*;

#[test]
fn base64_matches_rfc_4648_test_vectors() {
    for (plain, encoded) in [
        ("", ""),
        ("f", "Zg=="),
        ("fo", "Zm8="),
        ("foo", "Zm9v"),
        ("foob", "Zm9vYg=="),
        ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ] {
        assert_eq!(base64(plain.as_bytes()), encoded);
    }
    assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
}

#[test]
fn sha_is_stable_hex_and_distinct() {
    let first = sha("acme/api commit 1");
    assert_eq!(first.len(), 40);
    assert!(
        first
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    assert_eq!(first, sha("acme/api commit 1"));
    assert_ne!(first, sha("acme/api commit 2"));
}
