"""python -m visitapp.db: migrate the configured database to the newest schema (visitapp.core.db)."""

from visitapp.core.db import upgrade
from visitapp.core.settings import get_settings

if __name__ == "__main__":
    upgrade()
    print(f"migrated {get_settings().database_url}")
