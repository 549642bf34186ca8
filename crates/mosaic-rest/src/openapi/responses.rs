//! The responses the OpenAPI document gives each path: every status the REST API can answer
//! with, each failure with the one error envelope, and the headers that travel with them.
//!
//! The failure statuses are those of the one mapping from gateway errors (`errors.rs`), plus
//! those of the HTTP edge (a body or URI over its limit, a body that is not JSON). No `default`
//! response stands in for them, so a status the API starts returning without documenting it
//! fails the status-code conformance check of an API fuzzer instead of passing unnoticed.

use serde_json::{Map, Value, json};

/// Where the envelope's schema lives in `components/schemas`.
pub(super) const ERROR_REF: &str = "#/components/schemas/Error";

/// What a path takes, which decides the failures it can answer with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Takes {
    /// Query parameters (reads, the gateway's own GET endpoints).
    Query,
    /// A JSON body (writes).
    Body,
}

/// The error envelope `{"error": {"code", "message", "fault", "path"?, "instance"?, "id"?}}`.
pub(super) fn error_schema() -> Value {
    json!({
        "type": "object",
        "properties": {"error": {"type": "object", "properties": {
            "code": {"type": "string", "description": "Stable error code, such as `not_found` or `invalid_arguments`."},
            "message": {"type": "string"},
            "fault": {"type": "string", "enum": ["caller", "provider", "gateway"], "description": "Whose fault the failure is."},
            "path": {"type": "string", "description": "The offending argument, for invalid arguments."},
            "instance": {"type": "string", "description": "For `write_outcome_unknown`: the system of record the write went to."},
            "id": {"type": "string", "description": "For `write_outcome_unknown`: the native id of what was written, when the provider returned one; look it up before repeating the write."}
        }, "required": ["code", "message", "fault"]}},
        "required": ["error"]
    })
}

/// Every failure a path can answer with, by status.
pub(super) fn failures(takes: Takes) -> Map<String, Value> {
    let mut failures = Map::new();
    let mut add = |status: &str, description: &str| {
        failures.insert(status.into(), failure(description));
    };
    add(
        "400",
        "The arguments do not fit the operation's input schema; `path` names the offending one.",
    );
    add(
        "401",
        "No valid API key, where the configuration requires one.",
    );
    add(
        "403",
        "The policy denies the call, the provider refused access, or the Host or Origin is not allowed.",
    );
    add(
        "404",
        "No such operation, or the provider has no such resource.",
    );
    add(
        "409",
        "The provider refused a change that conflicts with the resource's state (not mergeable, another version).",
    );
    match takes {
        Takes::Query => add("414", "The query string is longer than the server accepts."),
        Takes::Body => {
            add("413", "The body is larger than the configured limit.");
            add("415", "The body is not `application/json`.");
        }
    }
    add(
        "422",
        "Well-formed, but only the deployment or the provider can judge it, and they refused: a pinned \
         instance that cannot serve the call, a cursor the provider did not issue, a name the provider does not know.",
    );
    add(
        "429",
        "Rate limited by the provider; `Retry-After` says when to come back.",
    );
    add("500", "The gateway failed.");
    add(
        "501",
        "No provider instance of this deployment implements the operation.",
    );
    add(
        "502",
        "The provider answered with an error of its own or an answer that could not be read, or every candidate failed.",
    );
    add(
        "503",
        "No provider can serve the call now (down, circuit open, no route); for a write, its system of record \
         is down and the write was not performed.",
    );
    add(
        "504",
        "The provider did not answer in time; for a write the outcome is unknown.",
    );
    failures["401"]["headers"] = json!({"WWW-Authenticate": {
        "description": "`Bearer realm=\"mosaic\"`.", "schema": {"type": "string"}}});
    failures["429"]["headers"] = json!({"Retry-After": {
        "description": "Seconds to wait before trying again, when the provider said.",
        "schema": {"type": "integer", "minimum": 1}}});
    failures
}

fn failure(description: &str) -> Value {
    json!({"description": description,
        "content": {"application/json": {"schema": {"$ref": ERROR_REF}}}})
}

/// The headers of a successful operation: where its data came from, and for reads how HTTP
/// caches may keep it.
pub(super) fn success_headers(read: bool) -> Value {
    let text =
        |description: &str| json!({"description": description, "schema": {"type": "string"}});
    let mut headers = json!({
        "X-Mosaic-Instance": text("The provider instance whose data this is."),
        "X-Mosaic-Cache": {"description": "Whether the gateway's cache answered.",
            "schema": {"type": "string", "enum": ["hit", "miss", "stale"]}},
        "X-Mosaic-Cache-Tier": {"description": "The cache tier an answer from the cache came from: `l1` (the replica's memory) or `l2` (Redis, shared by replicas). Absent when the provider answered.",
            "schema": {"type": "string", "enum": ["l1", "l2"]}},
        "X-Mosaic-Rule": text("The route rule that planned the call."),
        "X-Mosaic-Failed-Over": text("The instances tried before the one that answered, comma-separated."),
        "Age": {"description": "Seconds since the provider answered.",
            "schema": {"type": "integer", "minimum": 0}},
        "Cache-Control": text(if read {
            "How HTTP caches may keep the answer, with the cache class's TTL `T`, its stale window `S` and `W` the shorter of the two: \
             `public, max-age=T, s-maxage=T, stale-while-revalidate=W, stale-if-error=S` for an answer every caller would get alike \
             (public instances, a policy that allows every caller, a route that looks at no caller), which shared caches may serve to anyone; \
             `private, max-age=T, stale-while-revalidate=W, stale-if-error=S` otherwise; `private, no-cache` for an answer served stale \
             because every provider failed; `no-store` for a class that is never cached."
        } else {
            "`no-store`."
        }),
    });
    if read {
        headers["ETag"] = text("A strong entity tag of the body, for `If-None-Match`.");
        headers["Vary"] = text(
            "`authorization, x-mosaic-region, x-mosaic-labels` on a private answer: what it depends on besides the URL. \
             Absent on a public answer, which depends on no request header.",
        );
        headers["xkey"] = text(
            "On a public answer: its surrogate keys, space-separated (digests of its cache tags). A write purges the \
             HTTP caches of `cache.http.purge` by them (`PURGE` with the keys in `xkey`, as Varnish's vmod xkey takes them).",
        );
    }
    headers
}

/// `304 Not Modified` for a read whose `If-None-Match` names the current entity tag.
pub(super) fn not_modified() -> Value {
    json!({"description": "Not modified: the `If-None-Match` entity tag is still current.",
        "headers": success_headers(true)})
}
