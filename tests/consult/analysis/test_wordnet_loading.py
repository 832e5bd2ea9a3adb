"""WordNet 3.0 loads without NLTK mapping it onto itself (see wordnet_loading)."""

from consult.analysis.text import analyse_many
from consult.analysis.wordnet_loading import load_wordnet


def test_wordnet_3_0_loads_without_a_self_map_and_still_lemmatises():
    wordnet = load_wordnet()
    assert wordnet.get_version() == "3.0"
    # NLTK builds this map from two reads of index.sense unless told otherwise.
    assert wordnet.map30 is None
    assert wordnet.synsets("bus", pos="n")
    lemmas = analyse_many(["The buses were running late."])[0].lemmas
    assert "bus" in lemmas and "run" in lemmas
