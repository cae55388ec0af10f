"""The EDEXML and CSV parsers: pure functions, no database."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from welbevinden.schools.imports import records, schema
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
    assert parsed.version == "2.1"
    assert parsed.pupils[5].has_temporary_key
    assert parsed.warnings == [] and parsed.skipped == []


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


# The example files and the XSD they follow. parnassys.xml and esis.xml are for
# a school year the XSD's outdated enumeration does not list; that is the one
# deviation allowed (and the one the parser tolerates).
VALID = [
    ("edexml-1.03.xml", "1.03"),
    ("edexml-2.0.xml", "2.0"),
    ("edexml-2.1.xml", "2.1"),
    ("parnassys.xml", "2.1"),
    ("esis.xml", "2.1"),
]


@pytest.mark.parametrize(("name", "version"), VALID)
def test_the_example_files_are_valid_against_their_xsd(name, version):
    validator = schema.schema(version).validator
    tree = etree.parse(str(FILES / name))
    validator.validate(tree)
    errors = [(e.path, e.type_name) for e in validator.error_log]
    if name.startswith("edexml-"):
        assert errors == []
    else:
        assert errors == [("/EDEX/school/schooljaar", "SCHEMAV_CVC_ENUMERATION_VALID")]
    assert parse_edexml(example(name)).version == version


def test_each_version_reads_names_groups_unplaced_pupils_and_leavers():
    for name, prefix, version in (
        ("edexml-2.1.xml", "21", "2.1"),
        ("edexml-2.0.xml", "20", "2.0"),
    ):
        parsed = parse_edexml(example(name))
        assert parsed.version == version
        p = prefix + "000"
        assert rows(parsed) == [
            (f"{p}1", "Jip M.", "Groep 3 Egels", 3),
            # No roepnaam: the first of the voornamen; none either: the first voorletter.
            (f"{p}2", "Hendrikus B.", "Groep 6/7 Vossen", 6),
            (f"{p}3", "A. Y.", "Groep 6/7 Vossen", 7),
            # No group: not placed yet, never dropped.
            (f"{p}4", "Mees K.", "", 2),
            # EDEXML's 12 is vo leerjaar 2.
            (f"{p}5", "Roos V.", "B2a", 2),
            # Leaves after the file was made: still a pupil now.
            (f"{p}7", "Zara S.", "Groep 3 Egels", 3),
        ]
        assert [(x.key, x.display_name, x.left_on) for x in parsed.leavers] == [
            (f"{p}6", "Luuk P.", "2024-10-18")
        ]
        assert parsed.groups == {"B2a": 2, "Groep 3 Egels": 3, "Groep 6/7 Vossen": None}
        assert parsed.warnings == [] and parsed.skipped == []
    parsed = parse_edexml(example("edexml-1.03.xml"))
    assert parsed.version == "1.03"
    assert rows(parsed) == [
        ("3580", "Floor A.", "1/2 Mol", 1),
        ("3581", "T. B.", "1/2 Mol", 2),
        ("3582", "Sem D.", "5A", 5),
        ("3583", "Nova E.", "", 4),
    ]
    assert [x.key for x in parsed.leavers] == ["3584"]


SECRETS = (
    "99999",
    "2019-03-02",
    "2018-02-11",
    "2015-09-09",
    "2013",
    "Dorpsstraat",
    "9999ZZ",
    "9999XX",
    "9999YY",
    "Susanna",
    "Johanna",
    "Petronella",
)


@pytest.mark.parametrize(
    "name",
    [
        "parnassys.xml",
        "esis.xml",
        "edexml-1.03.xml",
        "edexml-2.0.xml",
        "edexml-2.1.xml",
        "magister.csv",
        "somtoday.csv",
    ],
)
def test_the_parsers_never_pass_on_bsn_birth_date_gender_or_address(name):
    parse = parse_edexml if name.endswith(".xml") else parse_csv
    parsed = parse(example(name))
    text = str(parsed.to_json())
    for secret in SECRETS:
        assert secret not in text
    # Only the four fields the app keeps.
    assert set(parsed.to_json()["pupils"][0]) == {"key", "display_name", "group", "year_level"}


def test_a_malformed_bsn_skips_its_pupil_without_quoting_it():
    data = example("edexml-2.1.xml").replace(b"999990045", b"12345X")
    parsed = parse_edexml(data)
    assert "210001" not in [p.key for p in parsed.pupils]
    assert [(s.name, s.reason) for s in parsed.skipped] == [
        ("Jip M.", "regel 54: <bsn> heeft een waarde die niet geldig is.")
    ]
    assert "12345X" not in str(parsed.to_json())


def test_one_bad_pupil_is_skipped_with_its_reason_and_the_rest_is_read():
    # A jaargroep of 100 is no jaargroep: that pupil is skipped, not read without one.
    data = example("parnassys.xml").replace(
        b"<jaargroep>5</jaargroep>\n      <groep", b"<jaargroep>100</jaargroep>\n      <groep", 1
    )
    parsed = parse_edexml(data)
    assert [p.key for p in parsed.pupils] == [
        "0100101",
        "0100102",
        "0100104",
        "0100105",
        "#P-0107",
        "0100106",
    ]
    assert [(s.where, s.name, s.reason) for s in parsed.skipped] == [
        (
            "<leerling> op regel 57 (key 0100103)",
            "Fenna B.",
            "regel 63: <jaargroep> heeft de waarde ‘100’, die EDEXML 2.1 niet kent.",
        )
    ]


def test_a_pupil_whose_group_is_not_in_groepen_is_skipped_naming_the_element():
    data = example("parnassys.xml").replace(b'<groep key="G-8"/>', b'<groep key="G-9"/>', 1)
    parsed = parse_edexml(data)
    assert "#P-0107" not in [p.key for p in parsed.pupils]
    assert [(s.where, s.reason) for s in parsed.skipped] == [
        (
            "<leerling> op regel 82 (key #P-0107)",
            "de groep met key G-9 staat niet in <groepen>.",
        )
    ]


def test_a_broken_group_skips_the_group_and_its_pupils():
    data = example("parnassys.xml").replace(
        b"<jaargroep>8</jaargroep>\n      <omschrijving>Groep 8 van juf Mirjam</omschrijving>",
        b"<jaargroep>80</jaargroep>",
    )
    parsed = parse_edexml(data)
    assert [p.group for p in parsed.pupils] == [
        "Groep 3",
        "Groep 3",
        "Groep 5/6",
        "Groep 5/6",
        "Groep 5/6",
    ]
    assert [s.name for s in parsed.skipped] == ["", "Kofi O.", "Lieke V."]
    assert "de groep is niet ingelezen" in parsed.skipped[0].reason
    assert parsed.skipped[1].reason == "de groep ‘Groep 8’ is niet ingelezen (zie die groep)."


def test_a_pupil_without_key_is_skipped():
    data = example("parnassys.xml").replace(b'key="0100102"', b"")
    parsed = parse_edexml(data)
    assert [(s.name, s.reason) for s in parsed.skipped] == [
        ("Emre Y.", "regel 48: <leerling> mist het verplichte attribuut key.")
    ]
    assert len(parsed.pupils) == 6


def test_a_renamed_school_element_refuses_the_file():
    data = (
        example("parnassys.xml")
        .replace(b"<school>", b"<schoool>")
        .replace(b"</school>", b"</schoool>")
    )
    with pytest.raises(ParseFailed) as failure:
        parse_edexml(data)
    assert failure.value.problems[0] == "Het bestand klopt niet met EDEXML 2.1:"
    assert "regel 17: <groepen> hoort hier niet (verwacht: <school>)." in failure.value.problems
    assert "<schoool> (eerst op regel 8)" in failure.value.problems[-1]


def test_vendor_elements_are_named_once_and_skipped_official_ones_never():
    data = (
        example("parnassys.xml")
        .replace(
            b'<groep key="G-56b"/>',
            b'<groep key="G-56b"/><parnassys_kenmerken><kenmerk>A</kenmerk></parnassys_kenmerken>',
        )
        .replace(b"</EDEX>", b'<parnassys_exportinfo versie="2026.3"/></EDEX>')
    )
    parsed = parse_edexml(data)
    assert len(parsed.pupils) == 7
    assert parsed.warnings == [
        "Het bestand bevat elementen die niet in EDEXML 2.1 staan: <parnassys_exportinfo> "
        "(eerst op regel 106); <parnassys_kenmerken> (2×, eerst op regel 72). Die slaan we over."
    ]
    # vestigingen, toevoegingen, vestiging, postcodenl, uitstroomdatum, eckid: all EDEXML.
    assert parse_edexml(example("edexml-2.1.xml")).warnings == []


def test_the_known_elements_come_from_the_xsd():
    known = schema.schema("2.1")
    assert {"vestigingen", "school", "groepen", "leerlingen", "leerkrachten"} == known.children[
        "EDEX"
    ]
    assert {"sofinummer", "postcodenl", "uitstroomdatum", "vestiging", "toevoegingen"} <= (
        known.children["leerling"]
    )
    assert known.attributes["leerling"] == {"key", "eckid"}
    assert "voornamen" not in schema.schema("1.03").children["leerling"]
    assert "vestigingen" not in schema.schema("1.03").children["EDEX"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"Stamnr;Naam\n1;Jan", "Dit is geen XML-bestand."),
        (b"<EDEX>\n<leerlingen>\n</EDEX>", "Dit is geen geldig XML-bestand: regel 3, kolom"),
        (b"<html><body/></html>", "het hoofdelement heet <html> in plaats van <EDEX>"),
        (b"<EDEX><school/></EDEX>", "Het bestand bevat geen <leerlingen>"),
    ],
)
def test_bad_xml_gets_a_dutch_message(data, message):
    with pytest.raises(ParseFailed) as failure:
        parse_edexml(data)
    assert message in failure.value.problems[0]


@pytest.mark.parametrize(
    "bomb",
    [
        b'<?xml version="1.0"?><!DOCTYPE EDEX [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><EDEX>&b;</EDEX>',
        b'<?xml version="1.0"?><!DOCTYPE EDEX [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<EDEX><school><schooljaar>&x;</schooljaar></school></EDEX>",
        b'<?xml version="1.0"?><!DOCTYPE EDEX SYSTEM "http://127.0.0.1:9/edex.dtd"><EDEX/>',
    ],
)
def test_entities_and_dtds_are_refused(bomb):
    with pytest.raises(ParseFailed) as failure:
        parse_edexml(bomb)
    assert "DTD of entiteiten" in failure.value.problems[0]
    assert "root:" not in str(failure.value.problems)


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


def test_csv_rows_with_problems_are_skipped_naming_their_line():
    data = (
        b"Stamnummer;Roepnaam;Achternaam;Klas\n"
        b"1;Anna;Aa;1A\n"
        b"\n"
        b";Bert;Bb;1A\n"
        b"1;Cees;Cc;1A\n"
        b"4;Dirk;Dd;\n"
    )
    parsed = parse_csv(data)
    assert [(s.where, s.reason) for s in parsed.skipped] == [
        ("Regel 4", "de leerling heeft geen leerlingnummer (sleutel)."),
        ("Regel 5", "leerlingnummer 1 komt twee keer voor (ook bij Regel 2)."),
    ]
    # Without a group: not placed yet.
    assert rows(parsed) == [("1", "Anna A.", "1A", None), ("4", "Dirk D.", "", None)]
    assert parsed.groups == {"1A": None}


def test_a_csv_file_without_one_readable_pupil_is_refused():
    with pytest.raises(ParseFailed) as failure:
        parse_csv(b"Stamnummer;Roepnaam;Achternaam;Klas\n;Anna;Aa;1A\n")
    assert failure.value.problems == ["Regel 2: de leerling heeft geen leerlingnummer (sleutel)."]


def test_magisters_raw_field_names_are_recognised():
    data = (
        b"stamnr_str;Roepnaam;Tussenv;Achternaam;Voorletters;Klas;Leerfase.Leerjaar;"
        b"geb_datum_str;Nr\n"
        b'="00123";Ayla;van;Dam;A.;2B;2;2012-01-01;14\n'
        b'="00124";;;Kok;P.J.;2B;2;2012-02-02;15\n'
    )
    parsed = parse_csv(data)
    assert rows(parsed) == [("00123", "Ayla D.", "2B", 2), ("00124", "P. K.", "2B", 2)]
    assert "2012" not in str(parsed.to_json())


def test_a_file_without_a_pupil_number_column_says_so():
    with pytest.raises(ColumnsUnclear) as unclear:
        parse_csv(b"Roepnaam;Achternaam;Klas\nAnna;Aa;1A\n")
    assert unclear.value.missing_key
    with pytest.raises(ColumnsUnclear) as unclear:
        parse_csv(example("unclear.csv"))
    assert unclear.value.missing_key  # "Nr" is no pupil number (Magister's house number)
    with pytest.raises(ColumnsUnclear) as unclear:
        parse_csv(b"Stamnummer;Leerlingnummer;Roepnaam;Achternaam;Klas\n1;2;A;B;1A\n")
    assert not unclear.value.missing_key


def test_a_csv_with_very_many_columns_is_refused_before_the_mapping_step():
    header = ";".join(f"kolom{i}" for i in range(10_000))
    with pytest.raises(ParseFailed) as failure:
        parse_csv(f"{header}\n{header}\n".encode())
    assert failure.value.problems == [
        "De eerste regel heeft 10000 kolommen; we lezen er hooguit 100. Exporteer alleen de "
        "kolommen die je nodig hebt (leerlingnummer, roepnaam, achternaam, groep of klas, "
        "jaargroep)."
    ]
    header = ";".join(["Stamnummer", "Roepnaam", "Achternaam", "Klas", *"x" * 96])
    assert len(parse_csv(f"{header}\n1;A;B;1A\n".encode()).pupils) == 1


def test_a_csv_with_an_endless_line_or_too_many_rows_is_refused():
    with pytest.raises(ParseFailed, match=r"Regel 2 is langer dan 10\.000 tekens"):
        parse_csv(b"Stamnummer;Roepnaam;Achternaam;Klas\n1;" + b"A" * 20_000 + b";B;1A\n")
    many = b"Stamnummer;Roepnaam;Achternaam;Klas\n" + b"1;A;B;C\n" * 20_001
    with pytest.raises(ParseFailed, match=r"meer dan 20\.000 regels"):
        parse_csv(many)


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
            assert len(pupil.group) <= records.MAX_GROUP


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
@given(
    st.sampled_from(
        ["parnassys.xml", "esis.xml", "edexml-1.03.xml", "edexml-2.0.xml", "edexml-2.1.xml"]
    ),
    _cuts,
)
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
