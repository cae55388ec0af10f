import datetime

from circles.climate.charts import timeline


def test_the_timeline_places_levels_high_and_days_along_the_year():
    chart = timeline(
        [(datetime.date(2027, 7, 31), 4, "P", "b"), (datetime.date(2026, 8, 1), 1, "F", "a")],
        start=datetime.date(2026, 8, 1),
        end=datetime.date(2027, 7, 31),
        level_labels=["een", "twee", "drie", "vier"],
        month_labels=[str(n) for n in range(12)],
    )
    first, last = chart.points
    assert first.x == chart.left and last.x == chart.right
    assert first.y == chart.bottom and last.y == chart.top
    assert (first.phase_letter, last.phase_letter) == ("F", "P")
    assert chart.line == f"{first.x},{first.y} {last.x},{last.y}"
    # A decimal point whatever the locale: SVG does not read commas.
    assert "," not in chart.left
    assert len(chart.month_ticks) == 12 and len(chart.level_ticks) == 4
