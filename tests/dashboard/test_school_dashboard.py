"""The school dashboard and the Kernteamrapport: who sees what, and what the
counts of groups give away (welbevinden/suppression.py)."""

import datetime
import re
from io import StringIO

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.climate.conftest import make_entry
from tests.factories import make_group, make_member
from tests.reports.conftest import pdf_text
from welbevinden.reports import service
from welbevinden.schools.models import Membership, Role, School


def dashboard_url(school, **params):
    url = reverse("dashboard:school", args=[school.slug])
    if params:
        url += "?" + "&".join(f"{key}={value}" for key, value in params.items())
    return url


def report_url(school):
    return reverse("reports:kernteamrapport", args=[school.slug])


def section(page: str, key: str) -> str:
    return page.split(f'id="{key}"')[1].split("</section>")[0]


def climate_cells(page: str) -> list[str]:
    """The climate section's table: every cell of every period row, as shown."""
    table = section(page, "climate").split("<tbody>")[1].split("</tbody>")[0]
    return re.findall(r'<td class="text-end">([^<]*)</td>', table)


# Access ---------------------------------------------------------------------------


def test_an_outsider_gets_404(cast, other, login):
    client = login(other.leraar)
    assert client.get(dashboard_url(cast.school)).status_code == 404
    assert client.get(report_url(cast.school)).status_code == 404


def test_a_beheerder_only_gets_403(cast, login):
    client = login(cast.beheerder)
    assert client.get(dashboard_url(cast.school)).status_code == 403
    assert client.get(report_url(cast.school)).status_code == 403


def test_a_leraar_reads_the_dashboard_but_does_not_print_the_kernteamrapport(cast, login):
    client = login(cast.leraar)
    page = client.get(dashboard_url(cast.school))
    assert page.status_code == 200
    assert "Kernteamrapport (pdf)" not in page.content.decode()
    assert client.get(report_url(cast.school)).status_code == 403


@pytest.mark.parametrize("role", ["kernteam", "ib", "directie"])
def test_kernteam_ib_and_directie_see_the_dashboard_and_print_it(cast, login, role):
    client = login(getattr(cast, role))
    page = client.get(dashboard_url(cast.school)).content.decode()
    assert "Kernteamrapport (pdf)" in page
    for key in ("circles", "climate", "pyramid"):
        assert f'id="{key}"' in page
    response = client.get(report_url(cast.school))
    assert response.status_code == 200
    text = pdf_text(response)
    assert "Samenvatting" in text and "Groepsklimaat" in text and "Werk per cirkel" in text


# Bad input ------------------------------------------------------------------------


