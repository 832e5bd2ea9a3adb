"""Page types. Pages hold content and link to domain records; no business logic here."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager
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
        context["consultations"] = (
            ConsultationPage.objects.live().public().with_consultation()
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

        context = super().get_context(request, *args, **kwargs)
        pages = (
            ConsultationPage.objects.child_of(self).live().public().with_consultation()
        )
        context.update(filter_consultations(pages, request.GET))
        return context


class ConsultationPage(Page):
    consultation = models.OneToOneField(
        Consultation,
        null=True,
        on_delete=models.PROTECT,
        related_name="page",
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

    content_panels = [
        *Page.content_panels,
        FieldPanel("consultation"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [InlinePanel("documents", label=_("Document"))], heading=_("Documents")
        ),
        FieldPanel("contact"),
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

        context = super().get_context(request, *args, **kwargs)
        # Staff helping a walk-in family start from here as well as from the
        # survey's start page, which "Start now" no longer passes through.
        context["can_assist"] = can_assist(request.user)
        return context

    @property
    def status(self):
        return (
            self.consultation.status if self.consultation else Consultation.Status.DRAFT
        )

    @property
    def outcome(self):
        return OutcomePage.objects.child_of(self).live().first()


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
