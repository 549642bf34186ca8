//! The manifest file as its author writes it: the serde and JSON Schema form of the YAML, every
//! field documented (the docs become the published schema, `mosaic plugins schema`). Nothing
//! here is checked beyond its shape; `compile/` turns it into what runs.
//!
//! Strings marked *template* are minijinja templates over the operation's input (its fields by
//! name, as the catalog's input schema names them); strings marked *expression* are jq
//! programs (jaq) over the provider's JSON answer, with the input as `$input`.

use mosaic_core::ServiceKind;
use schemars::JsonSchema;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A REST provider described declaratively: what it is, how to authenticate, and for each
/// catalog operation it supports, the request to send and how its answer maps to the
/// operation's unified output.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "MosAIc provider manifest")]
pub struct Manifest {
    /// The plugin's name, as instances name it (`plugin: gitea-manifest`); lower case letters,
    /// digits and `-`.
    pub name: String,
    /// The plugin's version (semver, `1.0.0`); instances may pin it (`gitea-manifest@1.0.0`).
    pub version: String,
    /// One line on what it talks to.
    pub description: String,
    /// The service kinds it serves (`git`, `ci`, `kb`, `pm`).
    pub kinds: Vec<ServiceKind>,
    /// The API root used when an instance names none (a public service's); without it every
    /// instance must set `base_url`.
    #[serde(default)]
    pub default_base_url: Option<String>,
    /// How instances authenticate; it decides the credential settings they take.
    pub auth: AuthScheme,
    /// Headers sent with every request (`accept: application/json`).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// A cheap GET that shows the API is there and the credentials are accepted. Without it,
    /// instances report healthy without probing.
    #[serde(default)]
    pub health: Option<HealthCheck>,
    /// The rate-limit headers the provider sends; they feed the instance's quota.
    #[serde(default)]
    pub rate_limit: Option<RateLimitHeaders>,
    /// How refusals map to errors, for every operation (each may add rules of its own).
    #[serde(default)]
    pub errors: ErrorMapping,
    /// How lists page, for every list operation that does not say otherwise.
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// The operations served, by catalog id (`git.issues.list`); every other operation of the
    /// declared kinds is answered "not in this manifest".
    #[schemars(with = "BTreeMap<String, OperationManifest>")]
    pub operations: BTreeMap<String, serde_json::Value>,
}

/// How an instance proves who it is.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>`; instances set `token`.
    Bearer,
    /// `Authorization: Basic …` (RFC 7617); instances set `username` and `password`.
    Basic,
    /// A key in a header of the provider's own (`Authorization: token <key>`,
    /// `X-Api-Key: <key>`); instances set `token`.
    Header {
        /// The header's name.
        name: String,
        /// Written before the key (`token `, `Bearer `); none by default.
        #[serde(default)]
        prefix: String,
    },
    /// A key in a query parameter (`?key=<key>`); instances set `token`.
    Query {
        /// The parameter's name.
        name: String,
    },
}

/// The health probe.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HealthCheck {
    /// The path below the base URL, starting with `/` (`/version`).
    pub path: String,
}

/// The names of the rate-limit headers, and how the reset is written.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLimitHeaders {
    /// Requests left in the window (`x-ratelimit-remaining`).
    pub remaining: String,
    /// The window's size (`x-ratelimit-limit`); the remaining count when absent.
    #[serde(default)]
    pub limit: Option<String>,
    /// When the window resets (`x-ratelimit-reset`).
    #[serde(default)]
    pub reset: Option<String>,
    /// How the reset is written. Default: `unix_seconds`.
    #[serde(default)]
    pub reset_format: ResetFormat,
}

/// How a provider writes the time its window resets.
#[derive(Clone, Copy, Debug, Default, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ResetFormat {
    /// A Unix time in seconds (GitHub, Gitea behind a proxy, GitLab).
    #[default]
    UnixSeconds,
    /// A Unix time in milliseconds.
    UnixMillis,
    /// Seconds from now (the IETF draft's `RateLimit-Reset`).
    DelaySeconds,
}

/// How refusals become typed errors.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorMapping {
    /// *Expression* over a refusal's JSON body giving the provider's message (`.message`).
    /// Without it, the common keys are read (`message`, `error`, `error_description`, `title`,
    /// `detail`); a body that is not JSON is never echoed.
    #[serde(default)]
    pub message: Option<String>,
    /// Rules tried in order before the status decides: the first that matches names the error.
    #[serde(default)]
    pub rules: Vec<ErrorRule>,
}

/// One refusal, recognized by its status and, optionally, its body.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorRule {
    /// The HTTP status it applies to.
    pub status: u16,
    /// *Expression* over the JSON body that must give `true` (`.message | test("merged")`).
    #[serde(default)]
    pub when: Option<String>,
    /// The error it is.
    pub error: ErrorKind,
    /// *Template* of the message over the operation's input (`issue {{ repo }}#{{ number }}`);
    /// the provider's message by default.
    #[serde(default)]
    pub message: Option<String>,
}

/// The errors a refusal can be (`mosaic_core::ProviderError`'s kinds that a provider's answer
/// can mean).
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The resource does not exist, or these credentials cannot see it.
    NotFound,
    /// The credentials may not do this.
    Forbidden,
    /// The credentials were refused.
    Unauthenticated,
    /// The resource's current state refuses the change.
    Conflict,
    /// The provider refused the input.
    InvalidInput,
    /// The quota is spent (the wait is read from `Retry-After` or the reset header).
    RateLimited,
    /// The provider is failing.
    Unavailable,
    /// Not an error: the operation's answer is empty (a list with no items), as when a
    /// provider answers 404 for "nothing yet".
    Empty,
}

