"""EDEXML 1.03, 2.0 and 2.1 (Edustandaard), as ParnasSys, ESIS and LVSs export it.

The root ``EDEX`` holds ``school``, (2.x) ``vestigingen``, ``groepen``,
``leerlingen`` and ``leerkrachten``; no namespace. The file is checked
against its version's XSD (``schema.py``; the version from
``<xsdversie>``, else the one it fits best). We read only what the app
keeps: the pupil's key, a display name, the group and the jaargroep, and the
uitstroomdatum to leave out pupils who have left. BSN, birth date, gender,
address and everything else in the file are never looked at.

One bad record never throws the others away: a pupil with a schema error,
or whose group has one, is skipped with its reason; a file that is not
EDEXML, or whose root or ``<school>`` is broken, is refused whole. Lenient
where the standard is out of date or vendors add to it: any school year
``YYYY-YYYY+1`` is read (the XSD's enumeration ends years ago), and
elements the XSD does not define there are named once in a warning and
skipped. Combination groups come in two encodings and both become one
group: one ``groep`` per jaargroep under the same name, or one ``groep``
with jaargroep ``C`` and the year per pupil. A pupil without a group is
read as not placed yet.
"""

from __future__ import annotations

import copy
import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from welbevinden.schools.imports import schema as xsd
from welbevinden.schools.imports.records import (
    MAX_BYTES,
    MAX_NAME,
    Collector,
    ImportFile,
    ParseFailed,
    display_name,
)

SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")
# At most this many names of unknown elements in the warning.
MAX_UNKNOWN_NAMES = 8


def _parser() -> etree.XMLParser:
    # No entity expansion, no DTD, no network, libxml2's default size limits.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=True,
    )


def _text(element, name: str) -> str:
    if element is None:
        return ""
    child = element.find(name)
    return (child.text or "").strip() if child is not None else ""


def edexml_level(value: str) -> int | None:
    """The jaargroep as the app keeps it: groep 0-8, or vo leerjaar 1-6 (EDEXML 11-16)."""
    value = value.strip()
    if value.isdigit():
        number = int(value)
        if 0 <= number <= 8:
            return number
        if 11 <= number <= 16:
            return number - 10
    return None


