use super::redact_url;

#[test]
fn passwords_never_survive_redaction() {
    let cases = [
        (
            "postgres://mosaic:s3cret@db.internal:5432/mosaic",
            "postgres://mosaic:***@db.internal:5432/mosaic",
        ),
        (
            "postgres://mosaic:p@ss@db/mosaic?sslmode=require",
            "postgres://mosaic:***@db/mosaic?sslmode=require",
        ),
        (
            "postgres://db/mosaic?user=mosaic&password=s3cret",
            "postgres://db/mosaic?user=mosaic&password=***",
        ),
        (
            "postgres://postgres@127.0.0.1:5432/test",
            "postgres://postgres@127.0.0.1:5432/test",
        ),
        ("sqlite://data/mosaic.db", "sqlite://data/mosaic.db"),
        ("sqlite::memory:", "sqlite::memory:"),
    ];
    for (url, expected) in cases {
        assert_eq!(redact_url(url), expected, "{url}");
    }
}
