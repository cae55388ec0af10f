"""The cast's school with work in every scope, and a way to read a PDF's text."""

import io
from dataclasses import dataclass

import pytest
from django.core.cache import caches
from pypdf import PdfReader

from circles.models import Handvat, Partner, Round, SchoolContext
from circles.services import complete_round, load_handreiking, save_answers, start_round


@pytest.fixture(autouse=True)
def handreiking(db):
    load_handreiking()


@pytest.fixture(autouse=True)
def _empty_report_cache():
    caches["reports"].clear()
    yield
    caches["reports"].clear()


def _reader(response) -> PdfReader:
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(b"".join(response) if response.streaming else response.content))


def pdf_text(response) -> str:
    # Line breaks inside a paragraph are the layout's, not the text's.
    return " ".join(pdf_pages(response))


def pdf_pages(response) -> list[str]:
    """Each page's text, one string a page, its line breaks made spaces."""
    return [" ".join((page.extract_text() or "").split()) for page in _reader(response).pages]


@pytest.fixture
def renders(monkeypatch):
    """Counts the renderings that really happen (cache misses)."""
    from welbevinden.reports import service

    count = []
    real = service.render_pdf

    def counting(**kwargs):
        count.append(1)
        return real(**kwargs)

    monkeypatch.setattr(service, "render_pdf", counting)
    return count


def fill(key, *, school, user, group=None, answers, finished=True) -> Round:
    handvat = Handvat.objects.get(key=key)
    round = start_round(handvat=handvat, school=school, user=user, group=group)
    save_answers(round=round, answers=answers, version=round.version, user=user)
    if finished:
        complete_round(round=round)
    round.refresh_from_db()
    return round


@dataclass
class Work:
    group_round: Round
    other_group_round: Round
    personal_round: Round
    school_round: Round


@pytest.fixture
def work(cast) -> Work:
    """Recognisable text in each scope, to look for (or not) in the PDFs."""
    group_round = fill(
        "groepsklimaat",
        school=cast.school,
        user=cast.leraar.user,
        group=cast.group,
        answers={"klimaat": "moeizaam", "momenten": "Kring-op-maandag-zes-b"},
    )
    fill(
        "veilige-omgeving",
        school=cast.school,
        user=cast.leraar.user,
        group=cast.group,
        answers={"plan": {"wat": "Groepsplan-zes-b-begroeten", "wanneer": "maandag"}},
        finished=False,
    )
    other_group_round = fill(
        "groepsklimaat",
        school=cast.school,
        user=cast.other_leraar.user,
        group=cast.other_group,
        answers={"momenten": "Vrijdagspel-vier-a"},
    )
    personal_round = fill(
        "eigen-instrument",
        school=cast.school,
        user=cast.leraar.user,
        answers={"goede-voorbeeld": "Persoonlijk-van-Lars"},
    )
    fill(
        "eigen-instrument",
        school=cast.school,
        user=cast.ib.user,
        answers={"goede-voorbeeld": "Persoonlijk-van-Ilse"},
    )
    fill(
        "schijf-van-zeven",
        school=cast.school,
        user=cast.leraar.user,
        answers={"tijd": {"focus": 4, "slaap": 2}, "tevreden": "Schijf-van-Lars"},
    )
    school_round = fill(
        "visie",
        school=cast.school,
        user=cast.kernteam.user,
        answers={"visie": "Visie-van-het-Anker"},
    )
    SchoolContext.objects.create(school=cast.school, description="Omgeving-bij-de-haven")
    Partner.objects.create(school=cast.school, name="Wijkteam-Haven", kind="wijkteam")
    return Work(group_round, other_group_round, personal_round, school_round)
