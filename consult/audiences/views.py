"""Service managers' nomination pages, and the nominee's personal link.

Every page but the link needs a signed-in service manager or officer, and is
scoped to the services they manage (officers: all). Nothing here shows answers.
"""

import logging

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from consult.edge import limits
from consult.edge.client import client_address
from consult.outbox import services as outbox
from surveys.admission import admit
from surveys.assisted import CONSENT_WORDING, AlreadyResponded, start_assisted_draft
from surveys.browser_drafts import open_in_browser
from surveys.forms import AssistedStartForm
from surveys.languages import start_url_for
from surveys.models import Consultation
from surveys.rules import can_assist
from surveys.services import RoundClosed

from . import csv_import, rules, services
from .forms import FilterForm, NominationForm, UploadForm
from .models import Nomination
from .querysets import nomination_rows, status_counts

log = logging.getLogger(__name__)


def _require_nominator(request):
    if not rules.can_use_nominations(request.user):
        raise PermissionDenied


def _consultation(request, consultation_id):
    """The targeted consultation and the services this user nominates for in it."""
    _require_nominator(request)
    consultation = get_object_or_404(
        Consultation.objects.prefetch_related("rounds"),
        pk=consultation_id,
        audience=Consultation.Audience.TARGETED,
    )
    services_ = rules.services_for(request.user, consultation)
    if not services_.exists():
        raise Http404("No such consultation for your services")
    return consultation, services_


@login_required
def index(request):
    """The targeted consultations this user may nominate for."""
    _require_nominator(request)
    consultations = [
        c
        for c in Consultation.objects.filter(
            audience=Consultation.Audience.TARGETED
        ).prefetch_related("rounds")
        if rules.services_for(request.user, c).exists()
    ]
    return render(request, "audiences/index.html", {"consultations": consultations})


@login_required
def nominations(request, consultation_id):
    consultation, services_ = _consultation(request, consultation_id)
    filters = FilterForm(request.GET or None, services=services_)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    rows = nomination_rows(
        consultation,
        services_.filter(pk=chosen["service"].pk)
        if chosen.get("service")
        else services_,
    )
    counts = status_counts(rows)
    if chosen.get("status"):
        rows = [r for r in rows if r.status == chosen["status"]]
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "audiences/nominations.html",
        {
            "consultation": consultation,
            "page": page,
            "counts": counts,
            "filters": filters,
            "can_send": rules.can_send_invitations(request.user),
            # Helping a nominee respond needs the round open, and the right role.
            "can_assist": consultation.open_round() is not None
            and can_assist(request.user),
        },
    )


def _closed_page(request, consultation):
    """Nominations end when the main round closes: nobody could be invited."""
    main = consultation.main_round
    if main is not None and timezone.now() >= main.closes_at:
        return render(
            request, "audiences/closed.html", {"consultation": consultation}, status=410
        )
    return None


