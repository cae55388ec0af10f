"""A page cache for the main pages of a logged-in member (issues 8 and 24).

A main page (home, the circles, a handvat, a round …) is read far more often
than anything on it changes. ``@cached_page`` keeps the page it rendered in the
``pages`` cache and answers the next identical request from there, after the
access layer has run (an outsider still gets 404, a wrong role 403).

What makes a cached page the same page:

- **The key** holds everything a page may depend on besides the database: the
  session (a new log-in is a new session), the member, the full path with its
  query, the language, today's date and the part of the day (pages say
  "vandaag", a plan is overdue from a date, the home page greets by the hour),
  and the code's fingerprint (templates, content and static files; a deploy
  starts afresh).
- **What the page read**: while a request runs, the database connection notes
  the tables its queries read (``FROM`` and ``JOIN``; the project's own
  models only, ``OUR_PACKAGES``). A page is kept with the generations of those
  tables, plus those of ``SHARED_MODELS`` (the access layer's user, school and
  memberships, and the handreiking's content, which ``circles/editions.py``
  keeps in memory so a page may draw on it without reading it). Other code
  that keeps database rows in memory or in a cache says what they came from
  with ``reads`` (or keys them with ``stamp``).
- **Generations** are kept per school and per table, in the shared cache. A
  write (``INSERT``, ``UPDATE``, ``DELETE``, seen in the database connection:
  bulk updates and raw SQL included) bumps the generation of the table it
  writes for the school whose pages the request writes to. Any other write (an
  account page, a management command, the admin) and any write to a table of
  ``SHARED_MODELS`` is for every school (``ALL``): it bumps the one generation
  every page of every school is kept with. (Such writes are rare; the
  frequent ones, a member's work, are a school's.) A page is served only
  while every generation it was kept with is current: one member autosaving
  their round (``circles_round``) leaves the pyramid page and the climate log
  of their colleagues served from the cache, and makes every page that read
  ``circles_round`` stale. Writes that no page shows (sessions, log-in records,
  the caches, ``last_login``) are left out (``IGNORED_TABLES``, ``ignore``).
  The generations a page needs are read in one round trip (``get_many``),
  before it is rendered, so that a write committed while it renders makes it
  stale: those of the tables this process has seen the view read (at its first
  render, of every table). A page that read a table beyond those is not kept
  that time; only tables pages read get a generation. The grain is the table:
  a write to a table makes stale every page that read it, whichever rows. One
  exception, for the write made most often: an autosave updates only the
  typed columns of a round (``TYPED_COLUMNS``: its answers, version and who
  saved when), and makes stale only the pages whose SQL named one of those
  columns (the round page, a report), not those that list rounds without them
  (home, the circles, Mijn handvatten, the dashboard).
- **The CSRF token**: a page carries a CSRF token, which must match the secret
  the browser holds (its ``csrftoken`` cookie, or the session with
  ``CSRF_USE_SESSIONS``). The page is kept with the secret it was rendered
  for; a browser of the same session that holds no secret is served the page
  and given that secret (the cookie is set as a fresh render would set a new
  one); a browser holding another secret gets a page rendered anew. This
  hands nothing out: the key is the session, so only a holder of the session
  cookie, who can have any page with a fresh token anyway, gets the page, and
  a page's token already reveals its secret to whoever reads the page.
- **Never cached**: htmx requests (they get a part of a page), a page with a
  message to show (it is shown once), a response that is not a 200 HTML page,
  or one that set a cookie or a header of its own.

What the access layer reads on every page is kept too (``remembered``): the
user and their memberships, in each process, while no write for every school
has happened (every write to users, schools and memberships is one) and for a
minute at most. A request for a school's page reads, in one round trip when it
begins (``Snapshot``, ``WritesMiddleware``), ALL's generation and those its page
was last looked up with; so a page served again costs the session and that
read, and a page rendered costs its own queries besides.

``PAGE_CACHE_SECONDS`` bounds how long a page is kept (0 turns the cache off,
and with it what ``remembered`` keeps).
"""

