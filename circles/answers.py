"""Reading answers back: what a person reads for a round's answers.

One piece for every place that shows answers (the round page, "vorige keer"
beside a question, a conflict, the PDF reports), so an answer reads the same
on screen and on paper. Pure Python: a handvat's content and a round's answers
in, readable items out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from circles.charts import Radar, radar
from circles.content import label, steps_for


@dataclass(frozen=True)
class PlanText:
    what: str
    when: str
    with_whom: str


@dataclass(frozen=True)
class Answer:
    """One question with its answer, as text a person reads.

    Exactly one of ``text``, ``lines``, ``rows`` or ``plan`` carries the
    answer, depending on the kind of question; all are empty when the
    question was not answered.
    """

    key: str
    kind: str
    label: str
    text: str = ""
    lines: tuple[str, ...] = ()
    rows: tuple[tuple[str, str], ...] = ()
    plan: PlanText | None = None
    scale_note: str = ""
    chart: Radar | None = None
    # The question itself, so a template can mark the handreiking's words
    # (circles/marking.py) the same way on the page and on paper.
    question: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def is_empty(self) -> bool:
        return not (self.text or self.lines or self.rows or self.plan)

    def as_lines(self) -> list[str]:
        """The answer as plain lines, for short read-backs ("vorige keer")."""
        if self.text:
            return [self.text]
        if self.lines:
            return list(self.lines)
        if self.rows:
            separator = ": " if self.kind == "rating" else " — "
            return [f"{item}{separator}{value}" for item, value in self.rows]
        if self.plan:
            parts = [self.plan.what, self.plan.when, self.plan.with_whom]
            return [" · ".join(part for part in parts if part)]
        return []


def _empty(value) -> bool:
    return value in (None, "", [], {})


def read_answer(question: dict, value) -> Answer:
    kind = question.get("type", "text")
    heading = label(question)
    if kind == "sentence" and not heading:
        heading = f"{question.get('prefix', '')} …"
    answer = {"key": question.get("key", ""), "kind": kind, "label": heading, "question": question}
    if kind == "rating":
        values = value if isinstance(value, dict) else {}
        items = question.get("items", [])
        answer["scale_note"] = (
            f"1 = {question['own_low']}, 5 = {question['own_high']}"
            if question.get("own_low") and question.get("own_high")
            else ""
        )
        answer["chart"] = radar(
            [label(item) for item in items], [values.get(item["key"]) for item in items]
        )
        answer["rows"] = tuple(
            (label(item), str(values[item["key"]])) for item in items if values.get(item["key"])
        )
        return Answer(**answer)
    if _empty(value):
        return Answer(**answer)
    if kind == "text":
        answer["text"] = str(value)
    elif kind == "sentence":
        answer["text"] = f"{question.get('prefix', '')} {value}".strip()
    elif kind == "scale":
        answer["text"] = next(
            (label(o) for o in question.get("options", []) if o["key"] == value), str(value)
        )
    elif kind == "choices":
        selected = value.get("selected", []) if isinstance(value, dict) else []
        chosen = [label(o) for o in question.get("options", []) if o["key"] in selected]
        if isinstance(value, dict) and value.get("other"):
            chosen.append(value["other"])
        answer["lines"] = tuple(chosen)
    elif kind == "per_item":
        columns = {c["key"]: label(c) for c in question.get("columns", [])}
        answer["rows"] = tuple(
            (label(item), columns.get(value[item["key"]], ""))
            for item in question.get("items", [])
            if isinstance(value, dict) and value.get(item["key"])
        )
    elif kind == "plan":
        plan = PlanText(
            what=str(value.get("wat", "")),
            when=str(value.get("wanneer", "")),
            with_whom=str(value.get("met_wie", "")),
        )
        if plan.what or plan.when or plan.with_whom:
            answer["plan"] = plan
    else:
        answer["text"] = str(value)
    return Answer(**answer)


def read_back(
    content: dict, answers: dict, *, scope: str | None = None, answered_only: bool = False
) -> list[Answer]:
    """Every question a round of this scope fills in, with its answer, in the handvat's order."""
    steps = steps_for(content, scope) if scope else content.get("steps", [])
    questions = [q for step in steps for q in step.get("questions", [])]
    result = [read_answer(q, (answers or {}).get(q["key"])) for q in questions]
    if answered_only:
        result = [answer for answer in result if not answer.is_empty]
    return result
