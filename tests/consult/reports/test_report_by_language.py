"""The report counts responses by the language and version answered, with
small numbers suppressed; every other figure counts all versions together."""

import pytest
from django.urls import reverse

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