from __future__ import annotations

import atexit
import contextlib
import contextvars
import hashlib
import logging
import os
import pickle
import re
import secrets
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path

from django.apps import apps
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
# Only the project's own models count; Django's and other libraries' tables
# (sessions, log-in records, the admin's log, migrations) are on no page.
OUR_PACKAGES = {"welbevinden", "circles", "pyramid", "sociogram", "checklists"}
# On every page, and not of one school: the access layer's user, school and
# memberships (the school switcher lists a member's other schools), and the
# handreiking's content, which circles/editions.py keeps in each process's
# memory once read, so a page may show it without reading it. Every page is
# kept with their generations; a write to them, wherever, bumps them for ALL.
SHARED_MODELS = (
    "accounts.User",
    "schools.Board",
    "schools.BoardMembership",
    "schools.School",
    "schools.Membership",
    "circles.Edition",
    "circles.Circle",
    "circles.Handvat",
)
# Columns whose updates no page shows (set when a member logs in).
IGNORED_COLUMNS = {"accounts_user": {"last_login"}}
# Columns a member's typing changes (an autosave every few seconds), and that the
# pages listing those rows do not show (``typed``; a round's, circles/apps.py).
# An UPDATE of only these columns makes stale only the pages whose SQL named one
# of them (``<table>#typed``), not every page that read the table: a colleague's
# autosave leaves the lists of rounds (home, the circles, Mijn handvatten)
# served from the cache.
TYPED_COLUMNS: dict[str, frozenset[str]] = {}
TYPED = "#typed"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}
# Headers Django or our middleware put on every response anyway.
EXPECTED_HEADERS = {"content-type", "vary", "x-frame-options", "content-length"}

_ignored_models: set[type] = set()
# The school (slug) whose pages the current request writes to; ALL outside one.
_scope: contextvars.ContextVar[str] = contextvars.ContextVar("pagecache_scope", default=ALL)
# The tables the current request read (None: not noting them).
_reads: contextvars.ContextVar[set[str] | None] = contextvars.ContextVar(
    "pagecache_reads", default=None
)
# The generations read when the current request began (``Snapshot``).
_snapshot: contextvars.ContextVar[Snapshot | None] = contextvars.ContextVar(
    "pagecache_snapshot", default=None
)
# A GET of a school's page: /s/<school>/…
SCHOOL_PATH = re.compile(r"^/s/(?P<school>[-\w]+)/")
# Per path, the generations its page was last looked up with in this process:
# read with the access layer's when the next request for it begins.
_path_keys: dict[str, tuple[str, ...]] = {}
PATH_KEYS_KEPT = 5000
# Per cached view, the tables this process has seen its pages read (``cached_page``).
_known: dict[Callable, set[str]] = {}
# What ``remembered`` keeps: (name, key) -> (ALL's generation, when, pickled value).
_memo: dict[tuple, tuple[str, float, bytes]] = {}
MEMO_SECONDS = 60
# How often a generation the shared cache lacks is tried to be started.
START_TRIES = 3
MEMO_KEPT = 5000
_fingerprint: str | None = None
_our_tables: frozenset[str] | None = None
_shared_tables: frozenset[str] | None = None


def typed(model: type, *fields: str) -> None:
    """Give these fields of ``model`` a generation of their own (``TYPED_COLUMNS``).

    For what a member types, autosaved: the pages that list the rows without
    these fields (``defer``) stay kept while someone types. Call it in the
    app's ``ready``, before any page is kept.
    """
    columns = frozenset(model._meta.get_field(name).column for name in fields)
    TYPED_COLUMNS[model._meta.db_table] = (
        TYPED_COLUMNS.get(model._meta.db_table, frozenset()) | columns
    )
    global _our_tables
    _our_tables = None


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


