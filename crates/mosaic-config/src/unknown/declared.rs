//! The fields each raw type declares, in declaration order, as its derived `Deserialize`
//! hands them to serde. The schema lists a type's properties sorted by name; messages about
//! unknown keys list them the way serde's own messages do, so both read alike.

use crate::raw::{
    AnonymousEntry, ApiKeyEntry, AuditSection, AuthSection, BreakerSection, BudgetEntry,
    CacheClassesSection, CacheSection, ClassOverride, CostEntry, CostsSection, ExecutorSection,
    HttpCacheSection, L2Section, PluginsSection, PolicyEntry, ProviderEntry, RateLimitSection,
    RetrySection, RollbackEntry, RouteEntry, ServerSection, SessionsSection, SplitMemberEntry,
    StoreSection, TargetEntry,
};
use crate::raw::{
    HttpEntry, McpSection, StdioEntry, UpstreamCacheEntry, UpstreamEntry, WarmingSection,
};
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// The declared fields of the raw type the schema calls `definition`; `None` for a type not
/// listed here (its keys are then listed by name).
pub(super) fn declared(definition: &str) -> Option<&'static [&'static str]> {
    Some(match definition {
        "ServerSection" => fields::<ServerSection>(),
        "SessionsSection" => fields::<SessionsSection>(),
        "StoreSection" => fields::<StoreSection>(),
        "AuditSection" => fields::<AuditSection>(),
        "CacheSection" => fields::<CacheSection>(),
        "CacheClassesSection" => fields::<CacheClassesSection>(),
        "ClassOverride" => fields::<ClassOverride>(),
        "L2Section" => fields::<L2Section>(),
        "HttpCacheSection" => fields::<HttpCacheSection>(),
        "WarmingSection" => fields::<WarmingSection>(),
        "ExecutorSection" => fields::<ExecutorSection>(),
        "RetrySection" => fields::<RetrySection>(),
        "BreakerSection" => fields::<BreakerSection>(),
        "AuthSection" => fields::<AuthSection>(),
        "ApiKeyEntry" => fields::<ApiKeyEntry>(),
        "AnonymousEntry" => fields::<AnonymousEntry>(),
        "PolicyEntry" => fields::<PolicyEntry>(),
        "ProviderEntry" => fields::<ProviderEntry>(),
        "RateLimitSection" => fields::<RateLimitSection>(),
        "RouteEntry" => fields::<RouteEntry>(),
        "TargetEntry" => fields::<TargetEntry>(),
        "SplitMemberEntry" => fields::<SplitMemberEntry>(),
        "RollbackEntry" => fields::<RollbackEntry>(),
        "CostEntry" => fields::<CostEntry>(),
        "CostsSection" => fields::<CostsSection>(),
        "PluginsSection" => fields::<PluginsSection>(),
        "BudgetEntry" => fields::<BudgetEntry>(),
        "McpSection" => fields::<McpSection>(),
        "UpstreamEntry" => fields::<UpstreamEntry>(),
        "StdioEntry" => fields::<StdioEntry>(),
        "HttpEntry" => fields::<HttpEntry>(),
        "UpstreamCacheEntry" => fields::<UpstreamCacheEntry>(),
        _ => return None,
    })
}

/// The field names a derived `Deserialize` passes to `deserialize_struct`.
fn fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    // The probe always answers with an error, after noting the names it was given.
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// A deserializer that only listens for the field names of a struct.
struct Probe<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for Probe<'_> {
    type Error = de::value::Error;

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("only the field names were asked for"))
    }

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}
