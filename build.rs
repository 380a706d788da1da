//! Embeds `templates/` into the binary, so it runs from any folder.

fn main() {
    minijinja_embed::embed_templates!("templates");
}
