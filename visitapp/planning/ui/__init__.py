"""The plan page and the live board."""
