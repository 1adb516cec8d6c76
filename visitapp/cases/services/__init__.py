"""Cases as the office sees them: list and filters, assignment, geocoding, scores, the import."""
