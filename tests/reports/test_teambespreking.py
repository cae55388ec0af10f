"""The Teambespreking as an IB'er takes it to the meeting: the demo's three groups on a
few pages, page 1 with every group at a glance, the full notes only when asked for."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from circles.climate.models import Entry, Visibility
from circles.models import Plan
from sociogram.models import Respondent
from tests.climate.conftest import make_entry
from tests.reports.conftest import fill, pdf_pages, pdf_text
from tests.reports.test_roles import TEAMBESPREKING_QUERIES, teambespreking_url
from welbevinden.accounts.models import User
from welbevinden.schools.models import Group, School


@pytest.fixture
def kiezel(db, settings):
    """De Kiezel as `seed_demo` makes it, and its IB'er logged in."""
    settings.DEBUG = True  # seed_demo is for development, as `make run` sets it
    call_command("seed_demo", stdout=StringIO())
    return School.objects.get(slug="de-kiezel")


def demo_url(school, *, appendix=False):
    groups = Group.objects.filter(school=school, school_year__is_current=True).order_by("name")
    year = school.current_year()
    url = teambespreking_url(
        school, *groups, start=year.starts_on.isoformat(), end=timezone.localdate().isoformat()
    )
    return url + ("&bijlage=on" if appendix else "")


@pytest.fixture
def noor(client):
    client.force_login(User.objects.get(email="noor.hendriks@bestuur.example"))
    return client


def test_the_demo_groups_fit_on_a_few_pages_with_groep_7s_fall_on_page_1(kiezel, noor):
    pages = pdf_pages(noor.get(demo_url(kiezel)))
    assert len(pages) <= 5
    first = pages[0]
    for name in ("Groep 3", "Groep 5", "Groep 7"):
        assert name in first
    groep_7 = first.split("Groep 7", 1)[1]
    lows = Entry.objects.filter(
        group__school=kiezel, group__name="Groep 7", level="negatief-veel-gedoe"
    ).order_by("day")
    assert lows.exists()  # the demo's story: Groep 7 falls after the herfstvakantie
    assert "Te bespreken" in groep_7
    assert "negatief (1) op" in groep_7
    assert date_format(lows.last().day, "j F") in groep_7
    # Our rules, and said so on the page that holds them.
    assert "volgt onze regels, niet die van de handreiking" in first
    assert "Trimbos-instituut" in first  # the attribution, as the cover had it


def test_each_groups_page_names_the_group_in_its_running_header(kiezel, noor):
    pages = pdf_pages(noor.get(demo_url(kiezel, appendix=True)))

    def header(page: str) -> str:
        # The margin boxes come last in the text of a page, header before footer.
        return page.rsplit("Basisschool De Kiezel ", 1)[1].split(" Bron:", 1)[0]

    assert header(pages[0]) == "Teambespreking"
    assert [header(page) for page in pages[1:4]] == [
        f"Groep {n} · Teambespreking" for n in (3, 5, 7)
    ]
    assert "Groep 3: wat er in de periode gebeurde" in pages[1]
    assert header(pages[4]) == "Groep 3 · Bijlage"
    assert header(pages[-1]) == "Groep 7 · Bijlage"


def test_the_full_notes_are_only_in_the_appendix(kiezel, noor):
    # A worry of an older note, shortened to its first line on the group's page.
    entry = Entry.objects.filter(group__school=kiezel, group__name="Groep 7").order_by("day")[0]
    Entry.objects.filter(pk=entry.pk).update(
        worries="Eerste-regel-van-de-zorg\nTweede-regel-alleen-in-de-bijlage"
    )
    without = pdf_text(noor.get(demo_url(kiezel)))
    response = noor.get(demo_url(kiezel, appendix=True))
    full = pdf_text(response)
    assert "Tweede-regel-alleen-in-de-bijlage" not in without
    assert "Bijlage · Groep 7: volledige notities" not in without
    assert "Bijlage · Groep 7: volledige notities" in full
    assert "Tweede-regel-alleen-in-de-bijlage" in full
    assert "Eerste-regel-van-de-zorg" in full
    assert "Groepsdynamiek" in full  # every field of a note
    assert response["Content-Disposition"].endswith('-met-bijlage.pdf"')


