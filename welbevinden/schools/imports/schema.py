"""EDEXML 1.03, 2.0 and 2.1 as Edustandaard's XSDs (``xsd/``) define them.

What the standard allows where is read from the XSDs themselves, never
listed by hand: for every element name, the child elements and attributes
any of its declarations allows (``Schema.children``). The importer removes
what is not there (a vendor's additions) before validating, and names it
once in the preview; ``toevoegingen`` (the standard's own extension blocks,
whose types live in vendors' schemas) are removed too, unread.

Validation is lxml's (libxml2) XML Schema; its errors become Dutch
sentences naming the element and the line. Values are quoted only for the
elements the app reads itself, so a malformed BSN or birth date never ends
up in a message (or in the stored preview).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _
from lxml import etree

XSD_DIR = Path(__file__).parent / "xsd"
# Newest first: a file that says no version is tried in this order.
VERSIONS = ("2.1", "2.0", "1.03")
XS = "{http://www.w3.org/2001/XMLSchema}"
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
# Elements whose value may be quoted in a message: the ones the app reads.
QUOTABLE = {"jaargroep", "schooljaar", "naam", "roepnaam"}
ELEMENT = re.compile(r"^Element '([^']+)'")
EXPECTED = re.compile(r"Expected is(?: one of)? \( ([^)]*) \)")
MAX_LENGTH = re.compile(r"maximum length of '(\d+)'")


@dataclass(frozen=True)
class Schema:
    version: str
    validator: etree.XMLSchema
    # Element name -> the child elements / attributes the XSD allows in it.
    children: dict[str, frozenset[str]]
    attributes: dict[str, frozenset[str]]


@dataclass
class SchemaError:
    element: etree._Element | None  # where it is, when lxml can say
    line: int
    message: str  # Dutch
    kind: str  # "value" (a bad value) or "structure" (a missing or misplaced part)


def _content(node, types, seen=frozenset()) -> tuple[set[str], set[str]]:
    """Child element names and attribute names a complexType's content model allows."""
    elements: set[str] = set()
    attributes: set[str] = set()
    for child in node:
        if child.tag == f"{XS}element":
            elements.add(child.get("name") or child.get("ref"))
        elif child.tag == f"{XS}attribute":
            attributes.add(child.get("name") or child.get("ref"))
        elif isinstance(child.tag, str) and child.tag.startswith(XS):
            base = child.get("base")
            if base in types and base not in seen:
                more = _content(types[base], types, seen | {base})
                elements |= more[0]
                attributes |= more[1]
            more = _content(child, types, seen)
            elements |= more[0]
            attributes |= more[1]
    return elements, attributes


@cache
def schema(version: str) -> Schema:
    folder = XSD_DIR / version
    documents = [etree.parse(str(path)) for path in sorted(folder.glob("*.xsd"))]
    types = {
        node.get("name"): node
        for document in documents
        for node in document.iter(f"{XS}complexType")
        if node.get("name")
    }
    children: dict[str, set[str]] = {}
    attributes: dict[str, set[str]] = {}
    for document in documents:
        for declaration in document.iter(f"{XS}element"):
            name = declaration.get("name")
            if not name:
                continue
            node = types.get(declaration.get("type"))
            if node is None:
                node = declaration.find(f"{XS}complexType")
            found = _content(node, types) if node is not None else (set(), set())
            children.setdefault(name, set()).update(found[0])
            attributes.setdefault(name, set()).update(found[1])
    validator = etree.XMLSchema(etree.parse(str(folder / "EDEXML.structuur.xsd")))
    return Schema(
        version=version,
        validator=validator,
        children={name: frozenset(names) for name, names in children.items()},
        attributes={name: frozenset(names) for name, names in attributes.items()},
    )


def _name(node) -> str:
    return etree.QName(node).localname[:40]


def strip_unknown(root, known: Schema) -> list[tuple[str, int]]:
    """Remove what this version does not define there; return (name, line) of each."""
    removed: list[tuple[str, int]] = []
    stack = [root]
    while stack:
        element = stack.pop()
        allowed = known.children.get(element.tag, frozenset())
        for child in list(element):
            if not isinstance(child.tag, str):
                continue  # comments and processing instructions
            if child.tag == "toevoegingen":
                element.remove(child)
            elif child.tag not in allowed:
                removed.append((f"<{_name(child)}>", child.sourceline or 0))
                element.remove(child)
            else:
                stack.append(child)
        attributes = known.attributes.get(element.tag, frozenset())
        for attribute in list(element.attrib):
            if attribute.startswith(XSI) or attribute in attributes:
                continue
            removed.append((f"<{_name(element)} {etree.QName(attribute).localname[:40]}=…>", 0))
            del element.attrib[attribute]
    return removed