def _date(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _refuse(message: str):
    raise ParseFailed([message])


def _read_tree(data: bytes):
    if len(data) > MAX_BYTES:
        _refuse(
            _("Het bestand is %(size)d MB; een leerlingbestand is hooguit %(max)d MB.")
            % {"size": len(data) // (1024 * 1024), "max": MAX_BYTES // (1024 * 1024)}
        )
    if data.removeprefix(b"\xef\xbb\xbf").lstrip()[:1] != b"<":
        _refuse(_("Dit is geen XML-bestand. Kies een EDEXML-export (.xml) of een CSV-bestand."))
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as error:
        line, column = error.position if error.position else (0, 0)
        _refuse(
            _(
                "Dit is geen geldig XML-bestand: regel %(line)d, kolom %(column)d is niet "
                "te lezen. Exporteer het bestand opnieuw uit je administratie."
            )
            % {"line": line or 0, "column": column or 1}
        )
    except (etree.LxmlError, ValueError, LookupError, UnicodeError):
        _refuse(_("Dit is geen geldig XML-bestand: de tekens zijn niet te lezen."))
    if root is None:
        _refuse(_("Dit is geen geldig XML-bestand: de tekens zijn niet te lezen."))
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        _refuse(
            _(
                "Het bestand bevat een DTD of entiteiten; die lezen we niet, om veiligheids"
                "redenen. Een EDEXML-export heeft ze niet."
            )
        )
    if root.tag != "EDEX":
        tag = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        _refuse(
            _(
                "Dit is geen EDEXML-bestand: het hoofdelement heet <%(tag)s> in plaats van "
                "<EDEX>. Kies bij het exporteren ‘EDEXML’ of gebruik een CSV-bestand."
            )
            % {"tag": tag[:40]}
        )
    return root


def _check(root):
    """Strip and validate against the stated version, else the best fitting one."""
    stated = xsd.detect_version(root)
    best = None
    for version in [stated] if stated else xsd.VERSIONS:
        known = xsd.schema(version)
        tree = copy.deepcopy(root)
        removed = xsd.strip_unknown(tree, known)
        errors = xsd.validate(tree.getroottree(), known)
        score = (len(errors), len(removed))
        if best is None or score < best[0]:
            best = (score, known, tree, removed, errors)
    _score, known, tree, removed, errors = best
    return known, tree, removed, errors


def _scope(element) -> tuple[str, object]:
    """Which record an error is in: a pupil, a group, the teachers, … or the file."""
    chain = [element, *element.iterancestors()] if element is not None else []
    for node in chain:
        parent = node.getparent()
        if parent is None:
            break
        if node.tag == "leerling" and parent.tag == "leerlingen":
            return "pupil", node
        grandparent = parent.getparent()
        if parent.tag == "groepen" and grandparent is not None and grandparent.tag == "EDEX":
            return "group", node
        if parent.tag == "EDEX" and node.tag in ("leerkrachten", "vestigingen"):
            return "ignored", node
        if parent.tag == "EDEX" and node.tag == "school" and node is not element:
            return "school", node
    return "file", None


def _unknown_warning(removed: list[tuple[str, int]], version: str) -> str:
    counts: dict[str, list[int]] = {}
    for name, line in removed:
        counts.setdefault(name, []).append(line)
    parts = []
    for name in sorted(counts)[:MAX_UNKNOWN_NAMES]:
        lines = counts[name]
        first = min((line for line in lines if line), default=0)
        detail = _("%d×") % len(lines) if len(lines) > 1 else ""
        if first:
            detail = (detail + ", " if detail else "") + _("eerst op regel %d") % first
        parts.append(f"{name} ({detail})" if detail else name)
    if len(counts) > MAX_UNKNOWN_NAMES:
        parts.append(_("en nog %d andere") % (len(counts) - MAX_UNKNOWN_NAMES))
    return _(
        "Het bestand bevat elementen die niet in EDEXML %(version)s staan: %(names)s. "
        "Die slaan we over."
    ) % {"version": version, "names": "; ".join(parts)}


def parse_edexml(data: bytes, *, today: date | None = None) -> ImportFile:
    root = _read_tree(data)
    known, root, removed, errors = _check(root)
    version = known.version
    warnings: list[str] = []
    problems: list[str] = []
    pupil_errors: dict[object, list[str]] = {}
    group_errors: dict[object, list[str]] = {}
    ignored = 0
    school_values: list[str] = []
    for error in errors:
        scope, node = _scope(error.element)
        text = _("regel %(line)d: %(message)s") % {"line": error.line, "message": error.message}
        if scope == "pupil":
            pupil_errors.setdefault(node, []).append(text)
        elif scope == "group":
            group_errors.setdefault(node, []).append(text)
        elif scope == "ignored":
            ignored += 1
        elif scope == "school" and error.kind == "value":
            if error.element is not None and error.element.tag != "schooljaar":
                school_values.append(text)
        else:
            problems.append(text)
    empty = not root.findall("leerlingen/leerling")
    if problems or empty:
        lines = [_("Het bestand klopt niet met EDEXML %s:") % version, *problems[:20]]
        if empty:
            lines.insert(0, _("Het bestand bevat geen <leerlingen>; er is niets te lezen."))
        if removed:
            lines.append(_unknown_warning(removed, version))
        raise ParseFailed(lines)
    if removed:
        warnings.append(_unknown_warning(removed, version))
    if ignored:
        warnings.append(
            _(
                "%d fout(en) bij de leerkrachten of vestigingen; die lezen we niet in, dus ze "
                "doen hier niet ter zake."
            )
            % ignored
        )
    if school_values:
        warnings.append(
            _("In <school> klopt iets niet (%s); dat lezen we niet in.")
            % "; ".join(school_values[:3])
        )

    school = root.find("school")
    school_year = _text(school, "schooljaar")
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
    # Who left before the file was made has left; without a date in the file, before today.
    exported = (
        _date(_text(school, "aanmaakdatum"))
        or _date(_text(school, "peildatum"))
        or today
        or timezone.localdate()
    )

    # Groups by key. Several keys may share one name (a combination group
    # written as one groep per jaargroep): they become one group.
    groups_by_key: dict[str, str] = {}
    level_by_key: dict[str, int | None] = {}
    broken_groups: dict[str, str] = {}
    levels: dict[str, set[int | None]] = {}
    combination: set[str] = set()
    collector = Collector()
    groepen = root.find("groepen")
    for element in groepen if groepen is not None else []:
        if not isinstance(element.tag, str):
            continue
        key = (element.get("key") or "").strip()
        name = _text(element, "naam")
        where = _("<%(tag)s> %(name)s op regel %(line)d") % {
            "tag": element.tag,
            "name": name[:40],
            "line": element.sourceline or 0,
        }
        if element in group_errors:
            reason = "; ".join(group_errors[element])
            if key:
                broken_groups[key] = name or key
            collector.skip(where, _("de groep is niet ingelezen: %s") % reason)
            continue
        groups_by_key[key] = name
        level = _text(element, "jaargroep")
        if level.upper() == "C":
            combination.add(name)
        levels.setdefault(name, set()).add(edexml_level(level))
        level_by_key[key] = edexml_level(level)
    vestigingen = {(v.get("key") or "").strip() for v in root.iterfind("vestigingen/vestiging")}

    leerlingen = root.find("leerlingen")
    for element in leerlingen if leerlingen is not None else []:
        if not isinstance(element.tag, str):
            continue
        key = (element.get("key") or "").strip()
        where = _("<leerling> op regel %(line)d%(key)s") % {
            "line": element.sourceline or 0,
            "key": f" (key {key[:40]})" if key else "",
        }
        fields = {
            "key": key,
            "roepnaam": _text(element, "roepnaam"),
            "achternaam": _text(element, "achternaam"),
            "voornamen": _text(element, "voornamen"),
            "voorletters": _text(element, "voorletters-1"),
        }
        name = _display(fields)
        if element in pupil_errors:
            collector.skip(where, "; ".join(pupil_errors[element]), name)
            continue
        group_key = ""
        groep = element.find("groep")
        if groep is not None:
            group_key = (groep.get("key") or "").strip()
        else:
            # No stamgroep: the first samengestelde groep (some vo schools
            # keep their classes that way).
            first = element.find("samengestelde_groepen/samengestelde_groep")
            if first is not None:
                group_key = (first.get("key") or "").strip()
        if group_key in broken_groups:
            collector.skip(
                where,
                _("de groep ‘%s’ is niet ingelezen (zie die groep).") % broken_groups[group_key],
                name,
            )
            continue
        if group_key and group_key not in groups_by_key:
            collector.skip(
                where, _("de groep met key %s staat niet in <groepen>.") % group_key[:40], name
            )
            continue
        vestiging = element.find("vestiging")
        if vestiging is not None and (vestiging.get("key") or "").strip() not in vestigingen:
            collector.skip(
                where,
                _("de vestiging met key %s staat niet in <vestigingen>.")
                % (vestiging.get("key") or "")[:40],
                name,
            )
            continue
        group = groups_by_key.get(group_key, "")
        # The pupil's own jaargroep wins (combination groups with C), else
        # that of the groep it names (one groep per jaargroep), else the
        # group's if it has exactly one.
        level = edexml_level(_text(element, "jaargroep"))
        if level is None:
            level = level_by_key.get(group_key)
        if level is None:
            group_levels = levels.get(group, set()) - {None}
            level = next(iter(group_levels)) if len(group_levels) == 1 else None
        left = _date(_text(element, "uitstroomdatum"))
        collector.add(
            where,
            group=group,
            level=level,
            left_on=left.isoformat() if left and left < exported else "",
            **fields,
        )
    collector.raise_problems()
    used = {pupil.group for pupil in collector.pupils if pupil.group}
    groups = {}
    for name in sorted(used):
        found = levels.get(name, set()) - {None}
        groups[name] = next(iter(found)) if len(found) == 1 and name not in combination else None
    return ImportFile(
        kind="edexml",
        pupils=collector.pupils,
        groups=groups,
        warnings=warnings,
        school_year=school_year,
        skipped=collector.skipped,
        leavers=collector.leavers,
        version=version,
    )


def _display(fields: dict[str, str]) -> str:
    return display_name(
        fields["roepnaam"], fields["achternaam"], fields["voornamen"], fields["voorletters"]
    )[:MAX_NAME]
