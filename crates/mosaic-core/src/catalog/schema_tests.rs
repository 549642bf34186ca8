use super::*;
use crate::catalog::OpId;
use serde_json::json;

#[derive(JsonSchema)]
#[expect(dead_code, reason = "only its schema is used")]
struct Numbers {
    small: u8,
    count: u32,
    big: u64,
    delta: i32,
    offset: i64,
    ratio: f64,
    #[schemars(range(min = 1, max = 100))]
    page: Option<u32>,
    #[schemars(range(min = 1))]
    number: u64,
    size: usize,
}

#[test]
fn integer_and_float_formats_become_standard_keywords_without_widening_a_range() {
    let schema = generate::<Numbers>().to_value();
    let property = |name: &str| schema["properties"][name].clone();
    assert_eq!(
        property("small"),
        json!({"type": "integer", "minimum": 0, "maximum": 255})
    );
    assert_eq!(
        property("count"),
        json!({"type": "integer", "minimum": 0, "maximum": u32::MAX})
    );
    assert_eq!(
        property("big"),
        json!({"type": "integer", "minimum": 0, "maximum": u64::MAX})
    );
    assert_eq!(
        property("delta"),
        json!({"type": "integer", "minimum": i32::MIN, "maximum": i32::MAX})
    );
    assert_eq!(
        property("offset"),
        json!({"type": "integer", "minimum": i64::MIN, "maximum": i64::MAX})
    );
    assert_eq!(property("ratio"), json!({"type": "number"}));
    assert_eq!(
        property("page"),
        json!({"type": ["integer", "null"], "minimum": 1, "maximum": 100})
    );
    assert_eq!(
        property("number"),
        json!({"type": "integer", "minimum": 1, "maximum": u64::MAX})
    );
    assert_eq!(
        property("size"),
        json!({"type": "integer", "minimum": 0, "maximum": u64::MAX})
    );
}

#[test]
fn the_catalog_publishes_only_formats_json_schema_defines() {
    for op in OpId::ALL {
        for schema in [op.input_schema(), op.output_schema()] {
            assert_eq!(
                nonstandard_formats(schema.as_value()),
                Vec::<String>::new(),
                "{}",
                op.name()
            );
        }
    }
    // The check has teeth: schemars' own generator writes `uint64`.
    let found = nonstandard_formats(schemars::schema_for!(Numbers).as_value());
    assert!(found.iter().any(|format| format == "uint64"));
}

#[test]
fn the_pin_is_a_non_empty_name() {
    let pin = provider_pin();
    assert_eq!(
        (pin["type"].clone(), pin["minLength"].clone()),
        (json!(["string", "null"]), json!(1))
    );
}
