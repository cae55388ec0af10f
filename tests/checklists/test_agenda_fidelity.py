"""Issue 22: the team agenda and the checklist keep the handvatten's questions where the work is."""

from django.urls import reverse

from checklists.models import ClassGoal


def _url(cast, name, *args):
    return reverse(f"checklists:{name}", args=[cast.school.slug, *args])


def test_the_agenda_quotes_the_handvats_goal_and_evaluation_questions(client, cast):
    client.force_login(cast.leraar.user)
    page = client.get(_url(cast, "agenda")).content.decode()
    assert (
        '<q class="hr">Welke doelen stellen jullie als team voor de gehele school? Wat willen '
        "jullie bereiken? Maak het zo concreet mogelijk.</q>"
    ) in page
    assert '<q class="hr">Welke doelen stel jij voor jouw klas(sen)?</q>' in page
    assert '<q class="hr">Wanneer evalueren jullie deze doelen?</q>' in page


def test_a_teacher_adds_a_goal_for_their_class_that_only_they_see(client, cast):
    client.force_login(cast.leraar.user)
    response = client.post(_url(cast, "class_goal_add"), {"text": "Elke ochtend een kringgesprek"})
    assert response.status_code == 302
    goal = ClassGoal.objects.get()
    assert (goal.author, goal.school, goal.school_year) == (
        cast.leraar.user,
        cast.school,
        cast.school.current_year(),
    )
    assert "Elke ochtend een kringgesprek" in client.get(response.url).content.decode()
    for colleague in (cast.kernteam, cast.directie, cast.beheerder):
        client.force_login(colleague.user)
        assert (
            "Elke ochtend een kringgesprek" not in client.get(_url(cast, "agenda")).content.decode()
        )


def test_an_empty_class_goal_gets_a_dutch_message(client, cast):
    client.force_login(cast.leraar.user)
    response = client.post(_url(cast, "class_goal_add"), {"text": ""})
    assert response.status_code == 400
    assert "Dit veld is verplicht." in response.content.decode()
    assert not ClassGoal.objects.exists()


def test_a_too_long_class_goal_is_refused_and_kept(client, cast):
    client.force_login(cast.leraar.user)
    text = "x" * 301
    response = client.post(_url(cast, "class_goal_add"), {"text": text})
    assert response.status_code == 400
    assert text in response.content.decode()


def test_an_outsider_cannot_add_a_class_goal(client, cast, other):
    client.force_login(other.leraar.user)
    response = client.post(_url(cast, "class_goal_add"), {"text": "Doel"})
    assert response.status_code == 404
    assert not ClassGoal.objects.exists()


def test_the_beginsituatie_quotes_the_checklist_handvats_questions(client, cast):
    client.force_login(cast.kernteam.user)
    page = client.get(_url(cast, "checklist", "beginsituatie")).content.decode()
    assert "Wat gaat er goed op jullie school? Wat verdient meer aandacht? En wat heeft" in page
    assert "Met behulp van deze checklist kan je daar zicht op krijgen." in page