def _table(model) -> str:
    return model if isinstance(model, str) else model._meta.db_table


def our_tables() -> frozenset[str]:
    """The tables of the project's own models (many-to-many tables included).

    With them the typed columns of ``TYPED_COLUMNS`` (``<table>#typed``), which
    get a generation of their own.
    """
    global _our_tables
    if _our_tables is None:
        if not apps.ready:
            return frozenset()
        tables = {
            model._meta.db_table
            for model in apps.get_models(include_auto_created=True)
            if model.__module__.split(".")[0] in OUR_PACKAGES
        }
        _our_tables = frozenset(tables | {table + TYPED for table in TYPED_COLUMNS})
    return _our_tables


def shared_tables() -> frozenset[str]:
    global _shared_tables
    if _shared_tables is None:
        if not apps.ready:
            return frozenset()
        _shared_tables = frozenset(apps.get_model(label)._meta.db_table for label in SHARED_MODELS)
    return _shared_tables


def _counts(table: str) -> bool:
    """Whether a page may show what this table holds."""
    return table in our_tables() and not _ignored_table(table)


def _generation_key(scope: str, table: str = "") -> str:
    """The generation of ``table`` for ``scope``; without a table, the whole scope's."""
    return f"pagecache:generation:{scope}:{table}"


def _new_generation() -> str:
    # A new random value rather than a counter: a generation that the cache
    # dropped starts again from an unknown value, never from one a page kept.
    return secrets.token_hex(8)


def bump(scope: str = ALL, *tables) -> None:
    """Make the cached pages of a school (its slug) that read ``tables`` stale.

    Without tables, or for ALL, every page of the scope. Tables are models or
    table names.
    """
    names = sorted(_with_typed(_table(table) for table in tables)) or [""]
    _bump_all((scope, name) for name in names)


def _dependencies(school: str, tables: Iterable[str]) -> list[str]:
    """The generation keys a page of ``school`` that read ``tables`` is kept with.

    A table's generation is kept per school only, so that a page reads one key
    a table; a write for ALL bumps the one generation every page is kept with.
    """
    return [_generation_key(ALL), _generation_key(school)] + [
        _generation_key(school, table) for table in sorted(tables)
    ]


def _generations(keys: Iterable[str]) -> dict[str, str]:
    """The generations of ``keys`` (those the cache has), in at most one round trip.

    In a request that read them when it began (``Snapshot``), as they were
    then: read before anything that depends on them, which is all that counts.
    """
    keys = list(keys)
    snapshot = _snapshot.get()
    if snapshot is None:
        return _shared().get_many(keys)
    return snapshot.get(keys)


class Snapshot:
    """The generations a request read when it began, and any it read or started since."""

    def __init__(self, keys: Iterable[str]):
        self.read = set(keys)
        self.values = _shared().get_many(list(self.read))
        # Generations this request started itself (``_start``), with their values.
        self.own: dict[str, str] = {}

    def get(self, keys: list[str]) -> dict[str, str]:
        missing = [key for key in keys if key not in self.read]
        if missing:
            self.values.update(_shared().get_many(missing))
            self.read.update(missing)
        return {key: self.values[key] for key in keys if key in self.values}

    def started(self, key: str, value: str) -> None:
        self.read.add(key)
        self.values[key] = value
        self.own[key] = value

    def forget(self, key: str) -> None:
        self.read.discard(key)
        self.values.pop(key, None)


