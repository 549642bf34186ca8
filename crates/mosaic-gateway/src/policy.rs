//! Access policy: may this principal call this operation on this resource? The configuration's
//! ordered rules, the first match decides, and no match denies (deny by default, DESIGN.md
//! "Security").

use mosaic_config::{Effect, PolicyConfig};
use mosaic_core::RequestContext;
use mosaic_core::glob::matches;

/// Whether `text` matches one of `patterns`; an empty list matches everything.
fn any(patterns: &[String], text: &str) -> bool {
    patterns.is_empty() || patterns.iter().any(|p| matches(p, text))
}

/// Whether `rule` applies to a call of `operation` by this caller, on any resource.
fn applies_to_caller(rule: &PolicyConfig, ctx: &RequestContext, operation: &str) -> bool {
    any(&rule.tenants, &ctx.tenant)
        && any(&rule.principals, &ctx.principal)
        && any(&rule.operations, operation)
}

/// Whether `rule` applies to a call.
fn applies(rule: &PolicyConfig, ctx: &RequestContext, operation: &str, resource: &str) -> bool {
    applies_to_caller(rule, ctx, operation) && any(&rule.resources, resource)
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

/// Whether the rules deny `operation` to this caller on every resource: no rule that could
/// allow it comes before one that denies it everywhere (or the end of the list, which denies).
/// Front ends do not offer such operations at all (MCP `tools/list`).
pub fn denied_outright(rules: &[PolicyConfig], ctx: &RequestContext, operation: &str) -> bool {
    for rule in rules
        .iter()
        .filter(|rule| applies_to_caller(rule, ctx, operation))
    {
        match rule.effect {
            // It allows the operation at least on the resources it names.
            Effect::Allow => return false,
            // A denial of every resource leaves nothing for later rules to allow.
            Effect::Deny if covers_every_resource(rule) => return true,
            Effect::Deny => {}
        }
    }
    true
}

/// Whether the rules allow `operation` on `resource` to every caller, whoever they are: the
/// first rule that can apply to it names no tenant or principal (or only `*`) and allows.
/// A rule naming callers that comes first decides for some callers and not others, so the
/// answer is no (the cautious side: a shared cache must never serve a caller it denies).
pub fn allows_every_caller(rules: &[PolicyConfig], operation: &str, resource: &str) -> bool {
    rules
        .iter()
        .find(|rule| any(&rule.operations, operation) && any(&rule.resources, resource))
        .is_some_and(|rule| {
            rule.effect == Effect::Allow && everyone(&rule.tenants) && everyone(&rule.principals)
        })
}

/// Whether no rule names callers (tenants or principals other than `*`): every caller is then
/// decided alike, on the operation and resource alone.
pub fn names_no_caller(rules: &[PolicyConfig]) -> bool {
    rules
        .iter()
        .all(|rule| everyone(&rule.tenants) && everyone(&rule.principals))
}

/// Whether a list of caller patterns matches every caller: empty, or one pattern of `*` alone.
fn everyone(patterns: &[String]) -> bool {
    patterns.is_empty()
        || patterns
            .iter()
            .any(|pattern| !pattern.is_empty() && pattern.bytes().all(|c| c == b'*'))
}

/// Whether a rule matches every resource: no list, or a pattern made of `*` alone.
fn covers_every_resource(rule: &PolicyConfig) -> bool {
    rule.resources.is_empty()
        || rule
            .resources
            .iter()
            .any(|pattern| !pattern.is_empty() && pattern.bytes().all(|c| c == b'*'))
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

    #[test]
    fn an_operation_is_denied_outright_only_when_no_rule_could_allow_it() {
        let rules = [
            rule(
                "no-bot-triggers",
                Effect::Deny,
                &["bot-*"],
                &["ci.runs.trigger"],
                &[],
            ),
            rule(
                "no-internal-writes",
                Effect::Deny,
                &["bot-*"],
                &["git.issues.create"],
                &["acme/internal-*"],
            ),
            rule(
                "bots-do-git-and-ci",
                Effect::Allow,
                &["bot-*"],
                &["git.*", "ci.*"],
                &[],
            ),
            rule("everything-else", Effect::Deny, &[], &[], &["*"]),
        ];
        let bot = RequestContext::local("bot-7");
        let outright = |operation| denied_outright(&rules, &bot, operation);
        assert!(outright("ci.runs.trigger"), "denied on every resource");
        assert!(
            !outright("git.issues.create"),
            "allowed outside acme/internal-*"
        );
        assert!(!outright("ci.runs.list"));
        assert!(
            outright("pm.issues.get"),
            "the catch-all denies every resource"
        );
        assert!(outright("mosaic.route.explain"));
        let human = RequestContext::local("alice");
        assert!(denied_outright(&rules, &human, "git.issues.list"));
        assert!(
            denied_outright(&[], &bot, "git.issues.list"),
            "no rule: denied"
        );
    }

    #[test]
    fn only_a_first_rule_for_everyone_allows_every_caller() {
        let rules = [
            rule(
                "no-bot-writes",
                Effect::Deny,
                &["*-bot"],
                &["git.issues.create"],
                &[],
            ),
            rule(
                "secret-for-staff",
                Effect::Allow,
                &["staff-*"],
                &["kb.*"],
                &["space:SECRET"],
            ),
            rule("everyone", Effect::Allow, &["*"], &[], &[]),
        ];
        assert!(allows_every_caller(&rules, "git.issues.list", "acme/api"));
        assert!(allows_every_caller(&rules, "kb.pages.search", "space:ENG"));
        // Some callers are denied, or only some allowed: a shared cache could serve the others.
        assert!(!allows_every_caller(
            &rules,
            "git.issues.create",
            "acme/api"
        ));
        assert!(!allows_every_caller(
            &rules,
            "kb.pages.search",
            "space:SECRET"
        ));
        let deny_all = [rule("closed", Effect::Deny, &[], &[], &[])];
        assert!(!allows_every_caller(
            &deny_all,
            "git.issues.list",
            "acme/api"
        ));
        assert!(!allows_every_caller(&[], "git.issues.list", "acme/api"));
        assert!(!names_no_caller(&rules));
        assert!(names_no_caller(&rules[2..]));
    }
}
