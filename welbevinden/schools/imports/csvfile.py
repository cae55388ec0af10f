"""CSV exports (Magister, Somtoday, a spreadsheet): one pupil a row.

Encoding: UTF-8 with or without BOM, UTF-16 with BOM (Excel's "Unicode
text"), else Windows-1252. Delimiter: whichever of ``;``, ``,`` and tab the
header row holds most. Columns are recognised by their header (aliases
below); when the needed ones cannot all be named, ``ColumnsUnclear`` lets the
beheerder say which column is what. Pupil numbers stay text, so leading
zeros stay. Only the columns we keep are read; a BSN or birth-date column in
the same file is never looked at.
"""

from __future__ import annotations

import csv
import io
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from welbevinden.schools.imports.records import (
    MAX_BYTES,
    Collector,
    ColumnsUnclear,
    ImportFile,
    ParseFailed,
    year_level,
)

# Field -> header names that mean it (lower case, without spaces, dots, dashes,
# underscores). Besides the words people type, Magister's raw field names (as
# its ADFuncties "GetActiveStudents" export and lists built on it name them):
# stamnr_str, Roepnaam, Tussenv, Achternaam, Voorletters, Klas,
# Leerfase.Leerjaar. Not "Nr": in Magister that is the house number.
ALIASES = {
    "key": {
        "stamnummer",
        "stamnr",
        "stamnrstr",
        "leerlingnummer",
        "leerlingnr",
        "llnr",
        "llnummer",
        "leerlingid",
    },
    "roepnaam": {"roepnaam", "voornaam", "roepnaamleerling"},
    "voornamen": {"voornamen", "officielevoornamen", "offvoornamen"},
    "voorletters": {"voorletters"},
    "tussenvoegsel": {"tussenvoegsel", "tussenvoegsels", "voorvoegsel", "tussenv", "voorv"},
    "achternaam": {"achternaam", "familienaam", "achternaamleerling"},
    "group": {"klas", "stamklas", "groep", "stamgroep", "basisgroep", "klasgroep", "klascode"},
    "year_level": {"jaargroep", "leerjaar", "leerfaseleerjaar"},
}
REQUIRED = ("key", "roepnaam", "achternaam", "group")
FIELD_LABELS = {
    "key": gettext_lazy("Leerlingnummer"),
    "roepnaam": gettext_lazy("Roepnaam"),
    "voornamen": gettext_lazy("Voornamen (als de roepnaam leeg is)"),
    "voorletters": gettext_lazy("Voorletters (als roepnaam en voornamen leeg zijn)"),
    "tussenvoegsel": gettext_lazy("Tussenvoegsel"),
    "achternaam": gettext_lazy("Achternaam"),
    "group": gettext_lazy("Groep of klas"),
    "year_level": gettext_lazy("Jaargroep of leerjaar"),
}
# A pupil list has a dozen columns and at most a few thousand rows; far more
# ties up a worker in the mapping step for nothing (10,000 columns took 8.5 s
# and a 2.7 MB page), so such files are refused before they are read.
MAX_COLUMNS = 100
MAX_LINE = 10_000  # characters on one line
MAX_ROWS = 20_000
DELIMITERS = (";", ",", "\t")
# Spreadsheets keep leading zeros by exporting ="00123".
EXCEL_TEXT = re.compile(r'^="(.*)"$')


