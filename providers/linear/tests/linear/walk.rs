//! Walking GraphQL documents, variables and answers against Linear's schema, without a GraphQL
//! engine: enough of the specification's validation for the documents the adapter sends.
//!
//! - [`Schema::check_document`]: every field exists on its type, arguments exist and their
//!   literals and variables have the argument's type (which `graphql_client`'s derive does not
//!   check), required arguments are given, scalars have no selection and objects one,
//!   fragments apply to their type, variables are declared with input types.
//! - [`Schema::check_input`]: a JSON variable value has its declared input type.
//! - [`Schema::check_answer`]: an answer's `data` has exactly the fields the operation selects
//!   (aliases as keys, fragments expanded), each with the schema's type and nullability.

use graphql_parser::query::{self, Definition, OperationDefinition, Selection, SelectionSet};
use graphql_parser::schema::{self, TypeDefinition};
use serde_json::Value as Json;
use std::collections::BTreeMap;

/// A parsed document (`parse_query(..).into_static()`).
pub type Document = query::Document<'static, String>;
type Sel = SelectionSet<'static, String>;

/// A type reference.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Named(String),
    List(Box<Ty>),
    NonNull(Box<Ty>),
}

impl Ty {
    fn from_parsed<'a>(ty: &query::Type<'a, String>) -> Self {
        match ty {
            query::Type::NamedType(name) => Self::Named(name.clone()),
            query::Type::ListType(inner) => Self::List(Box::new(Self::from_parsed(inner))),
            query::Type::NonNullType(inner) => Self::NonNull(Box::new(Self::from_parsed(inner))),
        }
    }

    fn base(&self) -> &str {
        match self {
            Self::Named(name) => name,
            Self::List(inner) | Self::NonNull(inner) => inner.base(),
        }
    }

    /// Whether a variable of this type may be used where `wanted` is expected: the same type,
    /// or a non-null one where a nullable is expected.
    fn fits(&self, wanted: &Ty) -> bool {
        match (self, wanted) {
            (Self::NonNull(mine), Self::NonNull(theirs)) => mine.fits(theirs),
            (Self::NonNull(mine), theirs) => mine.fits(theirs),
            (Self::List(mine), Self::List(theirs)) => mine.fits(theirs),
            (Self::Named(mine), Self::Named(theirs)) => mine == theirs,
            _ => false,
        }
    }
}

/// A field of an object or interface.
#[derive(Clone, Debug)]
pub struct FieldDef {
    pub args: BTreeMap<String, (Ty, bool)>,
    pub ty: Ty,
}

/// What a named type is.
#[derive(Clone, Debug)]
pub enum Kind {
    Scalar,
    Object(BTreeMap<String, FieldDef>),
    Union,
    Enum(Vec<String>),
    /// Input fields with their types and whether they have a default.
    Input(BTreeMap<String, (Ty, bool)>),
}

/// Linear's schema, by type name.
pub struct Schema {
    types: BTreeMap<String, Kind>,
}

fn input_values<'a>(values: &[schema::InputValue<'a, String>]) -> BTreeMap<String, (Ty, bool)> {
    values
        .iter()
        .map(|value| {
            let ty = Ty::from_parsed(&value.value_type);
            (value.name.clone(), (ty, value.default_value.is_some()))
        })
        .collect()
}

fn fields<'a>(fields: &[schema::Field<'a, String>]) -> BTreeMap<String, FieldDef> {
    fields
        .iter()
        .map(|field| {
            let def = FieldDef {
                args: input_values(&field.arguments),
                ty: Ty::from_parsed(&field.field_type),
            };
            (field.name.clone(), def)
        })
        .collect()
}

impl Schema {
    /// Parses an SDL document.
    pub fn parse(text: &str) -> Self {
        let document = schema::parse_schema::<String>(text).expect("the schema parses");
        let mut types = BTreeMap::new();
        for scalar in ["String", "ID", "Int", "Float", "Boolean"] {
            types.insert(scalar.to_owned(), Kind::Scalar);
        }
        for definition in &document.definitions {
            let schema::Definition::TypeDefinition(definition) = definition else {
                continue;
            };
            let (name, kind) = match definition {
                TypeDefinition::Scalar(t) => (&t.name, Kind::Scalar),
                TypeDefinition::Object(t) => (&t.name, Kind::Object(fields(&t.fields))),
                TypeDefinition::Interface(t) => (&t.name, Kind::Object(fields(&t.fields))),
                TypeDefinition::Union(t) => (&t.name, Kind::Union),
                TypeDefinition::Enum(t) => (
                    &t.name,
                    Kind::Enum(t.values.iter().map(|value| value.name.clone()).collect()),
                ),
                TypeDefinition::InputObject(t) => (&t.name, Kind::Input(input_values(&t.fields))),
            };
            types.insert(name.clone(), kind);
        }
        Self { types }
    }

