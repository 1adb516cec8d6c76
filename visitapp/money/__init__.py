"""Installment plans and payments: the plan calculator (rules); plans and approvals, payments and promises,
agreements, follow-up (services); approvals, reminders and the dossier's plan and money sections (ui).
"""