def _start(current: dict[str, str], keys: Iterable[str]) -> bool:
    """Start the generations of ``keys`` that ``current`` (read before rendering) lacks.

    Whether each is now the one read before rendering: a generation that a
    write started in between (the add fails) means the page may be older.
    Only the tables pages read get a generation, so the shared cache holds
    few (the database cache culls above its MAX_ENTRIES).
    """
    snapshot = _snapshot.get()
    for key in keys:
        if key not in current and snapshot is not None and key in snapshot.own:
            # Started by this request after ``current`` was read (a stamp while
            # the page rendered): no write came before that, or it would not
            # have started.
            current[key] = snapshot.own[key]
        if key not in current:
            value = _new_generation()
            if not _shared().add(key, value, None):
                if snapshot is not None:
                    snapshot.forget(key)  # read it again next time
                return False
            current[key] = value
            if snapshot is not None:
                snapshot.started(key, value)
    return True


def reads(*models) -> None:
    """Say that the page being rendered shows rows of ``models`` it did not read from the database.

    For code that keeps rows in memory or in a cache: the page is then kept
    with those tables' generations, as if it had read them.
    """
    noted = _reads.get()
    if noted is not None:
        noted.update(_with_typed(_table(model) for model in models))


def stamp(school_slug: str, *models) -> str:
    """A value that changes whenever ``models`` are written for the school (or for ALL).

    For keying something computed from those tables in a cache of its own; read
    it before reading the tables. The page being rendered then depends on them.
    A model's typed columns count too (``TYPED_COLUMNS``); for an exact set of
    tables, as ``reading`` notes them, use ``stamps``.
    """
    return stamps(school_slug, _with_typed(_table(model) for model in models))[0]


def stamps(school_slug: str, *table_sets: Iterable[str]) -> list[str]:
    """A stamp of each set of tables (names as ``reading`` gives them), all in one round trip.

    What this process wrote and has not yet told counts (outside a request, or
    on a page that is no cached page). The page being rendered then depends on
    every table in the sets, as if it had read them.
    """
    if _dirty:
        flush()
    table_sets = [frozenset(tables) for tables in table_sets]
    noted = _reads.get()
    if noted is not None:
        noted.update(*table_sets)
    return _stamps([_dependencies(school_slug, tables) for tables in table_sets])


def stamp_across(school_slugs: Iterable[str], tables: Iterable[str]) -> str:
    """One stamp of ``tables`` (names as ``reading`` gives them) for all these schools together.

    It changes whenever any of the schools (or ALL) writes to one of the tables.
    All the schools' generations are read in one round trip, whatever their
    number: for something computed over many schools (a board's view).
    """
    if _dirty:
        flush()
    tables = frozenset(tables)
    noted = _reads.get()
    if noted is not None:
        noted.update(tables)
    keys = sorted({key for slug in school_slugs for key in _dependencies(slug, tables)})
    return _stamps([keys])[0]


def _stamps(per_set: list[list[str]]) -> list[str]:
    """A stamp of each list of generation keys, all read in one round trip."""
    keys = sorted({key for keys in per_set for key in keys})
    current = _generations(keys)
    for _attempt in range(START_TRIES):
        if _start(current, keys):
            break
        current = _generations(keys)
    else:
        # The shared cache keeps refusing: stamps that match nothing kept.
        return [_new_generation() for _ in per_set]
    return [
        hashlib.sha256("\x1f".join(current[key] for key in keys).encode()).hexdigest()[:16]
        for keys in per_set
    ]


@contextlib.contextmanager
def reading():
    """The tables of ours (and typed columns) the queries inside the block read, as a set."""
    read: set[str] = set()

    def note(execute, sql, params, many, context):
        if _SELECT.match(sql):
            tables = _READ.findall(sql)
            read.update(tables)
            read.update(_typed_reads(sql, tables))
        return execute(sql, params, many, context)

    with connections["default"].execute_wrapper(note):
        yield read
    read &= our_tables()


