//! The seed repositories, written as tables: what each holds, oldest first.

/// One repository of the seed.
pub(super) struct RepoSpec {
    pub full_name: &'static str,
    pub description: &'static str,
    pub private: bool,
    /// The default branch first.
    pub branches: &'static [&'static str],
    pub files: &'static [(&'static str, &'static [u8])],
    /// Oldest first: branch, author login, message, touched paths.
    pub commits: &'static [(
        &'static str,
        &'static str,
        &'static str,
        &'static [&'static str],
    )],
    pub issues: &'static [IssueSpec],
    pub pulls: &'static [PullSpec],
}

/// One issue of the seed.
pub(super) struct IssueSpec {
    pub title: &'static str,
    pub body: &'static str,
    pub open: bool,
    pub author: &'static str,
    pub labels: &'static [&'static str],
    pub assignees: &'static [&'static str],
    pub comments: &'static [(&'static str, &'static str)],
}

/// Where a seed pull request ended up.
#[derive(Clone, Copy)]
pub(super) enum Outcome {
    Open,
    Draft,
    Merged,
    Closed,
}

/// One pull request of the seed.
pub(super) struct PullSpec {
    pub title: &'static str,
    pub body: &'static str,
    pub source: &'static str,
    pub target: &'static str,
    pub author: &'static str,
    pub outcome: Outcome,
}

const fn issue(
    title: &'static str,
    body: &'static str,
    open: bool,
    author: &'static str,
    labels: &'static [&'static str],
    assignees: &'static [&'static str],
    comments: &'static [(&'static str, &'static str)],
) -> IssueSpec {
    IssueSpec {
        title,
        body,
        open,
        author,
        labels,
        assignees,
        comments,
    }
}

const fn pull(
    title: &'static str,
    body: &'static str,
    source: &'static str,
    target: &'static str,
    author: &'static str,
    outcome: Outcome,
) -> PullSpec {
    PullSpec {
        title,
        body,
        source,
        target,
        author,
        outcome,
    }
}

/// A 1×1 transparent PNG: the seed's binary file, served as base64.
pub(super) const LOGO_PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4,
    0x89, 0x00, 0x00, 0x00, 0x0a, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00,
    0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
    0x42, 0x60, 0x82,
];

use Outcome::*;

