"""Exports of a round's responses: one row per response, one column per question.

Rows stream from the database in chunks; CSV streams straight to the client and
XLSX goes through openpyxl's write-only mode into a temporary file, so memory
stays flat however many responses there are. Equalities monitoring is never
exported here.
"""

import tempfile
from collections.abc import Iterator
from itertools import groupby

from django.utils import timezone

from consult.sheets import csv_writer, neutralise, xlsx_append

from .channels import describe_channel
from .models import Answer, Round
from .versions import version_label

__all__ = ["csv_lines", "neutralise", "rows", "xlsx_file"]


def header(round_: Round) -> list[str]:
    questions = round_.survey.questions.order_by("sort_order") if round_.survey else []
    return [
        "reference",
        "submitted at",
        "version",
        "How the response was made",
        # The one consent (surveys.consent), whichever way it was asked.
        "May we contact you again",
        # Which version was answered: its answers count with the full version's.
        "Version",
        *[q.label for q in questions],
    ]


def rows(round_: Round) -> Iterator[list[str]]:
    """The header, then each current, not withdrawn response of the round."""
    questions = list(
        round_.survey.questions.order_by("sort_order").values_list("pk", flat=True)
    )
    yield [neutralise(h) for h in header(round_)]
    names = dict(round_.survey.versions.values_list("variant", "name"))
    answers = (
        Answer.objects.filter(
            response__round=round_, is_current=True, response__withdrawn_at__isnull=True
        )
        .order_by("response__submitted_at", "response_id")
        .values_list(
            "response_id",
            "response__reference",
            "response__submitted_at",
            "response__version",
            "response__channel",
            "response__channel_language",
            "response__source",
            "response__consent_to_recontact",
            "response__variant",
            "question_id",
            "value",
        )
        .iterator(chunk_size=2000)
    )
    for _, group in groupby(answers, key=lambda a: a[0]):
        group = list(group)
        _, reference, submitted_at, version, channel, language, source = group[0][:7]
        consent, variant = group[0][7:9]
        by_question = {a[9]: a[10] for a in group}
        yield [
            reference,
            timezone.localtime(submitted_at).strftime("%Y-%m-%d %H:%M"),
            str(version),
            neutralise(describe_channel(channel, language, source)),
            "Yes" if consent else "No",
            version_label(variant, names) if variant else "Full",  # "Polski (pl)"
            *[
                neutralise("; ".join(map(str, by_question.get(q) or [])))
                for q in questions
            ],
        ]


class _Echo:
    def write(self, value):
        return value


def csv_lines(round_: Round) -> Iterator[str]:
    writer = csv_writer(_Echo())
    yield "\ufeff"  # so that Excel reads UTF-8
    for row in rows(round_):
        yield writer.writerow(row)


def xlsx_file(round_: Round):
    """A temporary file holding the workbook, written row by row."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Responses")
    for row in rows(round_):
        xlsx_append(sheet, row)
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return handle
