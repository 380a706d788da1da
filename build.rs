//! Embeds `templates/` into the binary, so it runs from any folder. The Fluent catalogs in
//! `locales/` are embedded by a macro; listing both folders here rebuilds on any change.

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=locales");
    // Worktrees that share one CARGO_TARGET_DIR also share this script's output (cargo's hash
    // for it does not include the package path): run again whenever the build comes from
    // another folder, so each embeds its own templates.
    println!("cargo:rerun-if-env-changed=PWD");
    minijinja_embed::embed_templates!("templates");
}