def remembered(name: str, key, load: Callable[[], object], keep: Callable[[object], bool] = bool):
    """What ``load()`` returns, kept in this process while nothing is written for every school.

    For what the access layer reads on every page: the user and their
    memberships. Every write to those tables (users, schools, memberships) is
    for ALL, and bumps ALL's generation, which the request read when it began;
    so a member who is removed, or whose roles change, is read afresh on their
    next page. Kept for at most ``MEMO_SECONDS`` besides, and only while a
    request for a school's page (a GET, ``WritesMiddleware``) runs; anywhere
    else ``load()`` runs each time. The value is kept pickled: each request
    gets a copy of its own; a value ``keep`` refuses is not kept.
    """
    if _snapshot.get() is None or not settings.PAGE_CACHE_SECONDS:
        return load()
    generation = _all_generation()
    entry = _memo.get((name, key))
    now = time.monotonic()
    if entry is not None and entry[0] == generation and now - entry[1] < MEMO_SECONDS:
        return pickle.loads(entry[2])
    value = load()
    if not keep(value):
        return value
    if len(_memo) >= MEMO_KEPT:
        _memo.clear()
    _memo[(name, key)] = (generation, now, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    return value


def _all_generation() -> str:
    """ALL's generation, started if the cache has none."""
    key = _generation_key(ALL)
    for _attempt in range(START_TRIES):
        current = _generations([key])
        if key in current or _start(current, [key]):
            return current[key]
    return _new_generation()  # the shared cache keeps refusing: nothing kept matches


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
        str(request.user.pk),
        str(access.membership.pk),
        request.get_full_path(),
        translation.get_language() or "",
        timezone.localdate().isoformat(),
        str(_part_of_day()),
        code_fingerprint(),
    ]
    return "pagecache:page:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


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


def _take_csrf_secret(request: HttpRequest, secret: str | None) -> bool:
    """Whether a page kept for ``secret`` can be served to this browser; if so, keep its cookie.

    A browser holding no secret is given the page's, as a fresh render would
    give it a new one (the CSRF middleware sets the cookie, or stores it in
    the session with CSRF_USE_SESSIONS).
    """
    held = request.META.get("CSRF_COOKIE")
    if secret is None:
        return True
    if held is None:
        request.META["CSRF_COOKIE"] = secret
        request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True
        return True
    if held != secret:
        return False
    # Renews the cookie's expiry, as rendering the page's token would.
    get_token(request)
    return True


def cached_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Keep the page ``view`` renders for a GET; put it below ``@school_view`` and the methods."""
    # The tables this view's pages read, as this process has seen them render.
    known: set[str] = _known.setdefault(view, set())

    @wraps(view)
    def wrapper(request: HttpRequest, access, *args, **kwargs) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        if (
            not seconds
            or request.method != "GET"
            or getattr(request, "htmx", False)
            or _has_messages(request)
            or not request.session.session_key
        ):
            return view(request, access, *args, **kwargs)
        if _dirty:
            flush()
        school = access.school.slug
        page_key = _page_key(request, access)
        # Before rendering: the generations of every table the page may read.
        # Until this process has seen the view render, that is every table.
        expected = (known or our_tables()) | shared_tables()
        pre_read = _dependencies(school, expected)
        current = _generations(pre_read)
        _remember_keys(request.path_info, pre_read)
        kept = _cache().get(page_key)
        if kept is not None:
            generations, secret, content, content_type = kept
            unknown = generations.keys() - set(pre_read)
            if unknown:  # kept by another process that saw the view read more
                current.update(_generations(unknown))
            if all(current.get(key) == value for key, value in generations.items()) and (
                _take_csrf_secret(request, secret)
            ):
                return HttpResponse(zlib.decompress(content), content_type=content_type)
        noted = _reads.get()
        token = _reads.set(set()) if noted is None else None
        try:
            response = view(request, access, *args, **kwargs)
            read = {table for table in _reads.get() if _counts(table)} | shared_tables()
        finally:
            if token is not None:
                _reads.reset(token)
        known.update(read)
        keys = _dependencies(school, read)
        if (
            read <= expected
            and _cacheable(response)
            and not _has_messages(request)
            and _start(current, keys)
        ):
            generations = {key: current[key] for key in keys}
            # Compressed: a page of 40 KB keeps in about 8 (Redis memory, the cache table).
            content = zlib.compress(response.content, 1)
            secret = request.META.get("CSRF_COOKIE")
            entry = (generations, secret, content, response["Content-Type"])
            _cache().set(page_key, entry, seconds)
        return response

    wrapper.cached_page = True
    return wrapper


def forget() -> None:
    """Start as a new process would: nothing learned of views and paths, nothing remembered."""
    for tables in _known.values():
        tables.clear()
    _path_keys.clear()
    _memo.clear()


def _remember_keys(path: str, keys: list[str]) -> None:
    if _path_keys.get(path) != tuple(keys):
        if len(_path_keys) >= PATH_KEYS_KEPT:
            _path_keys.clear()
        _path_keys[path] = tuple(keys)


def _request_keys(request: HttpRequest) -> list[str] | None:
    """The generations a GET of a school's page will ask for: the access layer's and its page's."""
    match = SCHOOL_PATH.match(request.path_info)
    if request.method not in ("GET", "HEAD") or match is None or not settings.PAGE_CACHE_SECONDS:
        return None
    keys = _path_keys.get(request.path_info)
    return list(keys) if keys else [_generation_key(ALL), _generation_key(match["school"])]


