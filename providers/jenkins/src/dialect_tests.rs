//! Jenkins' HTML error pages read for their message, and refusals mapped as the client maps
//! them.

use super::*;

#[test]
fn a_jetty_page_gives_its_heading_and_jenkins_own_pages_their_paragraph() {
    let jetty = br#"<html><head><title>Error 404 Not Found</title></head>
        <body><h2>HTTP ERROR 404 Not Found</h2><table><tr><th>URI:</th><td>/x</td></tr></table></body></html>"#;
    assert_eq!(html_message(jetty).unwrap(), "HTTP ERROR 404 Not Found");
    let denied = br#"<!DOCTYPE html><html><head><title>Access Denied [Jenkins]</title></head>
        <body><div id="main-panel"><h1>Access Denied</h1><p>ana is missing the Job/Build permission</p></div></body></html>"#;
    assert_eq!(
        html_message(denied).unwrap(),
        "Access Denied: ana is missing the Job/Build permission"
    );
    let titled =
        b"<html><head><title>Sign in [Jenkins]</title></head><body>x &amp; y</body></html>";
    assert_eq!(html_message(titled).unwrap(), "Sign in");
    let header_not_heading =
        b"<html><header>nav</header><h1>Oops!</h1><h2>A problem occurred</h2></html>";
    assert_eq!(html_message(header_not_heading).unwrap(), "Oops!");
    assert_eq!(html_message(br#"{"message": "json"}"#), None);
    assert_eq!(html_message(b"<html><body>nothing</body></html>"), None);
}
