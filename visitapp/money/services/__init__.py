"""Plans (quote, propose, approve, sign), payments and promises, the agreement PDF, follow-up and reminders."""
