use super::*;
use crate::kinds::PmProjects;
use mosaic_core::input::pm::ProjectsList;
use mosaic_core::model::{Page, Project};
use serde_json::json;

/// Serves projects, and refuses one operation of its own accord.
struct Projects;

#[async_trait::async_trait]
impl PmProjects for Projects {
    async fn projects_list(&self, _: &ProjectsList) -> Result<Page<Project>, ProviderError> {
        Ok(Page {
            items: Vec::new(),
            next_cursor: None,
        })
    }
}

impl Instance for Projects {
    fn pm_projects(&self) -> Option<&dyn PmProjects> {
        Some(self)
    }
}

struct Nothing;

impl Instance for Nothing {
    fn supports(&self, _op: OpId) -> Support {
        Support::unsupported("switched off")
    }
}

fn operation(op: OpId, arguments: serde_json::Value) -> Operation {
    Operation::parse(op, arguments).unwrap()
}

#[tokio::test]
async fn a_served_resource_is_called_and_every_other_one_is_unsupported_in_one_voice() {
    let provider = serve(Projects);
    assert!(provider.supports(OpId::PmProjectsList).is_supported());
    let listed = provider
        .call(&operation(OpId::PmProjectsList, json!({})))
        .await
        .unwrap();
    assert!(matches!(listed, Output::PmProjectsList(_)));

    assert_eq!(
        provider.supports(OpId::PmIssuesGet),
        Support::unsupported("this instance does not serve work items")
    );
    let refused = provider
        .call(&operation(OpId::PmIssuesGet, json!({"key": "PROJ-1"})))
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, ProviderError::Unsupported { operation, reason }
            if operation == "pm.issues.get" && reason.contains("work items")),
        "{refused:?}"
    );
    assert_eq!(provider.health().await, Health::Healthy);
    assert_eq!(provider.quota(), None);
}

#[tokio::test]
async fn what_an_instance_switches_off_is_not_asked_of_its_resources() {
    let provider = serve(Nothing);
    let refused = provider
        .call(&operation(OpId::GitReposGet, json!({"repo": "acme/api"})))
        .await
        .unwrap_err();
    assert!(matches!(refused, ProviderError::Unsupported { .. }));
    assert_eq!(Resource::of(OpId::GitFilesGet).describe(), "repositories");
}
