"""A page cache for the main pages of a logged-in member (issue 8).

A main page (home, the circles, a handvat, a round …) is read far more often
than anything on it changes. ``@cached_page`` keeps the page it rendered in the
``pages`` cache and answers the next identical request from there, after the
access layer has run (an outsider still gets 404, a wrong role 403).

What makes a cached page the same page:

- **The key** holds everything a page may depend on besides the database: the
  session (so the page's CSRF token is this browser's; a new log-in is a new
  session), the CSRF secret, the member, the full path with its query, the
  language, today's date and the part of the day (pages say "vandaag", a plan
  is overdue from a date, the home page greets by the hour), and the code's
  fingerprint (templates, content and static files; a deploy starts afresh).
- **Generations**: every write bumps a generation, and a page is used only while
  the generations it was rendered under are current. Writes are seen where
  they happen, in the database connection (``INSERT``, ``UPDATE``, ``DELETE``;
  bulk updates and raw SQL included): a write in a request to a school's pages
  bumps that school's generation; any other write (an account page, a
  management command, the admin) bumps the one for every school. Writes that
  no page shows (sessions, log-in records, the caches) are left out
  (``IGNORED_TABLES``, ``ignore``).
- **Never cached**: htmx requests (they get a part of a page), a page with a
  message to show (it is shown once), a response that is not a 200 HTML page,
  or one that set a cookie or a header of its own.

``PAGE_CACHE_SECONDS`` bounds how long a page is kept (0 turns the cache off).
"""

from __future__ import annotations

import atexit
import contextvars
import hashlib
import logging
import os
import re
import secrets
import threading
import zlib
from collections.abc import Callable
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate, pre_migrate
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation

logger = logging.getLogger(__name__)

ALL = "*"
# Only writes to the project's own models count; Django's and other libraries'
# (sessions, log-in records, the admin's log, migrations) change no page.
OUR_PACKAGES = {"welbevinden", "circles", "pyramid", "sociogram", "checklists"}
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Headers Django or our middleware put on every response anyway.
EXPECTED_HEADERS = {"content-type", "vary", "x-frame-options", "content-length"}

_ignored_models: set[type] = set()
# The school (slug) whose pages the current request writes to; ALL outside one.
_scope: contextvars.ContextVar[str] = contextvars.ContextVar("pagecache_scope", default=ALL)
_fingerprint: str | None = None


def ignore(model: type) -> type:
    """Leave a model's writes out: nothing a cached page shows comes from it (an access log)."""
    _ignored_models.add(model)
    return model


def _cache():
    """Where pages are kept: Redis with REDIS_URL, else each app server's own memory."""
    return caches["pages"]


def _shared():
    """Where generations are kept: the cache every app server shares (Redis or the database)."""
    return caches["default"]


def _generation_key(scope: str) -> str:
    return f"pagecache:generation:{scope}"


def bump(scope: str = ALL) -> None:
    """Make every cached page of ``scope`` (a school's slug, or ALL) stale."""
    # A new random value rather than a counter: a generation that the cache
    # dropped starts again from an unknown value, never from one a page kept.
    _shared().set(_generation_key(scope), secrets.token_hex(8), None)


def code_fingerprint() -> str:
    """What the code looks like: names, sizes and times of the project's files, once per process."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256()
        root = Path(settings.BASE_DIR)
        skip = {".venv", ".git", "node_modules", "__pycache__", "staticfiles", "media", "bench"}
        for directory, subdirectories, files in os.walk(root):
            subdirectories[:] = sorted(d for d in subdirectories if d not in skip)
            for name in sorted(files):
                if name.endswith((".py", ".html", ".txt", ".yaml", ".yml", ".mo", ".css", ".js")):
                    stat = os.stat(os.path.join(directory, name))
                    digest.update(f"{directory}/{name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
        if manifest.exists():
            digest.update(manifest.read_bytes())
        _fingerprint = digest.hexdigest()[:16]
    return _fingerprint


def _part_of_day() -> int:
    hour = timezone.localtime().hour
    return 0 if hour < 12 else 1 if hour < 18 else 2


def _page_key(request: HttpRequest, access) -> str:
    parts = [
        request.session.session_key or "",
        request.META.get("CSRF_COOKIE", ""),
        str(request.user.pk),
        str(access.membership.pk),
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        str(_part_of_day()),
        code_fingerprint(),
    ]
    return "pagecache:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _current_generations(values: dict, keys: list[str]) -> tuple:
    """The generations in ``values``; one the cache does not have is started now."""
    generations = []
    for key in keys:
        value = values.get(key)
        if value is None:
            value = secrets.token_hex(8)
            if not _shared().add(key, value, None):
                value = _shared().get(key)
        generations.append(value)
    return tuple(generations)


def _has_messages(request: HttpRequest) -> bool:
    storage = getattr(request, "_messages", None)
    return storage is not None and len(storage) > 0


def _cacheable(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and {name.lower() for name in response.headers} <= EXPECTED_HEADERS
    )


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep the page ``view`` renders for a GET; put it below ``@school_view`` and the methods."""

    @wraps(view)
    def wrapper(request: HttpRequest, access, *args, **kwargs) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method != "GET"
            or getattr(request, "htmx", False)
            or _has_messages(request)
            or not request.session.session_key
            # The page's CSRF token must be for the secret this browser holds;
            # a browser without one gets it with this page, rendered anew.
            or not request.META.get("CSRF_COOKIE")
        ):
            return view(request, access, *args, **kwargs)
        if _dirty:
            flush()
        generation_keys = [_generation_key(ALL), _generation_key(access.school.slug)]
        page_key = _page_key(request, access)
        generations = _current_generations(_shared().get_many(generation_keys), generation_keys)
        kept = _cache().get(page_key)
        if kept is not None and kept[0] == generations:
            # The page carries a CSRF token; this keeps the cookie as a fresh render would.
            get_token(request)
            return HttpResponse(zlib.decompress(kept[1]), content_type=kept[2])
        response = view(request, access, *args, **kwargs)
        if _cacheable(response) and not _has_messages(request):
            # Compressed: a page of 40 KB keeps in about 8 (Redis memory, the cache table).
            content = zlib.compress(response.content, 1)
            _cache().set(page_key, (generations, content, response["Content-Type"]), seconds)
        return response

    wrapper.cached_page = True
    return wrapper


