"""Admin page: officers see every round's responses by channel, download them,
and see the answers that arrived after closing (kept as drafts)."""

from django.contrib.auth.decorators import permission_required
from django.db.models import Count, Q
from django.shortcuts import render

from surveys.channels import ASSISTED_CHANNELS, Channel
from surveys.models import Draft, Round
from surveys.rules import EXPORT_PERMISSION

# How responses came in, as counted on the exports page.
CHANNEL_GROUPS = {
    "online": [Channel.ONLINE],
    "assisted": list(ASSISTED_CHANNELS),
    "imported": [Channel.IMPORTED],
}


@permission_required(EXPORT_PERMISSION, raise_exception=True)
def exports_index(request):
    rounds = (
        Round.objects.filter(survey__isnull=False)
        .select_related("consultation", "survey")
        .annotate(
            late_drafts=Count(
                "drafts", filter=Q(drafts__refused_at__isnull=False), distinct=True
            ),
            **{
                f"{name}_responses": Count(
                    "responses",
                    filter=Q(
                        responses__channel__in=channels,
                        responses__withdrawn_at__isnull=True,
                    ),
                    distinct=True,
                )
                for name, channels in CHANNEL_GROUPS.items()
            },
        )
        .order_by("-opens_at")
    )
    late = (
        Draft.objects.filter(refused_at__isnull=False)
        .select_related("round__consultation")
        .order_by("-refused_at")[:200]
    )
    return render(
        request, "surveys/admin/exports.html", {"rounds": rounds, "late": late}
    )
