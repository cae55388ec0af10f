"""Every download control downloads, with and without JavaScript.

The download button (``reports/_download.html``) is a plain GET form; with
htmx it asks for the file in the background so it can say it is working. A
file answered to such a request would be swapped into the page as text (the
raw "%PDF-1.7 …"), so this middleware answers an htmx request for a file with
an ``HX-Redirect`` to the same URL instead: the browser then downloads it.
Reports are cached (``report_pdf``), so the second request is served from the
cache.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


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
