"""Every download's file name goes through one helper (issue 19, point 14), and every
download button downloads: an htmx request for a file is sent on to it (issue 21, point 1)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from circles.services import load_handreiking
from sociogram import questions as q
from sociogram.services import create_sociogram
from welbevinden.downloads import attachment, safe_filename

HOSTILE_NAMES = [
    "G5.html\"; filename*=UTF-8''evil.html",
    "Groep 5\r\nSet-Cookie: sessionid=stolen",
    "Groep 5 – Ö",
    "../../etc/passwd",
    "\u202elmth.pdf",
    '";\\',
]


def _one_disposition(response) -> str:
    headers = [v for k, v in response.items() if k.lower() == "content-disposition"]
    assert len(headers) == 1
    return headers[0]


def _filename_of(disposition: str) -> str:
    from urllib.parse import unquote

    match = re.fullmatch(r'attachment; filename="([^"\\]*)"', disposition)
    if match:
        return match.group(1)
    match = re.fullmatch(r"attachment; filename\*=utf-8''([A-Za-z0-9%._~-]*)", disposition)
    assert match, disposition
    return unquote(match.group(1))


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_hostile_name_makes_one_header_with_a_plain_file_name(name):
    response = attachment(HttpResponse(b""), f"sociogram-{name}.pdf")
    disposition = _one_disposition(response)
    assert "\r" not in disposition and "\n" not in disposition
    filename = _filename_of(disposition)
    assert filename.startswith("sociogram") and filename.endswith(".pdf")
    assert not set(filename) & set('"\\/;:\r\n\u202e')


def test_a_non_ascii_name_is_kept_readable():
    assert safe_filename("sociogram-Groep 5 – Ö.pdf") == "sociogram-Groep 5-Ö.pdf"
    disposition = attachment(HttpResponse(b""), "Groep 5 – Ö.pdf")["Content-Disposition"]
    assert disposition == "attachment; filename*=utf-8''Groep%205-%C3%96.pdf"


def test_a_name_of_nothing_but_marks_still_names_a_file():
    assert safe_filename('"";.pdf') == "download.pdf"
    assert safe_filename("x" * 500 + ".pdf") == "x" * 116 + ".pdf"


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_group_name_cannot_set_the_printouts_file_name(login, cast, name):
    load_handreiking()
    cast.group.name = name
    cast.group.save()
    sociogram = create_sociogram(
        group=cast.group,
        user=cast.leraar.user,
        title="Najaar",
        questions=q.defaults(),
        max_choices=None,
    )
    client = login(cast.leraar)
    url = reverse("sociogram:questionnaire", args=[cast.school.slug, sociogram.code])
    response = client.get(url)
    assert response.status_code == 200
    filename = _filename_of(_one_disposition(response))
    assert filename.startswith("sociogram-vragenlijst") and filename.endswith(".pdf")
    assert not set(filename) & set('"\\/;:\r\n\u202e')


def test_no_module_writes_a_content_disposition_of_its_own():
    base = Path(settings.BASE_DIR)
    writers = [
        str(path.relative_to(base))
        for folder in ("welbevinden", "circles", "pyramid", "checklists", "sociogram")
        for path in (base / folder).rglob("*.py")
        if "content-disposition" in path.read_text().lower()
    ]
    assert writers == ["welbevinden/downloads.py"]


def test_an_htmx_request_for_the_agenda_pdf_is_redirected_to_the_download(client, cast):
    client.force_login(cast.kernteam.user)
    url = reverse("checklists:agenda_pdf", args=[cast.school.slug])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response["HX-Redirect"] == url
    assert not response.content.startswith(b"%PDF")
    download = client.get(response["HX-Redirect"])
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")


def test_pages_and_fragments_for_htmx_are_left_alone(client, cast):
    client.force_login(cast.kernteam.user)
    response = client.get(
        reverse("checklists:agenda", args=[cast.school.slug]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "HX-Redirect" not in response
