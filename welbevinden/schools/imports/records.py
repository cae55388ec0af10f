"""What the parsers hand over: only the data the app keeps, nothing else.

A parser reads a whole file into an ``ImportFile`` or raises ``ParseFailed``
with Dutch messages naming the line or element. It never touches the
database: the preview (``plan.py``) compares its result with the school.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from welbevinden.text import is_one_line

# A school of 1,500 pupils exports well under 2 MB of EDEXML; anything much
# larger is not a pupil list.
MAX_BYTES = 5 * 1024 * 1024
# The model's limits (Pupil.display_name, Pupil.lvs_number, Group.name).
MAX_KEY = 30
MAX_NAME = 80
MAX_GROUP = 60
# More problems than this are summarised: the first ones tell what is wrong.
MAX_PROBLEMS = 25
TEMPORARY_KEY_PREFIX = "#"


class ParseFailed(Exception):
    """The file cannot be imported; ``problems`` are Dutch sentences for the beheerder."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


class ColumnsUnclear(Exception):
    """A CSV file whose columns the parser cannot name: the beheerder maps them."""

    def __init__(
        self,
        headers: list[str],
        sample: list[list[str]],
        guess: dict[str, int],
        missing_key: bool = False,
    ):
        super().__init__("columns unclear")
        self.headers = headers
        self.sample = sample
        self.guess = guess
        # No header names a pupil number at all (not: two do).
        self.missing_key = missing_key


@dataclass
class ImportedPupil:
    key: str
    display_name: str
    group: str  # "" when the file places the pupil in no group (nog niet geplaatst)
    year_level: int | None = None

    @property
    def has_temporary_key(self) -> bool:
        return self.key.startswith(TEMPORARY_KEY_PREFIX)

    @property
    def is_placed(self) -> bool:
        return bool(self.group)


@dataclass
class Leaver:
    """A pupil the file says has left (uitstroomdatum before the export date)."""

    key: str
    display_name: str
    left_on: str  # ISO date

    @property
    def left_on_date(self) -> date:
        return date.fromisoformat(self.left_on)


@dataclass
class Skipped:
    """A record the parser did not read, and why (Dutch)."""

    where: str
    reason: str
    name: str = ""


@dataclass
class ImportFile:
    kind: str  # "edexml" or "csv"
    pupils: list[ImportedPupil]
    # Group name -> its jaargroep when the file says one (one number), else None.
    groups: dict[str, int | None]
    warnings: list[str] = field(default_factory=list)
    school_year: str = ""  # as the file says it, EDEXML only
    skipped: list[Skipped] = field(default_factory=list)
    leavers: list[Leaver] = field(default_factory=list)
    version: str = ""  # the EDEXML version the file was read as

    def to_json(self) -> dict:
        return {
            "kind": self.kind,
            "pupils": [asdict(pupil) for pupil in self.pupils],
            "groups": self.groups,
            "warnings": self.warnings,
            "school_year": self.school_year,
            "skipped": [asdict(item) for item in self.skipped],
            "leavers": [asdict(leaver) for leaver in self.leavers],
            "version": self.version,
        }

    @classmethod
    def from_json(cls, data: dict) -> ImportFile:
        return cls(
            kind=data["kind"],
            pupils=[ImportedPupil(**pupil) for pupil in data["pupils"]],
            groups=data["groups"],
            warnings=data["warnings"],
            school_year=data["school_year"],
            skipped=[Skipped(**item) for item in data.get("skipped", [])],
            leavers=[Leaver(**leaver) for leaver in data.get("leavers", [])],
            version=data.get("version", ""),
        )


def display_name(roepnaam: str, achternaam: str, voornamen: str = "", voorletters: str = "") -> str:
    """Roepnaam and the first letter of the achternaam: "Sanne V.".

    Without a roepnaam (the XSD allows that) the first of the voornamen is
    the name, else the first voorletter: "J. V.".
    """
    first = roepnaam.strip() or next(iter(voornamen.split()), "")
    if not first and voorletters.strip():
        first = f"{voorletters.strip()[0].upper()}."
    initial = achternaam.strip()[:1].upper()
    if not first:
        return f"{initial}." if initial else ""
    return f"{first} {initial}." if initial else first


def year_level(value: str) -> int | None:
    value = value.strip()
    if value.isdigit() and len(value) <= 2:
        return int(value)
    return None


class Collector:
    """Gathers pupils, checking the rules every format shares.

    A record that breaks a rule is skipped with its reason (``skipped``);
    the others are read. ``problems`` are about the file as a whole.
    """

    def __init__(self):
        self.pupils: list[ImportedPupil] = []
        self.problems: list[str] = []
        self.skipped: list[Skipped] = []
        self.leavers: list[Leaver] = []
        self.keys: dict[str, str] = {}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def skip(self, where: str, reason: str, name: str = "") -> None:
        self.skipped.append(Skipped(where=where, reason=reason, name=name))

    def add(
        self,
        where: str,
        *,
        key: str,
        roepnaam: str,
        achternaam: str,
        group: str,
        level,
        voornamen: str = "",
        voorletters: str = "",
        left_on: str = "",
    ) -> None:
        texts = [key, roepnaam, achternaam, group, voornamen, voorletters]
        key, roepnaam, achternaam, group, voornamen, voorletters = (t.strip() for t in texts)
        for text in (key, roepnaam, achternaam, group, voornamen, voorletters):
            if not is_one_line(text):
                self.skip(where, _("er staan regeleinden, tabs of onzichtbare tekens in."))
                return
        name = display_name(roepnaam, achternaam, voornamen, voorletters)
        shown = name[:MAX_NAME]
        if not key:
            self.skip(where, _("de leerling heeft geen leerlingnummer (sleutel)."), shown)
        elif len(key) > MAX_KEY:
            self.skip(where, _("het leerlingnummer is langer dan %d tekens.") % MAX_KEY, shown)
        elif key in self.keys:
            self.skip(
                where,
                _("leerlingnummer %(key)s komt twee keer voor (ook bij %(other)s).")
                % {"key": key, "other": self.keys[key]},
                shown,
            )
        elif not name:
            self.skip(where, _("de roepnaam ontbreekt."))
        elif len(group) > MAX_GROUP:
            self.skip(where, _("de groepsnaam is langer dan %d tekens.") % MAX_GROUP, shown)
        elif len(name) > MAX_NAME:
            self.skip(where, _("de roepnaam is langer dan %d tekens.") % (MAX_NAME - 3))
        else:
            self.keys[key] = where
            if left_on:
                self.leavers.append(Leaver(key, name, left_on))
            else:
                self.pupils.append(ImportedPupil(key, name, group, level))

    def raise_problems(self) -> None:
        """Refuse the file when it as a whole is wrong, or when not one pupil is readable."""
        problems = self.problems
        if not problems and not self.pupils and not self.leavers:
            problems = [f"{item.where}: {item.reason}" for item in self.skipped]
        if problems:
            shown = problems[:MAX_PROBLEMS]
            rest = len(problems) - len(shown)
            if rest:
                shown.append(_("en nog %d andere problemen.") % rest)
            raise ParseFailed(shown)