    /// The definition of a named type.
    pub fn kind(&self, name: &str) -> Option<&Kind> {
        self.types.get(name)
    }

    fn object(&self, name: &str) -> Option<&BTreeMap<String, FieldDef>> {
        match self.types.get(name) {
            Some(Kind::Object(fields)) => Some(fields),
            _ => None,
        }
    }

    /// The operations of a document: name, root type, variables and selection.
    pub fn operations<'d>(document: &'d Document) -> Vec<Operation<'d>> {
        let mut operations = Vec::new();
        for definition in &document.definitions {
            let Definition::Operation(operation) = definition else {
                continue;
            };
            let (name, root, variables, selection) = match operation {
                OperationDefinition::Query(q) => {
                    (&q.name, "Query", &q.variable_definitions, &q.selection_set)
                }
                OperationDefinition::Mutation(m) => (
                    &m.name,
                    "Mutation",
                    &m.variable_definitions,
                    &m.selection_set,
                ),
                OperationDefinition::Subscription(_) | OperationDefinition::SelectionSet(_) => {
                    panic!("the adapter sends only named queries and mutations")
                }
            };
            operations.push(Operation {
                name: name.clone().unwrap_or_default(),
                root,
                variables: variables
                    .iter()
                    .map(|variable| (variable.name.clone(), Ty::from_parsed(&variable.var_type)))
                    .collect(),
                selection,
            });
        }
        operations
    }

    /// Every problem of a document's operations and fragments.
    pub fn check_document(&self, document: &Document) -> Vec<String> {
        let fragments = fragments(document);
        let mut problems = Vec::new();
        for operation in Self::operations(document) {
            for (name, ty) in &operation.variables {
                match self.kind(ty.base()) {
                    Some(Kind::Scalar | Kind::Enum(_) | Kind::Input(_)) => {}
                    _ => problems.push(format!(
                        "{}: variable ${name} has type {} that is not an input type",
                        operation.name,
                        ty.base()
                    )),
                }
            }
            let mut walk = Walk {
                schema: self,
                fragments: &fragments,
                variables: &operation.variables,
                problems: &mut problems,
            };
            walk.selection(operation.root, operation.selection, &operation.name);
        }
        problems
    }

    /// Every problem of a JSON value given for an input type.
    pub fn check_input(&self, value: &Json, ty: &Ty, path: &str) -> Vec<String> {
        let mut problems = Vec::new();
        self.input(value, ty, path, &mut problems);
        problems
    }

    fn input(&self, value: &Json, ty: &Ty, path: &str, problems: &mut Vec<String>) {
        match (ty, value) {
            (Ty::NonNull(_), Json::Null) => problems.push(format!("{path}: null for {ty:?}")),
            (Ty::NonNull(inner), value) => self.input(value, inner, path, problems),
            (_, Json::Null) => {}
            (Ty::List(inner), Json::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    self.input(item, inner, &format!("{path}[{index}]"), problems);
                }
            }
            // A single value where a list is expected is coerced to a list of one.
            (Ty::List(inner), value) => self.input(value, inner, path, problems),
            (Ty::Named(name), value) => match (self.kind(name), value) {
                (Some(Kind::Input(fields)), Json::Object(given)) => {
                    for (field, value) in given {
                        match fields.get(field) {
                            Some((ty, _)) => {
                                self.input(value, ty, &format!("{path}.{field}"), problems)
                            }
                            None => problems.push(format!("{path}: {name} has no field {field}")),
                        }
                    }
                    for (field, (ty, has_default)) in fields {
                        if matches!(ty, Ty::NonNull(_))
                            && !has_default
                            && !given.contains_key(field)
                        {
                            problems.push(format!("{path}: required {name}.{field} is missing"));
                        }
                    }
                }
                (Some(Kind::Enum(values)), Json::String(text)) if values.contains(text) => {}
                (Some(Kind::Scalar), value) if scalar_fits(name, value) => {}
                _ => problems.push(format!("{path}: {value} is not a {name}")),
            },
        }
    }

    /// Every problem of an answer's `data` for an operation.
    pub fn check_answer(
        &self,
        document: &Document,
        operation: &Operation<'_>,
        data: &Json,
    ) -> Vec<String> {
        let fragments = fragments(document);
        let mut problems = Vec::new();
        self.object_answer(
            &fragments,
            operation.root,
            operation.selection,
            data,
            "data",
            &mut problems,
        );
        problems
    }

    fn object_answer(
        &self,
        fragments: &Fragments<'_>,
        type_name: &str,
        selection: &Sel,
        data: &Json,
        path: &str,
        problems: &mut Vec<String>,
    ) {
        let Json::Object(given) = data else {
            problems.push(format!("{path}: {data} is not an object ({type_name})"));
            return;
        };
        let Some(fields) = self.object(type_name) else {
            problems.push(format!("{path}: {type_name} is not an object type"));
            return;
        };
        let mut selected: BTreeMap<String, (&FieldDef, &Sel)> = BTreeMap::new();
        expand(fragments, type_name, fields, selection, &mut selected);
        for (key, (field, sub)) in &selected {
            let path = format!("{path}.{key}");
            match given.get(key) {
                Some(value) => self.value_answer(fragments, &field.ty, sub, value, &path, problems),
                None => problems.push(format!("{path}: selected but missing")),
            }
        }
        for key in given.keys() {
            if !selected.contains_key(key) {
                problems.push(format!("{path}.{key}: answered but not selected"));
            }
        }
    }

    fn value_answer(
        &self,
        fragments: &Fragments<'_>,
        ty: &Ty,
        selection: &Sel,
        value: &Json,
        path: &str,
        problems: &mut Vec<String>,
    ) {
        match (ty, value) {
            (Ty::NonNull(_), Json::Null) => problems.push(format!("{path}: null, but non-null")),
            (Ty::NonNull(inner), value) => {
                self.value_answer(fragments, inner, selection, value, path, problems)
            }
            (_, Json::Null) => {}
            (Ty::List(inner), Json::Array(items)) => {
                for (index, item) in items.iter().enumerate() {
                    let path = format!("{path}[{index}]");
                    self.value_answer(fragments, inner, selection, item, &path, problems);
                }
            }
            (Ty::List(_), value) => problems.push(format!("{path}: {value} is not a list")),
            (Ty::Named(name), value) => match self.kind(name) {
                Some(Kind::Object(_)) => {
                    self.object_answer(fragments, name, selection, value, path, problems)
                }
                Some(Kind::Scalar) if scalar_fits(name, value) => {}
                Some(Kind::Enum(values))
                    if value
                        .as_str()
                        .is_some_and(|text| values.iter().any(|v| v == text)) => {}
                _ => problems.push(format!("{path}: {value} is not a {name}")),
            },
        }
    }
}

