//! Plans for requests that pin an instance by name (a caller debugging one provider, or
//! reading from a specific mirror). The pin replaces the rule's ordering but not its safety:
//! the instance must support the operation, meet the matched rule's hard constraints and,
//! for a write, not be one of the rule's read-only copies.

use crate::compile::{CompiledRule, first_unmet};
use crate::no_route::{NoRoute, PinError};
use crate::plan::{Entry, Plan, Reason};
use crate::request::RouteRequest;
use crate::router::Router;

impl Router {
    /// The plan for a pinned request: just the pinned instance, or why it cannot serve.
    pub(crate) fn plan_pinned(
        &self,
        request: &RouteRequest<'_>,
        pinned: &str,
        matched: Option<(usize, &CompiledRule)>,
    ) -> Result<Plan, NoRoute> {
        let bad_pin = |reason| NoRoute::BadPin {
            op: request.op,
            resource: request.resource.to_owned(),
            instance: pinned.to_owned(),
            reason: Box::new(reason),
        };
        let Some(&instance) = self.instances.by_name.get(pinned) else {
            return Err(bad_pin(PinError::UnknownInstance));
        };
        let index = usize::from(instance);
        if !self.supports(index, request.op) {
            return Err(bad_pin(PinError::Unsupported));
        }
        if let Some((_, rule)) = matched {
            let labels = &self.instances.infos[index].labels;
            if let Some((key, wanted)) = first_unmet(&rule.require, labels) {
                return Err(bad_pin(PinError::FailsConstraint {
                    rule: rule.name.clone(),
                    key: key.clone(),
                    wanted: wanted.clone(),
                    actual: labels.get(key).cloned(),
                }));
            }
            let read_only = rule
                .targets
                .iter()
                .any(|target| target.instance == instance && target.read_only);
            if !request.is_read() && read_only {
                return Err(bad_pin(PinError::ReadOnly {
                    rule: rule.name.clone(),
                }));
            }
        }
        Ok(Plan {
            rule: matched.map(|(index, rule)| (index, rule.name.clone())),
            entries: vec![Entry {
                instance,
                reason: Reason::Pinned,
                rank: 0,
            }],
            candidates: 1,
            splits: Vec::new(),
        })
    }
}

#[cfg(test)]
#[path = "pin_tests.rs"]
mod tests;
