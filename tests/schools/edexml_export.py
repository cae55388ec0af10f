"""A generated EDEXML 2.1 export of a whole school, with invented pupils.

What a 400-pupil LAS export holds: two groups per jaargroep, a combination
group written as one groep per jaargroep (5/6), one written with jaargroep C
(7/8), a samengestelde groep, vestigingen, pupils without roepnaam (voornamen
or only voorletters), pupils not placed yet, leavers (uitstroomdatum before
the aanmaakdatum) and pupils leaving later this year, and the BSN, birth
dates, gender and postcodes the app never reads. Optionally some pupils with
a schema error (a jaargroep of 100), to see them skipped.

``generate`` returns the file and the records it was written from, so a test
can count what it expects without asking the parser.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from xml.sax.saxutils import escape

FIRST = [
    "Sanne",
    "Daan",
    "Emma",
    "Noah",
    "Julia",
    "Liam",
    "Tess",
    "Finn",
    "Mila",
    "Sem",
    "Zoë",
    "Lucas",
    "Nora",
    "Levi",
    "Yara",
    "Bram",
    "Fleur",
    "Mees",
    "Lotte",
    "Jens",
    "Anouk",
    "Thijs",
    "Isa",
    "Ruben",
    "Evi",
    "Hugo",
    "Lina",
    "Jesse",
    "Roos",
    "Milan",
    "Saar",
    "Teun",
    "Hanna",
]
FORMAL = [
    "Johanna",
    "Hendrikus",
    "Petronella",
    "Wilhelmus",
    "Maria",
    "Cornelis",
    "Geertruida",
    "Adrianus",
    "Catharina",
]
LAST = [
    "Aalbers",
    "Bakker",
    "Claassen",
    "Dekker",
    "Evers",
    "Faber",
    "Gerritsen",
    "Hendriks",
    "Jacobs",
    "Koster",
    "Lammers",
    "Mulder",
    "Nijhuis",
    "Oosterhuis",
    "Peeters",
    "Quint",
    "Rietveld",
    "Smits",
    "Timmer",
    "Uittenbosch",
    "Verhoef",
    "Willems",
    "Yildiz",
    "Zijlstra",
]
EXPORTED = "2026-10-05"
SCHOOL_YEAR = "2026-2027"


@dataclass
class Record:
    key: str
    roepnaam: str
    voornamen: str
    voorletters: str
    achternaam: str
    group_key: str | None  # None: not placed yet
    jaargroep: str
    left_on: str = ""  # uitstroomdatum
    broken: bool = False

    @property
    def left_before_export(self) -> bool:
        return bool(self.left_on) and self.left_on < EXPORTED

    @property
    def expected_name(self) -> str:
        first = self.roepnaam or (self.voornamen.split()[0] if self.voornamen else "")
        first = first or f"{self.voorletters[0]}."
        return f"{first} {self.achternaam[0]}."


# key -> (name, jaargroep); 5/6 is two groepen with one name, 7/8 one with C.
GROUPS = {
    **{f"G{n}{x}": (f"Groep {n}{x}", str(n)) for n in (1, 2, 3, 4) for x in "ab"},
    "G56-5": ("Groep 5/6", "5"),
    "G56-6": ("Groep 5/6", "6"),
    "G78": ("Groep 7/8", "C"),
    "G8": ("Groep 8", "8"),
}


def records(
    count: int = 400, *, broken_every: int = 0, seed: int = 20, leaving=frozenset()
) -> list[Record]:
    rng = random.Random(seed)
    keys = list(GROUPS)
    result = []
    for number in range(count):
        group_key = keys[number % len(keys)]
        level = GROUPS[group_key][1]
        if level == "C":
            level = rng.choice(["7", "8"])
        roepnaam = rng.choice(FIRST)
        voornamen = f"{rng.choice(FORMAL)} {rng.choice(FORMAL)}"
        voorletters = voornamen[0] + voornamen.split()[1][0]
        if number % 7 == 3:
            roepnaam = ""  # the first of the voornamen
        if number % 21 == 10:
            roepnaam, voornamen = "", ""  # only voorletters
        left_on = ""
        if number % 41 == 5:
            left_on = f"2026-09-{1 + number % 28:02d}"  # left before the export
        elif number % 53 == 7:
            left_on = "2027-07-10"  # leaves at the end of the year: still a pupil
        key = f"{500000 + number}"
        if key in leaving:
            left_on = "2026-09-30"
        result.append(
            Record(
                key=key,
                roepnaam=roepnaam,
                voornamen=voornamen,
                voorletters=voorletters,
                achternaam=rng.choice(LAST),
                group_key=None if number % 37 == 11 else group_key,
                jaargroep=level,
                left_on=left_on,
                broken=bool(broken_every) and number % broken_every == broken_every - 1,
            )
        )
    return result


def _pupil(record: Record, number: int) -> str:
    parts = [f'    <leerling key="{record.key}" eckid="https://id.school/LL_{record.key}">']
    parts.append(f"      <achternaam>{escape(record.achternaam)}</achternaam>")
    if record.voornamen:
        parts.append(f"      <voornamen>{escape(record.voornamen)}</voornamen>")
    parts.append(f"      <voorletters-1>{record.voorletters}</voorletters-1>")
    if record.roepnaam:
        parts.append(f"      <roepnaam>{escape(record.roepnaam)}</roepnaam>")
    born = f"20{14 + number % 8:02d}-0{1 + number % 9}-1{number % 10}"
    parts.append(f"      <geboortedatum>{born}</geboortedatum>")
    parts.append(f"      <geslacht>{1 + number % 2}</geslacht>")
    parts.append(f"      <jaargroep>{'100' if record.broken else record.jaargroep}</jaargroep>")
    if record.group_key:
        parts.append(f'      <groep key="{record.group_key}"/>')
        if number % 10 == 0:
            parts.append(
                "      <samengestelde_groepen>"
                '<samengestelde_groep key="PLUS"/></samengestelde_groepen>'
            )
    parts.append(f'      <vestiging key="{"V1" if number % 3 else "V2"}"/>')
    parts.append(f"      <bsn>{999_000_000 + number:09d}</bsn>")
    parts.append(f"      <postcodenl>{1000 + number}ZZ</postcodenl>")
    parts.append("      <instroomdatum>2022-08-29</instroomdatum>")
    if record.left_on:
        parts.append(f"      <uitstroomdatum>{record.left_on}</uitstroomdatum>")
    if number % 50 == 0:
        parts.append(
            '      <toevoegingen><blok xsi:type="OpmerkingGegevensType"><code>X</code>'
            "<opmerking>verzonnen</opmerking></blok></toevoegingen>"
        )
    parts.append("    </leerling>")
    return "\n".join(parts)


def generate(count: int = 400, *, broken_every: int = 0, seed: int = 20, leaving=frozenset()):
    """The file (bytes) and the records it holds; ``leaving``: keys that left in September."""
    rows = records(count, broken_every=broken_every, seed=seed, leaving=leaving)
    groups = "\n".join(
        f'    <groep key="{key}"><naam>{name}</naam><jaargroep>{level}</jaargroep></groep>'
        for key, (name, level) in GROUPS.items()
    )
    pupils = "\n".join(_pupil(record, number) for number, record in enumerate(rows))
    text = f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by tests/schools/edexml_export.py: invented pupils. -->
<EDEX xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
  <school>
    <schooljaar>{SCHOOL_YEAR}</schooljaar>
    <brincode>99ZZ</brincode>
    <dependancecode>00</dependancecode>
    <aanmaakdatum>{EXPORTED}T08:00:00</aanmaakdatum>
    <auteur>Gegenereerd LAS</auteur>
    <xsdversie>2.1</xsdversie>
  </school>
  <vestigingen>
    <vestiging key="V1"><naam>Hoofdgebouw</naam></vestiging>
    <vestiging key="V2"><naam>Dependance</naam></vestiging>
  </vestigingen>
  <groepen>
{groups}
    <samengestelde_groep key="PLUS"><naam>Plusklas</naam></samengestelde_groep>
  </groepen>
  <leerlingen>
{pupils}
  </leerlingen>
  <leerkrachten>
    <leerkracht key="T1"><achternaam>Veenstra</achternaam><roepnaam>Anke</roepnaam>
      <groepen><groep key="G1a"/><samengestelde_groep key="PLUS"/></groepen></leerkracht>
  </leerkrachten>
</EDEX>
"""
    return text.encode("utf-8"), rows
