"""The case list and the import page."""