def is_cached(view) -> bool:
    """Whether ``view`` (not its decorators) is wrapped by ``cached_page``."""
    return getattr(view, "cached_page", False)


# Watching the connection ------------------------------------------------------

_WRITE = re.compile(r"\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[\"`]?(\w+)", re.IGNORECASE)
_SELECT = re.compile(r"\s*(?:SELECT|WITH)\b", re.IGNORECASE)
_READ = re.compile(r"\b(?:FROM|JOIN)\s+[\"`]?(\w+)", re.IGNORECASE)
_SET = re.compile(r"\bSET\s+(.*?)\s+WHERE\b", re.IGNORECASE | re.DOTALL)
_COLUMN = re.compile(r"[\"`]?(\w+)[\"`]?\s*=")
# An UPDATE whose SET we may read wrong (a subquery, a row of columns): the whole table.
_UNREADABLE_SET = re.compile(r"\bSELECT\b|\)\s*=", re.IGNORECASE)
# Every column (hand-written SQL): ``SELECT *`` or ``table.*``.
_STAR = re.compile(r"\bSELECT\s+(?:DISTINCT\s+)?\*|\.\*", re.IGNORECASE)
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
# (scope, table) written to in this process and not yet bumped (``_note_write``).
_dirty: set[tuple[str, str]] = set()
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


def _updated_columns(sql: str) -> set[str]:
    """The columns an UPDATE sets (none for any other statement, or one we cannot read)."""
    if sql.lstrip()[:6].upper() != "UPDATE":
        return set()
    assignments = _SET.search(sql)
    return set(_COLUMN.findall(assignments.group(1))) if assignments else set()


def _written_table(sql: str, table: str) -> str | None:
    """What a write to ``table`` makes stale: the table, its typed columns, or nothing."""
    ignored, typed = IGNORED_COLUMNS.get(table), TYPED_COLUMNS.get(table)
    if not (ignored or typed):
        return table
    columns = _updated_columns(sql)
    if not columns or _UNREADABLE_SET.search(sql):
        return table
    if ignored and columns <= ignored:
        return None
    if typed and columns <= typed | (ignored or set()):
        return table + TYPED
    return table


def _with_typed(tables: Iterable[str]) -> set[str]:
    """``tables`` and their typed columns: all a page that shows their rows depends on."""
    tables = set(tables)
    return tables | {table + TYPED for table in tables if table in TYPED_COLUMNS}


