//! A real HTTP cache in front of `mosaic serve`: Varnish, with vmod xkey for MosAIc's purges,
//! on a free loopback port. A public answer is served by the cache to every caller; a private
//! one is never served to another key (MosAIc answers each, and refuses the one its policy
//! denies); after a write through MosAIc, the next read through the cache is fresh, because
//! the write purged the cache by the answer's surrogate keys before it was answered.
//!
//! Without `varnishd` and vmod xkey (Debian `varnish`, `varnish-modules`) the test says loudly
//! that it did not run, and fails under `CI`.

#[path = "common/rest.rs"]
mod rest;
#[path = "common/serve.rs"]
mod serve;

use rest::{free_port, titles, workdir};
use serde_json::{Value, json};
use serve::Served;
use std::io::Write as _;
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const VARNISHD: &str = "/usr/sbin/varnishd";
const XKEY_VMOD: &str = "/usr/lib/x86_64-linux-gnu/varnish/vmods/libvmod_xkey.so";

/// Only so that a broken start fails instead of hanging; not what the test checks.
const PATIENCE: Duration = Duration::from_secs(30);

/// Two API keys of two tenants besides anonymous access; a public forge answering
/// everything but `acme/internal-*`, which a private forge answers to alice's tenant only.
const CONFIG: &str = r#"
store: { url: "sqlite::memory:" }
cache:
  http: { purge: ["${VARNISH_URL}/"], purge_timeout: 2s }
auth:
  api_keys:
    # sha256("alice-key"), sha256("bob-key")
    - { name: alice, key_sha256: "${ALICE_SHA}", tenant: acme, principal: alice }
    - { name: bob, key_sha256: "${BOB_SHA}", tenant: globex, principal: bob }
  anonymous: { tenant: public, principal: visitor }
policies:
  - { name: acme-internal, effect: allow, tenants: [acme], resources: ["acme/internal-*"] }
  - { name: no-one-else-internal, effect: deny, resources: ["acme/internal-*"] }
  - { name: all, effect: allow }
providers:
  - { name: open, plugin: sim, public: true, settings: { kinds: [git], dataset: l3-open } }
  - { name: closed, plugin: sim, settings: { kinds: [git], dataset: l3-closed } }
routes:
  - { name: internal, resources: ["acme/internal-*"], targets: [{ instance: closed }] }
  - { name: all, targets: [{ instance: open }] }
"#;

/// The VCL: purges by surrogate key from loopback; every GET looked up (the answer's own
/// `Cache-Control` decides whether it is stored, `private` never is); whether the cache
/// answered, in `x-cache`.
const VCL: &str = r#"vcl 4.1;
import xkey;

backend mosaic { .host = "127.0.0.1"; .port = "MOSAIC_PORT"; }

acl purgers { "127.0.0.1"; }

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) { return (synth(403, "Forbidden")); }
        if (!req.http.xkey) { return (synth(400, "xkey required")); }
        set req.http.x-purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    if (req.method != "GET" && req.method != "HEAD") { return (pass); }
    # Credentials do not bypass the cache: MosAIc marks what may be shared `public`.
    return (hash);
}

sub vcl_deliver {
    if (obj.hits > 0) { set resp.http.x-cache = "HIT"; } else { set resp.http.x-cache = "MISS"; }
    unset resp.http.xkey;
}
"#;

/// Whether Varnish with vmod xkey is installed; otherwise says so loudly, or panics under CI.
fn varnish_installed() -> bool {
    if Path::new(VARNISHD).exists() && Path::new(XKEY_VMOD).exists() {
        return true;
    }
    let help =
        "install it with `apt-get install -y --no-install-recommends varnish varnish-modules`";
    if std::env::var_os("CI").is_some() {
        panic!("Varnish with vmod xkey ({VARNISHD}, {XKEY_VMOD}) is required under CI; {help}");
    }
    let _ = writeln!(
        std::io::stderr(),
        "\n!!! HTTP cache tests did NOT run: no {VARNISHD} with vmod xkey; {help} !!!\n"
    );
    false
}

