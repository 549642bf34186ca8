//! From raw sections to the validated [`GatewayConfig`]: value checks per section, then the
//! cross-checks (plugins exist and accept their settings, routes name real instances, policy
//! globs match the catalog). Every check adds to one error list instead of stopping.

mod access;
mod costs;
mod http_cache;
mod l2;
mod providers;
mod routes;
mod sections;
mod split;
mod upstreams;
mod warming;

pub use split::SYSTEM_LABEL;

use crate::error::ConfigError;
use crate::gaps;
use crate::model::GatewayConfig;
use crate::parse::RawSections;
use mosaic_plugin::Plugins;

/// Validates the `plugins` section alone.
pub(crate) fn plugins_section(
    raw: crate::raw::PluginsSection,
    errors: &mut Vec<ConfigError>,
) -> crate::model::PluginsConfig {
    sections::plugins(raw, errors)
}

/// Validates everything. The result is only meaningful when `errors` stayed empty.
pub(crate) fn all(
    raw: RawSections,
    registry: &Plugins,
    errors: &mut Vec<ConfigError>,
) -> GatewayConfig {
    let server = sections::server(raw.server, errors);
    let store = sections::store(raw.store, errors);
    let mut cache = sections::cache(raw.cache, errors);
    let executor = sections::executor(raw.executor, errors);
    let auth = access::auth(raw.api_keys, raw.anonymous, errors);
    let policies = access::policies(raw.policies, errors);
    let instances = providers::providers(raw.providers, raw.broken_providers, registry, errors);
    let instance_names = instances
        .infos
        .iter()
        .map(|info| info.name.clone())
        .collect();
    let upstreams = upstreams::upstreams(raw.upstreams, &instance_names, errors);
    let systems = split::Systems::of(&instances.specs);
    let unwarmed = raw
        .routes
        .iter()
        .filter(|route| !route.entry.warming)
        .map(|route| route.entry.name.clone())
        .collect();
    cache.warming.off_for_routes = unwarmed;
    let routes = routes::routes(raw.routes, instances.infos, &systems, errors);
    let costs = costs::settings(raw.costs, instances.costs, errors);
    let plugins = sections::plugins(raw.plugins, errors);
    let mut config = GatewayConfig {
        server,
        store,
        cache,
        executor,
        auth,
        policies,
        instances: instances.specs,
        routes,
        upstreams,
        costs,
        plugins,
        intentionally_empty: Vec::new(),
    };
    config.intentionally_empty = gaps::intended(raw.intentionally_empty, &config, errors);
    config
}
