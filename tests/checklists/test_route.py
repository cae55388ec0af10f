"""The kernteam's route: each step of the stappenplan with its tool and whether it is done."""

from django.core.cache import caches
from django.urls import reverse
from django.utils import timezone

from checklists import content, services
from checklists.route import STEPS, done_steps
from circles.models import Handvat
from circles.services import start_round
from pyramid.services import start_pyramid

FACTS = {
    "kernteam": 0,
    "items": 17,
    "agreed": 0,
    "visie": False,
    "goals": 0,
    "goals_with_actions": 0,
    "pyramid": False,
    "actions_done": 0,
    "evaluated": 0,
}


def test_nothing_is_done_for_a_new_school():
    assert done_steps(FACTS) == set()


def test_each_step_has_its_own_test():
    facts = {
        **FACTS,
        "kernteam": 2,
        "agreed": 17,
        "visie": True,
        "goals": 1,
        "goals_with_actions": 1,
        "pyramid": True,
        "actions_done": 1,
        "evaluated": 1,
    }
    assert done_steps(facts) == {s.key for s in STEPS}
    assert "beginsituatie" not in done_steps({**facts, "agreed": 16})
    assert "plan" not in done_steps({**facts, "pyramid": False})


def test_the_route_page_shows_the_steps_and_what_is_done(
    client, cast, kernteam, django_assert_max_num_queries
):
    year = cast.school.current_year()
    round = services.round_of(school=cast.school, year=year, key="beginsituatie")
    for item in content.items(content.get("beginsituatie")):
        services.save_agreement(round=round, item=item["key"], answer="goed", note="", user=None)
    visie = start_round(
        handvat=Handvat.objects.get(key="visie"), school=cast.school, user=cast.kernteam.user
    )
    visie.completed_at = timezone.now()
    visie.save()
    goal = services.create_goal(school=cast.school, year=year, data={"title": "Doel"}, user=None)
    services.add_action(goal=goal, what="Actie", who=None, due=None)
    start_pyramid(school=cast.school, year=year, user=None)
    client.force_login(cast.kernteam.user)
    url = reverse("checklists:route", args=[cast.school.slug])
    client.get(url)
    caches["pages"].clear()  # what rendering the page costs, not serving it again
    with django_assert_max_num_queries(10):
        page = client.get(url).content.decode()
    done = [s.key for s in STEPS if 'is-done" id="stap-' + s.key in page]
    assert done == ["kernteam", "beginsituatie", "visie", "doelen", "plan"]
    assert 'is-next" id="stap-uitvoeren' in page
    assert reverse("circles:handvat", args=[cast.school.slug, "visie"]) in page
    assert reverse("pyramid:page", args=[cast.school.slug]) in page
    assert "Kees Kern" in page


def test_directie_reads_the_route(client, cast):
    client.force_login(cast.directie.user)
    assert client.get(reverse("checklists:route", args=[cast.school.slug])).status_code == 200


def test_the_route_says_its_steps_are_ours_and_quotes_what_the_handreiking_says(
    client, cast, kernteam
):
    client.force_login(cast.kernteam.user)
    page = client.get(reverse("checklists:route", args=[cast.school.slug])).content.decode()
    # The handreiking names the stappenplan and the kernteam, nothing about Gezonde School.
    assert "Gezonde School" not in page
    assert "Bekijk dan het stappenplan ‘Werken aan welbevinden’" in page
    assert "uit de handreiking" in page
    assert "De zeven stappen hieronder zijn van ons (Welbevinden)" in page
    assert "webwinkel/pm0658-stappenplan-werken-aan-welbevinden/" in page
