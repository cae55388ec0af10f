import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "welbevinden.settings")

application = get_wsgi_application()

# The URLconf (every view, form and template-tag module: seconds on a busy
# machine) is loaded while the worker starts, not in the first request it
# answers, so after a restart or a deploy nobody waits for it.
get_resolver().url_patterns  # noqa: B018 (loading it is the point)
