"""Every download names its file here.

A download's file name is often made of what people typed: a group's name, a
school year's. Put as it is into a ``Content-Disposition`` header, a quote or a
semicolon in it ends the name and starts a parameter of its own (a group
called ``G5.html"; filename*=…`` chooses the file's name and type) and a line
break ends the header. So every response that is a download gets its header
from ``attachment``: the name is cut down to letters, digits and a few marks,
and the header is Django's ``content_disposition_header``, which quotes plain
ASCII and encodes anything else as RFC 6266 ``filename*``.

``HtmxDownloadMiddleware``: every download control downloads, with and without
JavaScript. The download button (``reports/_download.html``) is a plain GET
form; with htmx it asks for the file in the background so it can say it is
working. A file answered to such a request would be swapped into the page as
text (the raw "%PDF-1.7 …"), so an htmx request for a file is answered with an
``HX-Redirect`` to the same URL instead: the browser then downloads it.
Reports are cached (``report_pdf``), so the second request is served from the
cache.
"""

import re
import unicodedata

from django.http import HttpRequest, HttpResponse
from django.utils.http import content_disposition_header

# Letters and digits of any script, and "_", "-", "." and the space; anything
# else (quotes, semicolons, slashes, control and direction characters) is a "-".
_UNSAFE = re.compile(r"[^\w.\- ]")
_DASHES = re.compile(r"\s*-[\s-]*")
_SPACES = re.compile(r"\s+")
MAX_LENGTH = 120


def safe_filename(name: str, *, fallback: str = "download") -> str:
    """A file name that is the same on every system and cannot break a header."""
    name = _UNSAFE.sub("-", unicodedata.normalize("NFC", name))
    name = _SPACES.sub(" ", _DASHES.sub("-", name))
    stem, dot, extension = name.rpartition(".")
    if not dot or not extension.isalnum() or len(extension) > 5:
        stem, dot, extension = name, "", ""
    # No leading dot (a hidden file) and no trailing dot or space (Windows).
    stem = stem.strip(" .-")[: MAX_LENGTH - len(dot + extension)].strip(" .-")
    return f"{stem or fallback}{dot}{extension}"


def attachment(response: HttpResponse, filename: str) -> HttpResponse:
    """Mark the response as a download named ``filename`` (made safe)."""
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=safe_filename(filename)
    )
    return response


class HtmxDownloadMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            getattr(request, "htmx", False)
            and request.method == "GET"
            and response.get("Content-Disposition", "").lower().startswith("attachment")
        ):
            redirect = HttpResponse(status=200)
            redirect["HX-Redirect"] = request.get_full_path()
            redirect["Cache-Control"] = "private, no-store"
            return redirect
        return response
