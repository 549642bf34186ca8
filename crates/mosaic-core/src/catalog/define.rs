//! The macro that turns the catalog table into the `OpId`, `Operation` and `Output` enums, so
//! an operation is declared in exactly one place.

/// Each entry: `Variant "dotted.id" InputType => OutputType = metadata;`.
macro_rules! define_catalog {
    ($($variant:ident $name:literal $input:ty => $output:ty = $meta:expr;)+) => {
        /// The id of a catalog operation.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum OpId {
            $(
                #[doc = $name]
                $variant,
            )+
        }

        /// Every operation's metadata, indexed by `OpId as usize`.
        pub static CATALOG: &[$crate::catalog::OperationSpec] = &[
            $($crate::catalog::spec::meta::named($name, $meta),)+
        ];

        impl OpId {
            /// Every operation, in catalog order.
            pub const ALL: &'static [OpId] = &[$(OpId::$variant,)+];

            /// The operation's metadata.
            pub fn spec(self) -> &'static $crate::catalog::OperationSpec {
                &CATALOG[self as usize]
            }

            /// The dotted id, `git.issues.list`.
            pub fn name(self) -> &'static str {
                self.spec().name
            }

            /// Finds an operation by dotted id.
            pub fn from_name(name: &str) -> Option<OpId> {
                Self::ALL.iter().copied().find(|op| op.name() == name)
            }

            /// Finds an operation by MCP tool name (`git_issues_list`).
            pub fn from_tool_name(tool: &str) -> Option<OpId> {
                Self::ALL.iter().copied().find(|op| {
                    let name = op.name();
                    name.len() == tool.len()
                        && name.bytes().zip(tool.bytes()).all(|(n, t)| n == t || (n == b'.' && t == b'_'))
                })
            }

            /// JSON Schema of the input, generated once: what MCP tools and the OpenAPI
            /// document publish, and what [`Operation::parse`] enforces.
            pub fn input_schema(self) -> &'static schemars::Schema {
                static SCHEMAS: std::sync::OnceLock<Vec<schemars::Schema>> = std::sync::OnceLock::new();
                &SCHEMAS.get_or_init(|| vec![$($crate::catalog::schema::generate::<$input>(),)+])
                    [self as usize]
            }

            /// JSON Schema of the output, generated once.
            pub fn output_schema(self) -> &'static schemars::Schema {
                static SCHEMAS: std::sync::OnceLock<Vec<schemars::Schema>> = std::sync::OnceLock::new();
                &SCHEMAS.get_or_init(|| vec![$($crate::catalog::schema::generate::<$output>(),)+])
                    [self as usize]
            }
        }

        /// A validated call of one operation with its typed input.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Operation {
            $(
                #[doc = $name]
                $variant($input),
            )+
        }

        impl Operation {
            /// Parses and checks JSON arguments for `op`: their shape (serde), then every
            /// constraint the input schema states, then the input's own cross-field rules.
            /// Errors name the offending field.
            pub fn parse(op: OpId, arguments: serde_json::Value) -> Result<Self, $crate::catalog::ArgumentError> {
                // Callers may omit the arguments object entirely when every field is optional.
                let mut arguments = match arguments {
                    serde_json::Value::Null => serde_json::Value::Object(Default::default()),
                    other => other,
                };
                super::enforce::whole_numbers(&mut arguments);
                match op {
                    $(OpId::$variant => {
                        let input: $input = super::entries::parse_input(&arguments)?;
                        super::enforce::check(op.input_schema(), &arguments)?;
                        $crate::input::Input::check(&input)?;
                        Ok(Operation::$variant(input))
                    })+
                }
            }

            /// Which operation this is.
            pub fn op_id(&self) -> OpId {
                match self {
                    $(Operation::$variant(_) => OpId::$variant,)+
                }
            }

            /// The operation's metadata.
            pub fn spec(&self) -> &'static $crate::catalog::OperationSpec {
                self.op_id().spec()
            }

            /// The resource the call addresses.
            pub fn resource(&self) -> $crate::catalog::Resource {
                match self {
                    $(Operation::$variant(input) => $crate::input::Input::resource(input),)+
                }
            }

            /// The arguments as JSON, in their normalized form (defaults filled in).
            pub fn arguments(&self) -> serde_json::Value {
                match self {
                    $(Operation::$variant(input) => serde_json::to_value(input),)+
                }
                .expect("catalog inputs serialize to JSON")
            }
        }

        /// A typed result of one operation.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Output {
            $(
                #[doc = $name]
                $variant($output),
            )+
        }

        impl Output {
            /// Which operation produced it.
            pub fn op_id(&self) -> OpId {
                match self {
                    $(Output::$variant(_) => OpId::$variant,)+
                }
            }

            /// The result as JSON (always an object, as MCP `structuredContent` requires).
            pub fn to_json(&self) -> serde_json::Value {
                match self {
                    $(Output::$variant(output) => serde_json::to_value(output),)+
                }
                .expect("catalog outputs serialize to JSON")
            }

            /// Reads a result of `op` back from JSON (a shared cache tier, a test fixture).
            pub fn from_json(op: OpId, value: serde_json::Value) -> Result<Self, serde_json::Error> {
                match op {
                    $(OpId::$variant => serde_json::from_value(value).map(Output::$variant),)+
                }
            }
        }
    };
}

pub(crate) use define_catalog;
