"""The report counts responses by the language and version answered, with
small numbers suppressed; every other figure counts all versions together."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from consult.reports.aggregates import refresh_figures
from surveys.models import Response, SurveyVersion

pytestmark = pytest.mark.django_db


def test_the_report_shows_responses_by_language_and_version(client, world, lead):
    survey = world.round.survey
    SurveyVersion.objects.create(survey=survey, variant="pl", name="Polski", title="P")
    SurveyVersion.objects.create(
        survey=survey, variant="young", name="Young people's version", title="Y"
    )
    counted = Response.objects.filter(round=world.round, withdrawn_at__isnull=True)
    ids = list(counted.values_list("pk", flat=True))
    Response.objects.filter(pk__in=ids[:12]).update(variant="pl")
    Response.objects.filter(pk__in=ids[12:15]).update(variant="young")
    client.force_login(lead)
    html = client.get(
        reverse("reports:report", kwargs={"consultation_id": world.consultation.pk})
    ).content.decode()
    table = html[html.index('id="by-version"') :]
    table = table[: table.index("</table>")]
    assert "Responses by language and version" in table
    assert "Polski (pl)</th>" in table
    row = table[table.index("Polski (pl)") :]
    assert ">12<" in row[: row.index("</tr>")]
    young = table[table.index("Young people&#x27;s version") :]
    assert "fewer than 10" in young[: young.index("</tr>")]
    full = table[table.index("Full version") :]
    assert f">{len(ids) - 15}<" in full[: full.index("</tr>")]


def _table(html: str) -> str:
    table = html[html.index('id="by-version"') :]
    return table[: table.index("</table>")]


def _row(table: str, label: str) -> str:
    row = table[table.index(label) :]
    return row[: row.index("</tr>")]


def test_a_filtered_report_and_its_workbook_count_the_slice_by_language(
    client, world, lead
):
    """Counted from the figure cells, sliced like every other figure, with
    small numbers suppressed the same way."""
    SurveyVersion.objects.create(
        survey=world.round.survey, variant="pl", name="Polski", title="P"
    )
    counted = Response.objects.filter(round=world.round, withdrawn_at__isnull=True)
    online = list(counted.filter(channel="online").values_list("pk", flat=True))
    assert len(online) >= 10
    Response.objects.filter(pk__in=online).update(variant="pl")
    others = counted.exclude(pk__in=online)
    (imported, *_) = others.filter(channel="imported")
    Response.objects.filter(pk=imported.pk).update(variant="pl")
    refresh_figures(consultation_id=world.consultation.pk)
    client.force_login(lead)
    report = reverse("reports:report", args=[world.consultation.pk])

    table = _table(client.get(f"{report}?channel=online").content.decode())
    assert f">{len(online)}<" in _row(table, "Polski (pl)")
    assert "Full version" not in table  # every online response was in Polish
    # One Polish response among the imported ones: shown as "fewer than 10".
    table = _table(client.get(f"{report}?channel=imported").content.decode())
    assert "fewer than 10" in _row(table, "Polski (pl)")
    assert ">1<" not in _row(table, "Polski (pl)")

    xlsx = reverse("reports:xlsx", args=[world.consultation.pk])
    book = load_workbook(
        io.BytesIO(client.get(f"{xlsx}?channel=online").content), read_only=True
    )
    summary = [row for row in book["Summary"].iter_rows(values_only=True) if row]
    heading = summary.index(("By language and version", "Responses", "Share (%)"))
    assert summary[heading + 1][:2] == ("Polski (pl)", len(online))
