//! Mail: the outbox drained to the SMTP sink, and every acknowledged registration mailed
//! exactly once.

use std::time::Duration;

use crate::running::{Ack, Bench};

impl Bench {
    /// Waits until the sink got one mail per acknowledged registration (the backlog aside).
    pub async fn drain_mail(&mut self, what: &str) -> Option<Duration> {
        let expected = self.acks.len();
        let pending = expected.saturating_sub(self.sink.count());
        // The worker sends one mail at a time; allow 100 ms each, and two minutes more.
        let limit = self.mail_wait.unwrap_or(Duration::from_secs(120) + Duration::from_millis(100) * pending as u32);
        let waited = self.sink.wait_for_count(expected, limit).await;
        if waited.is_none() {
            self.report.check(
                format!("outbox drained after {what}"),
                false,
                format!("{} of {expected} mails arrived within {limit:?}", self.sink.count()),
            );
        }
        waited
    }

    /// Every acknowledged registration got exactly one mail (the export's seed: at most one,
    /// the rest may still be queued); no mail went twice; no mail to anyone else.
    pub async fn verify_mail(&mut self) {
        let all = self.acks.len() + self.backlog.len();
        let grace = if self.backlog.is_empty() {
            Duration::from_secs(120) + Duration::from_millis(100) * all.saturating_sub(self.sink.count()) as u32
        } else {
            Duration::from_secs(if self.quick { 10 } else { 30 })
        };
        self.sink.wait_for_count(all, self.mail_wait.unwrap_or(grace)).await;
        // A moment more, so that a duplicate sent late would be seen.
        tokio::time::sleep(Duration::from_secs(2)).await;
        let tally = self.sink.tally();
        let duplicates = tally.by_message_id.values().filter(|&&n| n > 1).count();
        let got = |ack: &Ack| tally.by_recipient.get(&ack.email).copied().unwrap_or(0);
        let missing = self.acks.iter().filter(|a| got(a) == 0).count();
        let doubled = self.acks.iter().chain(&self.backlog).filter(|a| got(a) > 1).count();
        let queued = self.backlog.iter().filter(|a| got(a) == 0).count();
        let known: std::collections::HashSet<&str> =
            self.acks.iter().chain(&self.backlog).map(|a| a.email.as_str()).collect();
        let strangers = tally.by_recipient.keys().filter(|r| !known.contains(r.as_str())).count();
        let total: u32 = tally.by_recipient.values().sum();
        let backlog_note = if self.backlog.is_empty() {
            String::new()
        } else {
            format!(
                "; of the {} export-seed mails {} arrived, each once, and {queued} were still queued when the benchmark \
                 ended (not waited for: see the mail delivery rate)",
                self.backlog.len(),
                self.backlog.len() - queued
            )
        };
        self.report.check(
            "every mail sent exactly once",
            duplicates == 0
                && missing == 0
                && doubled == 0
                && strangers == 0
                && tally.without_message_id == 0
                && tally.by_message_id.len() == total as usize,
            format!(
                "{} registrations mailed: sink saw {} distinct Message-IDs in {total} mails, {duplicates} Message-IDs twice, \
                 {} without one; registrations without their mail {missing}, mailed twice {doubled}; mails to \
                 unknown recipients {strangers}{backlog_note}",
                self.acks.len(),
                tally.by_message_id.len(),
                tally.without_message_id,
            ),
        );
    }
}