def test_the_sociogram_summary_gives_numbers_and_no_pupil_names(kiezel, noor):
    names = list(
        Respondent.objects.filter(sociogram__group__school=kiezel).values_list(
            "pupil__display_name", flat=True
        )
    )
    assert names
    for appendix in (False, True):
        pages = pdf_pages(noor.get(demo_url(kiezel, appendix=appendix)))
        groep_5 = pages[0].split("Groep 5", 1)[1].split("Groep 7", 1)[0]
        assert "1 meting" in groep_5
        assert "leerlingen vragen aandacht" in groep_5
        text = " ".join(pages)
        for name in names:
            assert name not in text
        first_names = {name.split(" ")[0] for name in names}
        for first_name in first_names:
            assert f" {first_name} " not in f" {groep_5} ", first_name


def test_an_unchanged_demo_report_comes_from_the_cache(kiezel, noor, renders):
    first = noor.get(demo_url(kiezel))
    again = noor.get(demo_url(kiezel))
    assert len(renders) == 1
    assert first.content == again.content
    noor.get(demo_url(kiezel, appendix=True))  # another report: rendered
    noor.get(demo_url(kiezel, appendix=True))
    assert len(renders) == 2


def test_the_queries_do_not_grow_with_the_groups(
    kiezel, noor, django_assert_max_num_queries, renders
):
    groups = list(Group.objects.filter(school=kiezel, school_year__is_current=True))
    today = timezone.localdate().isoformat()
    start = kiezel.current_year().starts_on.isoformat()
    for chosen in (groups[:1], groups):
        url = teambespreking_url(kiezel, *chosen, start=start, end=today, appendix=True)
        with django_assert_max_num_queries(TEAMBESPREKING_QUERIES):
            assert noor.get(url).status_code == 200


# The points to discuss, each rule on its own (our rules; the PDF says so).


def points_of(text: str) -> str:
    return text.split("Te bespreken", 1)[1].split("volgt onze regels", 1)[0]


def test_a_fall_and_a_negative_level_are_points_to_discuss(cast, login):
    today = timezone.localdate()
    make_entry(cast.group, cast.leraar, day=today - datetime.timedelta(days=7), level="moeizaam")
    make_entry(cast.group, cast.leraar, day=today, level="negatief-veel-gedoe")
    text = points_of(pdf_text(login(cast.ib).get(teambespreking_url(cast.school, cast.group))))
    assert "Het klimaat is negatief (1" in text
    assert "Het klimaat is gedaald van 2 naar 1" in text


def test_a_group_without_a_recent_note_is_a_point_to_discuss(cast, login):
    today = timezone.localdate()
    make_entry(cast.group, cast.leraar, day=today - datetime.timedelta(days=40))
    make_entry(
        cast.group,
        cast.leraar,
        day=today - datetime.timedelta(days=1),
        visibility=Visibility.PRIVATE,  # a private note counts nowhere
    )
    text = points_of(pdf_text(login(cast.ib).get(teambespreking_url(cast.school, cast.group))))
    assert "Al 5 weken geen gedeelde klimaatnotitie" in text


def test_an_old_open_plan_and_an_old_open_step_are_points_to_discuss(cast, login):
    today = timezone.localdate()
    fill(
        "veilige-omgeving",
        school=cast.school,
        user=cast.leraar.user,
        group=cast.group,
        answers={"plan": {"wat": "Elke-ochtend-begroeten", "wanneer": "maandag"}},
        finished=False,
    )
    Plan.objects.update(created_at=timezone.now() - datetime.timedelta(weeks=7))
    make_entry(
        cast.group,
        cast.leraar,
        day=today - datetime.timedelta(weeks=5),
        next_step="Kringgesprek-plannen",
    )
    make_entry(cast.group, cast.leraar, day=today)
    text = points_of(pdf_text(login(cast.ib).get(teambespreking_url(cast.school, cast.group))))
    assert "Plan „Elke-ochtend-begroeten” staat al 7 weken open" in text
    assert "1 volgende stap uit een notitie van meer dan 4 weken geleden" in text


def test_a_quiet_group_has_nothing_to_discuss(cast, login):
    make_entry(cast.group, cast.leraar, day=timezone.localdate())
    text = pdf_text(login(cast.ib).get(teambespreking_url(cast.school, cast.group)))
    assert "Niets volgens onze regels." in text


def test_the_form_offers_the_appendix(cast, login):
    page = login(cast.ib).get(reverse("reports:teambespreking", args=[cast.school.slug]))
    html = page.content.decode()
    assert 'name="bijlage"' in html
    assert "Volledige notities als bijlage" in html
