"""Every one of the 22 handvatten can be opened, filled in, saved, finished and redone."""

import pytest
from django.urls import reverse

from circles import content
from circles.models import Handvat, Round, Scope

HANDVAT_KEYS = [
    handvat["key"]
    for circle in content.load_files()["circles"]
    for handvat in circle.get("handvatten", [])
]
# Every part of every handvat: its own scope, and a part with another owner
# (a teacher's own step of a school handvat, a shared step after preparing alone).
PARTS = [
    (handvat["key"], scope)
    for circle in content.load_files()["circles"]
    for handvat in circle.get("handvatten", [])
    for scope in content.parts(handvat)
    # A handvat that leads into a module is filled in there (tests/climate, tests/pyramid).
    if not handvat.get("leads_to")
]


def _sample(question):
    """Form data answering one question, as a person would."""
    key, kind = question["key"], question["type"]
    if kind in ("text", "sentence"):
        return {key: f"Antwoord op {key}"}
    if kind == "scale":
        return {key: question["options"][0]["key"]}
    if kind == "choices":
        data = {key: [question["options"][0]["key"]]}
        if question.get("other"):
            data[f"{key}__other"] = "iets anders"
        return data
    if kind == "per_item":
        return {
            f"{key}__{item['key']}": question["columns"][-1]["key"] for item in question["items"]
        }
    if kind == "rating":
        return {f"{key}__{item['key']}": "3" for item in question["items"]}
    if kind == "plan":
        return {
            f"{key}__wat": "Een plan",
            f"{key}__wanneer": "morgen",
            f"{key}__met_wie": "het team",
        }
    raise AssertionError(kind)


def test_there_are_22():
    assert len(HANDVAT_KEYS) == 22


@pytest.mark.parametrize("key,scope", PARTS)
def test_the_right_role_completes_and_redoes_the_handvat(login, cast, key, scope):
    handvat = Handvat.objects.get(key=key)
    member = cast.kernteam if scope == Scope.SCHOOL else cast.leraar
    client = login(member)
    if handvat.scope == Scope.GROUP:
        start = reverse("circles:group_start", args=[cast.school.slug, cast.group.code, key])
    else:
        start = reverse("circles:start", args=[cast.school.slug, key])
    assert client.get(reverse("circles:handvat", args=[cast.school.slug, key])).status_code in (
        200,
        302,
    )
    round_url = client.post(start, {"deel": scope}).url
    round = Round.objects.get(code=round_url.rstrip("/").split("/")[-1])
    assert round.scope == scope

    steps = content.steps_for(handvat.content, scope)
    for number, step in enumerate(steps, start=1):
        page = client.get(f"{round_url}?stap={number}")
        assert page.status_code == 200
        for question in step.get("questions", []):
            shown = question.get("label") or question.get("own_label") or question.get("prefix")
            assert shown in page.content.decode()
        data = {"version": round.version, "base": "{}"}
        for question in step.get("questions", []):
            data.update(_sample(question))
        last = number == len(steps)
        data["afronden" if last else "volgende"] = ""
        response = client.post(f"{round_url}?stap={number}", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        round.refresh_from_db()

    assert round.is_completed
    for question in [q for step in steps for q in step.get("questions", [])]:
        stored = round.answers.get(question["key"])
        kind = question["type"]
        if kind in ("text", "sentence"):
            assert stored == f"Antwoord op {question['key']}"
        elif kind == "scale":
            assert stored == question["options"][0]["key"]
        elif kind == "choices":
            assert stored["selected"] == [question["options"][0]["key"]]
            assert stored.get("other", "iets anders") == "iets anders"
        elif kind == "per_item":
            assert stored == {i["key"]: question["columns"][-1]["key"] for i in question["items"]}
        elif kind == "rating":
            assert stored == {i["key"]: 3 for i in question["items"]}
        elif kind == "plan":
            assert stored == {"wat": "Een plan", "wanneer": "morgen", "met_wie": "het team"}

    # Read back, then do it again: a second round, with the first beside it.
    for number, step in enumerate(steps, start=1):
        if any(q["type"] in ("text", "sentence") for q in step.get("questions", [])):
            assert "Antwoord op" in client.get(f"{round_url}?stap={number}").content.decode()
    again = client.post(start, {"deel": scope}).url
    assert again != round_url
    assert Round.objects.get(code=again.rstrip("/").split("/")[-1]).number == 2
