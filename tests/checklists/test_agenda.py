"""Goals from priorities, actions, the team agenda, evaluations, the home page."""

import datetime

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from checklists import services
from checklists.models import Action, Agenda, Goal


def _url(cast, name, *args):
    return reverse(f"checklists:{name}", args=[cast.school.slug, *args])


def _goal(cast, title="Iedereen kent de drie schoolregels", **extra):
    return services.create_goal(
        school=cast.school,
        year=cast.school.current_year(),
        data={"title": title, "target": "De hele school", **extra},
        user=cast.kernteam.user,
    )


def test_a_goal_from_a_priority_item_starts_from_that_item(client, cast):
    round = services.round_of(
        school=cast.school, year=cast.school.current_year(), key="gedragsverwachtingen"
    )
    services.save_agreement(
        round=round,
        item="zichtbaar",
        answer="prioriteit",
        note="Regels zichtbaar in elke klas",
        user=None,
    )
    client.force_login(cast.kernteam.user)
    form = client.get(_url(cast, "goal_new") + f"?ronde={round.code}&item=zichtbaar")
    assert 'value="Regels zichtbaar in elke klas"' in form.content.decode()
    response = client.post(
        _url(cast, "goal_new"),
        {
            "ronde": str(round.code),
            "item": "zichtbaar",
            "title": "Regels zichtbaar in elke klas",
            "target": "De hele school",
            "monitoring": "Rondgang in mei",
            "evaluate_on": "2027-05-15",
        },
    )
    goal = Goal.objects.get()
    assert response.url == _url(cast, "goal", goal.code)
    assert (goal.source_round, goal.source_item) == (round, "zichtbaar")
    assert goal.evaluate_on == datetime.date(2027, 5, 15)
    page = client.get(response.url).content.decode()
    assert 'Gedragsverwachtingen: <q class="hr">Hoe is dit terug te zien in school?' in page


def test_a_bad_date_is_refused_in_dutch_and_the_title_kept(client, cast):
    client.force_login(cast.kernteam.user)
    response = client.post(_url(cast, "goal_new"), {"title": "Mijn doel", "evaluate_on": "morgen"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Mijn doel"' in page
    assert "Voer een geldige datum in" in page


def test_the_team_agenda_lists_goals_open_and_overdue_actions_and_evaluations(client, cast):
    today = timezone.localdate()
    goal = _goal(cast, evaluate_on=today + datetime.timedelta(days=30))
    services.add_action(
        goal=goal, what="Posters ophangen", who=cast.leraar, due=today - datetime.timedelta(days=2)
    )
    services.add_action(
        goal=goal, what="Bespreken in de bouw", who=None, due=today + datetime.timedelta(days=9)
    )
    Agenda.objects.create(school=cast.school, on_agenda="Elke tweede teamvergadering")
    client.force_login(cast.leraar.user)  # leraren see the goals
    page = client.get(_url(cast, "agenda")).content.decode()
    overdue = page[page.index("Over de datum") : page.index(">Open<")]
    assert "Posters ophangen" in overdue
    assert "Bespreken in de bouw" in page[page.index(">Open<") :]
    assert "Komende evaluaties" in page and "Iedereen kent de drie schoolregels" in page
    assert "Elke tweede teamvergadering" in page
    assert "Nieuw doel" not in page  # a leraar does not make goals


def test_an_action_assigned_to_a_member_is_on_their_home_page_until_done(client, cast):
    goal = _goal(cast)
    action = services.add_action(goal=goal, what="Posters ophangen", who=cast.leraar, due=None)
    client.force_login(cast.leraar.user)
    home = reverse("dashboard:home", args=[cast.school.slug])
    assert "Posters ophangen" in client.get(home).content.decode()
    response = client.post(_url(cast, "action_done", action.code), {"klaar": "1", "terug": "home"})
    assert response.url == home
    assert "Posters ophangen" not in client.get(home).content.decode()


def test_someone_elses_action_is_only_ticked_off_by_the_kernteam(client, cast):
    action = services.add_action(goal=_goal(cast), what="Posters", who=cast.kernteam, due=None)
    client.force_login(cast.other_leraar.user)
    assert client.post(_url(cast, "action_done", action.code), {"klaar": "1"}).status_code == 403
    client.force_login(cast.ib.user)
    assert client.post(_url(cast, "action_done", action.code), {"klaar": "1"}).status_code == 302
    assert Action.objects.get().done_at is not None


def test_adding_an_action_and_evaluating_the_goal(client, cast):
    goal = _goal(cast)
    client.force_login(cast.kernteam.user)
    client.post(
        _url(cast, "action_add", goal.code),
        {"what": "Regels bespreken", "who": cast.ib.pk, "due": "2027-01-10"},
    )
    action = Action.objects.get()
    assert (action.who, action.due) == (cast.ib, datetime.date(2027, 1, 10))
    bad = client.post(_url(cast, "evaluate", goal.code), {"learned": ""})
    assert bad.status_code == 400
    client.post(_url(cast, "evaluate", goal.code), {"learned": "Kinderen noemen de regels zelf."})
    goal.refresh_from_db()
    assert goal.evaluated_on == timezone.localdate()
    page = client.get(_url(cast, "agenda")).content.decode()
    assert "Kinderen noemen de regels zelf." in page[page.index("Geëvalueerd") :]


def test_the_agenda_answers_are_the_kernteams_to_write(client, cast):
    client.force_login(cast.leraar.user)
    assert client.get(_url(cast, "agenda_answers")).status_code == 403
    client.force_login(cast.kernteam.user)
    client.post(
        _url(cast, "agenda_answers"),
        {"on_agenda": "Elke maand", "involve": "Via de ouderraad", "monitoring": ""},
    )
    assert Agenda.objects.get(school=cast.school).involve == "Via de ouderraad"


def test_roles_on_goals(client, cast, other):
    goal = _goal(cast)
    client.force_login(cast.directie.user)
    assert client.get(_url(cast, "goal", goal.code)).status_code == 200
    assert client.get(_url(cast, "goal_new")).status_code == 403
    assert client.post(_url(cast, "action_add", goal.code), {"what": "x"}).status_code == 403
    assert client.post(_url(cast, "evaluate", goal.code), {"learned": "x"}).status_code == 403
    client.force_login(cast.leraar.user)
    assert client.post(_url(cast, "evaluate", goal.code), {"learned": "x"}).status_code == 403
    client.force_login(other.beheerder.user)
    assert client.get(_url(cast, "goal", goal.code)).status_code == 404


def test_the_agenda_costs_the_same_queries_with_more_goals(
    client, cast, django_assert_max_num_queries
):
    for n in range(6):
        goal = _goal(cast, title=f"Doel {n}")
        for m in range(3):
            services.add_action(goal=goal, what=f"Actie {m}", who=cast.leraar, due=None)
    client.force_login(cast.kernteam.user)
    client.get(_url(cast, "agenda"))
    caches["pages"].clear()  # what rendering the page costs, not serving it again
    with django_assert_max_num_queries(8):
        assert client.get(_url(cast, "agenda")).status_code == 200


def test_the_agenda_pdf(client, cast):
    from io import BytesIO

    from pypdf import PdfReader

    goal = _goal(cast)
    services.add_action(goal=goal, what="Posters ophangen", who=cast.leraar, due=None)
    client.force_login(cast.leraar.user)
    response = client.get(_url(cast, "agenda_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "Iedereen kent de drie schoolregels" in text and "Posters ophangen" in text
