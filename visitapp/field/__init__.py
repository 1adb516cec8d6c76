"""The agent's day: talking points, navigation links and China's map datums (rules); visits, the dossier,
check-in, calls, distress, the visit log, the badge (services); Today, the dossier, the badge and the script
library (ui).
"""
