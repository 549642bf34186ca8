//! A manifest plugin in a gateway: configured like any instance (`plugin: name@version`, a
//! `${VAR}` credential), called through the gateway's pipeline (policy, routing, cache,
//! executor) beside the native plugin on the same fake, with the same answers; an operation it
//! does not map is refused by the router, as for any instance that does not support it.

use super::shipped;
use mosaic_core::{OpId, RequestContext};
use mosaic_fakes::forge::Forge;
use mosaic_gateway::{CallRequest, Gateway};
use mosaic_plugin::Plugins;
use serde_json::{Value, json};

const TOKEN: &str = "t0ken";

fn config(base_url: &str) -> mosaic_config::GatewayConfig {
    let (text, origin) = shipped("gitea.yaml");
    let manifest =
        mosaic_manifest::load(&text, &origin).unwrap_or_else(|errors| panic!("{errors}"));
    let registry: Plugins = mosaic_providers::builtin()
        .iter()
        .cloned()
        .chain([manifest])
        .collect();
    let yaml = format!(
        r#"
store: {{ url: "sqlite::memory:" }}
auth: {{ anonymous: {{ tenant: default, principal: tester }} }}
policies: [{{ name: all, effect: allow }}]
providers:
  - {{ name: declared, plugin: gitea-manifest@1.0.0, settings: {{ base_url: "{base_url}", token: "${{GITEA_TOKEN}}" }} }}
  - {{ name: native, plugin: gitea, settings: {{ base_url: "{base_url}", token: "${{GITEA_TOKEN}}" }} }}
routes:
  - {{ name: git, kinds: [git], targets: [{{ instance: declared }}, {{ instance: native }}] }}
"#
    );
    let env = |name: &str| (name == "GITEA_TOKEN").then(|| TOKEN.to_owned());
    mosaic_config::load(&yaml, &env, &registry).unwrap_or_else(|errors| panic!("{errors}"))
}

async fn call(
    gateway: &Gateway,
    op: OpId,
    arguments: Value,
    pin: &str,
) -> Result<(Value, String), String> {
    let request = CallRequest {
        op,
        arguments,
        provider: Some(pin.to_owned()),
    };
    gateway
        .call(&RequestContext::local("tester"), request)
        .await
        .map(|answer| (answer.output.to_json(), answer.served.instance.clone()))
        .map_err(|error| error.to_string())
}

#[tokio::test]
async fn a_manifest_instance_answers_through_the_gateway_as_the_native_one_does() {
    let server = mosaic_fakes::gitea::start(Forge::seeded(), TOKEN).await;
    let gateway = Gateway::start(config(&server.base_url())).await.unwrap();
    let reads = [
        (
            OpId::GitIssuesGet,
            json!({"repo": "acme/internal-api", "number": 1}),
        ),
        (
            OpId::GitPullsList,
            json!({"repo": "acme/internal-api", "state": "all"}),
        ),
        (
            OpId::GitFilesGet,
            json!({"repo": "acme/internal-api", "path": "README.md"}),
        ),
        (OpId::GitBranchesList, json!({"repo": "acme/internal-api"})),
    ];
    for (op, arguments) in reads {
        let (declared, by) = call(&gateway, op, arguments.clone(), "declared")
            .await
            .unwrap();
        let (native, _) = call(&gateway, op, arguments, "native").await.unwrap();
        assert_eq!(by, "declared");
        assert_eq!(declared, native, "{}", op.name());
    }
}

#[tokio::test]
async fn an_operation_the_manifest_does_not_map_is_refused_by_the_router_and_nothing_is_sent() {
    let server = mosaic_fakes::gitea::start(Forge::seeded(), TOKEN).await;
    let gateway = Gateway::start(config(&server.base_url())).await.unwrap();
    let write = json!({"repo": "acme/internal-api", "title": "t"});
    let refused = call(&gateway, OpId::GitIssuesCreate, write, "declared")
        .await
        .unwrap_err();
    assert!(
        refused.contains("`declared`") && refused.contains("does not support the operation"),
        "{refused}"
    );
    let writes: Vec<String> = server
        .state()
        .requests()
        .into_iter()
        .filter(|seen| seen.method != "GET")
        .map(|seen| format!("{} {}", seen.method, seen.path))
        .collect();
    assert!(writes.is_empty(), "nothing was written: {writes:?}");
}
