"""One module per feature, each with a MESSAGES dict: features add texts without touching each other."""
