"""python -m visitapp.db: migrate the configured database to the newest schema (visitapp.core.db)."""

from sqlalchemy.engine import make_url

from visitapp.core.db import upgrade
from visitapp.core.settings import get_settings

if __name__ == "__main__":
    upgrade()
    # the URL without its password: this line lands in logs
    print(f"migrated {make_url(get_settings().database_url).render_as_string(hide_password=True)}")
