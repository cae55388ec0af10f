"""The EDEXML and CSV parsers: pure functions, no database."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from welbevinden.schools.imports import records
from welbevinden.schools.imports.csvfile import parse_csv
from welbevinden.schools.imports.edexml import parse_edexml
from welbevinden.schools.imports.records import ColumnsUnclear, ParseFailed

FILES = Path(__file__).parent / "import_files"


def example(name: str) -> bytes:
    return (FILES / name).read_bytes()


def rows(parsed):
    return [(p.key, p.display_name, p.group, p.year_level) for p in parsed.pupils]


# EDEXML -------------------------------------------------------------------------


def test_parnassys_file_one_groep_per_jaargroep_becomes_one_combination_group():
    parsed = parse_edexml(example("parnassys.xml"))
    assert rows(parsed) == [
        ("0100101", "Sanne V.", "Groep 3", 3),
        ("0100102", "Emre Y.", "Groep 3", 3),
        ("0100103", "Fenna B.", "Groep 5/6", 5),
        ("0100104", "Milan H.", "Groep 5/6", 6),
        ("0100105", "Noor K.", "Groep 5/6", 6),
        ("#P-0107", "Kofi O.", "Groep 8", 8),
        ("0100106", "Lieke V.", "Groep 8", 8),
    ]
    # One group, without a single jaargroep.
    assert parsed.groups == {"Groep 3": 3, "Groep 5/6": None, "Groep 8": 8}
    assert parsed.school_year == "2026-2027"
    assert parsed.pupils[5].has_temporary_key
    assert "<parnassys_kenmerken>" in parsed.warnings[0]
    assert "<parnassys_exportinfo>" in parsed.warnings[0]


def test_esis_file_jaargroep_c_takes_the_year_per_pupil():
    parsed = parse_edexml(example("esis.xml"))
    assert rows(parsed) == [
        ("20451", "Daan J.", "4/5 Zeesterren", 4),
        ("20452", "Yasmina E.", "4/5 Zeesterren", 5),
        ("20453", "Bram V.", "4/5 Zeesterren", 5),
        ("20454", "Julia S.", "7 Dolfijnen", 7),
    ]
    assert parsed.groups == {"4/5 Zeesterren": None, "7 Dolfijnen": 7}
    # Beyond the schema's enumeration, still read.
    assert parsed.school_year == "2031-2032"
    assert "<esis_zorgniveau>" in parsed.warnings[0]


def test_the_parsers_never_pass_on_bsn_birth_date_gender_or_address():
    for parsed in (
        parse_edexml(example("parnassys.xml")),
        parse_edexml(example("esis.xml")),
        parse_csv(example("magister.csv")),
        parse_csv(example("somtoday.csv")),
    ):
        text = str(parsed.to_json())
        for secret in ("99999", "2019-03-02", "2013", "Dorpsstraat", "9999ZZ", "Susanna"):
            assert secret not in text
        # Only the four fields the app keeps.
        assert set(parsed.to_json()["pupils"][0]) == {"key", "display_name", "group", "year_level"}


def test_a_pupil_without_group_in_groepen_is_refused_naming_the_element():
    data = example("parnassys.xml").replace(b'<groep key="G-8"/>', b'<groep key="G-9"/>', 1)
    with pytest.raises(ParseFailed) as failure:
        parse_edexml(data)
    assert failure.value.problems == [
        "<leerling> nummer 6 (key #P-0107): de groep met key G-9 staat niet in <groepen>."
    ]


def test_a_pupil_without_key_is_refused():
    data = example("parnassys.xml").replace(b'key="0100102"', b'key=""')
    with pytest.raises(ParseFailed) as failure:
        parse_edexml(data)
    assert "<leerling> nummer 2: de leerling heeft geen leerlingnummer (sleutel)." in (
        failure.value.problems
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Stamnr;Naam\n1;Jan", "Dit is geen XML-bestand."),
        (b"<EDEX>\n<leerlingen>\n</EDEX>", "Dit is geen geldig XML-bestand: regel 3, kolom 3"),
        (b"<html><body/></html>", "het hoofdelement heet <html> in plaats van <EDEX>"),
        (b"<EDEX><school/></EDEX>", "Het bestand bevat geen <leerlingen>"),
    ],
)
def test_bad_xml_gets_a_dutch_message(data, message):
    with pytest.raises(ParseFailed) as failure:
        parse_edexml(data)
    assert message in failure.value.problems[0]


def test_entities_and_dtds_are_refused():
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE EDEX [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><EDEX>&b;</EDEX>'
    )
    with pytest.raises(ParseFailed) as failure:
        parse_edexml(bomb)
    assert "DTD of entiteiten" in failure.value.problems[0]


def test_files_over_the_limit_are_refused_before_parsing(monkeypatch):
    monkeypatch.setattr("welbevinden.schools.imports.edexml.MAX_BYTES", 100)
    monkeypatch.setattr("welbevinden.schools.imports.csvfile.MAX_BYTES", 100)
    with pytest.raises(ParseFailed, match="hooguit"):
        parse_edexml(example("parnassys.xml"))
    with pytest.raises(ParseFailed, match="hooguit"):
        parse_csv(example("magister.csv"))


def test_a_school_year_out_of_the_ordinary_is_a_warning_not_a_failure():
    data = example("esis.xml").replace(b"2031-2032", b"2031/32")
    parsed = parse_edexml(data)
    assert parsed.school_year == ""
    assert "(‘2031/32’) hebben we niet herkend" in parsed.warnings[0]


# CSV ----------------------------------------------------------------------------


def test_magister_csv_in_cp1252_with_excel_text_cells_keeps_leading_zeros():
    parsed = parse_csv(example("magister.csv"))
    assert rows(parsed) == [
        ("004711", "Zoë D.", "2A", 2),
        ("004712", "Thijs M.", "2A", 2),
        ("004713", "Anaïs G.", "2B", 2),
        ("004714", "Jesse B.", "3A", 3),
    ]


def test_somtoday_csv_with_bom_commas_and_quoted_commas():
    parsed = parse_csv(example("somtoday.csv"))
    assert rows(parsed) == [
        ("00831", "Ruben P.", "1H", 1),
        ("00832", "Ilse H.", "1H", 1),
        ("00833", "Mehmet K.", "1V", 1),
    ]
    assert parsed.groups == {"1H": 1, "1V": 1}


def test_utf16_tab_separated_from_excel_unicode_text():
    text = "Leerlingnummer\tRoepnaam\tAchternaam\tGroep\n0042\tÉmile\tZwart\tGroep 4\n"
    parsed = parse_csv(b"\xff\xfe" + text.encode("utf-16-le"))
    assert rows(parsed) == [("0042", "Émile Z.", "Groep 4", None)]


def test_unclear_columns_ask_for_a_mapping_and_the_mapping_reads_them():
    with pytest.raises(ColumnsUnclear) as unclear:
        parse_csv(example("unclear.csv"))
    assert unclear.value.headers == ["Nr", "Naam", "Familie", "Lokaalgroep"]
    assert unclear.value.sample[0] == ["0901", "Sem", "Willems", "Groep 4"]
    parsed = parse_csv(
        example("unclear.csv"), mapping={"key": 0, "roepnaam": 1, "achternaam": 2, "group": 3}
    )
    assert rows(parsed) == [
        ("0901", "Sem W.", "Groep 4", None),
        ("0902", "Eva L.", "Groep 4", None),
    ]


def test_two_columns_with_one_meaning_are_unclear_too():
    with pytest.raises(ColumnsUnclear) as unclear:
        parse_csv(b"Stamnummer;Leerlingnummer;Roepnaam;Achternaam;Klas\n1;2;A;B;1A\n")
    assert "key" not in unclear.value.guess
    assert unclear.value.guess["group"] == 4


def test_csv_problems_name_their_line_and_nothing_is_returned():
    data = (
        b"Stamnummer;Roepnaam;Achternaam;Klas\n"
        b"1;Anna;Aa;1A\n"
        b"\n"
        b";Bert;Bb;1A\n"
        b"1;Cees;Cc;1A\n"
        b"4;Dirk;Dd;\n"
    )
    with pytest.raises(ParseFailed) as failure:
        parse_csv(data)
    assert failure.value.problems == [
        "Regel 4: de leerling heeft geen leerlingnummer (sleutel).",
        "Regel 5: leerlingnummer 1 komt twee keer voor (ook bij Regel 2).",
        "Regel 6: de leerling zit in geen enkele groep of klas.",
    ]


def test_an_excel_file_or_xml_chosen_as_csv_gets_a_clear_message():
    with pytest.raises(ParseFailed, match="Excel"):
        parse_csv(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(ParseFailed, match="XML-bestand"):
        parse_csv(example("esis.xml"))


# Property-based: any input gives a result or a Dutch message, never a crash. --------

FUZZ = settings(
    max_examples=150, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


def _parses_or_explains(parser, data: bytes) -> None:
    try:
        parsed = parser(data)
    except ParseFailed as failure:
        assert failure.problems and all(isinstance(p, str) and p for p in failure.problems)
        assert len(failure.problems) <= records.MAX_PROBLEMS + 1
    except ColumnsUnclear as unclear:
        assert isinstance(unclear.headers, list)
    else:
        for pupil in parsed.pupils:
            assert pupil.key and len(pupil.key) <= records.MAX_KEY
            assert len(pupil.display_name) <= records.MAX_NAME
            assert pupil.group and len(pupil.group) <= records.MAX_GROUP


def _mutate(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    for position, insert in cuts:
        position %= len(data) + 1
        data = data[:position] + insert + data[position + len(insert) // 2 :]
    return data


_cuts = st.lists(st.tuples(st.integers(0, 10_000), st.binary(max_size=12)), max_size=6)


@FUZZ
@given(st.binary(max_size=2_000))
def test_random_bytes_never_crash_the_parsers(data):
    _parses_or_explains(parse_edexml, data)
    _parses_or_explains(parse_csv, data)


@FUZZ
@given(st.sampled_from(["parnassys.xml", "esis.xml"]), _cuts)
def test_mutated_edexml_never_crashes(name, cuts):
    _parses_or_explains(parse_edexml, _mutate(example(name), cuts))


@FUZZ
@given(st.sampled_from(["magister.csv", "somtoday.csv", "unclear.csv"]), _cuts)
def test_mutated_csv_never_crashes(name, cuts):
    _parses_or_explains(parse_csv, _mutate(example(name), cuts))


@FUZZ
@given(st.lists(st.lists(st.text(max_size=12), min_size=4, max_size=4), min_size=1, max_size=20))
def test_any_table_under_known_headers_is_read_or_explained(table):
    lines = ["Leerlingnummer;Roepnaam;Achternaam;Klas"]
    lines += [";".join(cell.replace(";", "").replace('"', "") for cell in row) for row in table]
    _parses_or_explains(parse_csv, "\n".join(lines).encode("utf-8", errors="surrogatepass"))
