//! Accessibility checks with axe-core, vendored in `assets/vendor/axe.min.js` and served by the
//! app under test: the test reads it from the page's own origin and runs it in the page through
//! WebDriver (which a strict Content-Security-Policy does not block), so no CDN is involved.
//!
//! Only WCAG 2.1 A and AA rules run, and only `serious` and `critical` violations fail a test.

use std::fmt;

use fantoccini::Client;
use serde::Deserialize;
use serde_json::{Value, json};

const AXE_PATH: &str = "/assets/vendor/axe.min.js";
const TAGS: &[&str] = &["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/// One failed rule with the elements that fail it.
#[derive(Debug, Deserialize)]
pub struct Violation {
    pub id: String,
    pub impact: Option<String>,
    pub help: String,
    #[serde(rename = "helpUrl")]
    pub help_url: String,
    /// CSS selectors of the failing elements (frames and shadow roots joined with ` >> `).
    pub targets: Vec<String>,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let impact = self.impact.as_deref().unwrap_or("?");
        writeln!(f, "- [{impact}] {}: {} ({})", self.id, self.help, self.help_url)?;
        for target in &self.targets {
            writeln!(f, "    at {target}")?;
        }
        Ok(())
    }
}

/// Runs axe on the page the browser shows now; returns the serious and critical violations.
pub async fn serious_violations(client: &Client) -> Vec<Violation> {
    inject(client).await;
    let script = r#"
        const [tags, done] = arguments;
        axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
          .then(results => done({ violations: results.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => ({ id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                         targets: v.nodes.map(n => n.target.map(t => [].concat(t).join(' >> ')).join(' >> ')) })) }))
          .catch(e => done({ error: String(e && e.stack || e) }));
    "#;
    let answer = client.execute_async(script, vec![json!(TAGS)]).await.expect("axe.run finishes");
    if let Some(error) = answer.get("error") {
        panic!("axe.run failed: {error}");
    }
    serde_json::from_value(answer["violations"].clone()).expect("violations have the expected shape")
}

/// Fails the test with a readable list if the current page has serious or critical violations.
pub async fn assert_accessible(client: &Client, page_name: &str) {
    let violations = serious_violations(client).await;
    if !violations.is_empty() {
        let list: String = violations.iter().map(ToString::to_string).collect();
        let url = client.current_url().await.map(|u| u.to_string()).unwrap_or_default();
        panic!("axe-core: {} serious/critical violation(s) on {page_name} ({url}):\n{list}", violations.len());
    }
}

/// Loads axe into the page from the app that served it, unless it is already there.
async fn inject(client: &Client) {
    let present = client.execute("return typeof window.axe === 'object';", vec![]).await.expect("script runs");
    if present == Value::Bool(true) {
        return;
    }
    let page = client.current_url().await.expect("current URL");
    let url = page.join(AXE_PATH).expect("axe URL");
    let response = reqwest::get(url.as_str()).await.unwrap_or_else(|e| panic!("GET {url}: {e}"));
    assert!(response.status().is_success(), "GET {url}: {} (is the page served by the app?)", response.status());
    let source = response.text().await.expect("axe source");
    let loaded = client
        .execute(&format!("{source}\n;return typeof window.axe === 'object';"), vec![])
        .await
        .expect("axe-core evaluates");
    assert_eq!(loaded, Value::Bool(true), "axe-core did not define window.axe");
}
