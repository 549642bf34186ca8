//! Writes the list of built-in providers from the features this build has on, so that adding a
//! provider is its lines in Cargo.toml and nothing here: feature `x` is the crate `mosaic_x`,
//! and, with `fakes` on, `mosaic_x::fake` for a provider whose folder has a `fake/`.
//!

use std::fmt::Write as _;
use std::path::Path;

/// The features that are not providers.
const NOT_PROVIDERS: [&str; 2] = ["default", "fakes"];

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=Cargo.toml");
    let mut providers: Vec<String> = std::env::vars()
        .filter_map(|(name, _)| {
            let feature = name.strip_prefix("CARGO_FEATURE_")?.to_ascii_lowercase();
            (!NOT_PROVIDERS.contains(&feature.as_str())).then_some(feature)
        })
        .collect();
    providers.sort();
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let folders = Path::new(&manifest_dir).join("../../providers");
    let with_fakes = std::env::var_os("CARGO_FEATURE_FAKES").is_some();

    let mut code = String::from(
        "/// Every provider plugin compiled in, by crate name.\n\
         fn compiled() -> Vec<Arc<dyn Plugin>> {\n    \
         vec![\n",
    );
    for provider in &providers {
        let _ = writeln!(code, "        mosaic_{provider}::plugin(),");
    }
    code.push_str("    ]\n}\n");

    if with_fakes {
        let mut fakes = Vec::new();
        for provider in &providers {
            // Feature names use `_` where crate folders use `-` (`github_actions`).
            let folder = folders.join(provider.replace('_', "-")).join("fake");
            println!("cargo::rerun-if-changed={}", folder.display());
            if folder.join("Cargo.toml").is_file() {
                fakes.push(provider);
            }
        }
        code.push_str(
            "\n/// The stateful fakes of the providers built in that have one, by provider name.\n\
             pub mod fakes {\n",
        );
        for provider in &fakes {
            let _ = writeln!(code, "    pub use mosaic_{provider}::fake as {provider};");
        }
        code.push_str(
            "\n    /// What each fake mounts in the fakes server, provider by provider.\n    \
             pub fn mounts() -> Vec<mosaic_fake_kit::mount::FakeMount> {\n        \
             let mut mounts = Vec::new();\n",
        );
        for provider in &fakes {
            let _ = writeln!(code, "        mounts.extend({provider}::mounts());");
        }
        code.push_str("        mounts\n    }\n}\n");
    }

    let out = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin.rs");
    std::fs::write(&out, code).expect("write the built-in provider list to OUT_DIR");
}