def decode(data: bytes) -> str:
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8")
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ParseFailed(
            [
                _(
                    "Regel %d: hier staan tekens die niet kloppen met de tekenset die het bestand "
                    "zelf aangeeft. Exporteer het bestand opnieuw."
                )
                % line
            ]
        ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise ParseFailed(
            [
                _(
                    "De tekens in het bestand zijn niet te lezen (geen UTF-8 en geen "
                    "Windows-1252). Sla het bestand op als ‘CSV UTF-8’."
                )
            ]
        ) from None


def _normal(header: str) -> str:
    return re.sub(r"[\s._\-]", "", header.strip().lower())


def guess_columns(headers: list[str]) -> dict[str, int]:
    """Field -> column index, for each field one header unambiguously names."""
    found: dict[str, list[int]] = {}
    for index, header in enumerate(headers):
        for field, aliases in ALIASES.items():
            if _normal(header) in aliases:
                found.setdefault(field, []).append(index)
    return {field: indexes[0] for field, indexes in found.items() if len(indexes) == 1}


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    value = row[index].strip()
    match = EXCEL_TEXT.match(value)
    return match[1] if match else value


def read_table(data: bytes) -> list[tuple[int, list[str]]]:
    """The non-empty rows, each with the line it starts on."""
    if len(data) > MAX_BYTES:
        raise ParseFailed(
            [
                _("Het bestand is %(size)d MB; een leerlingbestand is hooguit %(max)d MB.")
                % {"size": len(data) // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)}
            ]
        )
    if data.lstrip()[:5] in (b"<?xml", b"<EDEX"):
        raise ParseFailed([_("Dit is een XML-bestand, geen CSV. Kies ‘EDEXML’ als soort bestand.")])
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ParseFailed(
            [
                _(
                    "Dit is geen CSV-bestand (misschien een Excel-bestand). Sla het in Excel op "
                    "als ‘CSV UTF-8 (gescheiden door lijstscheidingsteken)’."
                )
            ]
        )
    text = decode(data)
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    if not first:
        raise ParseFailed([_("Het bestand is leeg.")])
    delimiter = max(DELIMITERS, key=first.count)
    if first.count(delimiter) + 1 > MAX_COLUMNS:
        raise ParseFailed(
            [
                _(
                    "De eerste regel heeft %(count)d kolommen; we lezen er hooguit %(max)d. "
                    "Exporteer alleen de kolommen die je nodig hebt (leerlingnummer, roepnaam, "
                    "achternaam, groep of klas, jaargroep)."
                )
                % {"count": first.count(delimiter) + 1, "max": MAX_COLUMNS}
            ]
        )
    long = next((number for number, line in enumerate(lines, 1) if len(line) > MAX_LINE), None)
    if long is not None:
        raise ParseFailed(
            [
                _(
                    "Regel %(line)d is langer dan %(max)s tekens; zo lang is een regel in een "
                    "leerlingenlijst nooit. Exporteer alleen de kolommen met de leerlingen."
                )
                % {"line": long, "max": f"{MAX_LINE:,}".replace(",", ".")}
            ]
        )
    if len(lines) > MAX_ROWS + 1:
        raise ParseFailed(
            [
                _("Het bestand heeft meer dan %s regels; zoveel leerlingen heeft geen school.")
                % f"{MAX_ROWS:,}".replace(",", ".")
            ]
        )
    if first.count(delimiter) == 0:
        raise ParseFailed(
            [
                _(
                    "In de eerste regel staat geen puntkomma, komma of tab: dit lijkt geen "
                    "CSV-bestand met kolommen."
                )
            ]
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = []
    line = 1
    try:
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error:
        raise ParseFailed(
            [
                _(
                    "Regel %d: deze regel is niet te lezen (een aanhalingsteken te veel of te "
                    "weinig?)."
                )
                % line
            ]
        ) from None
    if not rows:
        raise ParseFailed([_("Het bestand is leeg.")])
    return rows


def parse_csv(data: bytes, mapping: dict[str, int] | None = None) -> ImportFile:
    """Read the file; ``mapping`` (field -> column index) overrides the headers."""
    rows = read_table(data)
    headers = [cell.strip() for cell in rows[0][1]]
    columns = guess_columns(headers)
    if mapping is not None:
        columns = {field: index for field, index in mapping.items() if index is not None}
        bad = [i for i in columns.values() if not 0 <= i < len(headers)]
        if bad:
            raise ParseFailed([_("De gekozen kolommen passen niet bij dit bestand.")])
    if any(field not in columns for field in REQUIRED):
        raise ColumnsUnclear(
            headers=headers,
            sample=[row for _line, row in rows[1:4]],
            guess=columns,
            missing_key=not any(_normal(h) in ALIASES["key"] for h in headers),
        )
    collector = Collector()
    for number, row in rows[1:]:
        if len(row) > MAX_COLUMNS:
            collector.skip(
                _("Regel %d") % number, _("deze regel heeft meer dan %d kolommen.") % MAX_COLUMNS
            )
            continue
        collector.add(
            _("Regel %d") % number,
            key=_cell(row, columns["key"]),
            roepnaam=_cell(row, columns["roepnaam"]),
            voornamen=_cell(row, columns.get("voornamen")),
            voorletters=_cell(row, columns.get("voorletters")),
            achternaam=_cell(row, columns["achternaam"]),
            group=_cell(row, columns["group"]),
            level=year_level(_cell(row, columns.get("year_level"))),
        )
    if len(rows) < 2:
        collector.problems.append(_("Het bestand heeft alleen een kopregel en geen leerlingen."))
    collector.raise_problems()
    groups: dict[str, set] = {}
    for pupil in collector.pupils:
        if pupil.group:
            groups.setdefault(pupil.group, set()).add(pupil.year_level)
    return ImportFile(
        kind="csv",
        pupils=collector.pupils,
        groups={
            name: next(iter(levels)) if len(levels) == 1 else None
            for name, levels in sorted(groups.items())
        },
        skipped=collector.skipped,
    )
