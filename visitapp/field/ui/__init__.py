"""Today, the dossier (with its sections), the badge and verification page, the admins' script library."""
