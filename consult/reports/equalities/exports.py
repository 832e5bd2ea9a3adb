"""The assessment as a PDF (WeasyPrint, from the print template) and as a
Word document (python-docx) for committee papers. Both carry the version
number, who saved it and when, so a paper can be traced to its version."""

import io

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from .assessment import AUDIENCES, CHARACTERISTICS, IMPACTS


def rows(content: dict):
    """(audience name, [(characteristic, evidence, impact, mitigation)])."""
    for audience, audience_name in AUDIENCES.items():
        yield (
            str(audience_name),
            [
                (
                    str(name),
                    content.get(audience, {}).get(key, {}).get("evidence", ""),
                    str(
                        IMPACTS.get(
                            content.get(audience, {}).get(key, {}).get("impact"),
                            IMPACTS["not_known"],
                        )
                    ),
                    content.get(audience, {}).get(key, {}).get("mitigation", ""),
                )
                for key, (name, *_rest) in CHARACTERISTICS.items()
            ],
        )


def assessment_pdf(version) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "reports/equalities/assessment_print.html",
        {
            "version": version,
            "consultation": version.assessment.consultation,
            "sections": list(rows(version.content)),
        },
    )
    return HTML(string=html).write_pdf()


def assessment_docx(version) -> bytes:
    from docx import Document

    consultation = version.assessment.consultation
    document = Document()
    document.add_heading(_("Equality impact assessment"), level=0)
    document.add_paragraph(consultation.title)
    saved_by = version.created_by or _("unknown")
    document.add_paragraph(
        _("Version %(number)s, saved %(when)s by %(who)s.")
        % {
            "number": version.number,
            "when": date_format(localtime(version.created_at), "d E Y H:i"),
            "who": saved_by,
        }
    )
    document.add_heading(_("The proposal"), level=1)
    document.add_paragraph(version.content.get("proposal", ""))
    for audience_name, entries in rows(version.content):
        document.add_heading(audience_name, level=1)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells,
            (_("Characteristic"), _("Evidence"), _("Likely impact"), _("Mitigation")),
            strict=True,
        ):
            cell.text = text
        for entry in entries:
            for cell, text in zip(table.add_row().cells, entry, strict=True):
                cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
