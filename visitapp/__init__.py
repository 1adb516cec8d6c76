"""visitapp: lawful, humane field visits for consumer-debt collection."""
