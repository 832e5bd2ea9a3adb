"""Import responses from CSV or XLSX: paper forms, e-mails, partners' collections.

Steps: ``receive_upload`` (checks the file, reads the headings, suggests a
mapping), ``check_import`` (validates every row with the same validation as
online answers: ``services.validate_answers``), ``import_responses`` (all valid
rows in one transaction, or nothing). The file waits in the database between
steps, never in the session, and is emptied once imported or cancelled.

Rows are read one at a time (``import_files.py``), so a large file is never
held as a list of rows. Imports are accepted for closed
rounds too: paper forms arrive late.
"""

import io
import logging
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from consult.audit import services as audit
from consult.audit.models import AuditEntry

from . import import_files
from .channels import Channel
from .import_files import (
    SOURCE_COLUMN,
    ImportFileError,
    file_format,
    iter_rows,
    read_columns,
    suggest_mapping,
)
from .models import Answer, Question, Response, ResponseImport, Round
from .sections import sections_of
from .services import answers_for, new_reference, validate_answers
from .signals import response_submitted

log = logging.getLogger(__name__)

BATCH = 500
REFUSED_KEPT = 500  # refused rows listed in the report; all are counted


class ImportRefused(Exception):
    """The import was refused as a whole; nothing was saved."""


# --- Validating rows -----------------------------------------------------------


@dataclass
class CheckedRow:
    number: int  # as in a spreadsheet: the headings are row 1
    cleaned: dict
    source: str
    problems: list[tuple[str, str]] = field(default_factory=list)


def _raw_answers(row: list[str], mapping: dict, questions: dict) -> dict:
    answers = {}
    for index, target in mapping.items():
        cell = row[int(index)] if int(index) < len(row) else ""
        question = questions.get(target)
        if question is None:
            continue
        if question.kind in Question.MULTIPLE_KINDS:
            answers[target] = [p.strip() for p in cell.split(";") if p.strip()]
        elif question.kind in Question.TEXT_KINDS:
            answers[target] = cell  # kept as written
        else:
            answers[target] = cell.strip()
    return answers


def checked_rows(upload: ResponseImport) -> Iterator[CheckedRow]:
    """Each non-blank data row, validated as an online response would be."""
    survey = upload.round.survey
    if survey is None:
        raise ImportRefused(_("The round has no survey to import into."))
    sections = sections_of(survey)
    questions = {str(q.pk): q for s in sections for q in s.questions}
    missing = [
        t for t in upload.mapping.values() if t != SOURCE_COLUMN and t not in questions
    ]
    if missing:
        raise ImportRefused(
            _(
                "The survey's questions have changed since the columns were matched. "
                "Match the columns again."
            )
        )
    source_index = next(
        (int(i) for i, t in upload.mapping.items() if t == SOURCE_COLUMN), None
    )
    rows = iter_rows(bytes(upload.content), upload.file_format)
    next(rows, None)  # the headings
    fields: dict = {}
    for number, row in enumerate(rows, start=2):
        if number > import_files.MAX_ROWS + 1:
            raise ImportFileError(import_files.too_many_rows())
        if import_files.blank(row):
            continue
        answers = _raw_answers(row, upload.mapping, questions)
        cleaned, errors = validate_answers(sections, answers, fields=fields)
        problems = [(questions[k].label, str(m)) for k, m in errors.items()]
        if not cleaned and not problems:
            problems = [
                (
                    _("Whole row"),
                    _("No answers in the columns matched to questions"),
                )
            ]
        source = ""
        if source_index is not None and source_index < len(row):
            source = row[source_index].strip()[:120]
        yield CheckedRow(
            number=number,
            cleaned=cleaned,
            source=source or upload.source,
            problems=problems,
        )


# --- Services ------------------------------------------------------------------


def receive_upload(*, round_: Round, uploaded_by, name: str, chunks) -> ResponseImport:
    """Keep an uploaded file for the next steps, after checking it can be read.

    ``chunks`` is the upload's byte chunks; reading stops past ``MAX_BYTES``.
    Raises ``ImportFileError`` (nothing kept) for a file too large, of the
    wrong type, empty, with repeated headings or without responses. Not
    idempotent: each upload is a new record.
    """
    if round_.survey_id is None:
        raise ImportFileError(_("This round has no survey to import into."))
    buffer = io.BytesIO()
    for chunk in chunks:
        buffer.write(chunk)
        if buffer.tell() > import_files.MAX_BYTES:
            megabytes = import_files.MAX_BYTES // (1024 * 1024)
            raise ImportFileError(
                _("The file is larger than %(size)s MB. Split it into smaller files.")
                % {"size": megabytes}
            )
    content = buffer.getvalue()
    if not content:
        raise ImportFileError(_("The file is empty."))
    fmt = file_format(name, content[:65536])
    columns = read_columns(content, fmt)
    upload = ResponseImport.objects.create(
        round=round_,
        uploaded_by=uploaded_by,
        file_name=name[:255],
        file_format=fmt,
        content=content,
        columns=columns,
        mapping=suggest_mapping(columns, list(round_.survey.questions.all())),
    )
    log.info(
        "response import uploaded",
        extra={"import": str(upload.pk), "bytes": len(content), "format": fmt},
    )
    return upload