def _dutch(error, element, version: str) -> tuple[str, str]:
    """A Dutch sentence for one libxml2 schema error, and its kind."""
    match = ELEMENT.match(error.message)
    name = match[1] if match else (_name(element) if element is not None else "?")
    where = f"<{name[:40]}>"
    value = (element.text or "").strip()[:40] if element is not None else ""
    quoted = name in QUOTABLE and value
    kind = error.type_name
    if kind == "SCHEMAV_ELEMENT_CONTENT":
        expected = EXPECTED.search(error.message)
        options = [f"<{n.strip()}>" for n in expected[1].split(",")] if expected else []
        names = ", ".join(options[:4]) + (", …" if len(options) > 4 else "")
        if "Missing child element" in error.message:
            return _("in %(where)s ontbreekt %(names)s.") % {
                "where": where,
                "names": names or _("een verplicht element"),
            }, "structure"
        return _("%(where)s hoort hier niet (verwacht: %(names)s).") % {
            "where": where,
            "names": names or _("niets meer"),
        }, "structure"
    if kind == "SCHEMAV_CVC_COMPLEX_TYPE_4":
        attribute = re.search(r"attribute '([^']+)'", error.message)
        return _("%(where)s mist het verplichte attribuut %(attribute)s.") % {
            "where": where,
            "attribute": attribute[1][:40] if attribute else "key",
        }, "structure"
    if kind == "SCHEMAV_CVC_ENUMERATION_VALID":
        if quoted:
            return _("%(where)s heeft de waarde ‘%(value)s’, die EDEXML %(version)s niet kent.") % {
                "where": where,
                "value": value,
                "version": version,
            }, "value"
        return _("%(where)s heeft een waarde die EDEXML %(version)s niet kent.") % {
            "where": where,
            "version": version,
        }, "value"
    if kind in ("SCHEMAV_CVC_MAXLENGTH_VALID", "SCHEMAV_CVC_LENGTH_VALID") and (
        limit := MAX_LENGTH.search(error.message)
    ):
        return _("%(where)s is langer dan %(max)s tekens.") % {
            "where": where,
            "max": limit[1],
        }, "value"
    if kind == "SCHEMAV_CVC_MINLENGTH_VALID":
        return _("%(where)s is leeg.") % {"where": where}, "value"
    if kind == "SCHEMAV_CVC_IDC" and "Duplicate key-sequence" in error.message:
        key = re.search(r"\['([^']*)'\]", error.message)
        return _("de key ‘%(key)s’ van %(where)s komt vaker voor.") % {
            "key": key[1][:40] if key else "",
            "where": where,
        }, "structure"
    if kind.startswith("SCHEMAV_CVC_") and kind != "SCHEMAV_CVC_IDC":
        if quoted:
            return _("%(where)s heeft de waarde ‘%(value)s’; die is niet geldig.") % {
                "where": where,
                "value": value,
            }, "value"
        return _("%(where)s heeft een waarde die niet geldig is.") % {"where": where}, "value"
    return _("%(where)s klopt niet met EDEXML %(version)s.") % {
        "where": where,
        "version": version,
    }, "structure"


def validate(tree, known: Schema) -> list[SchemaError]:
    """Schema errors of the tree, in Dutch; key references are the importer's own check."""
    known.validator.validate(tree)
    errors: list[SchemaError] = []
    seen: set[tuple[int, str]] = set()
    for error in known.validator.error_log:
        if error.path is None or "Not all fields" in error.message:
            # A keyref without a match (lxml cannot say which element: the
            # importer checks every pupil's group and vestiging itself), or a
            # key missing from its element (reported as the missing attribute).
            continue
        found = tree.xpath(error.path)
        element = found[0] if found else None
        message, kind = _dutch(error, element, known.version)
        if (id(element), message) in seen:
            continue  # one duplicate key breaks a key and a unique constraint
        seen.add((id(element), message))
        errors.append(SchemaError(element=element, line=error.line, message=message, kind=kind))
    return errors


def detect_version(root) -> str | None:
    """The version the file says in ``<school><xsdversie>``, when it is one we have."""
    school = root.find("school")
    stated = school.findtext("xsdversie", "") if school is not None else ""
    stated = stated.strip().lower().removeprefix("edexml").strip().removeprefix("v")
    aliases = {"1.03": "1.03", "1.0.3": "1.03", "2.0": "2.0", "2": "2.0", "2.1": "2.1"}
    return aliases.get(stated)