/// How a list pages.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Pagination {
    /// Page numbers, the next page found in the `Link` header's `rel="next"` (RFC 8288).
    LinkHeader {
        /// The page number parameter. Default: `page`.
        #[serde(default = "page")]
        page: String,
        /// The page size parameter. Default: `per_page`.
        #[serde(default = "per_page")]
        size: String,
    },
    /// Page numbers; there is a next page while a page comes full (or while `more` says so).
    Page {
        /// The page number parameter. Default: `page`.
        #[serde(default = "page")]
        page: String,
        /// The page size parameter. Default: `per_page`.
        #[serde(default = "per_page")]
        size: String,
        /// *Expression* over the body: whether there is a next page.
        #[serde(default)]
        more: Option<String>,
    },
    /// An offset into the list; there is more while a page comes full (or while `more` says so).
    Offset {
        /// The offset parameter. Default: `offset`.
        #[serde(default = "offset")]
        offset: String,
        /// The page size parameter. Default: `limit`.
        #[serde(default = "limit")]
        size: String,
        /// *Expression* over the body: whether there is more.
        #[serde(default)]
        more: Option<String>,
    },
    /// An opaque cursor the provider hands out in its body.
    Cursor {
        /// The parameter the cursor is sent in. Default: `cursor`.
        #[serde(default = "cursor")]
        cursor: String,
        /// The page size parameter. Default: `limit`.
        #[serde(default = "limit")]
        size: String,
        /// *Expression* over the body giving the next cursor, `null` or empty on the last page.
        next: String,
    },
}

fn page() -> String {
    "page".into()
}
fn per_page() -> String {
    "per_page".into()
}
fn offset() -> String {
    "offset".into()
}
fn limit() -> String {
    "limit".into()
}
fn cursor() -> String {
    "cursor".into()
}

/// One operation: its request, how its answer maps, and a sample answer.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OperationManifest {
    /// GETs sent before the request, in order, for what the request needs and the input does
    /// not say (the id of a status named by its category, the projects' keys): each one's
    /// mapped answer is `lookups.NAME` in the templates and `$lookups.NAME` in the
    /// expressions of the operation and of the lookups after it.
    #[serde(default)]
    pub lookups: Vec<Lookup>,
    /// The request sent.
    pub request: RequestTemplate,
    /// For a write whose answer does not carry what the operation answers (an empty `204`):
    /// a GET sent after it, whose answer `response` maps instead. Its failure leaves the write
    /// unconfirmed, never "not performed".
    #[serde(default)]
    pub read_back: Option<RequestTemplate>,
    /// How the answer maps to the operation's unified output.
    pub response: ResponseMapping,
    /// How this list pages, if not as the manifest's `pagination` says; `none` for a list
    /// served in one answer.
    #[serde(default)]
    pub pagination: Option<PaginationChoice>,
    /// Rules tried before the manifest's own `errors.rules`.
    #[serde(default)]
    pub errors: Vec<ErrorRule>,
    /// Sample answers of the provider, each mapped and checked against the operation's output
    /// schema when the manifest is loaded. At least one.
    pub examples: Vec<Example>,
}

/// A GET sent before an operation's request, and what of its answer the operation keeps.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lookup {
    /// Its name: `lookups.NAME` in templates, `$lookups.NAME` in expressions (letters, digits
    /// and `_`, starting with a letter).
    pub name: String,
    /// *Expression* over the input (as `.`): the lookup is sent only when it gives `true`.
    /// Without it, always. A lookup not sent is `null` (and renders as nothing).
    #[serde(default)]
    pub when: Option<String>,
    /// The request (a GET; its templates see the input and the earlier lookups). Without
    /// one, nothing is sent: the lookup computes a value from the input and the earlier
    /// lookups (its `output` reads `null` as `.`).
    #[serde(default)]
    pub request: Option<RequestTemplate>,
    /// *Expression* over its answer, with `$input` and the earlier `$lookups`: its one output
    /// is the lookup's value. It may refuse the call
    /// (`error({refusal: "conflict", message: "…"})`).
    pub output: String,
    /// A sample answer of its request, mapped when the manifest loads; the operation's
    /// examples are rendered and mapped with its value. Required with a `request`, refused
    /// without one.
    #[serde(default)]
    pub example: Option<serde_json::Value>,
}

/// A list's own pagination: a kind, or none at all.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum PaginationChoice {
    /// `none`: the list comes in one answer, without a next page.
    None(NoPagination),
    /// A kind of its own.
    Paged(Pagination),
}

/// The word `none`.
#[derive(Clone, Copy, Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NoPagination {
    /// No pages.
    None,
}

/// The request of an operation.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestTemplate {
    /// The HTTP method. Default: `GET`.
    #[serde(default = "get")]
    pub method: String,
    /// *Template* of the path below the base URL, starting with `/`. Input values go through
    /// the `segment` filter (one path segment, percent-encoded) or `path` (segments kept).
    pub path: String,
    /// Query parameters, each value a *template*; one that renders empty is left out.
    #[serde(default)]
    pub query: BTreeMap<String, String>,
    /// Headers of this request, each value a *template*.
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// *Template* of the JSON body (`{{ {"title": title} | tojson }}`).
    #[serde(default)]
    pub body: Option<String>,
}

fn get() -> String {
    "GET".into()
}

/// How an answer maps to the unified output.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseMapping {
    /// *Expression* for a list: the unified items, one output each (`.[] | {id: .id, …}`);
    /// the page's `next_cursor` comes from the pagination.
    #[serde(default)]
    pub items: Option<String>,
    /// *Expression* for anything else: the unified output object.
    #[serde(default)]
    pub output: Option<String>,
}

/// A sample answer.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The operation's input the answer answers (validated against the catalog's input schema).
    pub input: serde_json::Value,
    /// The provider's JSON answer.
    pub answer: serde_json::Value,
}
