"""Moving groups up into the next school year, with a preview."""

from django.urls import reverse

from tests.factories import make_group, make_pupil
from welbevinden.schools.models import Group, Placement, Pupil, SchoolKind, SchoolYear
from welbevinden.schools.rollover import next_name, plan_rollover


def _url(cast):
    return reverse("schools:year_rollover", args=[cast.school.slug])


def test_names_move_up_one_number():
    assert next_name("Groep 5") == "Groep 6"
    assert next_name("2B") == "3B"
    assert next_name("Groep 5/6") == "Groep 6/7"
    assert next_name("Bijenkorf") == "Bijenkorf"


def _po_school(cast):
    year = cast.school.current_year()
    eight = make_group(cast.school, "Groep 8", year)
    combi = make_group(cast.school, "Groep 7/8", year)
    leaver = make_pupil(eight, "Lieke V.")
    seven = make_pupil(combi, "Milan H.")
    combi_eight = make_pupil(combi, "Noor K.")
    Placement.objects.filter(pupil=seven).update(year_level=7)
    Placement.objects.filter(pupil=combi_eight).update(year_level=8)
    return year, leaver, seven, combi_eight


def test_the_preview_shows_what_moves_and_leaves_and_changes_nothing(login, cast):
    _year, leaver, seven, combi_eight = _po_school(cast)
    response = login(cast.beheerder).get(_url(cast))
    plan = response.context["plan"]
    steps = {s.group.name: s for s in plan.steps}
    assert steps["Groep 6b"].target == "Groep 7b" and len(steps["Groep 6b"].movers) == 3
    assert steps["Groep 8"].leaves and [p.pupil for p in steps["Groep 8"].leavers] == [leaver]
    # In a combination group 7/8 the pupil in jaargroep 8 leaves, the other moves up.
    assert [p.pupil for p in steps["Groep 7/8"].leavers] == [combi_eight]
    assert [p.pupil for p in steps["Groep 7/8"].movers] == [seven]
    assert plan.mover_count == 5 and plan.leaver_count == 2
    assert "Doorschuiven naar 2027-2028" in response.content.decode()
    assert not SchoolYear.objects.filter(school=cast.school, start_year=2027).exists()


def test_confirming_moves_pupils_up_archives_leavers_and_keeps_the_old_year(login, cast):
    year, leaver, seven, combi_eight = _po_school(cast)
    before = sorted(Placement.objects.filter(school_year=year).values_list("pupil", "group"))
    client = login(cast.beheerder)
    groups = Group.objects.filter(school_year=year)
    data = {"action": "confirm", "make_current": "on"}
    for group in groups:
        data[f"name_{group.code}"] = next_name(group.name)
        if group.name == "Groep 8":
            data[f"leaves_{group.code}"] = "on"
    data[f"name_{cast.other_group.code}"] = "Groep 7b"  # 4a and 6b merge into one group
    response = client.post(_url(cast), data)
    new_year = SchoolYear.objects.get(school=cast.school, start_year=2027)
    assert response.url.endswith(f"?jaar={new_year.code}")
    assert new_year.is_current
    assert sorted(Group.objects.filter(school_year=new_year).values_list("name", flat=True)) == [
        "Groep 7b",
        "Groep 8/9",
    ]
    assert Placement.objects.filter(school_year=new_year, group__name="Groep 7b").count() == 4
    assert Placement.objects.get(school_year=new_year, pupil=seven).year_level == 8
    leaver.refresh_from_db()
    combi_eight.refresh_from_db()
    assert leaver.is_archived and combi_eight.is_archived
    # The old year is untouched and still shows who was there.
    assert sorted(Placement.objects.filter(school_year=year).values_list("pupil", "group")) == (
        before
    )
    eight = Group.objects.get(school_year=year, name="Groep 8")
    page = client.get(reverse("schools:group_detail", args=[cast.school.slug, eight.code]))
    assert "Lieke V." in page.content.decode() and "gearchiveerd" in page.content.decode()

    # Once more: nothing left to do.
    SchoolYear.objects.filter(pk=new_year.pk).update(is_current=False)
    SchoolYear.objects.filter(pk=year.pk).update(is_current=True)
    again = client.get(_url(cast))
    assert not again.context["plan"].has_changes
    assert "Geen wijzigingen" in again.content.decode()


def test_a_name_left_empty_without_leaving_is_refused_keeping_the_rest(login, cast):
    client = login(cast.beheerder)
    response = client.post(
        _url(cast),
        {
            "action": "confirm",
            f"name_{cast.group.code}": "",
            f"name_{cast.other_group.code}": "Groep Zonnebloem",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef een naam, of vink aan dat deze leerlingen vertrekken." in html
    assert 'value="Groep Zonnebloem"' in html
    assert not SchoolYear.objects.filter(school=cast.school, start_year=2027).exists()


def test_a_vo_school_ticks_its_leaving_classes_itself(cast):
    cast.school.kind = SchoolKind.VO
    cast.school.save()
    year = cast.school.current_year()
    make_pupil(make_group(cast.school, "6V", year), "Ties A.")
    plan = plan_rollover(school=cast.school, year=year)
    step = next(s for s in plan.steps if s.group.name == "6V")
    assert not step.leaves and step.target == "7V"


def test_pupils_already_placed_next_year_stay_there(login, cast):
    year = cast.school.current_year()
    next_year = SchoolYear.objects.create(school=cast.school, start_year=2027)
    elsewhere = make_group(cast.school, "Groep 9x", next_year)
    pupil = Pupil.objects.get(display_name="Finn D.")
    Placement.objects.create(pupil=pupil, group=elsewhere, school_year=next_year)
    plan = plan_rollover(school=cast.school, year=year)
    assert sum(s.already_placed for s in plan.steps) == 1
    assert pupil not in [p.pupil for s in plan.steps for p in s.movers]


def test_only_the_beheerder_rolls_over(login, cast, client, other):
    assert client.get(_url(cast)).status_code == 302
    assert login(cast.ib).get(_url(cast)).status_code == 403
    assert login(cast.leraar).post(_url(cast), {"action": "confirm"}).status_code == 403
    assert login(other.beheerder).post(_url(cast), {"action": "confirm"}).status_code == 404
    assert not SchoolYear.objects.filter(school=cast.school, start_year=2027).exists()
