"""The contact check and ledger, policy settings, templates, SMS delivery, pre-visit notices, debtor-link tokens."""
