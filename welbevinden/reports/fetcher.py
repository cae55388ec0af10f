"""The only way a report reaches outside its own HTML: the app's static files.

WeasyPrint fetches every URL it meets (stylesheets, fonts, images, SVG,
``<link rel=attachment>``) through this fetcher. It serves files under
STATIC_URL from disk, through the staticfiles storage or finders, and refuses
everything else: other ``file:`` paths, ``http(s):`` (the app's own host and
127.0.0.1 included, so a report can never make the server call itself or the
network behind it), and ``data:`` URIs above a small size. Redirects cannot
happen, because nothing is fetched over HTTP. A refused URL is logged and
never opened.
"""

from __future__ import annotations

import base64
import logging
import mimetypes
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

# The base URL that reports are rendered against: "/static/x.css" in a
# template becomes "file:///static/x.css", which this fetcher maps onto the
# static files (never onto the real /static directory of the machine).
BASE_URL = "file:///"
MAX_DATA_URI_BYTES = 32 * 1024


class RefusedURL(ValueError):
    """A URL a report may not fetch."""


def _static_prefix() -> str:
    prefix = urlsplit(settings.STATIC_URL).path
    return "/" + prefix.strip("/") + "/"


def static_path(url: str) -> Path | None:
    """The file on disk behind a static ``file:`` URL, or None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = unquote(parts.path)
    prefix = _static_prefix()
    if not path.startswith(prefix):
        return None
    name = path[len(prefix) :]
    if not name or "\x00" in name or any(part in ("..", "") for part in name.split("/")):
        return None
    try:
        # The source files first, so a stale collectstatic copy never shadows
        # them in development; hashed names (STATIC_MANIFEST) only exist in
        # the collected storage.
        found = finders.find(name)
        if not found and staticfiles_storage.exists(name):
            found = staticfiles_storage.path(name)
    except Exception:  # SuspiciousFileOperation and the like: refuse, never guess.
        return None
    return Path(found) if found else None


def _data_uri(url: str) -> URLFetcherResponse:
    header, _, payload = url[len("data:") :].partition(",")
    if header.endswith(";base64"):
        body = base64.b64decode(unquote(payload), validate=False)
        media_type = header[: -len(";base64")]
    else:
        body = unquote_to_bytes(payload)
        media_type = header
    return URLFetcherResponse(url, body, {"Content-Type": media_type.split(";")[0] or "text/plain"})


class _StaticResponse(URLFetcherResponse):
    """A static file under its virtual URL, with the real file behind ``path``.

    WeasyPrint may read a raster image again from ``path``; relative URLs
    inside the file still resolve against the virtual URL.
    """

    def __init__(self, url: str, file: Path):
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        super().__init__(url, file.read_bytes(), {"Content-Type": media_type})
        self._file = file

    @property
    def path(self):
        return str(self._file)


class StaticOnlyFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that serves the app's static files and nothing else."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols=("file", "data"), allow_redirects=False)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            if len(url) > MAX_DATA_URI_BYTES:
                self._refuse(url, "data: URI too large")
            return _data_uri(url)
        path = static_path(url) if scheme == "file" else None
        if path is None:
            self._refuse(url, "not a static file of the app")
        return _StaticResponse(url, path)

    def _refuse(self, url: str, reason: str):
        shown = url if len(url) <= 200 else url[:200] + "…"
        self.refused.append(shown)
        logger.warning("Report refused to fetch %s (%s)", shown, reason)
        raise RefusedURL(f"Refused: {shown}")
