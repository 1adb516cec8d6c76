import os

import reflex as rx

from visitapp.core.serving import respawn_failed_workers
from visitapp.core.settings import get_settings
from visitapp.ui.theme import plugin as radix_themes

_settings = get_settings()
# a worker that dies is started again while the others serve; Reflex alone would stop the whole server
respawn_failed_workers()

config = rx.Config(
    app_name="visitapp",
    app_module_import="visitapp.app",  # rx.App and the one table of pages
    db_url=_settings.database_url,
    redis_url=_settings.redis_url,
    # chosen on purpose: one worker keeps sessions' page state in memory (Reflex's default disk store
    # lists and stats every state file after each write pass); several workers share it in Redis
    state_manager_mode=(
        rx.constants.StateManagerMode.REDIS if _settings.redis_url else rx.constants.StateManagerMode.MEMORY
    ),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    frontend_port=int(os.environ.get("VISITAPP_FRONTEND_PORT", "3000")),
    backend_port=int(os.environ.get("VISITAPP_BACKEND_PORT", "8000")),
    api_url=_settings.api_url,
    deploy_url=_settings.deploy_url,
    disable_plugins=[rx.plugins.SitemapPlugin],
    # drawn light only: the dark appearance's rules are dropped from the stylesheet (visitapp/ui/css_purge.py)
    default_color_mode="light",
    # no dynamic components: the root page does not import every Radix component for window.__reflex
    frontend_lazy_bundled_libraries=True,
    plugins=[radix_themes()],  # Radix Themes with the colour scales the app uses (visitapp/ui/theme.py)
)