@login_required
@require_http_methods(["GET", "POST"])
def add(request, consultation_id):
    consultation, services_ = _consultation(request, consultation_id)
    if closed := _closed_page(request, consultation):
        return closed
    form = NominationForm(
        request.POST or None, consultation=consultation, services=services_
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.nominate(
                consultation=consultation,
                service=form.cleaned_data["service"],
                by=request.user,
                details=form.nomination_details(),
            )
        except services.DuplicateNominee:
            form.add_error(
                "email", _("Someone with these details is already nominated")
            )
        else:
            messages.success(request, f"{form.cleaned_data['name']} is nominated")
            return redirect("audiences:nominations", consultation_id=consultation.pk)
    return render(
        request,
        "audiences/add.html",
        {"consultation": consultation, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
@limits.rate_limited("upload", methods=("POST",), per_user=True)
def upload(request, consultation_id):
    """Upload a CSV: every row checked; imported only if no row is refused."""
    consultation, services_ = _consultation(request, consultation_id)
    if closed := _closed_page(request, consultation):
        return closed
    form = UploadForm(request.POST or None, request.FILES or None, services=services_)
    if request.method == "POST" and form.is_valid():
        report = csv_import.check_file(
            form.cleaned_data["file"], consultation=consultation
        )
        imported = 0
        if report.can_import:
            try:
                imported = services.import_nominations(
                    consultation=consultation,
                    service=form.cleaned_data["service"],
                    by=request.user,
                    rows=[row.details for row in report.rows],
                )
            except services.DuplicateNominee:
                report.file_error = _(
                    "Someone in the file was nominated by someone else while you "
                    "were uploading. Nothing was imported: upload the file again."
                )
        log.info(
            "nominee file checked",
            extra={
                "consultation": str(consultation.pk),
                "rows": len(report.rows),
                "refused": len(report.refused),
                "imported": imported,
            },
        )
        return render(
            request,
            "audiences/upload_report.html",
            {"consultation": consultation, "report": report, "imported": imported},
            status=200 if imported else 400,
        )
    return render(
        request,
        "audiences/upload.html",
        {
            "consultation": consultation,
            "form": form,
            "columns": csv_import.COLUMNS,
        },
        status=400 if form.errors else 200,
    )


@login_required
def template_csv(request):
    _require_nominator(request)
    response = HttpResponse(csv_import.template_csv(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="nominees-template.csv"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def assist(request, nomination_id):
    """Take a nominee's response with them, in person or by phone (assisted)."""
    nomination = get_object_or_404(
        Nomination.objects.visible_to(request.user).select_related(
            "consultation", "service"
        ),
        pk=nomination_id,
    )
    if not rules.can_help_respond(request.user, nomination):
        raise PermissionDenied
    round_ = nomination.consultation.open_round()
    if round_ is None or round_.survey is None or nomination.is_erased:
        return _closed_page(request, nomination.consultation)
    form = AssistedStartForm(request.POST if request.method == "POST" else None)
    context = {"round": round_, "form": form, "consent_wording": CONSENT_WORDING}
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_for_assisted_response(
            nomination=nomination, round_=round_
        )
        try:
            draft = start_assisted_draft(
                round_=round_,
                staff_user=request.user,
                **form.cleaned_data,  # channel, language, consent
                admission_key=invitation.admission_key,
            )
        except (AlreadyResponded, RoundClosed):
            messages.error(request, f"{nomination.name} has already responded")
            return redirect(
                "audiences:nominations", consultation_id=nomination.consultation_id
            )
        return open_in_browser(request, draft)
    return render(
        request,
        "surveys/assist_start.html",
        {**context, "nominee": nomination},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def erase(request, nomination_id):
    """Delete a nominee's contact details, when they ask."""
    _require_nominator(request)
    nomination = get_object_or_404(
        Nomination.objects.visible_to(request.user).select_related(
            "consultation", "service"
        ),
        pk=nomination_id,
    )
    if not rules.can_erase(request.user, nomination):
        raise PermissionDenied
    if request.method == "POST":
        services.erase_contact(
            nomination=nomination, reason=Nomination.ErasureReason.REQUEST
        )
        messages.success(request, _("The nominee's contact details are deleted"))
        return redirect(
            "audiences:nominations", consultation_id=nomination.consultation_id
        )
    return render(request, "audiences/erase.html", {"nomination": nomination})


@login_required
@require_POST
def send_now(request, consultation_id):
    """Officers: send the due invitations now instead of waiting for the scheduler."""
    consultation, _services = _consultation(request, consultation_id)
    if not rules.can_send_invitations(request.user):
        raise PermissionDenied
    round_ = consultation.open_round()
    if round_ is None:
        messages.info(request, _("No round of this consultation is open"))
    else:
        outbox.enqueue("audiences.send_round_invitations", str(round_.pk))
        messages.success(request, _("Invitations not yet sent are being sent"))
    return redirect("audiences:nominations", consultation_id=consultation.pk)


def invitation(request, token):
    """A nominee's personal link: admit this browser to respond, or refuse.

    Every unusable link (unknown, altered, used, expired, another round's, or
    erased) gets the same page and status. Misses are counted per address.
    """
    if limits.exhausted(request, "invitation_link_miss"):
        return render(request, "audiences/link_not_usable.html", status=429)
    invitation_ = services.usable_invitation(token)
    if invitation_ is None:
        limits.hit(request, "invitation_link_miss")
        log.info("invitation link refused", extra={"client": client_address(request)})
        return render(request, "audiences/link_not_usable.html", status=404)
    services.mark_opened(invitation=invitation_)
    # The link itself has no language: the survey opens in the one recorded.
    language = invitation_.recipient.preferred_language
    return admit(
        request,
        round_id=invitation_.round_id,
        key=invitation_.admission_key,
        label=str(invitation_.round.consultation),
        url=start_url_for(invitation_.round, language),
    )
