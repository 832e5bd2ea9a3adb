"""Page types. Pages hold content and link to domain records; no business logic here."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Orderable, Page, PageManager
from wagtail.search import index

from surveys.models import Consultation

from .blocks import ConsultationBodyBlock
from .page_forms import ConsultationPageForm
from .querysets import ConsultationPageQuerySet


class HomePage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.ConsultationIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        from .translations import localised

        context["consultations"] = localised(
            ConsultationPage.objects.live().public().with_consultation(), self.locale
        )
        return context


class ConsultationIndexPage(Page):
    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.ConsultationPage"]

    class Meta:
        verbose_name = _("consultation index")

    def get_context(self, request, *args, **kwargs):
        from .listing import filter_consultations
        from .translations import localised

        context = super().get_context(request, *args, **kwargs)
        # A translated index may have few children of its own: list the
        # default language's index's consultations, each in this language
        # where translated.
        source = self.get_translation_or_none(Locale.get_default()) or self
        keys = ConsultationPage.objects.child_of(source).values("translation_key")
        pages = localised(
            ConsultationPage.objects.filter(translation_key__in=keys)
            .live()
            .public()
            .with_consultation(),
            self.locale,
        )
        context.update(filter_consultations(pages, request.GET))
        return context


class ConsultationPage(Page):
    # A foreign key, not one-to-one: the page's translations present the same
    # record. One page per record and language (``ConsultationPageForm``).
    consultation = models.ForeignKey(
        Consultation,
        null=True,
        on_delete=models.PROTECT,
        related_name="pages",
        verbose_name=_("consultation record"),
        help_text=_(
            "Dates, audience, services and surveys. Create one under Consultations."
        ),
    )
    summary = models.TextField(_("summary"), max_length=600)
    body = StreamField(ConsultationBodyBlock(), blank=True, verbose_name=_("body"))
    contact = RichTextField(
        _("contact"),
        features=["bold", "link"],
        blank=True,
        help_text=_("Who to contact with questions, and how."),
    )
    translation_note = models.CharField(
        _("translation note"),
        max_length=200,
        blank=True,
        help_text=_(
            "On a translation: shown at the top and beside the link to it, e.g. "
            "“Demo translation, not checked by a translator”."
        ),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("consultation"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [InlinePanel("documents", label=_("Document"))], heading=_("Documents")
        ),
        FieldPanel("contact"),
        FieldPanel("translation_note"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
    ]
    parent_page_types = ["cms.ConsultationIndexPage"]
    subpage_types = ["cms.OutcomePage"]
    base_form_class = ConsultationPageForm

    objects = PageManager.from_queryset(ConsultationPageQuerySet)()

    class Meta:
        verbose_name = _("consultation page")

    def get_context(self, request, *args, **kwargs):
        from surveys.rules import can_assist

        from .translations import language_versions

        context = super().get_context(request, *args, **kwargs)
        # Staff helping a walk-in family start from here as well as from the
        # survey's start page, which "Start now" no longer passes through.
        context["can_assist"] = can_assist(request.user)
        context["language_versions"] = language_versions(self, request)
        return context

    @property
    def status(self):
        return (
            self.consultation.status if self.consultation else Consultation.Status.DRAFT
        )

    @property
    def outcome(self):
        found = OutcomePage.objects.child_of(self).live().first()
        if found is None and self.locale_id != Locale.get_default().pk:
            # A translation without its own outcome page links to the original's.
            source = self.get_translation_or_none(Locale.get_default())
            found = source and OutcomePage.objects.child_of(source).live().first()
        return found


class ConsultationDocument(Orderable):
    """A document published with a consultation; one may be its easy-read version."""

    page = ParentalKey(
        ConsultationPage, on_delete=models.CASCADE, related_name="documents"
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", on_delete=models.CASCADE, related_name="+"
    )
    is_easy_read = models.BooleanField(_("easy-read version"), default=False)

    panels = [FieldPanel("document"), FieldPanel("is_easy_read")]

    class Meta(Orderable.Meta):
        verbose_name = _("consultation document")

    def __str__(self):
        return str(self.document)


class OutcomePage(Page):
    """We asked, you said, we did."""

    we_asked = RichTextField(_("we asked"), features=["bold", "italic", "link", "ul"])
    you_said = RichTextField(_("you said"), features=["bold", "italic", "link", "ul"])
    we_did = RichTextField(_("we did"), features=["bold", "italic", "link", "ul"])

    content_panels = [
        *Page.content_panels,
        FieldPanel("we_asked"),
        FieldPanel("you_said"),
        FieldPanel("we_did"),
        MultiFieldPanel(
            [InlinePanel("commitments", label=_("Commitment"))],
            heading=_("Commitments: what we did and what we will do"),
        ),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("we_asked"),
        index.SearchField("you_said"),
        index.SearchField("we_did"),
    ]
    parent_page_types = ["cms.ConsultationPage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("outcome page")

    def get_context(self, request, *args, **kwargs):
        from consult.reports.equalities.assessment import latest_submission_for

        context = super().get_context(request, *args, **kwargs)
        consultation = self.get_parent().specific.consultation
        # When the decision-makers saw the equality impact assessment, if they did.
        context["eia_submission"] = (
            latest_submission_for(consultation) if consultation else None
        )
        return context


class Commitment(Orderable):
    """One thing the council did or will do in answer to what people said,
    with who owns it, when it is due, and how far it has got. The public
    outcome page shows each with its status and the date that last changed."""

    class Kind(models.TextChoices):
        WE_WILL = "we_will", _("We will")
        WE_DID = "we_did", _("We did")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    page = ParentalKey(
        OutcomePage, on_delete=models.CASCADE, related_name="commitments"
    )
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.WE_WILL
    )
    theme = models.CharField(
        _("in answer to"),
        max_length=200,
        blank=True,
        help_text=_("The theme this answers, as people will recognise it."),
    )
    text = models.TextField(_("what we will do or did"))
    owner = models.CharField(
        _("owner"), max_length=200, blank=True, help_text=_("A team or a role.")
    )
    due_date = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    status_changed_at = models.DateTimeField(
        _("status last changed"), default=timezone.now, editable=False
    )

    panels = [
        FieldPanel("kind"),
        FieldPanel("theme"),
        FieldPanel("text"),
        FieldPanel("owner"),
        FieldPanel("due_date"),
        FieldPanel("status"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")

    def __str__(self):
        return self.text[:60] or self.theme

    def save(self, *args, **kwargs):
        # Publishing saves every commitment again: only a real change of status
        # moves the date families see.
        before = (
            Commitment.objects.filter(pk=self.pk)
            .values_list("status", "status_changed_at")
            .first()
            if self.pk
            else None
        )
        if before and before[0] == self.status:
            self.status_changed_at = before[1]
        elif before:
            self.status_changed_at = timezone.now()
        super().save(*args, **kwargs)
