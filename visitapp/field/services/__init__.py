"""The agent's visits, the dossier, check-in, calls, distress, outcomes/notes/photos, scripts, the badge."""
