use super::exact_origins;

#[test]
fn origins_without_a_port_mean_the_default_port() {
    let allowed = [
        "https://dash.example.com",
        "http://localhost:3000",
        "http://[::1]",
        "http://localhost/",
    ]
    .map(String::from);
    assert_eq!(
        exact_origins(&allowed),
        [
            "https://dash.example.com:443",
            "http://localhost:3000",
            "http://[::1]:80",
            "http://localhost:80",
        ]
    );
}
