"""Contact rules and their records: the policy (rules), the one contact check and its ledger, SMS texts, sending
and notices (services), the admin pages (ui).
"""
