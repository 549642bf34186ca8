use super::*;

fn widened(mut schema: Value) -> Value {
    widen(&mut schema);
    schema
}

fn reference() -> Value {
    json!({ "$ref": format!("#/$defs/{REFERENCE}") })
}

#[test]
fn a_constrained_string_also_takes_a_reference_and_keeps_its_description() {
    assert_eq!(
        widened(json!({
            "description": "Hex SHA-256.",
            "type": "string",
            "pattern": "^[0-9a-f]{64}$"
        })),
        json!({
            "description": "Hex SHA-256.",
            "anyOf": [{ "type": "string", "pattern": "^[0-9a-f]{64}$" }, reference()]
        })
    );
}

#[test]
fn a_choice_of_strings_is_widened_as_a_whole() {
    // Widening each option of a `oneOf` would let a reference match all of them, which
    // `oneOf` refuses.
    let choice = json!({
        "oneOf": [
            { "type": "string", "const": "allow", "description": "Let it through." },
            { "type": "string", "const": "deny", "description": "Refuse it." }
        ]
    });
    assert_eq!(
        widened(choice.clone()),
        json!({ "anyOf": [choice, reference()] })
    );
}

#[test]
fn numbers_plain_strings_and_conditions_stay_as_written() {
    let schema = json!({
        "properties": {
            "count": { "type": "integer", "format": "uint32", "minimum": 0 },
            "text": { "type": "string" },
            "labels": { "type": "object", "additionalProperties": { "type": "string" } }
        },
        "allOf": [{
            "if": { "properties": { "plugin": { "enum": ["sim"] } } },
            "then": { "properties": { "mode": { "enum": ["fast", "slow"] } } }
        }]
    });
    let out = widened(schema.clone());
    assert_eq!(out["properties"], schema["properties"]);
    assert_eq!(out["allOf"][0]["if"], schema["allOf"][0]["if"]);
    assert_eq!(
        out["allOf"][0]["then"]["properties"]["mode"],
        json!({ "anyOf": [{ "enum": ["fast", "slow"] }, reference()] })
    );
}
