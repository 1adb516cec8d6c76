"""Admin pages: the policy, the audit log and ledger, SMS templates, the SMS outbox."""