def _typed_reads(sql: str, tables: Iterable[str]) -> set[str]:
    """The typed columns a SELECT may read: any of their names in it, whatever the alias."""
    every = _STAR.search(sql) is not None
    return {
        table + TYPED
        for table in tables
        if table in TYPED_COLUMNS
        and (
            every
            or any(f'"{column}"' in sql or f"`{column}`" in sql for column in TYPED_COLUMNS[table])
        )
    }


def _watch_queries(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    noted = _reads.get()
    if noted is not None and _SELECT.match(sql):
        tables = _READ.findall(sql)
        noted.update(tables)
        noted.update(_typed_reads(sql, tables))
        return result
    match = _WRITE.match(sql)
    if match and not _migrating.is_set() and settings.PAGE_CACHE_SECONDS:
        table = match.group(1)
        if _counts(table) and (written := _written_table(sql, table)) is not None:
            scope = ALL if table in shared_tables() else _scope.get()
            _note_write(context["connection"], scope, written)
    return result


def _note_write(connection, scope: str, table: str) -> None:
    """A write to ``table`` for ``scope``: stale here at once, for every process once committed.

    Nothing is read or written here: this runs inside the database driver's
    execute, before the statement's own rows are fetched (``INSERT … RETURNING``),
    so any query now could break that statement. The pair is marked dirty;
    this process bumps it before it next reads a page, at the end of the request
    and when the process exits. Inside a transaction its commit bumps it too,
    once per transaction, so that a page another process rendered in between
    from the data before the commit does not outlive it.
    """
    written = (scope, table)
    with _lock:
        _dirty.add(written)
    if not connection.in_atomic_block:
        # Committed already (autocommit); the flush after the request bumps it.
        return
    for _, callback, _ in connection.run_on_commit:
        pending = getattr(callback, "pagecache_written", None)
        if pending is not None:
            pending.add(written)
            return

    def bump_committed():
        _bump_all(bump_committed.pagecache_written)

    bump_committed.pagecache_written = {written}
    connection.on_commit(bump_committed, robust=True)


def _bump_all(written: Iterable[tuple[str, str]]) -> None:
    """Bump each (scope, table), in one round trip: for ALL, every page of every school."""
    generations = {
        _generation_key(scope, "" if scope == ALL else table): _new_generation()
        for scope, table in written
    }
    if generations:
        _shared().set_many(generations, None)
        snapshot = _snapshot.get()
        if snapshot is not None:
            # This request wrote: what it reads from here on is read anew.
            for key in generations:
                snapshot.forget(key)


def writes_to(school_slug: str) -> None:
    """Say which school the rest of this request writes to, when its URL does not name one.

    Pages without an account (a pupil answering a sociogram) find their school
    from what they are given; their writes then make only that school's pages stale.
    """
    _scope.set(school_slug)


def flush() -> None:
    """Bump what this process wrote to since it last looked."""
    with _lock:
        written = set(_dirty)
        _dirty.clear()
    try:
        _bump_all(written)
    except Exception:
        # The shared cache is away: told at the next flush, not forgotten.
        with _lock:
            _dirty.update(written)
        raise


class WritesMiddleware:
    """Knows which school's pages a request writes to and notes what it reads.

    When the request ends, it tells the other processes what it wrote.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _scope.set(ALL)
        # What a page depends on is read from here on: the access layer's user
        # and memberships too. Only a GET can be a kept page.
        reading = _reads.set(set() if request.method == "GET" else None)
        # A school's page: its generations and ALL's, in one round trip now,
        # before the user and the memberships are read (``remembered``).
        snapshot = _snapshot.set(None)
        try:
            keys = _request_keys(request)
            if keys is not None:
                if _dirty:
                    flush()
                _snapshot.set(Snapshot(keys))
            return self.get_response(request)
        finally:
            _snapshot.reset(snapshot)
            _reads.reset(reading)
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
    if _watch_queries not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch_queries)


def connect_signals() -> None:
    """Watch every database connection's reads and writes (bulk updates and raw SQL included)."""
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
