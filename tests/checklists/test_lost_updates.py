"""Two kernteam members edit the same answer from the same page: the second gets a conflict
(their own text kept, the colleague's shown), never a silent overwrite (issue 19, point 6)."""

import re

from django.urls import reverse

from checklists import services
from checklists.models import Agenda, Agreement, Goal


def _url(cast, name, *args):
    return reverse(f"checklists:{name}", args=[cast.school.slug, *args])


def _version(page: str) -> str:
    """The version a form was made from, as a browser would send it back (none: empty)."""
    found = re.search(r'name="version" value="(\d+)"', page)
    return found.group(1) if found else ""


def _form_of(client, member, url) -> str:
    client.force_login(member.user)
    return _version(client.get(url).content.decode())


def _post(client, member, url, data):
    client.force_login(member.user)
    return client.post(url, data)


def test_agenda_answers_from_a_stale_page_are_a_conflict_not_an_overwrite(client, cast):
    Agenda.objects.create(school=cast.school, on_agenda="Elke teamvergadering")
    url = _url(cast, "agenda_answers")
    karin = _form_of(client, cast.kernteam, url)
    ilse = _form_of(client, cast.ib, url)
    assert karin == ilse

    first = {"on_agenda": "Elke tweede teamvergadering", "involve": "Via de ouderraad"}
    assert _post(client, cast.kernteam, url, {**first, "version": karin}).status_code == 302
    second = {"on_agenda": "Op de studiedagen", "involve": "", "monitoring": "Met de SVL"}
    response = _post(client, cast.ib, url, {**second, "version": ilse})

    assert response.status_code == 409
    agenda = Agenda.objects.get(school=cast.school)
    assert (agenda.on_agenda, agenda.involve) == ("Elke tweede teamvergadering", "Via de ouderraad")
    page = response.content.decode()
    assert "Karin Kern heeft deze antwoorden intussen gewijzigd" in page
    assert "Op de studiedagen</textarea>" in page and "Met de SVL</textarea>" in page
    assert "Elke tweede teamvergadering" in page[page.index('id="hun-versie"') :]
    # Saving again from the conflict page is the deliberate choice for this version.
    again = _post(client, cast.ib, url, {**second, "version": _version(page)})
    assert again.status_code == 302
    agenda.refresh_from_db()
    assert (agenda.on_agenda, agenda.monitoring) == ("Op de studiedagen", "Met de SVL")


def test_the_first_agenda_answers_by_two_members_at_once_conflict_too(client, cast):
    url = _url(cast, "agenda_answers")
    karin, ilse = _form_of(client, cast.kernteam, url), _form_of(client, cast.ib, url)
    _post(client, cast.kernteam, url, {"on_agenda": "Vast agendapunt", "version": karin})
    response = _post(client, cast.ib, url, {"on_agenda": "Elke maand", "version": ilse})
    assert response.status_code == 409
    assert Agenda.objects.get(school=cast.school).on_agenda == "Vast agendapunt"


def test_an_agreement_from_a_stale_page_is_a_conflict_not_an_overwrite(client, cast):
    round = services.round_of(
        school=cast.school, year=cast.school.current_year(), key="gedragsverwachtingen"
    )
    url = _url(cast, "agree", "gedragsverwachtingen", round.code)
    karin = _form_of(client, cast.kernteam, url + "?item=zichtbaar")
    ilse = _form_of(client, cast.ib, url + "?item=zichtbaar")

    first = {"item": "zichtbaar", "answer": "prioriteit", "note": "Pictogrammen in elke klas"}
    assert _post(client, cast.kernteam, url, {**first, "version": karin}).status_code == 302
    second = {"item": "zichtbaar", "answer": "goed", "note": "Hangt al in de gang"}
    response = _post(client, cast.ib, url, {**second, "version": ilse})

    assert response.status_code == 409
    agreed = Agreement.objects.get(round=round, item="zichtbaar")
    assert (agreed.answer, agreed.note) == ("prioriteit", "Pictogrammen in elke klas")
    page = response.content.decode()
    assert "Karin Kern heeft deze afspraak intussen vastgelegd" in page
    assert "Hangt al in de gang</textarea>" in page
    assert '<option value="goed" selected>' in page  # Ilse's own choice is kept
    theirs = page[page.index('id="hun-versie"') :]
    assert "Pictogrammen in elke klas" in theirs and "Prioriteit" in theirs
    again = _post(client, cast.ib, url, {**second, "version": _version(page)})
    assert again.status_code == 302
    agreed.refresh_from_db()
    assert (agreed.answer, agreed.note) == ("goed", "Hangt al in de gang")


def test_an_evaluation_from_a_stale_page_is_a_conflict_not_an_overwrite(client, cast):
    goal = services.create_goal(
        school=cast.school,
        year=cast.school.current_year(),
        data={"title": "Iedereen kent de schoolregels"},
        user=cast.kernteam.user,
    )
    page_url = _url(cast, "goal", goal.code)
    url = _url(cast, "evaluate", goal.code)
    karin = _form_of(client, cast.kernteam, page_url)
    ilse = _form_of(client, cast.ib, page_url)

    assert _post(client, cast.kernteam, url, {"learned": "Posters werken", "version": karin}).url
    response = _post(client, cast.ib, url, {"learned": "Vaker herhalen", "version": ilse})

    assert response.status_code == 409
    goal.refresh_from_db()
    assert (goal.learned, goal.evaluated_by) == ("Posters werken", cast.kernteam.user)
    page = response.content.decode()
    assert "Karin Kern heeft dit doel intussen geëvalueerd" in page
    assert "Vaker herhalen</textarea>" in page and "Posters werken" in page
    again = _post(client, cast.ib, url, {"learned": "Vaker herhalen", "version": _version(page)})
    assert again.status_code == 302
    assert Goal.objects.get(pk=goal.pk).learned == "Vaker herhalen"


def test_a_save_without_a_version_from_an_older_page_is_a_conflict(client, cast):
    # A page from before versions existed sends none: taken as the first version.
    Agenda.objects.create(school=cast.school, on_agenda="Eerst", version=3)
    response = _post(client, cast.kernteam, _url(cast, "agenda_answers"), {"on_agenda": "Later"})
    assert response.status_code == 409
    assert Agenda.objects.get(school=cast.school).on_agenda == "Eerst"
