//! Jenkins' error pages: HTML, as Jetty writes them for Stapler's refusals (`Error 404 Not
//! Found`, `Error 403 No valid crumb was included in the request`), never JSON.

use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Jetty's error page for `status` with `message`.
pub fn error_page(status: StatusCode, message: &str) -> Response {
    let code = status.as_u16();
    let body = format!(
        "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n\
         <title>Error {code} {message}</title>\n</head>\n<body><h2>HTTP ERROR {code} {message}</h2>\n\
         <table>\n<tr><th>URI:</th><td>/</td></tr>\n<tr><th>STATUS:</th><td>{code}</td></tr>\n\
         <tr><th>MESSAGE:</th><td>{message}</td></tr>\n</table>\n\
         <hr/><a href=\"https://eclipse.org/jetty\">Powered by Jetty:// 10.0.20</a><hr/>\n</body>\n</html>\n"
    );
    (
        status,
        [(header::CONTENT_TYPE, "text/html;charset=utf-8")],
        body,
    )
        .into_response()
}

/// `404 Not Found`, as Jenkins answers any path it has no item for.
pub fn not_found() -> Response {
    error_page(StatusCode::NOT_FOUND, "Not Found")
}
