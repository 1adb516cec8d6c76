"""The debtor, who has no account: the SMS link (confirm, reschedule, decline, verify, statement) and complaints
(services); the link page and the complaints inbox (ui).
"""
