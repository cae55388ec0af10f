"""EDEXML 2.1 (Edustandaard), as ParnasSys, ESIS and others export it.

The root ``EDEX`` holds ``school``, ``groepen``, ``leerlingen`` and
``leerkrachten``; no namespace, UTF-8. We read only what the app keeps: the
pupil's key, roepnaam and the first letter of the achternaam, the group and
the jaargroep. BSN, birth date, gender, address and everything else in the
file are never looked at, so they cannot end up anywhere.

Lenient where the standard is out of date or vendors add to it: a school
year outside the schema's enumeration and unknown (vendor) elements give a
warning, never a refusal. Combination groups come in two encodings and both
become one group: one ``groep`` per jaargroep under the same name, or one
``groep`` with jaargroep ``C`` and the year per pupil.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _

from welbevinden.schools.imports.records import (
    MAX_BYTES,
    Collector,
    ImportFile,
    ParseFailed,
    year_level,
)

# The elements of EDEXML 2.1 that we know (and mostly skip); anything else
# directly under EDEX, a groep or a leerling is a vendor's addition.
KNOWN_TOP = {"school", "groepen", "leerlingen", "leerkrachten"}
KNOWN_GROUP = {"naam", "jaargroep", "omschrijving", "mutatiedatum", "instellingssleutel"}
KNOWN_PUPIL = {
    "achternaam",
    "voorvoegsel",
    "voorletters-1",
    "voorletters",
    "roepnaam",
    "voornamen",
    "geboortedatum",
    "geslacht",
    "jaargroep",
    "nationaliteit",
    "land",
    "etniciteit",
    "bsn",
    "bsn_ouder1",
    "bsn_ouder2",
    "onderwijsnummer",
    "instroomdatum",
    "gewicht",
    "groep",
    "samengestelde_groepen",
    "postcode",
    "huisnummer",
    "adres",
    "woonplaats",
    "emailadres",
    "mutatiedatum",
    "vorm_leerling",
}
SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


def _text(element: Element | None, name: str) -> str:
    if element is None:
        return ""
    child = element.find(name)
    return (child.text or "").strip() if child is not None else ""


def parse_edexml(data: bytes) -> ImportFile:
    if len(data) > MAX_BYTES:
        raise ParseFailed(
            [
                _("Het bestand is %(size)d MB; een leerlingbestand is hooguit %(max)d MB.")
                % {"size": len(data) // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)}
            ]
        )
    if data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] != b"<":
        raise ParseFailed(
            [_("Dit is geen XML-bestand. Kies een EDEXML-export (.xml) of een CSV-bestand.")]
        )
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ParseFailed(
            [
                _(
                    "Dit is geen geldig XML-bestand: regel %(line)d, kolom %(column)d is niet "
                    "te lezen. Exporteer het bestand opnieuw uit je administratie."
                )
                % {"line": line, "column": column + 1}
            ]
        ) from None
    except DefusedXmlException:
        raise ParseFailed(
            [
                _(
                    "Het bestand bevat een DTD of entiteiten; die lezen we niet, om veiligheids"
                    "redenen. Een EDEXML-export heeft ze niet."
                )
            ]
        ) from None
    except (ValueError, LookupError, UnicodeError):
        raise ParseFailed(
            [_("Dit is geen geldig XML-bestand: de tekens zijn niet te lezen.")]
        ) from None
    if root.tag != "EDEX":
        raise ParseFailed(
            [
                _(
                    "Dit is geen EDEXML-bestand: het hoofdelement heet <%(tag)s> in plaats van "
                    "<EDEX>. Kies bij het exporteren ‘EDEXML’ of gebruik een CSV-bestand."
                )
                % {"tag": str(root.tag)[:40]}
            ]
        )
    warnings: list[str] = []
    vendor = sorted({str(child.tag)[:40] for child in root if child.tag not in KNOWN_TOP})

    school_year = _text(root.find("school"), "schooljaar")
    match = SCHOOL_YEAR.match(school_year)
    if school_year and not match:
        warnings.append(
            _("Het schooljaar in het bestand (‘%s’) hebben we niet herkend; we slaan het over.")
            % school_year[:20]
        )
        school_year = ""
    elif match and int(match[2]) != int(match[1]) + 1:
        warnings.append(
            _("Het schooljaar in het bestand (‘%s’) klopt niet; we slaan het over.") % school_year
        )
        school_year = ""

    # Groups by key. Several keys may share one name (a combination group
    # written as one groep per jaargroep): they become one group.
    groups_by_key: dict[str, str] = {}
    levels: dict[str, set[int | None]] = {}
    combination: set[str] = set()
    collector = Collector()
    groepen = root.find("groepen")
    for number, element in enumerate(groepen if groepen is not None else [], start=1):
        if element.tag not in ("groep", "samengestelde_groep"):
            vendor.append(str(element.tag)[:40])
            continue
        key = (element.get("key") or "").strip()
        name = _text(element, "naam")
        where = _("<%(tag)s> nummer %(number)d") % {"tag": element.tag, "number": number}
        if not key:
            collector.problem(where, _("de groep heeft geen key."))
            continue
        if not name:
            collector.problem(where, _("de groep met key %s heeft geen naam.") % key[:40])
            continue
        vendor.extend(str(c.tag)[:40] for c in element if c.tag not in KNOWN_GROUP)
        groups_by_key[key] = name
        level = _text(element, "jaargroep")
        if level.upper() == "C":
            combination.add(name)
        levels.setdefault(name, set()).add(year_level(level))

    leerlingen = root.find("leerlingen")
    if leerlingen is None or len(leerlingen) == 0:
        collector.problems.append(_("Het bestand bevat geen <leerlingen>; er is niets te lezen."))
    for number, element in enumerate(leerlingen if leerlingen is not None else [], start=1):
        if element.tag != "leerling":
            vendor.append(str(element.tag)[:40])
            continue
        key = (element.get("key") or "").strip()
        where = _("<leerling> nummer %(number)d%(key)s") % {
            "number": number,
            "key": f" (key {key[:40]})" if key else "",
        }
        vendor.extend(str(c.tag)[:40] for c in element if c.tag not in KNOWN_PUPIL)
        group_key = ""
        groep = element.find("groep")
        if groep is not None:
            group_key = (groep.get("key") or "").strip()
        else:
            # No stamgroep: the first samengestelde groep (some vo schools
            # keep their classes that way).
            combined = element.find("samengestelde_groepen")
            first = combined.find("samengestelde_groep") if combined is not None else None
            if first is not None:
                group_key = (first.get("key") or "").strip()
        if group_key and group_key not in groups_by_key:
            collector.problem(
                where,
                _("de groep met key %s staat niet in <groepen>.") % group_key[:40],
            )
            continue
        group = groups_by_key.get(group_key, "")
        # The pupil's own jaargroep wins (combination groups with C), else
        # the group's if it has exactly one.
        level = year_level(_text(element, "jaargroep"))
        if level is None:
            group_levels = levels.get(group, set()) - {None}
            level = next(iter(group_levels)) if len(group_levels) == 1 else None
        collector.add(
            where,
            key=key,
            roepnaam=_text(element, "roepnaam"),
            achternaam=_text(element, "achternaam"),
            group=group,
            level=level,
        )
    collector.raise_problems()
    if vendor:
        names = ", ".join(f"<{tag}>" for tag in sorted(set(vendor))[:8])
        warnings.append(
            _("Het bestand bevat elementen die niet in EDEXML 2.1 staan (%s); die slaan we over.")
            % names
        )
    used = {pupil.group for pupil in collector.pupils}
    groups = {}
    for name in sorted(used):
        known = levels.get(name, set()) - {None}
        groups[name] = next(iter(known)) if len(known) == 1 and name not in combination else None
    return ImportFile(
        kind="edexml",
        pupils=collector.pupils,
        groups=groups,
        warnings=warnings,
        school_year=school_year,
    )
