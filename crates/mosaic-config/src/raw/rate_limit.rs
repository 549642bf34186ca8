//! An instance's `rate_limit`: how many requests the gateway sends it per period, or `off`.
//!
//! Written as a mapping (`{ requests: 3, per: 1s, burst: 5 }`) or as the word `off`. Left out,
//! the plugin's documented default applies (when it declares one); `off` turns that default
//! off too. The word is `off` rather than `none` so that it cannot be mistaken for YAML's
//! null (`~`), which means "left out".

use crate::duration::DurationText;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, MapAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// The word that turns an instance's rate limit off.
pub const RATE_LIMIT_OFF: &str = "off";

/// An instance's client-side rate limit as written: a limit, or `off`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RateLimitEntry {
    /// No limit, not even the plugin's default.
    Off,
    /// This limit, in place of the plugin's default.
    Limit(RateLimitSection),
}

/// A client-side rate limit: a token bucket of `burst` requests, refilled at `requests` per
/// `per`. A call waits for a token within its deadline, or is refused as rate limited.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateLimitSection {
    /// Requests allowed per `per`: a whole number of at least 1.
    #[schemars(range(min = 1))]
    pub requests: u32,
    /// The period `requests` are counted over, like `1s` or `1m`.
    pub per: DurationText,
    /// Requests allowed at once after a quiet spell (at least 1). Default: `requests`.
    #[serde(default)]
    #[schemars(range(min = 1))]
    pub burst: Option<u32>,
}

impl<'de> Deserialize<'de> for RateLimitEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = RateLimitEntry;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("`off` or a limit like `{ requests: 3, per: 1s }`")
            }

            fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
                if text == RATE_LIMIT_OFF {
                    Ok(RateLimitEntry::Off)
                } else {
                    Err(E::invalid_value(de::Unexpected::Str(text), &self))
                }
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RateLimitSection::deserialize(MapAccessDeserializer::new(map))
                    .map(RateLimitEntry::Limit)
            }
        }
        deserializer.deserialize_any(EntryVisitor)
    }
}

impl Serialize for RateLimitEntry {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Off => serializer.serialize_str(RATE_LIMIT_OFF),
            Self::Limit(limit) => limit.serialize(serializer),
        }
    }
}

impl JsonSchema for RateLimitEntry {
    fn schema_name() -> Cow<'static, str> {
        "RateLimitEntry".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let limit = generator.subschema_for::<RateLimitSection>();
        json_schema!({
            "anyOf": [
                limit,
                {
                    "const": RATE_LIMIT_OFF,
                    "description": "No client-side limit, not even the plugin's default."
                }
            ]
        })
    }
}
