//! Embeds `templates/` into the binary, so it runs from any folder. The Fluent catalogs in
//! `locales/` are embedded by a macro; listing both folders here rebuilds on any change.

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=locales");
    minijinja_embed::embed_templates!("templates");
}
