"""The plain HTTP routes beside the Reflex app: health, the phone's outbox, private files, the .ics, SMS delivery
reports, security headers.
"""
