//! Access policy: may this principal call this operation on this resource? The configuration's
//! ordered rules, the first match decides, and no match denies (deny by default, DESIGN.md
//! "Security").

use mosaic_config::{Effect, PolicyConfig};
use mosaic_core::RequestContext;
use mosaic_core::glob::matches;

/// Whether `rule` applies to a call; empty lists match everything.
fn applies(rule: &PolicyConfig, ctx: &RequestContext, operation: &str, resource: &str) -> bool {
    let any = |patterns: &[String], text: &str| {
        patterns.is_empty() || patterns.iter().any(|p| matches(p, text))
    };
    any(&rule.tenants, &ctx.tenant)
        && any(&rule.principals, &ctx.principal)
        && any(&rule.operations, operation)
        && any(&rule.resources, resource)
}

/// The decision for one call and the rule that made it (`None`: no rule matched).
pub fn decide<'a>(
    rules: &'a [PolicyConfig],
    ctx: &RequestContext,
    operation: &str,
    resource: &str,
) -> (Effect, Option<&'a str>) {
    rules
        .iter()
        .find(|rule| applies(rule, ctx, operation, resource))
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
    ) -> PolicyConfig {
        let owned = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        PolicyConfig {
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
