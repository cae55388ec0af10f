"""The report service fetches the app's static files and nothing else.

Every text a person types that reaches a report carries an image and an
attachment pointing at /etc/passwd, an image on a listening local server and
one on a URL of that server that redirects: the PDFs must come out with none
of them fetched or attached, and the text shown as text.
"""

import io
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader

from circles.models import Partner, SchoolContext
from tests.reports.conftest import fill, pdf_text
from tests.reports.test_roles import teambespreking_url
from welbevinden.reports.fetcher import StaticOnlyFetcher
from welbevinden.reports.service import render_pdf


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str]

    def do_GET(self):
        self.hits.append(self.path)
        if self.path.startswith("/r"):
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "image/svg+xml")
        self.end_headers()
        self.wfile.write(b'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"/>')

    def log_message(self, *args):
        pass


@pytest.fixture
def listening():
    """A local HTTP server on a free port that records every request it gets."""
    hits: list[str] = []
    handler = type("Recorder", (_Recorder,), {"hits": hits})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1], hits
    server.shutdown()
    server.server_close()


def payload(port: int) -> str:
    return (
        '<img src="file:///etc/passwd">'
        '<link rel=attachment href="file:///etc/passwd">'
        f'<img src="http://127.0.0.1:{port}/t">'
        f'<img src="http://127.0.0.1:{port}/r">'
    )


def squash(text: str) -> str:
    return "".join(text.split())


def assert_clean(response, evil: str, hits: list[str]):
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    assert not reader.attachments
    assert b"root:x:0:0" not in response.content
    assert hits == []
    # The markup is shown as the text someone typed.
    assert squash(evil) in squash(pdf_text(response))


def test_typed_markup_in_every_field_of_every_report_is_text_and_fetches_nothing(
    cast, login, listening
):
    port, hits = listening
    evil = payload(port)
    school = cast.school
    school.name = evil
    school.save()
    cast.group.name = evil[:60]
    cast.group.save()
    for member in (cast.leraar, cast.ib, cast.kernteam):
        member.user.full_name = evil
        member.user.save()
    plan = {"wat": evil, "wanneer": evil, "met_wie": evil}
    fill(
        "groepsklimaat",
        school=school,
        user=cast.leraar.user,
        group=cast.group,
        answers={"momenten": evil, "kan-ik-goed": evil, "vastlopen": evil},
    )
    fill(
        "ken-je-leerlingen",
        school=school,
        user=cast.leraar.user,
        group=cast.group,
        answers={"gespreksvragen": {"selected": ["goed-in"], "other": evil}, "plan": plan},
        finished=False,
    )
    fill("visie", school=school, user=cast.kernteam.user, answers={"visie": evil, "plan": plan})
    fill(
        "ruimte-voor-ontspanning",
        school=school,
        user=cast.leraar.user,
        answers={"ideeen": {"selected": [], "other": evil}, "nodig": evil, "plan": plan},
    )
    fill("schijf-van-zeven", school=school, user=cast.leraar.user, answers={"tevreden": evil})
    SchoolContext.objects.create(school=school, description=evil)
    Partner.objects.create(school=school, name=evil, kind="ggd", contact_role=evil, notes=evil)

    response = login(cast.leraar).get(teambespreking_url(school, cast.group))
    assert_clean(response, evil, hits)
    response = login(cast.kernteam).get(reverse("reports:schoolwerk", args=[school.slug]))
    assert_clean(response, evil, hits)
    response = login(cast.leraar).get(reverse("reports:mijn_reflectie", args=[school.slug]))
    assert_clean(response, evil, hits)


def test_the_fetcher_refuses_real_elements_pointing_outside_and_logs_them(listening, caplog):
    """Even markup that did reach the HTML unescaped fetches nothing."""
    port, hits = listening
    html = (
        "<html><body><p>Tekst</p>"
        f"{payload(port)}"
        f'<img src="http://localhost:{port}/t">'
        f'<link rel="stylesheet" href="http://127.0.0.1:{port}/s.css">'
        f'<img src="data:image/svg+xml,{"x" * 40_000}">'
        "</body></html>"
    )
    fetcher = StaticOnlyFetcher()
    with caplog.at_level(logging.WARNING, logger="welbevinden.reports.fetcher"):
        pdf = render_pdf(html=html, fetcher=fetcher)
    assert hits == []
    assert not PdfReader(io.BytesIO(pdf)).attachments
    assert b"root:x:0:0" not in pdf
    assert "file:///etc/passwd" in fetcher.refused
    assert f"http://127.0.0.1:{port}/t" in fetcher.refused
    assert f"http://127.0.0.1:{port}/r" in fetcher.refused
    assert f"http://127.0.0.1:{port}/s.css" in fetcher.refused
    assert any(url.startswith("data:image/svg+xml,xxx") for url in fetcher.refused)
    assert "Report refused to fetch file:///etc/passwd" in caplog.text


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///static/../../etc/passwd",
        "file:///static/%2e%2e/%2e%2e/etc/passwd",
        "file://evil.example/static/reports/print.css",
        "https://example.org/static/reports/print.css",
        "ftp://127.0.0.1/x",
    ],
)
def test_the_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ValueError):
        StaticOnlyFetcher().fetch(url)


def test_the_fetcher_serves_static_files_and_small_data_uris():
    fetcher = StaticOnlyFetcher()
    css = fetcher.fetch("file:///static/reports/print.css")
    assert b"@font-face" in css.read()
    font = fetcher.fetch("file:///static/fonts/open-sans/OpenSans-Regular.ttf")
    assert len(font.read()) > 100_000
    small = fetcher.fetch("data:text/plain,hallo")
    assert small.read() == b"hallo"
    assert fetcher.refused == []


def test_every_report_embeds_the_vendored_font(cast, login):
    response = login(cast.leraar).get(reverse("reports:mijn_reflectie", args=[cast.school.slug]))
    reader = PdfReader(io.BytesIO(response.content))
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("Open-Sans" in name for name in fonts)


def test_a_stale_collected_copy_never_shadows_the_source(settings, tmp_path):
    stale = tmp_path / "reports" / "print.css"
    stale.parent.mkdir()
    stale.write_text("/* stale */")
    settings.STATIC_ROOT = tmp_path
    body = StaticOnlyFetcher().fetch("file:///static/reports/print.css").read()
    assert b"@font-face" in body