pub(super) const REPOS: [RepoSpec; 5] = [
    RepoSpec {
        full_name: "acme/api",
        description: "Acme's public orders API (Rust, axum).",
        private: false,
        branches: &["main", "develop", "feature/rate-limits", "fix/login-timeout"],
        files: &[
            ("README.md", b"# acme/api\n\nThe public orders API of Acme.\n\n## Run it\n\n    cargo run\n\nThe service listens on port 8080. See docs/runbook.md for deploys and the\non-call rotation.\n"),
            ("Cargo.toml", b"[package]\nname = \"acme-api\"\nversion = \"0.4.2\"\nedition = \"2024\"\n\n[dependencies]\naxum = \"0.8\"\ntokio = { version = \"1\", features = [\"full\"] }\n"),
            ("src/main.rs", b"mod routes;\n\n#[tokio::main]\nasync fn main() {\n    let app = routes::router();\n    let listener = tokio::net::TcpListener::bind(\"0.0.0.0:8080\").await.unwrap();\n    axum::serve(listener, app).await.unwrap();\n}\n"),
            ("src/routes/orders.rs", b"//! GET /orders and GET /orders/{id}.\n\npub async fn list() -> &'static str {\n    \"[]\"\n}\n"),
            ("docs/runbook.md", b"# Runbook\n\nDeploys go out with the `deploy` pipeline from `main`.\nPage the on-call engineer for anything customer-facing.\n"),
            ("assets/logo.png", LOGO_PNG),
        ],
        commits: &[
            ("main", "ana", "Initial commit", &["README.md", "Cargo.toml", "src/main.rs"]),
            ("main", "ben", "Add the orders endpoint", &["src/routes/orders.rs", "src/main.rs"]),
            ("main", "chloe", "Document the deploy runbook", &["docs/runbook.md"]),
            ("main", "ana", "Add the logo", &["assets/logo.png", "README.md"]),
            ("main", "dmitri", "Bump axum to 0.8", &["Cargo.toml"]),
            ("main", "ben", "Return 404 for unknown orders", &["src/routes/orders.rs"]),
            ("develop", "chloe", "Paginate the orders list", &["src/routes/orders.rs"]),
            ("feature/rate-limits", "ana", "Add a token-bucket rate limiter", &["src/main.rs", "Cargo.toml"]),
            ("feature/rate-limits", "ana", "Send rate-limit headers on every answer", &["src/main.rs"]),
            ("fix/login-timeout", "emeka", "Raise the login timeout to 10s", &["src/main.rs"]),
            ("main", "dmitri", "Fix the flaky orders test", &["src/routes/orders.rs"]),
        ],
        issues: &[
            issue("Login times out after 5 seconds on slow networks", "Customers on mobile networks see `504` on `/login`. The upstream identity call takes up to 8 s.", true, "ben", &["bug"], &["emeka"], &[("emeka", "Reproduced with a 3G profile; raising the timeout to 10 s fixes it."), ("ana", "Let's also add a retry with backoff.")]),
            issue("Add rate limiting to public endpoints", "Unauthenticated callers can hammer `/orders`. Add a token bucket per API key and per IP.", true, "ana", &["enhancement", "security"], &["ana"], &[("dmitri", "Please return `Retry-After` on 429.")]),
            issue("Orders endpoint returns 500 for unknown id", "`GET /orders/999` answers 500 instead of 404.", false, "chloe", &["bug"], &["ben"], &[]),
            issue("Document the on-call escalation path", "The runbook says to page on-call but not who is next when nobody answers.", true, "dmitri", &["documentation"], &["chloe"], &[]),
            issue("Upgrade to axum 0.8", "Path syntax changed from `/:id` to `/{id}`.", false, "dmitri", &["chore"], &["dmitri"], &[]),
            issue("Support cursor pagination on /orders", "Offset pagination skips rows under concurrent inserts.", true, "chloe", &["enhancement"], &["chloe"], &[("ben", "+1, our exports miss orders today.")]),
            issue("Flaky test: orders::list_paginates", "Fails about one run in twenty on CI with a timeout.", true, "dmitri", &["bug", "flaky"], &["dmitri"], &[]),
            issue("Publish an OpenAPI document", "Generate `openapi.json` from the routes and serve it at `/openapi.json`.", true, "ana", &["enhancement", "good first issue"], &[], &[]),
            issue("Stack traces leak in error responses", "Internal errors include the panic message in the body.", false, "ana", &["bug", "security"], &["ana"], &[("ben", "Fixed by returning a generic message and logging the detail.")]),
            issue("Order search is slow for large tenants", "`/orders?q=` takes 4 s for tenants with over a million orders; add an index.", true, "ben", &["performance"], &["ben"], &[]),
        ],
        pulls: &[
            pull("Token-bucket rate limiting", "Closes #2. Adds a limiter per API key with `Retry-After` headers.", "feature/rate-limits", "main", "ana", Open),
            pull("Raise the login timeout to 10s", "Closes #1.", "fix/login-timeout", "main", "emeka", Draft),
            pull("Return 404 for unknown orders", "Closes #3.", "fix/orders-404", "main", "ben", Merged),
            pull("Paginate the orders list", "First step towards #6.", "develop", "main", "chloe", Closed),
        ],
    },
    RepoSpec {
        full_name: "acme/web",
        description: "Acme's customer web app (TypeScript, React).",
        private: false,
        branches: &["main", "feature/dark-mode"],
        files: &[
            ("README.md", b"# acme/web\n\nThe customer-facing web app.\n\n    npm ci && npm run dev\n"),
            ("package.json", b"{\n  \"name\": \"acme-web\",\n  \"version\": \"2.3.0\",\n  \"scripts\": { \"dev\": \"vite\", \"build\": \"vite build\", \"test\": \"vitest run\" }\n}\n"),
            ("src/index.ts", b"import { createRoot } from \"react-dom/client\";\nimport { App } from \"./App\";\n\ncreateRoot(document.getElementById(\"root\")!).render(<App />);\n"),
            ("public/favicon.png", LOGO_PNG),
        ],
        commits: &[
            ("main", "chloe", "Scaffold the app with Vite", &["README.md", "package.json", "src/index.ts"]),
            ("main", "chloe", "Add the favicon", &["public/favicon.png"]),
            ("main", "emeka", "Show order history", &["src/index.ts"]),
            ("feature/dark-mode", "emeka", "Add a dark theme", &["src/index.ts"]),
        ],
        issues: &[
            issue("Dark mode", "Follow the system colour scheme and offer a toggle.", true, "emeka", &["enhancement"], &["emeka"], &[]),
            issue("Checkout button misaligned on Safari", "The button overflows its card on iOS 18.", true, "chloe", &["bug"], &["chloe"], &[("emeka", "Only with large text enabled.")]),
            issue("Bundle size grew to 900 kB", "Split the charts library into its own chunk.", false, "chloe", &["performance"], &["chloe"], &[]),
        ],
        pulls: &[pull("Dark theme", "Closes #1.", "feature/dark-mode", "main", "emeka", Open)],
    },
    RepoSpec {
        full_name: "acme/internal-tools",
        description: "Scripts and tools for Acme's engineers. Internal.",
        private: true,
        branches: &["main"],
        files: &[
            ("README.md", b"# internal-tools\n\nScripts for on-call and release work. Internal only.\n"),
            ("scripts/rotate-keys.sh", b"#!/bin/sh\nset -eu\necho \"rotating API keys for $1\"\n"),
        ],
        commits: &[
            ("main", "dmitri", "Add the key rotation script", &["README.md", "scripts/rotate-keys.sh"]),
            ("main", "dmitri", "Make rotate-keys fail fast", &["scripts/rotate-keys.sh"]),
        ],
        issues: &[
            issue("rotate-keys.sh should support dry runs", "Add `--dry-run` that prints what would change.", true, "ben", &["enhancement"], &["dmitri"], &[]),
            issue("Move scripts to a Rust CLI", "Shell scripts are hard to test.", true, "dmitri", &["chore"], &[], &[]),
        ],
        pulls: &[],
    },
    RepoSpec {
        full_name: "acme-oss/sdk",
        description: "The open-source client SDK for the Acme API.",
        private: false,
        branches: &["main", "release/1.x"],
        files: &[
            ("README.md", b"# Acme SDK\n\n    cargo add acme-sdk\n\nA typed client for the Acme orders API.\n"),
            ("LICENSE", b"Apache License, Version 2.0\n"),
            ("src/lib.rs", b"//! A typed client for the Acme orders API.\n\npub struct Client;\n"),
        ],
        commits: &[
            ("main", "ana", "Initial SDK", &["README.md", "LICENSE", "src/lib.rs"]),
            ("release/1.x", "ana", "Release 1.0.3", &["src/lib.rs"]),
            ("main", "ben", "Retry idempotent calls", &["src/lib.rs"]),
        ],
        issues: &[
            issue("Client panics on empty response body", "`Client::orders()` unwraps the JSON body.", true, "octo-user", &["bug"], &["ben"], &[("ben", "Confirmed; fix coming in 1.0.4.")]),
            issue("Async streams for paginated lists", "Expose `orders_stream()` that follows cursors.", true, "octo-user", &["enhancement", "good first issue"], &[], &[]),
            issue("Document retries", "Which calls are retried, and how often?", false, "ana", &["documentation"], &["ana"], &[]),
        ],
        pulls: &[pull("Do not panic on empty bodies", "Fixes #1.", "release/1.x", "main", "ben", Open)],
    },
    RepoSpec {
        full_name: "client-bank/app",
        description: "Mobile banking app built for a client. Confidential.",
        private: true,
        branches: &["main", "feature/2fa"],
        files: &[
            ("README.md", b"# client-bank/app\n\nConfidential. Data stays in the EU region.\n"),
            ("app/build.gradle", b"android { compileSdk 35 }\n"),
        ],
        commits: &[
            ("main", "emeka", "Project skeleton", &["README.md", "app/build.gradle"]),
            ("feature/2fa", "emeka", "TOTP second factor", &["app/build.gradle"]),
        ],
        issues: &[
            issue("Two-factor login", "Required by the client's security review.", true, "emeka", &["security"], &["emeka"], &[]),
            issue("Crash on Android 15 when rotating", "Activity recreated without saved state.", true, "chloe", &["bug"], &["chloe"], &[]),
        ],
        pulls: &[pull("TOTP second factor", "Closes #1.", "feature/2fa", "main", "emeka", Open)],
    },
];
