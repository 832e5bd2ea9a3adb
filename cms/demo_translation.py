"""The demo's one translated consultation page: the operating model in Polish.

A demo translation, marked as such on the page and beside the link to it
(``translation_note``). Made as an officer would with wagtail-localize's
"Translate" action: a copy of the page (and its parents) in the Polish locale,
presenting the same consultation record, then its words replaced.
"""

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale

DEMO_NOTE = (
    "Tłumaczenie demonstracyjne, niesprawdzone przez tłumacza "
    "(demo translation, not checked by a translator)"
)
POLISH_BODY = [
    {"type": "heading", "value": {"text": "Dlaczego chcemy zmian", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<p>Rodziny mówią nam, że są odsyłane od zespołu do zespołu i muszą "
        "wciąż na nowo opowiadać swoją historię. Pomoc często przychodzi dopiero "
        "w sytuacji kryzysowej.</p><p>Proponujemy jeden punkt kontaktowy dla "
        "wszystkich próśb o pomoc, zespoły wokół rodziny w każdej okolicy oraz "
        "wspólną pracę zespołów w jednym miejscu.</p>",
    },
    {"type": "heading", "value": {"text": "Co proponujemy", "level": "h2"}},
    {
        "type": "paragraph",
        "value": "<ul><li>Pomoc na wczesnym etapie, zanim problemy narosną.</li>"
        "<li>Jeden plan i jedna osoba prowadząca dla każdej rodziny.</li>"
        "<li>Udział rodzin w decyzjach o ich wsparciu i o naszych usługach.</li></ul>",
    },
]


def add_polish_translation(page):
    """The page in Polish, published, with its parents in Polish too."""
    locale, _ = Locale.objects.get_or_create(language_code="pl")
    polish = page.copy_for_translation(locale, copy_parents=True)
    # The parents were made as aliases of the English ones: pages of their own
    # instead, with Polish titles (the breadcrumbs and the Polish listing).
    for ancestor, title in (
        (polish.get_parent(), "Konsultacje"),
        (polish.get_parent().get_parent(), "Wyraź swoją opinię"),
    ):
        if ancestor.alias_of_id:
            ConvertAliasPageAction(ancestor).execute(skip_permission_checks=True)
        ancestor = ancestor.specific_class.objects.get(pk=ancestor.pk)
        ancestor.title = title
        ancestor.save_revision().publish()
    polish.title = "Nowy model działania usług dla dzieci i rodzin"
    polish.summary = (
        "Proponujemy zmianę sposobu wspierania dzieci, młodzieży i rodzin: jeden "
        "punkt kontaktowy, zespoły wokół rodziny w każdej okolicy i wspólna praca "
        "w jednym miejscu. Powiedz nam, co o tym myślisz."
    )
    polish.body = POLISH_BODY
    polish.contact = (
        "<p>Zespół ds. zmian w usługach dla dzieci, "
        '<a href="mailto:have-your-say@example.org">have-your-say@example.org</a>.</p>'
    )
    polish.translation_note = DEMO_NOTE
    polish.save_revision().publish()
    return polish
