//! What every provider's suite checks, fake or not: the provider conformance suite passes
//! on a fresh instance, serving exactly the operations of the kinds its plugin declares, and
//! the plugin's declaration holds (the checks of
//! [`check_plugin`](crate::conformance::check_plugin) and
//! [`check_instance`](crate::conformance::check_instance), and the id and kinds the provider
//! declares here).

use super::build;
use super::subject::Seed;
use super::suite::Suite;
use crate::conformance::{Fixture, Report, check_instance, check_plugin, check_provider};
use mosaic_core::{OpId, Provider, ServiceKind, Support};
use mosaic_plugin::Plugin;
use serde_json::Value;
use std::collections::BTreeSet;
use std::sync::Arc;

/// What a plugin declares of itself, as its suite expects it.
#[derive(Clone, Debug)]
pub struct Declaration {
    /// `name@version` (`github@1.0.0`).
    pub id: &'static str,
    /// The kinds it serves; it implements every operation of them.
    pub kinds: Vec<ServiceKind>,
}

/// The declaration of a provider without a fake (the simulator): its plugin, the settings
/// of the instance the suite checks, and the fixture of that instance's data.
pub struct ProviderSuite {
    /// The plugin under test.
    pub plugin: Arc<dyn Plugin>,
    /// The settings of the instance checked.
    pub settings: Value,
    /// What the plugin declares of itself.
    pub declaration: Declaration,
    /// The instance's resources, for the provider conformance suite.
    pub fixture: Fixture,
}

/// A conformance run: its report, and the requests that went elsewhere than below the
/// fake's configured path prefix.
pub struct Run {
    /// The suite's report.
    pub report: Report,
    /// `METHOD path` of every request outside the prefix.
    pub outside_the_prefix: Vec<String>,
}

/// What the checks of this module need of a suite, with a fake or without.
pub trait Declared {
    /// The plugin under test.
    fn plugin(&self) -> &dyn Plugin;

    /// What it declares.
    fn declaration(&self) -> &Declaration;

    /// An instance of the plugin, as the suite builds it.
    fn instance(&self) -> impl Future<Output = Arc<dyn Provider>>;

    /// Runs the provider conformance suite on a fresh instance.
    fn conformance(&self) -> impl Future<Output = Run>;
}

impl<D: Seed, P> Declared for Suite<D, P> {
    fn plugin(&self) -> &dyn Plugin {
        self.subject.plugin.as_ref()
    }

    fn declaration(&self) -> &Declaration {
        &self.declaration
    }

    async fn instance(&self) -> Arc<dyn Provider> {
        // Only what the instance says it supports is read: the fake may stop.
        let (_server, provider) = self.subject.seeded().await;
        provider
    }

    async fn conformance(&self) -> Run {
        let (server, provider) = self.subject.seeded().await;
        let report = check_provider(provider.as_ref(), &self.fixture).await;
        let prefix = server.state().style.prefix.clone();
        let outside_the_prefix = server
            .state()
            .requests()
            .into_iter()
            .filter(|seen| !seen.path.starts_with(&format!("{prefix}/")))
            .map(|seen| format!("{} {}", seen.method, seen.path))
            .collect();
        Run {
            report,
            outside_the_prefix,
        }
    }
}

impl Declared for ProviderSuite {
    fn plugin(&self) -> &dyn Plugin {
        self.plugin.as_ref()
    }

    fn declaration(&self) -> &Declaration {
        &self.declaration
    }

    async fn instance(&self) -> Arc<dyn Provider> {
        build(self.plugin.as_ref(), &self.settings).await
    }

    async fn conformance(&self) -> Run {
        let provider = self.instance().await;
        Run {
            report: check_provider(provider.as_ref(), &self.fixture).await,
            outside_the_prefix: Vec::new(),
        }
    }
}

/// The operations of `kinds`, in catalog order.
fn operations_of(kinds: &[ServiceKind]) -> BTreeSet<OpId> {
    OpId::ALL
        .iter()
        .copied()
        .filter(|op| kinds.contains(&op.spec().kind))
        .collect()
}

/// The read operations of `kinds`, in catalog order.
fn reads_of(kinds: &[ServiceKind]) -> BTreeSet<OpId> {
    operations_of(kinds)
        .into_iter()
        .filter(|op| op.spec().is_read())
        .collect()
}

/// The provider conformance suite passes on a fresh instance, which serves every operation
/// of the declared kinds and no other, every request below the configured path prefix.
pub async fn passes_the_provider_conformance_suite(suite: &impl Declared) {
    conformance_serving(suite, operations_of(&suite.declaration().kinds)).await;
}

/// The provider conformance suite passes on a fresh instance of a plugin that only reads
/// (a declarative manifest of a forge's reads): it serves every read of the declared kinds
/// and no other operation, and answers every write "unsupported", naming it.
pub async fn passes_the_provider_conformance_suite_reading(suite: &impl Declared) {
    conformance_serving(suite, reads_of(&suite.declaration().kinds)).await;
}

async fn conformance_serving(suite: &impl Declared, expected: BTreeSet<OpId>) {
    let run = suite.conformance().await;
    run.report.assert_ok();
    let supported: BTreeSet<OpId> = run.report.supported.iter().copied().collect();
    assert_eq!(
        supported, expected,
        "every operation expected of it and no other: {}",
        run.report
    );
    assert_eq!(
        run.report.supported.len() + run.report.unsupported.len(),
        OpId::ALL.len(),
        "every operation exercised once: {}",
        run.report
    );
    assert!(
        run.outside_the_prefix.is_empty(),
        "every request went below the configured prefix: {:?}",
        run.outside_the_prefix
    );
}

/// The plugin's declaration holds: the shared checks of a declaration and of an instance
/// built from it, and the id and kinds the provider declares, every operation of them
/// implemented.
pub async fn the_plugin_declaration_holds(suite: &impl Declared) {
    declaration_implementing(suite, operations_of(&suite.declaration().kinds)).await;
}

/// The declaration of a plugin that only reads holds: the same checks, with every read of
/// its kinds implemented and nothing else.
pub async fn the_plugin_declaration_of_reads_holds(suite: &impl Declared) {
    declaration_implementing(suite, reads_of(&suite.declaration().kinds)).await;
}

async fn declaration_implementing(suite: &impl Declared, expected: BTreeSet<OpId>) {
    let plugin = suite.plugin();
    check_plugin(plugin).assert_ok();
    let instance = suite.instance().await;
    check_instance(plugin, instance.as_ref()).assert_ok();
    let declaration = suite.declaration();
    let descriptor = plugin.descriptor();
    assert_eq!(descriptor.id(), declaration.id);
    assert_eq!(descriptor.kinds, declaration.kinds);
    let implemented: BTreeSet<OpId> = descriptor
        .operations()
        .filter(|(_, support)| matches!(support, Support::Supported))
        .map(|(op, _)| op)
        .collect();
    assert_eq!(implemented, expected);
}