def test_an_unknown_year_or_period_says_so_in_dutch_and_shows_the_current_year(cast, login):
    client = login(cast.directie)
    page = client.get(dashboard_url(cast.school, jaar="onzin", periode="9"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Dat schooljaar staat niet bij deze school." in text
    assert "We tonen het huidige schooljaar." in text
    assert 'id="climate"' in text
    assert client.get(report_url(cast.school) + "?jaar=onzin").status_code == 200


def test_a_period_narrows_the_span(cast, login):
    year = cast.school.current_year()
    page = login(cast.directie).get(dashboard_url(cast.school, jaar=year.code, periode=1))
    assert f"Periode: {year.name}, aug – okt" in page.content.decode()


# Counts of groups (suppression) ----------------------------------------------------


def five_groups(cast):
    """A school of five groups (the cast's two and three more), each with a
    teacher, and shared notes a month ago: two positief, two overwegend
    positief, one negatief."""
    groups = [cast.group, cast.other_group]
    for name in ("Groep 3", "Groep 5", "Groep 7"):
        groups.append(make_group(cast.school, name))
    teachers = [cast.leraar, cast.other_leraar]
    for index, group in enumerate(groups[2:]):
        teachers.append(
            make_member(cast.school, Role.LERAAR, groups=[group], full_name=f"L{index}")
        )
    day = timezone.localdate() - datetime.timedelta(days=30)
    levels = [
        "positief-versterkend",
        "positief-versterkend",
        "overwegend-positief",
        "overwegend-positief",
        "negatief-veel-gedoe",
    ]
    for group, teacher, level in zip(groups, teachers, levels, strict=True):
        make_entry(group, teacher, day=max(day, group.school_year.starts_on), level=level)
    return groups, teachers


def test_a_school_of_five_groups_sees_its_climate_picture_without_names(cast, login):
    groups, _teachers = five_groups(cast)
    page = login(cast.directie).get(dashboard_url(cast.school)).content.decode()
    climate = section(page, "climate")
    # negatief 1, moeizaam 0, overwegend positief 2, positief 2, of 5: in the last row.
    assert climate_cells(page)[-5:] == ["1", "0", "2", "2", "5"]
    for group in groups:
        assert group.name not in climate
    assert "laagste niveau" in climate
    # The IB'er sees which group.
    page = login(cast.ib).get(dashboard_url(cast.school)).content.decode()
    assert "Groep 7" in section(page, "climate")


def test_a_teacher_on_the_kernteam_sees_only_the_total_where_their_own_group_would_tell(
    cast, login
):
    groups, teachers = five_groups(cast)
    # Three groups on "negatief": the teacher of the one positief group (after the
    # others' notes) would otherwise know all the others stand on "negatief".
    day = timezone.localdate() - datetime.timedelta(days=20)
    for group, teacher in zip(groups[:4], teachers[:4], strict=True):
        make_entry(
            group, teacher, day=max(day, group.school_year.starts_on), level="negatief-veel-gedoe"
        )
    kern_leraar = Membership.objects.get(pk=teachers[4].pk)
    kern_leraar.is_kernteam = True
    kern_leraar.save()
    # groups[4] stays negatief too: all five on one level, hidden for everyone.
    assert set(
        climate_cells(login(cast.directie).get(dashboard_url(cast.school)).content.decode())[-5:-1]
    ) == {"–"}
    # One group up: directie sees 4 and 1; the teacher of the group that went up
    # would know the other four, so they see only the total.
    make_entry(
        groups[4],
        teachers[4],
        day=timezone.localdate() - datetime.timedelta(days=10),
        level="positief-versterkend",
    )
    assert climate_cells(login(cast.directie).get(dashboard_url(cast.school)).content.decode())[
        -5:
    ] == ["4", "0", "0", "1", "5"]
    own = login(kern_leraar).get(dashboard_url(cast.school)).content.decode()
    assert climate_cells(own)[-5:] == ["–", "–", "–", "–", "5"]


def test_successive_views_do_not_tell_whose_note_came_in_between(cast, login):
    """Replayed: directie looks, a teacher logs a note, directie looks again the
    same week. Nothing changes for directie until the week is over; the IB'er
    sees it at once."""
    groups, teachers = five_groups(cast)
    before = section(
        login(cast.directie).get(dashboard_url(cast.school)).content.decode(), "climate"
    )
    ib_before = climate_cells(login(cast.ib).get(dashboard_url(cast.school)).content.decode())
    make_entry(groups[4], teachers[4], day=timezone.localdate(), level="moeizaam")
    after = section(
        login(cast.directie).get(dashboard_url(cast.school)).content.decode(), "climate"
    )
    assert after == before
    ib_after = climate_cells(login(cast.ib).get(dashboard_url(cast.school)).content.decode())
    assert ib_after != ib_before


def test_a_private_note_counts_for_no_one(cast, login):
    from circles.climate.models import Visibility

    groups, teachers = five_groups(cast)
    make_entry(
        groups[0],
        teachers[0],
        day=timezone.localdate() - datetime.timedelta(days=9),
        level="moeizaam",
        visibility=Visibility.PRIVATE,
    )
    for who in (cast.directie, cast.ib):
        cells = climate_cells(login(who).get(dashboard_url(cast.school)).content.decode())
        assert cells[-5:] == ["1", "0", "2", "2", "5"]


def test_personal_handvatten_are_counted_not_named(cast, login):
    from tests.reports.conftest import fill

    fill("stress-en-werkdruk", school=cast.school, user=cast.leraar.user, answers={})
    page = login(cast.directie).get(dashboard_url(cast.school)).content.decode()
    circles = section(page, "circles")
    assert "minder dan 5 collega" in circles
    assert cast.leraar.user.full_name not in page


# Budgets and the report cache --------------------------------------------------------


def test_the_dashboard_costs_the_same_queries_however_large_the_school(cast, login):
    client = login(cast.ib)

    def rendered_anew() -> tuple[int, int]:
        """Queries of the page rendered anew: with its sections kept, and built anew."""
        client.get(dashboard_url(cast.school))  # the sections kept (dashboard/sections.py)
        caches["pages"].clear()  # what the page costs rendered anew
        with CaptureQueriesContext(connection) as kept:
            client.get(dashboard_url(cast.school))
        cache.clear()  # every section built anew too
        caches["pages"].clear()
        with CaptureQueriesContext(connection) as built:
            client.get(dashboard_url(cast.school))
        return len(kept), len(built)

    small = rendered_anew()
    five_groups(cast)
    for number in range(8):
        group = make_group(cast.school, f"Groep extra {number}")
        teacher = make_member(cast.school, Role.LERAAR, groups=[group], full_name=f"X {number}")
        make_entry(group, teacher, day=timezone.localdate() - datetime.timedelta(days=12))
    large = rendered_anew()
    assert large == small
    assert small[1] > small[0] > 1


def test_an_unchanged_kernteamrapport_is_served_from_the_cache(cast, login, monkeypatch):
    renders = []
    real = service.render_pdf
    monkeypatch.setattr(service, "render_pdf", lambda **kw: renders.append(1) or real(**kw))
    client = login(cast.directie)
    first = client.get(report_url(cast.school)).content
    second = client.get(report_url(cast.school)).content
    assert first == second and len(renders) == 1
    five_groups(cast)  # the climate counts it shows change
    client.get(report_url(cast.school) + "?periode=")
    assert len(renders) == 2


# The demo schools ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "email"),
    [("de-kiezel", "directie@kiezel.example"), ("de-rimpeling", "daan@rimpeling.example")],
)
def test_a_kernteam_member_of_each_demo_school_sees_every_section_filled(
    client, settings, slug, email
):
    settings.DEBUG = True
    call_command("seed_demo", stdout=StringIO())
    school = School.objects.get(slug=slug)
    client.force_login(Membership.objects.get(school=school, user__email=email).user)
    page = client.get(dashboard_url(school)).content.decode()
    assert "Er zijn in dit schooljaar nog geen gedeelde klimaatnotities." not in page
    assert "nog geen ondersteuningspiramide" not in page
    for key in ("circles", "climate", "pyramid"):
        assert f'id="{key}"' in page
    text = pdf_text(client.get(report_url(school)))
    assert "Ging goed" in text and "Te besluiten" in text