@transaction.atomic
def check_import(*, upload: ResponseImport, mapping: dict, source: str) -> None:
    """Keep the officer's column mapping and count accepted and refused rows.

    Idempotent: checking again with the same mapping gives the same report.
    """
    upload.mapping, upload.source = mapping, source.strip()[:120]
    accepted = refused = 0
    refused_rows = []
    for row in checked_rows(upload):
        if row.problems:
            refused += 1
            if len(refused_rows) < REFUSED_KEPT:
                refused_rows.append({"row": row.number, "problems": row.problems})
        else:
            accepted += 1
    upload.accepted_count, upload.refused_count = accepted, refused
    upload.refused_rows = refused_rows
    upload.save(
        update_fields=[
            "mapping",
            "source",
            "accepted_count",
            "refused_count",
            "refused_rows",
        ]
    )
    log.info(
        "response import checked",
        extra={"import": str(upload.pk), "accepted": accepted, "refused": refused},
    )


def import_responses(*, upload_id, skip_refused: bool) -> ResponseImport:
    """Create a response for every valid row, all in one transaction.

    All or nothing: a database failure, a file that no longer reads, or refused
    rows without ``skip_refused`` leave nothing saved (``ImportRefused`` or the
    database's error). Responses get ``channel=imported``, a reference and the
    row's source, and ``response_submitted`` is sent for each so that analysis
    reads them. Idempotent: the record is locked and a finished import is
    returned as it is, so a double click imports once.
    """
    with transaction.atomic():
        upload = (
            ResponseImport.objects.select_for_update(of=("self",))
            .select_related("round__survey")
            .get(pk=upload_id)
        )
        if upload.status != ResponseImport.Status.UPLOADED:
            return upload
        if upload.refused_count and not skip_refused:
            raise ImportRefused(_refused_message(upload.refused_count))
        imported = refused = 0
        batch: list[tuple[Response, dict]] = []
        questions = {str(q.pk): q for q in upload.round.survey.questions.all()}
        try:
            for row in checked_rows(upload):
                if row.problems:
                    refused += 1
                    continue
                batch.append((_imported_response(upload, row), row.cleaned))
                if len(batch) >= BATCH:
                    imported += _save_batch(batch, questions)
                    batch = []
                    log.info(
                        "response import progress",
                        extra={"import": str(upload.pk), "imported": imported},
                    )
        except ImportFileError as exc:
            raise ImportRefused(str(exc)) from exc
        imported += _save_batch(batch, questions)
        if refused and not skip_refused:
            raise ImportRefused(_refused_message(refused))
        if not imported:
            raise ImportRefused(_("No row of the file can be imported."))
        upload.status = ResponseImport.Status.IMPORTED
        upload.imported_count, upload.imported_at = imported, timezone.now()
        upload.content = None
        upload.save(
            update_fields=["status", "imported_count", "imported_at", "content"]
        )
        audit.record(
            AuditEntry.Action.IMPORT,
            target=upload.round,
            detail=f"{imported} responses from {upload.file_name}",
        )
    log.info(
        "response import finished",
        extra={"import": str(upload.pk), "imported": imported, "refused": refused},
    )
    return upload


def _refused_message(refused: int) -> str:
    return ngettext(
        "%(count)s row cannot be imported. "
        "Choose to import only the valid rows, or correct the file.",
        "%(count)s rows cannot be imported. "
        "Choose to import only the valid rows, or correct the file.",
        refused,
    ) % {"count": refused}


def _imported_response(upload: ResponseImport, row: CheckedRow) -> Response:
    return Response(
        id=uuid.uuid4(),
        round=upload.round,
        reference=new_reference(),
        channel=Channel.IMPORTED,
        source=row.source,
    )


def _save_batch(batch: list[tuple[Response, dict]], questions: dict) -> int:
    if not batch:
        return 0
    Response.objects.bulk_create([response for response, _answers in batch])
    answers = {
        response.pk: answers_for(response, questions, cleaned)
        for response, cleaned in batch
    }
    Answer.objects.bulk_create([a for group in answers.values() for a in group])
    for response, _answers in batch:
        response_submitted.send(
            sender=Response, response=response, answers=answers[response.pk]
        )
    return len(batch)


@transaction.atomic
def cancel_import(*, upload: ResponseImport) -> None:
    """Drop an upload that was not imported: the file goes. Idempotent."""
    ResponseImport.objects.filter(
        pk=upload.pk, status=ResponseImport.Status.UPLOADED
    ).update(status=ResponseImport.Status.CANCELLED, content=None)