/// Whether a JSON value can be a scalar of this name. Linear's own scalars are ISO 8601
/// strings, except its JSON ones.
fn scalar_fits(name: &str, value: &Json) -> bool {
    match name {
        "Int" => value.as_i64().is_some(),
        "Float" => value.is_number(),
        "Boolean" => value.is_boolean(),
        "String" | "ID" => value.is_string(),
        "JSON" | "JSONObject" => true,
        _ => value.is_string(),
    }
}

/// One operation of a document.
pub struct Operation<'d> {
    pub name: String,
    pub root: &'static str,
    pub variables: BTreeMap<String, Ty>,
    pub selection: &'d Sel,
}

type Fragments<'d> = BTreeMap<String, (&'d str, &'d Sel)>;

fn fragments<'d>(document: &'d Document) -> Fragments<'d> {
    document
        .definitions
        .iter()
        .filter_map(|definition| match definition {
            Definition::Fragment(fragment) => {
                let query::TypeCondition::On(on) = &fragment.type_condition;
                Some((
                    fragment.name.clone(),
                    (on.as_str(), &fragment.selection_set),
                ))
            }
            Definition::Operation(_) => None,
        })
        .collect()
}

/// The fields a selection asks of an object, by response key, fragments spread.
fn expand<'s>(
    fragments: &Fragments<'s>,
    type_name: &str,
    fields: &'s BTreeMap<String, FieldDef>,
    selection: &'s Sel,
    selected: &mut BTreeMap<String, (&'s FieldDef, &'s Sel)>,
) {
    for item in &selection.items {
        match item {
            Selection::Field(field) => {
                if let Some(def) = fields.get(&field.name) {
                    let key = field.alias.clone().unwrap_or_else(|| field.name.clone());
                    selected.insert(key, (def, &field.selection_set));
                }
            }
            Selection::FragmentSpread(spread) => {
                if let Some((on, sub)) = fragments.get(&spread.fragment_name)
                    && *on == type_name
                {
                    expand(fragments, type_name, fields, sub, selected);
                }
            }
            Selection::InlineFragment(inline) => expand(
                fragments,
                type_name,
                fields,
                &inline.selection_set,
                selected,
            ),
        }
    }
}

