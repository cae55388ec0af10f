"""Upload, preview and confirm a pupil file; the plan behind the preview."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.factories import make_group, make_pupil
from tests.schools import edexml_export
from welbevinden.schools.imports.csvfile import parse_csv
from welbevinden.schools.imports.edexml import parse_edexml
from welbevinden.schools.imports.plan import PlanChanged, apply_plan, make_plan
from welbevinden.schools.models import Group, Placement, Pupil, PupilImport, SchoolYear

FILES = Path(__file__).parent / "import_files"


def _url(name, cast, *args):
    return reverse(f"schools:{name}", args=[cast.school.slug, *args])


def _upload(client, cast, name, data=None, **extra):
    data = (FILES / name).read_bytes() if data is None else data
    return client.post(
        _url("pupil_import", cast),
        {"file": SimpleUploadedFile(name, data), "year": "auto", **extra},
    )


def _confirm(client, response, **extra):
    digest = response.context["digest"]
    return client.post(response.wsgi_request.path, {"digest": digest, **extra})


def _import(client, cast, name, **extra):
    response = client.get(_upload(client, cast, name).url)
    assert response.status_code == 200
    return response, _confirm(client, response, **extra)


def test_parnassys_file_from_upload_to_pupils_in_their_groups(login, cast):
    client = login(cast.beheerder)
    response = _upload(client, cast, "parnassys.xml")
    pupil_import = PupilImport.objects.get()
    assert response.url == _url("pupil_import_preview", cast, pupil_import.code)
    assert Pupil.objects.filter(school=cast.school).count() == 4  # nothing yet

    preview = client.get(response.url)
    plan = preview.context["plan"]
    assert sorted(p.key for p in plan.new) == [
        "#P-0107",
        "0100101",
        "0100102",
        "0100103",
        "0100104",
        "0100105",
        "0100106",
    ]
    assert [name for name, _level in plan.new_groups] == ["Groep 3", "Groep 5/6", "Groep 8"]
    assert plan.other_groups == ["Groep 4a", "Groep 6b"]
    html = preview.content.decode()
    assert "voorlopig nummer" in html
    assert "BSN, geboortedatum, geslacht en adres lezen we niet in" in html

    done = _confirm(client, preview)
    year = cast.school.current_year()
    # The beheerder lands on what the import did, with the way on to the year's groups.
    pupil_import = PupilImport.objects.get()
    assert done.url == _url("pupil_import_preview", cast, pupil_import.code)
    summary = client.get(done.url).content.decode()
    assert "7 nieuwe leerlingen" in summary and "3 nieuwe groepen" in summary
    assert _url("group_list", cast) + f"?jaar={year.code}" in summary
    combination = Group.objects.get(school_year=year, name="Groep 5/6")
    assert combination.year_level is None
    assert Group.objects.get(school_year=year, name="Groep 8").year_level == 8
    assert sorted(
        (p.pupil.display_name, p.year_level) for p in combination.placements.select_related("pupil")
    ) == [("Fenna B.", 5), ("Milan H.", 6), ("Noor K.", 6)]
    assert Pupil.objects.get(lvs_number="#P-0107").has_temporary_key
    applied = PupilImport.objects.get()
    assert applied.applied_at is not None
    assert applied.data == {} and applied.summary["new"] == 7


def test_a_second_import_of_the_same_file_changes_nothing(login, cast):
    client = login(cast.beheerder)
    _import(client, cast, "esis.xml")
    before = sorted(Placement.objects.values_list("pupil_id", "group_id", "year_level"))
    preview = client.get(_upload(client, cast, "esis.xml").url)
    assert not preview.context["plan"].has_changes
    assert "Geen wijzigingen." in preview.content.decode()
    assert "Bevestigen en verwerken" not in preview.content.decode()
    assert sorted(Placement.objects.values_list("pupil_id", "group_id", "year_level")) == before


def test_the_importer_ignores_bsn_birth_date_gender_and_address(login, cast):
    client = login(cast.beheerder)
    _import(client, cast, "parnassys.xml")
    _import(client, cast, "somtoday.csv")
    stored = [
        *Pupil.objects.values_list(),
        *PupilImport.objects.values_list("data", "file_name", "summary"),
    ]
    text = repr(stored)
    for secret in ("999990019", "2019-03-02", "9999ZZ", "Dorpsstraat", "2014-02-02", "Susanna"):
        assert secret not in text
    field_names = {f.name for f in Pupil._meta.get_fields()}
    assert not field_names & {"bsn", "birth_date", "gender", "address", "geboortedatum"}


def test_moved_renamed_and_leaving_pupils_then_archive_only_when_ticked(login, cast):
    client = login(cast.beheerder)
    year = cast.school.current_year()
    two_a = make_group(cast.school, "2A", year)
    make_pupil(two_a, "Zoe D.", lvs_number="004711")  # renamed: Zoë D.
    make_pupil(cast.group, "Thijs M.", lvs_number="004712")  # moved to 2A
    gone = make_pupil(two_a, "Pim L.", lvs_number="004799")  # not in the file
    preview = client.get(_upload(client, cast, "magister.csv").url)
    plan = preview.context["plan"]
    assert [(p.lvs_number, i.display_name) for p, i in plan.renamed] == [("004711", "Zoë D.")]
    assert [(p.lvs_number, g, i.group) for p, g, i in plan.moved] == [("004712", "Groep 6b", "2A")]
    assert [p.lvs_number for p, _g in plan.leaving] == ["004799"]
    assert [i.key for i in plan.new] == ["004713", "004714"]
    # Pupils without a number (the cast's) are never matched and never leave.
    assert plan.unnumbered == 4

    _confirm(client, preview)
    gone.refresh_from_db()
    assert not gone.is_archived
    assert Pupil.objects.get(lvs_number="004711").display_name == "Zoë D."
    assert Placement.objects.get(pupil__lvs_number="004712", school_year=year).group == two_a

    preview = client.get(_upload(client, cast, "magister.csv").url)
    assert not preview.context["plan"].has_changes
    _confirm(client, preview, archive_leavers="on")
    gone.refresh_from_db()
    assert gone.is_archived
    assert Pupil.objects.filter(pk=gone.pk).exists()  # archived, never deleted


def test_an_archived_pupil_in_the_file_comes_back(login, cast):
    pupil = make_pupil(cast.group, "Ruben P.", lvs_number="00831")
    pupil.archived_at = "2026-09-01T10:00:00Z"
    pupil.save()
    client = login(cast.beheerder)
    preview, _done = _import(client, cast, "somtoday.csv")
    assert [p.pk for p, _i in preview.context["plan"].restored] == [pupil.pk]
    pupil.refresh_from_db()
    assert not pupil.is_archived


def test_a_temporary_key_is_replaced_by_the_permanent_one(cast):
    year = cast.school.current_year()
    group = make_group(cast.school, "Groep 8", year)
    kofi = make_pupil(group, "Kofi O.", lvs_number="#P-0107")
    data = (FILES / "parnassys.xml").read_bytes().replace(b"#P-0107", b"0100107")
    parsed = parse_edexml(data)
    plan = make_plan(school=cast.school, start_year=year.start_year, file=parsed)
    assert [(p.pk, i.key) for p, i in plan.keys_matched] == [(kofi.pk, "0100107")]
    assert "0100107" not in [i.key for i in plan.new]
    assert kofi.pk not in [p.pk for p, _g in plan.leaving]
    apply_plan(
        school=cast.school,
        start_year=year.start_year,
        file=parsed,
        digest=plan.digest(),
        archive_leavers=False,
    )
    kofi.refresh_from_db()
    assert kofi.lvs_number == "0100107"
    assert Pupil.objects.filter(display_name="Kofi O.").count() == 1


def test_apply_refuses_when_the_school_changed_after_the_preview(cast):
    year = cast.school.current_year()
    parsed = parse_csv((FILES / "somtoday.csv").read_bytes())
    plan = make_plan(school=cast.school, start_year=year.start_year, file=parsed)
    make_pupil(cast.group, "Ilse H.", lvs_number="00832")
    with pytest.raises(PlanChanged):
        apply_plan(
            school=cast.school,
            start_year=year.start_year,
            file=parsed,
            digest=plan.digest(),
            archive_leavers=False,
        )
    assert not Pupil.objects.filter(lvs_number="00831").exists()


def test_a_stale_confirmation_shows_the_new_preview(login, cast):
    client = login(cast.beheerder)
    preview = client.get(_upload(client, cast, "somtoday.csv").url)
    make_pupil(cast.group, "Ilse H.", lvs_number="00832")
    response = _confirm(client, preview)
    assert response.status_code == 200
    assert "Er is intussen iets veranderd" in response.content.decode()
    assert not Pupil.objects.filter(lvs_number="00831").exists()


def test_a_file_for_next_year_creates_that_year_leaving_this_year_alone(login, cast):
    client = login(cast.beheerder)
    year = cast.school.current_year()
    before = sorted(Placement.objects.filter(school_year=year).values_list("pupil", "group"))
    data = (FILES / "parnassys.xml").read_bytes().replace(b"2026-2027", b"2027-2028")
    preview = client.get(_upload(client, cast, "parnassys.xml", data=data).url)
    assert preview.context["plan"].year is None
    assert "nieuw schooljaar" in preview.content.decode()
    _confirm(client, preview, make_current="on")
    new_year = SchoolYear.objects.get(school=cast.school, start_year=2027)
    assert new_year.is_current
    assert Group.objects.filter(school_year=new_year).count() == 3
    assert sorted(Placement.objects.filter(school_year=year).values_list("pupil", "group")) == (
        before
    )


def test_a_chosen_year_that_differs_from_the_file_is_a_warning(login, cast):
    client = login(cast.beheerder)
    response = client.post(
        _url("pupil_import", cast),
        {"file": SimpleUploadedFile("x.xml", (FILES / "esis.xml").read_bytes()), "year": "2026"},
    )
    preview = client.get(response.url)
    assert "Het bestand is voor schooljaar 2031-2032; je importeert in 2026-2027." in (
        preview.content.decode()
    )


def test_unclear_csv_columns_are_mapped_with_the_file_chosen_again(login, cast):
    client = login(cast.beheerder)
    response = _upload(client, cast, "unclear.csv")
    html = response.content.decode()
    assert response.status_code == 200
    assert "We herkennen niet alle kolommen" in html
    assert "Lokaalgroep" in html and "Willems" in html
    assert not PupilImport.objects.exists()
    # An incomplete choice keeps what was chosen and says what is missing.
    response = _upload(
        client, cast, "unclear.csv", headers="Nr\tNaam\tFamilie\tLokaalgroep", col_key="0"
    )
    assert response.context["mapping_form"].errors
    assert response.context["mapping_form"]["col_key"].value() == "0"
    response = _upload(
        client,
        cast,
        "unclear.csv",
        headers="Nr\tNaam\tFamilie\tLokaalgroep",
        col_key="0",
        col_roepnaam="1",
        col_achternaam="2",
        col_group="3",
    )
    plan = client.get(response.url).context["plan"]
    assert [(i.key, i.display_name, i.group) for i in plan.new] == [
        ("0902", "Eva L.", "Groep 4"),
        ("0901", "Sem W.", "Groep 4"),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<EDEX><leerlingen><leerling>", "Dit is geen geldig XML-bestand"),
        (b"<rapport/>", "het hoofdelement heet &lt;rapport&gt;"),
        (b"Stamnummer;Roepnaam;Achternaam;Klas\n;Anna;Aa;1A\n", "Regel 2: de leerling heeft"),
        (
            b"<EDEX><school><schooljaar>2026-2027</schooljaar></school><leerlingen>"
            b'<leerling key="1"><roepnaam>A</roepnaam><groep key="X"/></leerling>'
            b"</leerlingen></EDEX>",
            "de groep met key X staat niet in &lt;groepen&gt;",
        ),
        (
            b"<EDEX><leerlingen><leerling key='1'><roepnaam>A</roepnaam></leerling>"
            b"</leerlingen></EDEX>",
            "&lt;leerlingen&gt; hoort hier niet (verwacht: &lt;school&gt;).",
        ),
        (b"", "Het verstuurde bestand is leeg."),
    ],
)
def test_bad_files_get_a_dutch_message_and_nothing_is_imported(login, cast, data, message):
    client = login(cast.beheerder)
    response = _upload(client, cast, "bestand", data=data)
    assert response.status_code in (200, 400)
    html = response.content.decode()
    if data:
        assert "Dit bestand kunnen we niet importeren. Er is niets veranderd." in html
    assert message in html
    assert not PupilImport.objects.exists()
    assert Pupil.objects.filter(school=cast.school).count() == 4


def test_a_file_of_50_mb_is_refused_without_reading_it(login, cast):
    client = login(cast.beheerder)
    big = b"<EDEX>" + b" " * (50 * 1024 * 1024) + b"</EDEX>"
    response = _upload(client, cast, "groot.xml", data=big)
    assert response.status_code == 400
    assert "Het bestand is 50 MB; een leerlingbestand is hooguit 5 MB." in response.content.decode()
    assert not PupilImport.objects.exists()


def test_an_applied_import_cannot_be_applied_again(login, cast):
    client = login(cast.beheerder)
    preview, _done = _import(client, cast, "somtoday.csv")
    again = _confirm(client, preview)
    assert "Import verwerkt" in again.content.decode()
    assert Pupil.objects.filter(lvs_number="00831").count() == 1


@pytest.mark.parametrize("name", ["pupil_import"])
def test_only_the_beheerder_imports(login, cast, client, name):
    assert client.get(_url(name, cast)).status_code == 302  # to the login page
    for member in (cast.ib, cast.leraar, cast.directie, cast.kernteam):
        assert login(member).get(_url(name, cast)).status_code == 403
    assert login(cast.beheerder).get(_url(name, cast)).status_code == 200


def test_another_schools_beheerder_cannot_see_or_confirm_a_preview(login, cast, other):
    client = login(cast.beheerder)
    preview = client.get(_upload(client, cast, "somtoday.csv").url)
    url = preview.wsgi_request.path
    outsider = login(other.beheerder)
    assert outsider.get(url).status_code == 404
    assert outsider.post(url, {"digest": preview.context["digest"]}).status_code == 404
    assert login(cast.leraar).get(url).status_code == 403
    assert not Pupil.objects.filter(lvs_number="00831").exists()


def _count_queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_preview_and_roll_over_queries_do_not_grow_with_the_school(login, cast):
    client = login(cast.beheerder)
    preview = _upload(client, cast, "parnassys.xml").url
    rollover = reverse("schools:year_rollover", args=[cast.school.slug])
    small = (_count_queries(client, preview), _count_queries(client, rollover))
    groups = [make_group(cast.school, f"Groep {n}x") for n in range(10)]
    for n in range(300):
        make_pupil(groups[n % 10], f"Leerling {n}.", lvs_number=f"{n:06d}")
    assert (_count_queries(client, preview), _count_queries(client, rollover)) == small
    assert small[0] <= 8 and small[1] <= 8, small


def test_a_failure_halfway_leaves_nothing_behind(cast, monkeypatch):
    year = cast.school.current_year()
    parsed = parse_edexml((FILES / "parnassys.xml").read_bytes())
    plan = make_plan(school=cast.school, start_year=year.start_year, file=parsed)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    # The pupils and groups are written; then placing them fails.
    monkeypatch.setattr(Placement.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        apply_plan(
            school=cast.school,
            start_year=year.start_year,
            file=parsed,
            digest=plan.digest(),
            archive_leavers=False,
        )
    assert not Pupil.objects.filter(lvs_number="0100101").exists()
    assert not Group.objects.filter(name="Groep 5/6").exists()


def test_a_generated_export_of_400_pupils_imports_with_counts_checked_independently(login, cast):
    data, rows = edexml_export.generate(400, broken_every=29)
    current = [r for r in rows if not r.left_before_export and not r.broken]
    placed = [r for r in current if r.group_key]
    skipped = [r for r in rows if r.broken or r.left_before_export]
    assert 300 < len(current) < 400 and len(placed) < len(current)  # the file has all kinds
    assert any(not r.roepnaam for r in current) and any(r.group_key == "G78" for r in current)
    client = login(cast.beheerder)
    preview = client.get(_upload(client, cast, "school.xml", data=data).url)
    plan = preview.context["plan"]
    counts = plan.counts()
    assert counts["new"] == len(current)
    assert counts["unplaced"] == len(current) - len(placed)
    assert counts["skipped"] == len(skipped)
    assert counts["left"] == 0  # the leavers were never in the school
    html = preview.content.decode()
    assert f"{len(skipped)} niet ingelezen" in html
    assert "die EDEXML 2.1 niet kent" in html and "uitgestroomd op" in html

    _confirm(client, preview)
    year = cast.school.current_year()
    pupils = {p.lvs_number: p for p in Pupil.objects.filter(school=cast.school, lvs_number__gt="")}
    assert {key: p.display_name for key, p in pupils.items()} == {
        r.key: r.expected_name for r in current
    }
    placements = Placement.objects.filter(school_year=year, pupil__lvs_number__gt="")
    names = dict(edexml_export.GROUPS)
    assert sorted(placements.values_list("pupil__lvs_number", "group__name", "year_level")) == (
        sorted((r.key, names[r.group_key][0], int(r.jaargroep)) for r in placed)
    )
    assert set(Group.objects.filter(school_year=year).values_list("name", flat=True)) >= {
        names[r.group_key][0] for r in placed
    }
    # Not placed yet: in the pupil list's filter.
    response = client.get(_url("pupil_list", cast) + f"?jaar={year.code}&groep=geen")
    unplaced = {r.expected_name for r in current if not r.group_key}
    assert unplaced <= {p.display_name for p in response.context["page"].object_list}
    assert "nog niet geplaatst" in response.content.decode().lower()

    # The same file again: nothing to do.
    again = client.get(_upload(client, cast, "school.xml", data=data).url)
    assert "Geen wijzigingen." in again.content.decode()
    assert not again.context["plan"].has_changes

    # Next month three of them have left: the preview offers to archive them.
    gone = {r.key for r in placed[:3]}
    data, _rows = edexml_export.generate(400, broken_every=29, leaving=gone)
    later = client.get(_upload(client, cast, "school.xml", data=data).url)
    assert {p.lvs_number for p, _l, _g in later.context["plan"].left} == gone
    assert "Archiveer 3 uitgestroomde leerlingen" in later.content.decode()
    _confirm(client, later, archive_left="on")
    assert {p.lvs_number for p in Pupil.objects.archived().filter(school=cast.school)} == gone


def test_the_preview_of_a_large_file_keeps_its_queries(login, cast):
    client = login(cast.beheerder)
    small = _count_queries(client, _upload(client, cast, "esis.xml").url)
    data, _rows = edexml_export.generate(400, broken_every=29)
    assert _count_queries(client, _upload(client, cast, "school.xml", data=data).url) <= small


@pytest.mark.parametrize("name", ["edexml-1.03.xml", "edexml-2.0.xml", "edexml-2.1.xml"])
def test_each_edexml_version_imports_and_stores_no_bsn_birth_date_or_address(login, cast, name):
    client = login(cast.beheerder)
    response = client.post(
        _url("pupil_import", cast),
        {"file": SimpleUploadedFile(name, (FILES / name).read_bytes()), "year": "2026"},
    )
    preview = client.get(response.url)
    plan = preview.context["plan"]
    assert plan.counts()["unplaced"] == 1
    assert len(plan.file.leavers) == 1
    _confirm(client, preview)
    stored = repr(
        [
            *Pupil.objects.values_list(),
            *Placement.objects.values_list(),
            *PupilImport.objects.values_list("data", "file_name", "summary"),
        ]
    )
    for secret in ("99999", "2018-02-11", "2015-09-09", "9999XX", "9999YY", "Johanna"):
        assert secret not in stored
    again = client.post(
        _url("pupil_import", cast),
        {"file": SimpleUploadedFile(name, (FILES / name).read_bytes()), "year": "2026"},
    )
    assert "Geen wijzigingen." in client.get(again.url).content.decode()


def test_a_csv_without_a_pupil_number_says_it_cannot_be_matched_again(login, cast):
    client = login(cast.beheerder)
    response = _upload(client, cast, "lijst.csv", data=b"Roepnaam;Achternaam;Klas\nAnna;Aa;1A\n")
    html = response.content.decode()
    assert "geen kolom met een leerlingnummer" in html
    assert not PupilImport.objects.exists()


def test_a_csv_with_10000_columns_is_refused_quickly_with_a_message(login, cast):
    import time

    header = ";".join(f"kolom{i}" for i in range(10_000))
    client = login(cast.beheerder)
    started = time.monotonic()
    response = _upload(client, cast, "breed.csv", data=f"{header}\n{header}\n".encode())
    assert time.monotonic() - started < 2
    assert response.status_code == 400
    html = response.content.decode()
    assert "De eerste regel heeft 10000 kolommen; we lezen er hooguit 100." in html
    assert len(html) < 50_000
