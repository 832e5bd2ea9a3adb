"""StreamField blocks for consultation pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"))
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2"
    )

    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"


class KeyComponentsBlock(blocks.StructBlock):
    """A numbered list of the proposal's key components, each briefly described."""

    heading = blocks.CharBlock(required=False)
    components = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("title", blocks.CharBlock()),
                (
                    "description",
                    blocks.RichTextBlock(features=["bold", "italic", "link", "ul"]),
                ),
            ]
        )
    )

    class Meta:
        icon = "list-ol"
        template = "cms/blocks/key_components.html"


class BenefitsTableBlock(blocks.StructBlock):
    """Who benefits and how: a row per group (families, staff, the system)."""

    caption = blocks.CharBlock(required=False)
    rows = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("group", blocks.CharBlock(label=_("who benefits"))),
                ("benefits", blocks.RichTextBlock(features=["bold", "italic", "ul"])),
            ]
        )
    )

    class Meta:
        icon = "table"
        template = "cms/blocks/benefits_table.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        help_text=_("Describe the image for people who cannot see it."), required=False
    )
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False, help_text=_("Defaults to the document title.")
    )

    class Meta:
        icon = "doc-full"
        template = "cms/blocks/document_link.html"


class AccordionBlock(blocks.StructBlock):
    """Questions and answers, shown as a GOV.UK accordion."""

    heading = blocks.CharBlock(required=False)
    items = blocks.ListBlock(
        blocks.StructBlock(
            [
                ("question", blocks.CharBlock()),
                (
                    "answer",
                    blocks.RichTextBlock(
                        features=["bold", "italic", "link", "ul", "ol"]
                    ),
                ),
            ]
        )
    )

    class Meta:
        icon = "list-ul"
        template = "cms/blocks/accordion.html"


class ConsultationBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link"],
        template="cms/blocks/paragraph.html",
    )
    key_components = KeyComponentsBlock()
    benefits = BenefitsTableBlock()
    image = ImageBlock()
    document = DocumentLinkBlock()
    accordion = AccordionBlock()
