"""Django settings for Welbevinden.

Every value a deployment may change is read from an environment variable by
the typed helpers in ``welbevinden.env``; the README lists them all. The
defaults are safe: DEBUG is off unless set, and with DEBUG off the security
settings default to their production values.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from welbevinden import databases
from welbevinden.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "django-insecure-development-only-key")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if SECRET_KEY.startswith("django-insecure"):
        raise ImproperlyConfigured("Set SECRET_KEY to a long random value in production.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "axes",
    # The task queue's worker (manage.py run_huey) and its schedule.
    "huey.contrib.djhuey",
    # The core (ground floor): accounts, schools and membership, the shell.
    "welbevinden.accounts",
    "welbevinden.schools",
    "welbevinden.core",
    # Feature apps (middle floor): the six circles of influence.
    "circles",
    "circles.climate",
    "pyramid",
    "sociogram",
    "checklists",
    # The top floor: the school's home page and dashboard, reading the
    # feature apps.
    "welbevinden.dashboard",
    "welbevinden.reports",
    # A board's view over its schools, built from the dashboard's figures.
    "welbevinden.boards",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After HtmxMiddleware: an htmx request for a file gets a redirect to it.
    "welbevinden.downloads.HtmxDownloadMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user kept between a member's pages (pagecache.remembered).
    "welbevinden.accounts.middleware.RememberedUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "welbevinden.core.pagecache.WritesMiddleware",
    "welbevinden.accounts.middleware.SessionTimeoutMiddleware",
    "welbevinden.accounts.middleware.PrivatePagesMiddleware",
    # After the session checks: a browser in the gevoelsthermometer's class mode
    # reaches only the faces of its group (circles/climate/class_mode.py).
    "circles.climate.class_mode.ClassModeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes last, as its documentation asks, so it sees the final response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "welbevinden.urls"
# Django's admin, for staff only; a less obvious path keeps bots away.
ADMIN_URL = env_str("ADMIN_URL", "django-admin/")
WSGI_APPLICATION = "welbevinden.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "welbevinden.core.context_processors.shell",
                "circles.context_processors.handreiking",
            ],
        },
    },
]

DATABASES = {
    # On SQLite, writers wait for each other instead of failing (databases.py).
    "default": databases.from_url(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60, minimum=0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and sessions ------------------------------------------------------------

# With Redis, every app server shares one cache, and sessions are read from it
# (a query less per page) while still written to the database, so a restart
# of Redis logs nobody out. Without it, the shared cache is a database table
# (created by `migrate`), so the throttles count across all workers, and
# sessions stay in the database. What one process may keep for itself (which
# edition of the handreiking is current) then lives in its own memory.
REDIS_URL = env_str("REDIS_URL", "")
if REDIS_URL:
    if not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"REDIS_URL must start with redis://, rediss:// or unix://, not {REDIS_URL!r}."
        )
    # Every key starts with it: deployments (or a test) sharing one Redis
    # database keep apart.
    REDIS_KEY_PREFIX = env_str("REDIS_KEY_PREFIX", "welbevinden")
    _default_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": REDIS_KEY_PREFIX,
    }
    _edition_cache = _default_cache
    _page_cache = {**_default_cache, "KEY_PREFIX": f"{REDIS_KEY_PREFIX}-pages"}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    _default_cache = {
        # Django's, with an incr that counts atomically (the throttles).
        "BACKEND": "welbevinden.core.cache.DatabaseCache",
        "LOCATION": "welbevinden_cache",
        # The page cache keeps a generation per school and table read (about 70
        # a school); Django's default of 300 would cull them with a few schools.
        "OPTIONS": {"MAX_ENTRIES": 50000},
    }
    _edition_cache = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "editions",
    }
    _page_cache = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Accounts -------------------------------------------------------------------

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "welbevinden.accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24  # one day
INVITATION_VALID_DAYS = 7

# A session ends 12 hours after log-in, or after 30 minutes without a request.
SESSION_MAX_AGE = timedelta(hours=env_int("SESSION_MAX_HOURS", 12, minimum=1))
SESSION_IDLE_TIMEOUT = timedelta(minutes=env_int("SESSION_IDLE_MINUTES", 30, minimum=1))
SESSION_COOKIE_AGE = int(SESSION_MAX_AGE.total_seconds())

# Login throttling: a username + IP pair is locked for 15 minutes after five
# failures; it unlocks by itself, so a forgetful teacher is never locked out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "welbevinden.accounts.throttling.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Records of successful log-ins (address, IP address, browser) are kept this
# many days; failed attempts only as long as the lock (purge_login_records).
LOGIN_RECORD_DAYS = env_int("LOGIN_RECORD_DAYS", 90, minimum=1)
# Throttles beside axes (welbevinden/accounts/throttling.py), counted in the
# cache: failed log-ins per IP address (15 minutes); wrong current passwords
# per user and per IP address (15 minutes); mails with a link per address,
# reset requests per IP address and invitations per beheerder (an hour).
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 30, minimum=1)
PASSWORD_CHANGE_FAILURE_LIMIT = env_int("PASSWORD_CHANGE_FAILURE_LIMIT", 5, minimum=1)
PASSWORD_CHANGE_IP_FAILURE_LIMIT = env_int("PASSWORD_CHANGE_IP_FAILURE_LIMIT", 20, minimum=1)
MAILS_PER_ADDRESS_LIMIT = env_int("MAILS_PER_ADDRESS_LIMIT", 5, minimum=1)
PASSWORD_RESET_IP_LIMIT = env_int("PASSWORD_RESET_IP_LIMIT", 20, minimum=1)
INVITATION_LIMIT = env_int("INVITATION_LIMIT", 50, minimum=1)
PROXY_COUNT = env_int("PROXY_COUNT", 0, minimum=0)
if PROXY_COUNT > 0:
    # Axes 8 reads only REMOTE_ADDR unless told otherwise; behind a proxy that
    # is the proxy's address, and every school would share one lock.
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # ipware counts the proxies listed in X-Forwarded-For ("client, proxy1,
    # …"). The proxy nearest the app is REMOTE_ADDR and never in that list:
    # behind one nginx the header holds just the client. With exactly that
    # many entries required, a forged header (one entry too many) falls back
    # to REMOTE_ADDR and cannot dodge the lock.
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT - 1

# Internationalisation -------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
USE_I18N = True
USE_TZ = True

# Static files ----------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# In production static files get hashed names and are pre-compressed by
# collectstatic; tests and development serve them straight from static/.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", default=not DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# PDF reports -----------------------------------------------------------------

# A report that would pass these limits stops with a message instead of tying
# up a worker (welbevinden/reports/README.md).
REPORT_MAX_PAGES = env_int("REPORT_MAX_PAGES", 60, minimum=1)
REPORT_MAX_SECONDS = env_int("REPORT_MAX_SECONDS", 30, minimum=1)
# Where finished PDFs are kept, so an unchanged report is not rendered twice:
# "locmem" (each worker its own memory), "database" (the shared cache table)
# or a Redis URL.
REPORT_CACHE = env_str("REPORT_CACHE", "locmem")
REPORT_CACHE_SECONDS = env_int("REPORT_CACHE_SECONDS", 24 * 3600, minimum=0)


def _report_cache(value: str) -> dict:
    if value == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "welbevinden-reports",
            "OPTIONS": {"MAX_ENTRIES": 100},
        }
    if value == "database":
        return {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "welbevinden_report_cache",
        }
    if value.startswith(("redis://", "rediss://", "unix://")):
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": value}
    raise ImproperlyConfigured(
        "REPORT_CACHE must be 'locmem', 'database' or a Redis URL (redis://host:6379/0)."
    )


CACHES = {
    # Shared by every app server with REDIS_URL (see "Cache and sessions").
    "default": _default_cache,
    "reports": _report_cache(REPORT_CACHE),
    # Which edition is current (circles/editions.py): Redis when set, else per process.
    "editions": _edition_cache,
    # Rendered main pages (welbevinden/core/pagecache.py): Redis when set, else
    # each app server's own memory (whether a page is current is always asked
    # of the shared default cache).
    "pages": _page_cache,
}
# How long a rendered main page is kept at most; every write makes it stale
# before that. 0 turns the page cache off.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600, minimum=0)

# Task queue ------------------------------------------------------------------

# Long reports are made outside the request and the purge commands run on a
# schedule, both by one worker: `manage.py run_huey` (huey; the schedule is in
# welbevinden/core/tasks.py). The queue lives in the Redis that several app
# servers need anyway (REDIS_URL); a single server without Redis can keep it in
# a SQLite file of its own. "immediate" (the default without REDIS_URL: `make
# run`, the tests) runs each job at once inside the request and keeps no schedule.
TASK_QUEUE = env_choice(
    "TASK_QUEUE", "redis" if REDIS_URL else "immediate", ("redis", "sqlite", "immediate")
)
if TASK_QUEUE == "redis" and not REDIS_URL:
    raise ImproperlyConfigured("TASK_QUEUE=redis needs REDIS_URL (redis://host:6379/0).")
TASK_QUEUE_FILE = env_str("TASK_QUEUE_FILE", str(BASE_DIR / "tasks.sqlite3"))
# Jobs the worker runs at once (threads): a report of a large school takes one
# for about a second; the purges are short.
TASK_WORKERS = env_int("TASK_WORKERS", 2, minimum=1)
_queue_storage = {
    "redis": {"huey_class": "huey.RedisHuey", "connection": {"url": REDIS_URL}},
    "sqlite": {"huey_class": "huey.SqliteHuey", "filename": TASK_QUEUE_FILE},
    "immediate": {"huey_class": "huey.MemoryHuey"},
}[TASK_QUEUE]
HUEY = {
    "name": "welbevinden",
    **_queue_storage,
    "immediate": TASK_QUEUE == "immediate",
    # A job's state and result are in its ReportJob row, not in huey's result store.
    "results": False,
    # The schedule's hours are TIME_ZONE's (Django sets it as the process's time zone).
    "utc": False,
    "consumer": {"workers": TASK_WORKERS, "worker_type": "thread"},
}

# E-mail ----------------------------------------------------------------------

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Welbevinden <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Privacy ---------------------------------------------------------------------

# Aggregates over people (teachers' personal work, anonymous check-ins) are
# shown only over at least this many people (the product's privacy rules).
MIN_GROUP_SIZE = env_int("MIN_GROUP_SIZE", 5, minimum=2)
# Counts of groups (how many groups stand at each climate level) are shown to
# those who may not see the groups themselves only over at least this many
# groups (welbevinden/suppression.py, suppress_groups; our rule).
MIN_GROUPS_SHOWN = env_int("MIN_GROUPS_SHOWN", 3, minimum=2)
# Minutes the gevoelsthermometer's class mode stays on before the session ends.
CLASS_MODE_MINUTES = env_int("CLASS_MODE_MINUTES", 60, minimum=1)
# Sociogram (sociogram/README.md): wrong pupil codes per IP address per 15
# minutes; days after closing that raw nominations are kept (0 or unset: until
# the end of the school year).
SOCIOGRAM_CODE_FAILURE_LIMIT = env_int("SOCIOGRAM_CODE_FAILURE_LIMIT", 60, minimum=1)
SOCIOGRAM_KEEP_DAYS = env_int("SOCIOGRAM_KEEP_DAYS", 0, minimum=0) or None

# Security --------------------------------------------------------------------

SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if env_bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Everything is served from the app itself: no CDN, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"forbidden_on_one_line": {"()": "welbevinden.core.logfilters.ForbiddenOnOneLine"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice("LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")),
    },
    "loggers": {
        "axes": {"level": "WARNING"},
        # The task queue's worker logs each job once (run_huey adds its own
        # handler only to a logger without one); in immediate mode, not at all.
        "huey": {
            "handlers": ["console"],
            "level": "WARNING" if TASK_QUEUE == "immediate" else "INFO",
            "propagate": False,
        },
        # A 403 as one line, without its traceback.
        "django.request": {"filters": ["forbidden_on_one_line"]},
        "weasyprint": {"level": "WARNING"},
        # Font subsetting for every PDF warns about glyph tables it drops; not actionable.
        "fontTools": {"level": "WARNING"},
        "fontTools.subset": {"level": "ERROR"},
    },
}
