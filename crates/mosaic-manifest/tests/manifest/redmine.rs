//! `plugins/redmine.yaml` passes the shared tracker suite's reads against the Redmine fake:
//! the tracker seed every native tracker is checked on, in Redmine's own wire shapes.

use super::shipped;
use mosaic_core::ServiceKind;
use mosaic_fakes::redmine;
use mosaic_testkit::adapter::tracker::{self, Forbidden, TrackerParticulars};
use mosaic_testkit::adapter::{
    AfterTheWrite, BeforeTheWrite, Credential, Declaration, Fake, Revalidation, Subject, Suite,
    TrackerSuite, WriteOutcomes,
};
use serde_json::json;

/// The Redmine manifest, as the shared tracker suite runs it.
pub fn suite() -> TrackerSuite {
    let (text, origin) = shipped("redmine.yaml");
    let plugin = mosaic_manifest::load(&text, &origin).unwrap_or_else(|errors| panic!("{errors}"));
    Suite {
        subject: Subject {
            plugin,
            fake: Fake {
                style: redmine::style,
                routes: redmine::routes,
            },
            credential: Credential::TOKEN,
            settings: json!({}),
        },
        declaration: Declaration {
            id: "redmine-manifest@1.0.0",
            kinds: vec![ServiceKind::Pm],
        },
        fixture: tracker::fixture("done"),
        quota: None,
        // Redmine sends no `ETag` of its own; a proxy in front may.
        revalidation: Revalidation::ThroughAProxy,
        write_outcomes: WriteOutcomes {
            unreadable: Vec::new(),
            after_the_write: AfterTheWrite::Nothing,
            refused: Vec::new(),
            before_the_write: BeforeTheWrite::Nothing,
        },
        particulars: TrackerParticulars {
            forbidden: Forbidden::Status403,
        },
    }
}

mosaic_testkit::tracker_reads_suite!(suite);