/// The static walk of one operation.
struct Walk<'w, 'd> {
    schema: &'w Schema,
    fragments: &'w Fragments<'d>,
    variables: &'w BTreeMap<String, Ty>,
    problems: &'w mut Vec<String>,
}

impl Walk<'_, '_> {
    fn selection(&mut self, type_name: &str, selection: &Sel, path: &str) {
        let Some(fields) = self.schema.object(type_name) else {
            self.problems
                .push(format!("{path}: {type_name} has no fields to select"));
            return;
        };
        for item in &selection.items {
            match item {
                Selection::Field(field) if field.name == "__typename" => {}
                Selection::Field(field) => {
                    let path = format!("{path}.{}", field.name);
                    let Some(def) = fields.get(&field.name) else {
                        self.problems
                            .push(format!("{path}: {type_name} has no field {}", field.name));
                        continue;
                    };
                    self.arguments(def, &field.arguments, &path);
                    let base = def.ty.base();
                    match self.schema.kind(base) {
                        Some(Kind::Object(_)) if field.selection_set.items.is_empty() => self
                            .problems
                            .push(format!("{path}: {base} needs a selection")),
                        Some(Kind::Object(_)) => self.selection(base, &field.selection_set, &path),
                        Some(_) if !field.selection_set.items.is_empty() => self
                            .problems
                            .push(format!("{path}: {base} has no fields to select")),
                        Some(_) => {}
                        None => self.problems.push(format!("{path}: unknown type {base}")),
                    }
                }
                Selection::FragmentSpread(spread) => {
                    match self.fragments.get(&spread.fragment_name) {
                        Some((on, sub)) if *on == type_name => {
                            let path = format!("{path}...{}", spread.fragment_name);
                            self.selection(on, sub, &path);
                        }
                        Some((on, _)) => self.problems.push(format!(
                            "{path}: fragment {} is on {on}, not {type_name}",
                            spread.fragment_name
                        )),
                        None => self
                            .problems
                            .push(format!("{path}: no fragment {}", spread.fragment_name)),
                    }
                }
                Selection::InlineFragment(inline) => {
                    self.selection(type_name, &inline.selection_set, path)
                }
            }
        }
    }

    fn arguments(
        &mut self,
        def: &FieldDef,
        given: &[(String, query::Value<'static, String>)],
        path: &str,
    ) {
        for (name, value) in given {
            match def.args.get(name) {
                Some((ty, _)) => self.literal(value, ty, &format!("{path}({name})")),
                None => self.problems.push(format!("{path}: no argument {name}")),
            }
        }
        for (name, (ty, has_default)) in &def.args {
            if matches!(ty, Ty::NonNull(_))
                && !has_default
                && !given.iter().any(|(given, _)| given == name)
            {
                self.problems
                    .push(format!("{path}: required argument {name} is missing"));
            }
        }
    }

    fn literal(&mut self, value: &query::Value<'static, String>, ty: &Ty, path: &str) {
        use query::Value as V;
        match (value, ty) {
            (V::Variable(name), _) => match self.variables.get(name) {
                Some(declared) if declared.fits(ty) => {}
                Some(declared) => self.problems.push(format!(
                    "{path}: ${name} is {declared:?}, the argument {ty:?}"
                )),
                None => self
                    .problems
                    .push(format!("{path}: ${name} is not declared")),
            },
            (V::Null, Ty::NonNull(_)) => self.problems.push(format!("{path}: null for {ty:?}")),
            (value, Ty::NonNull(inner)) => self.literal(value, inner, path),
            (V::Null, _) => {}
            (V::List(items), Ty::List(inner)) => {
                for item in items {
                    self.literal(item, inner, path);
                }
            }
            (value, Ty::List(inner)) => self.literal(value, inner, path),
            (value, Ty::Named(name)) => match (self.schema.kind(name), value) {
                (Some(Kind::Input(fields)), V::Object(given)) => {
                    for (field, value) in given {
                        match fields.get(field) {
                            Some((ty, _)) => self.literal(value, ty, &format!("{path}.{field}")),
                            None => self
                                .problems
                                .push(format!("{path}: {name} has no field {field}")),
                        }
                    }
                }
                (Some(Kind::Enum(values)), V::Enum(given)) if values.contains(given) => {}
                (Some(Kind::Scalar), V::String(_))
                    if name != "Int" && name != "Float" && name != "Boolean" => {}
                (Some(Kind::Scalar), V::Int(_)) if name == "Int" || name == "Float" => {}
                (Some(Kind::Scalar), V::Float(_)) if name == "Float" => {}
                (Some(Kind::Scalar), V::Boolean(_)) if name == "Boolean" => {}
                _ => self
                    .problems
                    .push(format!("{path}: {value} is not a {name}")),
            },
        }
    }
}
