"""Every download names its file here.

A download's file name is often made of what people typed: a group's name, a
school year's. Put as it is into a ``Content-Disposition`` header, a quote or a
semicolon in it ends the name and starts a parameter of its own (a group
called ``G5.html"; filename*=…`` chooses the file's name and type) and a line
break ends the header. So every response that is a download gets its header
from ``attachment``: the name is cut down to letters, digits and a few marks,
and the header is Django's ``content_disposition_header``, which quotes plain
ASCII and encodes anything else as RFC 6266 ``filename*``.
"""

import re
import unicodedata

from django.http import HttpResponse
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
