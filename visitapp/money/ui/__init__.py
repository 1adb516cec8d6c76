"""The approvals inbox, reminders, and the dossier's plan and money sections."""
