//! Access policy: may this principal call this operation on this resource? Ordered rules, the
//! first match decides, and no match denies (deny by default, DESIGN.md "Security").

use mosaic_core::RequestContext;
use mosaic_core::glob::matches;

/// Whether a matching rule lets the call through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Let it through.
    Allow,
    /// Refuse it.
    Deny,
}

/// One policy rule; empty lists match everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyRule {
    /// Shown in denials and audit.
    pub name: String,
    /// Allow or deny.
    pub effect: Effect,
    /// Tenant globs.
    pub tenants: Vec<String>,
    /// Principal globs.
    pub principals: Vec<String>,
    /// Operation id globs.
    pub operations: Vec<String>,
    /// Resource globs.
    pub resources: Vec<String>,
}

impl PolicyRule {
    fn applies(&self, ctx: &RequestContext, operation: &str, resource: &str) -> bool {
        let any = |patterns: &[String], text: &str| {
            patterns.is_empty() || patterns.iter().any(|p| matches(p, text))
        };
        any(&self.tenants, &ctx.tenant)
            && any(&self.principals, &ctx.principal)
            && any(&self.operations, operation)
            && any(&self.resources, resource)
    }
}

/// The decision for one call and the rule that made it (`None`: no rule matched).
pub fn decide<'a>(
    rules: &'a [PolicyRule],
    ctx: &RequestContext,
    operation: &str,
    resource: &str,
) -> (Effect, Option<&'a str>) {
    rules
        .iter()
        .find(|rule| rule.applies(ctx, operation, resource))
        .map_or((Effect::Deny, None), |rule| {
            (rule.effect, Some(rule.name.as_str()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(
        name: &str,
        effect: Effect,
        principals: &[&str],
        operations: &[&str],
        resources: &[&str],
    ) -> PolicyRule {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        PolicyRule {
            name: name.into(),
            effect,
            tenants: vec![],
            principals: owned(principals),
            operations: owned(operations),
            resources: owned(resources),
        }
    }

    #[test]
    fn first_match_wins_and_nothing_matched_is_denied() {
        let rules = [
            rule(
                "no-internal-writes",
                Effect::Deny,
                &["bot-*"],
                &["git.*.create"],
                &["acme/internal-*"],
            ),
            rule("bots-read-git", Effect::Allow, &["bot-*"], &["git.*"], &[]),
        ];
        let bot = RequestContext::local("bot-7");
        assert_eq!(
            decide(&rules, &bot, "git.issues.list", "acme/api"),
            (Effect::Allow, Some("bots-read-git"))
        );
        assert_eq!(
            decide(&rules, &bot, "git.issues.create", "acme/internal-tools"),
            (Effect::Deny, Some("no-internal-writes"))
        );
        assert_eq!(
            decide(&rules, &bot, "pm.issues.get", "project:PLAT"),
            (Effect::Deny, None)
        );
        assert_eq!(
            decide(&[], &bot, "git.issues.list", "acme/api"),
            (Effect::Deny, None)
        );
    }
}
