"""The NLTK pipeline on known sentences, and on bad input."""

import pytest

from consult.analysis.text import MAX_CHARS, AnalysedText, analyse, analyse_many


def test_tags_lemmas_and_noun_phrases_of_a_known_sentence():
    a = analyse("The single front door is confusing for families.")
    assert a.tags[:4] == [
        ("The", "DT"),
        ("single", "JJ"),
        ("front", "NN"),
        ("door", "NN"),
    ]
    assert a.lemmas[:5] == ["the", "single", "front", "door", "be"]
    assert "family" in a.content_lemmas and "the" not in a.content_lemmas
    assert "single front door" in a.noun_phrases


def test_lemmas_use_the_part_of_speech():
    a = analyse("They were renaming the teams.")
    assert "rename" in a.lemmas and "team" in a.lemmas and "be" in a.lemmas


def test_sentences_are_split_and_scored_each():
    a = analyse("The staff were wonderful and kind. The waiting list is a disgrace.")
    assert [s.text for s in a.sentences] == [
        "The staff were wonderful and kind.",
        "The waiting list is a disgrace.",
    ]
    assert a.sentences[0].sentiment > 0.3
    assert a.sentences[1].sentiment < -0.3
    assert a.sentence_lengths == [7, 7]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I love the new family hub, brilliant!", 1),
        ("This is awful and I hate it.", -1),
    ],
)
def test_sentiment_sign(text, sign):
    assert analyse(text).sentiment * sign > 0.3


@pytest.mark.parametrize("text", ["", "   \n\t ", "😀😀😀", "🙄", None])
def test_empty_and_emoji_only_answers_do_not_fail(text):
    a = analyse(text)
    assert a.content_lemmas == [] and a.noun_phrases == []


def test_html_is_stripped_before_analysis():
    a = analyse(
        "<p>We need <b>more</b> CAMHS &amp; school nurses</p><script>x()</script>"
    )
    assert "<b>" not in " ".join(a.tokens) and "x" not in a.tokens
    assert "camhs" in a.lemmas and "&" in a.tokens


def test_very_long_answers_are_truncated_and_flagged():
    a = analyse("word " * (MAX_CHARS // 2))
    assert a.truncated
    assert sum(len(t) for t in a.tokens) <= MAX_CHARS
    assert not analyse("short").truncated


def test_non_english_answers_are_flagged_not_rejected():
    french = analyse(
        "Je pense que la nouvelle organisation est une mauvaise idée pour nous"
    )
    assert not french.language_ok and french.tokens
    assert analyse("I think the new organisation is a bad idea for us").language_ok


def test_round_trip_through_a_dict():
    a = analyse("Teams Around the Family helped us. Thank you!")
    assert AnalysedText.from_dict(a.to_dict()) == a


def test_batch_gives_the_same_as_one_at_a_time():
    texts = ["One front door.", "", "CAMHS waits are long."]
    assert analyse_many(texts) == [analyse(t) for t in texts]


def test_evidence_sentence_for_a_token():
    a = analyse("First sentence here. Second one about CAMHS.")
    assert a.sentence_of(a.tokens.index("CAMHS")) == "Second one about CAMHS."


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("I don't think so.", ["I", "do", "n't", "think", "so", "."]),
        ("We can't, we're tired.", ["We", "ca", "n't", ",", "we", "'re", "tired", "."]),
        (
            "Use e.g. a key-worker at 9:30",
            ["Use", "e.g.", "a", "key-worker", "at", "9:30"],
        ),
        ("Mum's carer/worker...", ["Mum", "'s", "carer", "/", "worker", "..."]),
    ],
)
def test_words_are_tokenised_treebank_style(text, tokens):
    assert analyse(text).tokens == tokens
