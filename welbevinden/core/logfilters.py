"""Filters for the server log (used by LOGGING in the settings)."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied


class ForbiddenOnOneLine(logging.Filter):
    """A 403 is an expected answer (a member without the right role), not an
    error: keep Django's one-line "Forbidden (Permission denied): /path" and drop
    the traceback it attaches, so the log stays readable."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
