"""One place, not two: a handvat that leads into a module (the climate log,
the pyramid) takes no more answers in its old rounds; they stay readable."""

from django.urls import reverse

from circles.models import Handvat
from circles.services import save_answers, start_round


def _old_round(cast):
    handvat = Handvat.objects.get(key="groepsklimaat")
    round = start_round(handvat=handvat, school=cast.school, user=None, group=cast.group)
    save_answers(round=round, answers={"momenten": "In de kring."}, version=0, user=None)
    round.refresh_from_db()
    return round


def _url(name, cast, *args):
    return reverse(f"circles:{name}", args=[cast.school.slug, *args])


def _log_url(cast):
    return reverse("climate:group_log", args=[cast.school.slug, cast.group.code])


def test_an_old_round_is_read_only_and_points_to_the_module(login, cast):
    round = _old_round(cast)
    page = login(cast.leraar).get(_url("round", cast, round.code)).content.decode()
    assert 'id="round-form"' not in page
    assert "In de kring." in page
    assert _log_url(cast) in page


def test_a_plain_save_of_an_old_round_is_refused_and_keeps_the_text(login, cast):
    round = _old_round(cast)
    response = login(cast.leraar).post(
        _url("round", cast, round.code),
        {"version": round.version, "momenten": "Mijn nieuwe tekst", "opslaan": ""},
    )
    assert response.status_code == 409
    assert "Mijn nieuwe tekst" in response.content.decode()
    round.refresh_from_db()
    assert round.answers["momenten"] == "In de kring."


def test_an_autosave_of_an_old_round_is_refused_with_a_link(login, cast):
    round = _old_round(cast)
    response = login(cast.leraar).post(
        _url("autosave", cast, round.code), {"version": round.version, "momenten": "Nieuw"}
    )
    assert response.status_code == 409
    assert _log_url(cast) in response.content.decode()
    round.refresh_from_db()
    assert round.answers["momenten"] == "In de kring."


def test_finishing_an_old_round_leads_to_the_module_instead(login, cast):
    round = _old_round(cast)
    response = login(cast.leraar).post(_url("complete", cast, round.code))
    assert response.status_code == 302
    assert response.url == _log_url(cast)
    round.refresh_from_db()
    assert round.completed_at is None


def test_mijn_handvatten_leads_to_the_module_not_the_old_round(login, cast):
    round = _old_round(cast)
    page = login(cast.leraar).get(_url("mine", cast)).content.decode()
    assert _url("round", cast, round.code) not in page
