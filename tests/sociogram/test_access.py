"""Only the group's own teachers and the IB'ers see a sociogram; every look is logged."""

import pytest
from django.urls import reverse

from sociogram import services
from sociogram.models import AccessRecord

GROUP_VIEWS = ["group", "new", "notes"]
SOCIOGRAM_GET = ["detail", "edit", "paper", "questionnaire", "report"]
SOCIOGRAM_POST = ["open", "close", "reflection"]


def _urls(cast, sociogram):
    for name in GROUP_VIEWS:
        yield "get", reverse(f"sociogram:{name}", args=[cast.school.slug, cast.group.code])
    for name in SOCIOGRAM_GET:
        yield "get", reverse(f"sociogram:{name}", args=[cast.school.slug, sociogram.code])
    for name in SOCIOGRAM_POST:
        yield "post", reverse(f"sociogram:{name}", args=[cast.school.slug, sociogram.code])


@pytest.mark.parametrize("who", ["other_leraar", "beheerder", "directie", "kernteam"])
def test_everyone_but_the_groups_teachers_and_ib_gets_403(cast, sociogram, login, who):
    client = login(getattr(cast, who))
    for method, url in _urls(cast, sociogram):
        assert getattr(client, method)(url).status_code == 403, url
    assert not AccessRecord.objects.exists()


@pytest.mark.parametrize("who", ["leraar", "ib"])
def test_the_groups_teacher_and_the_ib_get_in(cast, sociogram, login, who):
    client = login(getattr(cast, who))
    for method, url in _urls(cast, sociogram):
        if method == "get" and not url.endswith(".pdf"):
            assert client.get(url).status_code in (200, 302), url


def test_a_member_of_another_school_gets_404(cast, other, sociogram, login):
    client = login(other.beheerder)
    for method, url in _urls(cast, sociogram):
        assert getattr(client, method)(url).status_code == 404, url
    # And with their own school in the address, our sociogram does not exist.
    url = reverse("sociogram:detail", args=[other.school.slug, sociogram.code])
    assert client.get(url).status_code == 404


def test_an_anonymous_visitor_and_a_pupil_with_a_code_are_sent_to_log_in(client, cast, sociogram):
    services.open_afname(sociogram)
    code = sociogram.respondents.first().answer_code
    client.post(reverse("sociogram:pupil_start"), {"code": code})
    for method, url in _urls(cast, sociogram):
        response = getattr(client, method)(url)
        assert response.status_code == 302 and "/account/" in response.url, url


def test_every_view_and_export_is_logged_without_content(cast, sociogram, pupils, login):
    services.enter_on_paper(
        sociogram=sociogram,
        respondent=pupils["Mees"],
        answers={"speel-graag": [pupils["Sanne"].pk]},
    )
    client = login(cast.ib)
    client.get(reverse("sociogram:detail", args=[cast.school.slug, sociogram.code]))
    client.get(reverse("sociogram:report", args=[cast.school.slug, sociogram.code]))
    client.get(reverse("sociogram:notes", args=[cast.school.slug, cast.group.code]))
    records = list(AccessRecord.objects.order_by("at"))
    assert [r.what for r in records] == ["results", "report", "notes"]
    assert {r.user_name for r in records} == {"Ilse Intern"}
    assert {r.group_name for r in records} == {"Groep 6b"}


def test_only_the_beheerder_reads_the_access_log(cast, sociogram, login):
    services.log_access(access=_Access(cast.leraar), group=cast.group, what="results")
    url = reverse("sociogram:access_log", args=[cast.school.slug])
    assert login(cast.ib).get(url).status_code == 403
    page = login(cast.beheerder).get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Lars Leraar" in html and "Groep 6b" in html and "bekeek de uitkomsten" in html


class _Access:
    def __init__(self, membership):
        self.school, self.user = membership.school, membership.user


def test_the_access_log_does_not_make_cached_pages_stale(cast, sociogram, pupils, login):
    from django.core.cache import caches

    from welbevinden.core import pagecache

    services.enter_on_paper(
        sociogram=sociogram,
        respondent=pupils["Mees"],
        answers={"speel-graag": [pupils["Sanne"].pk]},
    )
    client = login(cast.ib)
    url = reverse("sociogram:detail", args=[cast.school.slug, sociogram.code])
    pagecache.flush()
    slug = cast.school.slug
    keys = [
        pagecache._generation_key(slug),
        pagecache._generation_key(slug, "sociogram_sociogram"),
        pagecache._generation_key(slug, "sociogram_accessrecord"),
    ]
    pagecache.bump(slug, "sociogram_sociogram")
    before = caches["default"].get_many(keys)
    client.get(url)
    assert AccessRecord.objects.count() == 1
    assert caches["default"].get_many(keys) == before
    # A real change (a note) does.
    client.post(reverse("sociogram:reflection", args=[cast.school.slug, sociogram.code]), {})
    after = caches["default"].get_many(keys)
    assert after[keys[1]] != before[keys[1]]
    assert keys[2] not in after
