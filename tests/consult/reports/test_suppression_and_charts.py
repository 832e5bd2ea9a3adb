"""Small-number suppression follows its setting; charts carry their text."""

from consult.reports import charts, suppression


def test_the_threshold_is_a_setting(settings):
    assert suppression.disclose(9) == "fewer than 10"
    assert suppression.disclose(10) == "10"
    assert suppression.disclose(0) == "0"
    settings.REPORT_DISCLOSURE_THRESHOLD = 3
    assert suppression.disclose(2) == "fewer than 3"
    assert suppression.disclose(3) == "3"
    assert suppression.share(2, 100) is None and suppression.share(3, 100) == 3.0
    assert suppression.share(5, 2) is None  # a small total hides every share


def test_a_bar_chart_is_accessible_and_hides_small_counts():
    svg = charts.bar_chart(
        chart_id="c1", title="By <type>", rows=[("Parents", 40), ("Staff", 4)]
    )
    assert 'role="img"' in svg and 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">By &lt;type&gt;</title>' in svg
    assert "Parents: 40; Staff: fewer than 10" in svg
    assert ">4<" not in svg and "<script" not in svg and "@import" not in svg
    widths = svg.split('width="')[2:]  # after the svg's own width
    assert widths[1].startswith("0")  # no bar for the small count


def test_a_stacked_bar_has_a_key_with_every_option():
    rows = [("Agree", 30), ("Disagree", 20), ("Strongly disagree", 0)]
    svg = charts.stacked_bar(chart_id="s", title="Agree?", rows=rows)
    for label, n in rows:
        assert f"{label}: {n}" in svg
    assert "60%" in svg and "40%" in svg