fn sha256_hex(text: &str) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(text.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A running `varnishd`, killed when dropped.
struct Varnish {
    child: Child,
    address: SocketAddr,
}

impl Varnish {
    fn start(dir: &Path, port: u16, backend: SocketAddr) -> Varnish {
        let vcl = dir.join("mosaic.vcl");
        std::fs::write(
            &vcl,
            VCL.replace("MOSAIC_PORT", &backend.port().to_string()),
        )
        .unwrap();
        let child = Command::new(VARNISHD)
            .arg("-F")
            .args(["-a", &format!("127.0.0.1:{port}")])
            .arg("-f")
            .arg(&vcl)
            .arg("-n")
            .arg(dir.join("varnish"))
            // Run as the test's user, without the jail's user switch.
            .args(["-j", "none", "-s", "malloc,32m", "-T", "none"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start varnishd");
        let address: SocketAddr = ([127, 0, 0, 1], port).into();
        let started = Instant::now();
        while TcpStream::connect(address).is_err() {
            assert!(
                started.elapsed() < PATIENCE,
                "varnishd never listened on {address}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Varnish { child, address }
    }
}

impl Drop for Varnish {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One answer through the cache.
struct Seen {
    status: u16,
    cache: String,
    mosaic_cache: String,
    body: Value,
}

async fn get(http: &reqwest::Client, varnish: &Varnish, path: &str, key: Option<&str>) -> Seen {
    let mut request = http.get(format!("http://{}{path}", varnish.address));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let answer = rest::send(request).await.unwrap();
    Seen {
        status: answer.status,
        cache: answer.header("x-cache"),
        mosaic_cache: answer.header("x-mosaic-cache"),
        body: answer.body,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn varnish_in_front_shares_public_answers_only_and_is_purged_by_writes() {
    if !varnish_installed() {
        return;
    }
    let dir = workdir("l3");
    let varnish_port = free_port();
    let config = dir.join("mosaic.yaml");
    std::fs::write(&config, CONFIG).unwrap();
    let env = vec![
        (
            "VARNISH_URL".to_owned(),
            format!("http://127.0.0.1:{varnish_port}"),
        ),
        ("ALICE_SHA".to_owned(), sha256_hex("alice-key")),
        ("BOB_SHA".to_owned(), sha256_hex("bob-key")),
    ];
    let mosaic = Served::start(&config, env);
    let varnish = Varnish::start(&dir, varnish_port, mosaic.address);
    let http = reqwest::Client::new();

    // A public answer: fetched once, then served by the cache to every caller.
    let list = "/v1/git.issues.list?repo=acme/api&state=all";
    let first = get(&http, &varnish, list, None).await;
    assert_eq!(first.status, 200, "{}\n{}", first.body, mosaic.log());
    assert_eq!(first.cache, "MISS");
    for key in [None, Some("alice-key"), Some("bob-key")] {
        let again = get(&http, &varnish, list, key).await;
        assert_eq!(again.status, 200);
        assert_eq!(again.cache, "HIT", "{key:?}: the cache answered");
        assert_eq!(again.body, first.body);
    }

    // A private answer is never served to another key: alice's is not stored, so bob's
    // request reaches MosAIc, whose policy refuses him; alice is answered by MosAIc again.
    let private = "/v1/git.issues.list?repo=acme/internal-tools&state=all";
    let alice = get(&http, &varnish, private, Some("alice-key")).await;
    assert_eq!(alice.status, 200, "{}", alice.body);
    assert_eq!(alice.cache, "MISS");
    let bob = get(&http, &varnish, private, Some("bob-key")).await;
    assert_eq!(bob.status, 403, "{}", bob.body);
    assert_eq!(bob.cache, "MISS");
    let anonymous = get(&http, &varnish, private, None).await;
    assert_eq!(anonymous.status, 403, "{}", anonymous.body);
    let alice_again = get(&http, &varnish, private, Some("alice-key")).await;
    assert_eq!(alice_again.status, 200);
    assert_eq!(alice_again.cache, "MISS", "never from the shared cache");
    assert_eq!(
        alice_again.mosaic_cache, "hit",
        "MosAIc's own cache, for alice"
    );

    // A write through MosAIc purges the cache before it is answered: the next read is fresh.
    let created = http
        .post(format!("http://{}/v1/git.issues.create", mosaic.address))
        .json(&json!({"repo": "acme/api", "title": "Purged by the write"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 200, "{}", mosaic.log());
    let after = get(&http, &varnish, list, None).await;
    assert_eq!(after.status, 200);
    assert_eq!(after.cache, "MISS", "the write purged the shared copy");
    assert!(
        titles(&after.body).contains(&"Purged by the write".to_owned()),
        "{}",
        after.body
    );
    // And the fresh answer is shared again.
    assert_eq!(
        get(&http, &varnish, list, Some("bob-key")).await.cache,
        "HIT"
    );
}