def is_cached(view) -> bool:
    """Whether ``view`` (not its decorators) is wrapped by ``cached_page``."""
    return getattr(view, "cached_page", False)


# Bumping ----------------------------------------------------------------------

_WRITE = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE)
# Tables whose writes no page shows: sessions, log-in records, the caches,
# Django's own bookkeeping. Tables of models passed to ``ignore`` join them.
IGNORED_TABLES = {
    "django_session",
    "django_migrations",
    "django_admin_log",
    "django_content_type",
    "auth_permission",
    "welbevinden_cache",
    "welbevinden_report_cache",
}
IGNORED_PREFIXES = ("axes_",)
# Scopes written to in this process and not yet bumped (see ``_note_write``).
_dirty: set[str] = set()
_lock = threading.Lock()
# Migrations write before the cache tables exist; a deploy's new code starts
# afresh anyway (``code_fingerprint``).
_migrating = threading.Event()


def _ignored_table(table: str) -> bool:
    return (
        table in IGNORED_TABLES
        or table.startswith(IGNORED_PREFIXES)
        or any(model._meta.db_table == table for model in _ignored_models)
    )


def _watch_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = _WRITE.match(sql)
    if (
        match
        and not _migrating.is_set()
        and settings.PAGE_CACHE_SECONDS
        and not _ignored_table(match.group(1))
    ):
        _note_write(context["connection"], _scope.get())
    return result


def _note_write(connection, scope: str) -> None:
    """A write to ``scope``: stale for this process at once, for every process once committed.

    Nothing is read or written here: this runs inside the database driver's
    execute, before the statement's own rows are fetched (``INSERT … RETURNING``),
    so any query now could break that statement. The scope is marked dirty;
    this process bumps it before it next reads a page, at the end of the request
    and when the process exits. Inside a transaction its commit bumps it too,
    once per transaction and scope, so that a page another process rendered in
    between from the data before the commit does not outlive it.
    """
    with _lock:
        _dirty.add(scope)
    if not connection.in_atomic_block:
        # Committed already (autocommit); the flush after the request bumps it.
        return
    pending = any(
        getattr(callback, "pagecache_scope", None) == scope
        for _, callback, _ in connection.run_on_commit
    )
    if not pending:

        def bump_committed():
            bump(scope)

        bump_committed.pagecache_scope = scope
        connection.on_commit(bump_committed, robust=True)


def writes_to(school_slug: str) -> None:
    """Say which school the rest of this request writes to, when its URL does not name one.

    Pages without an account (a pupil answering a sociogram) find their school
    from what they are given; their writes then make only that school's pages stale.
    """
    _scope.set(school_slug)


def flush() -> None:
    """Bump what this process wrote to since it last looked."""
    with _lock:
        scopes = set(_dirty)
        _dirty.clear()
    for scope in scopes:
        bump(scope)


class WritesMiddleware:
    """Knows which school's pages a request writes to, and tells the others when it ends."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _scope.set(ALL)
        try:
            return self.get_response(request)
        finally:
            _scope.reset(token)
            if _dirty:
                flush()

    def process_view(self, request, view_func, view_args, view_kwargs):
        school = view_kwargs.get("school")
        if isinstance(school, str):
            _scope.set(school)


def _flush_at_exit() -> None:
    if _dirty:
        try:
            flush()
        except Exception:  # the cache may be gone with the process; nothing is lost
            logger.exception("Could not mark the cached pages stale at exit.")


def _watch(sender, connection, **kwargs) -> None:
    if _watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_writes)


def connect_signals() -> None:
    """Watch every database connection's writes (bulk updates and raw SQL included)."""
    connection_created.connect(_watch, dispatch_uid="pagecache-watch")
    # A management command or a shell writes outside any request.
    atexit.register(_flush_at_exit)
    pre_migrate.connect(lambda **kwargs: _migrating.set(), weak=False, dispatch_uid="pagecache-pre")
    post_migrate.connect(
        lambda **kwargs: _migrating.clear(), weak=False, dispatch_uid="pagecache-post"
    )
    for alias in connections:
        connection = connections[alias]
        if connection.connection is not None:
            _watch(None, connection)
