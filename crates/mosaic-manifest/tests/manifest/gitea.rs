//! `plugins/gitea.yaml` passes the shared forge suite's reads against the Gitea fake the
//! native `gitea` plugin passes it on — the same seed, the same checks, the same answers.

use super::shipped;
use mosaic_core::ServiceKind;
use mosaic_fakes::gitea;
use mosaic_testkit::adapter::forge::{self, ForgeParticulars};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Fake, ForgeSuite, Revalidation,
    Subject, Suite, WriteOutcomes,
};
use serde_json::json;

/// The Gitea manifest, as the shared forge suite's reads run it: declared like the native
/// plugin, with no writes to check.
pub fn suite() -> ForgeSuite {
    let (text, origin) = shipped("gitea.yaml");
    let plugin = mosaic_manifest::load(&text, &origin).unwrap_or_else(|errors| panic!("{errors}"));
    Suite {
        subject: Subject {
            plugin,
            fake: Fake {
                style: gitea::style,
                routes: gitea::routes,
            },
            credential: Credential::TOKEN,
            settings: json!({}),
        },
        declaration: Declaration {
            id: "gitea-manifest@1.0.0",
            kinds: vec![ServiceKind::Git],
        },
        fixture: forge::fixture(),
        quota: None,
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: WriteOutcomes {
            unreadable: Vec::new(),
            after_the_write: AfterTheWrite::Nothing,
            refused: Vec::new(),
            before_the_write: BeforeTheWrite::Nothing,
        },
        particulars: ForgeParticulars {
            page_size_parameter: "limit",
            unknown_source_branch: "not_found",
        },
    }
}

mosaic_testkit::forge_reads_suite!(suite);
