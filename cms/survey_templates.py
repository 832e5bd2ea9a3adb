"""Starting points for a new consultation's survey, offered by "New consultation".

Each is a short list of questions an officer edits afterwards; they are
written to be usable as they are. (section, kind, label, hint, required, options)
"""

from django.utils.translation import gettext_lazy as _

from surveys.models import Question

K = Question.Kind

RECONTACT = (
    "Staying in touch",
    K.RECONTACT,
    "May we contact you again in the review period to check we heard you right?",
    "We will only use your e-mail address for this consultation.",
    False,
    "",
)

TEMPLATES = {
    "proposal_feedback": (
        _("Proposal feedback"),
        [
            ("About you", K.RESPONDENT_TYPE, "Which best describes you?", "", True, ""),
            (
                "The proposal",
                K.AGREE_SCALE,
                "The proposal is a good idea",
                "",
                True,
                "",
            ),
            (
                "The proposal",
                K.LONG_TEXT,
                "What do you like about the proposal?",
                "Do not include names or contact details.",
                False,
                "",
            ),
            (
                "The proposal",
                K.LONG_TEXT,
                "What would you change, and why?",
                "Do not include names or contact details.",
                False,
                "",
            ),
            RECONTACT,
        ],
    ),
    "review_period": (
        _("Review period: did we hear you right?"),
        [
            (
                "What we heard",
                K.YES_NO,
                "Did we hear you right?",
                "Read what we heard, above, first.",
                True,
                "",
            ),
            (
                "What we heard",
                K.LONG_TEXT,
                "What did we get wrong or miss?",
                "Do not include names or contact details.",
                False,
                "",
            ),
            (
                "What matters most",
                K.LONG_TEXT,
                "What matters most to you now?",
                "",
                False,
                "",
            ),
            (
                "What matters most",
                K.RATING,
                "How well does what we heard reflect your views? "
                "(1 is not at all, 5 is very well)",
                "",
                False,
                "",
            ),
            RECONTACT,
        ],
    ),
    "staff_consultation": (
        _("Staff consultation"),
        [
            (
                "Your role",
                K.SINGLE_CHOICE,
                "Which best describes your role?",
                "",
                True,
                "Front-line practitioner\nTeam manager\nSupport staff\nOther",
            ),
            (
                "The proposal",
                K.AGREE_SCALE,
                "The proposal would help me support families better",
                "",
                True,
                "",
            ),
            (
                "The proposal",
                K.LONG_TEXT,
                "What would the proposal mean for your work?",
                "Do not name colleagues or families.",
                False,
                "",
            ),
            (
                "The proposal",
                K.LONG_TEXT,
                "What should we do differently?",
                "",
                False,
                "",
            ),
            RECONTACT,
        ],
    ),
}

# The names are labels in "New consultation" (translated); the questions are
# content the officer edits, kept as written.
CHOICES = [(key, name) for key, (name, _questions) in TEMPLATES.items()]
