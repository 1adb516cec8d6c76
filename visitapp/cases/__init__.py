"""Cases for the office: scores, statements and the import format (rules); listing, assignment, geocoding,
scoring, importing (services); the case list and import pages (ui).
"""
