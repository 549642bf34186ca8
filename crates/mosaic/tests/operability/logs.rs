//! The log as an operator reads it from a service manager or a container: plain text when
//! standard error is not a terminal, one INFO line per call (over REST and over MCP), and the
//! events that matter — a provider down, a circuit opening — as their own lines.

use crate::serve::Served;
use crate::support::{TempDir, config_file};

fn config(dir: &std::path::Path) -> String {
    format!(
        r#"
store: {{ url: "sqlite://{db}" }}
auth: {{ anonymous: {{ tenant: acme, principal: reader }} }}
policies: [{{ name: all, effect: allow }}]
executor:
  retry: {{ max_attempts: 1 }}
  breaker: {{ failure_threshold: 2, open_for: 1h }}
providers:
  - {{ name: primary, plugin: sim, settings: {{ kinds: [git], dataset: logs, down: true }} }}
  - {{ name: mirror, plugin: sim, settings: {{ kinds: [git], dataset: logs }} }}
routes:
  - name: git
    kinds: [git]
    targets: [{{ instance: primary }}, {{ instance: mirror, read_only: true }}]
"#,
        db = dir.join("mosaic.db").display()
    )
}

const MCP_CALL: &str = r#"{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"git_repos_get","arguments":{"repo":"acme/api"},"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{},"io.modelcontextprotocol/clientInfo":{"name":"test","version":"1"}}}}"#;

#[test]
fn one_plain_info_line_per_call_and_events_as_lines_of_their_own() {
    let dir = TempDir::new("mosaic-logs");
    let server = Served::start(&config_file(dir.path(), &config(dir.path())), Vec::new());
    const REST_CALLS: usize = 4;
    for number in 1..=REST_CALLS {
        // Distinct issues: every call reaches the providers, and the down primary fails each.
        server.get(&format!("/v1/git.issues.get?repo=acme/api&number={number}"));
    }
    let mcp_headers = [
        ("Accept", "application/json, text/event-stream"),
        ("MCP-Protocol-Version", "2026-07-28"),
        ("Mcp-Method", "tools/call"),
        ("Mcp-Name", "git_repos_get"),
    ];
    let (status, answer) = server
        .request("POST", "/mcp", &mcp_headers, MCP_CALL)
        .unwrap();
    assert_eq!(status, 200, "{answer}");
    assert!(answer.contains("acme/api"), "{answer}");
    server.terminate();
    let log = server.log();

    assert!(
        !log.contains('\u{1b}'),
        "ANSI escapes in a log that is not a terminal:\n{log}"
    );
    let lines: Vec<&str> = log.lines().collect();
    let calls: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, line)| line.contains(" INFO ") && line.contains("mosaic::call"))
        .map(|(index, _)| index)
        .collect();
    assert_eq!(
        calls.len(),
        REST_CALLS + 1,
        "one INFO line per call:\n{log}"
    );
    // Between the first call and the last, no other INFO line: rmcp's own are filtered.
    let (first, last) = (calls[0], calls[calls.len() - 1]);
    let others: Vec<&&str> = lines[first..=last]
        .iter()
        .filter(|line| line.contains(" INFO ") && !line.contains("mosaic::call"))
        .collect();
    assert!(
        others.is_empty(),
        "INFO lines other than the calls': {others:?}\n{log}"
    );
    let call = lines[calls[0]];
    for field in [
        "operation=git.issues.get",
        "outcome=ok",
        "instance=mirror",
        "cache=provider",
        "latency_ms=",
        "trace_id=",
    ] {
        assert!(call.contains(field), "{field} missing in {call}");
    }
    assert!(
        lines.iter().any(|line| line.contains("WARN")
            && line.contains("circuit opened")
            && line.contains("primary")),
        "the breaker opening is an event:\n{log}"
    );
    assert!(
        lines.iter().any(|line| line.contains("WARN")
            && line.contains("unhealthy")
            && line.contains("primary")),
        "the provider going down is an event:\n{log}"
    );
    assert!(!log.contains("ERROR"), "{log}");
}
