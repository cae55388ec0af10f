import datetime
import itertools

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


def test_same_day_entries_stand_apart_and_their_phase_letters_do_not_touch():
    from circles.climate.charts import RADIUS

    day = datetime.date(2026, 10, 5)
    chart = timeline(
        [(day, 2, "S", "a"), (day, 2, "S", "b"), (day, 3, "N", "c"), (day, 2, "N", "d")],
        start=datetime.date(2026, 8, 1),
        end=datetime.date(2027, 7, 31),
        level_labels=["een", "twee", "drie", "vier"],
        month_labels=[str(n) for n in range(12)],
    )
    xs = [float(p.x) for p in chart.points]
    assert xs == sorted(xs)  # the line runs forward in time
    at_two = [float(p.x) for p in chart.points if p.level == 2]
    assert all(b - a >= 2 * RADIUS - 3 for a, b in itertools.pairwise(at_two))
    # Two letters at one x go a row apart; the picture grows to hold the row.
    rows = {(p.x, p.phase_y) for p in chart.points}
    assert len(rows) == 4
    assert chart.height > 260


def test_points_at_the_end_of_the_year_stay_in_the_picture():
    end = datetime.date(2027, 7, 31)
    chart = timeline(
        [(end, 4, "P", str(n)) for n in range(5)],
        start=datetime.date(2026, 8, 1),
        end=end,
        level_labels=["een", "twee", "drie", "vier"],
        month_labels=[str(n) for n in range(12)],
    )
    assert max(float(p.x) for p in chart.points) <= float(chart.right)


def test_the_phone_drawing_gives_every_entry_a_row_of_its_own():
    from circles.climate.charts import timeline_list

    day = datetime.date(2026, 10, 5)
    chart = timeline_list(
        [(day, 2, "S", "a", "ma 5 okt"), (day, 3, "S", "b", "ma 5 okt"), (day, 1, "F", "c", "x")]
    )
    assert len({row.y for row in chart.rows}) == 3
    assert [row.level for row in chart.rows] == [2, 3, 1]
