"""Load WordNet without NLTK's needless self-mapping.

NLTK 3.9+ builds a map from WordNet 3.0 to the loaded WordNet so that the
multilingual (OMW) data can be used with newer versions. It decides whether to
build it by comparing the loaded version ("3.0") with the corpus *name*
("wordnet"), which never match, so loading WordNet 3.0 maps it onto itself:
two passes over index.sense, about two thirds of the load's CPU, in every
process that lemmatises (web, worker, test). We use no OMW data, and for
WordNet 3.0 NLTK's own answer would be "no map" (None).
"""

from nltk.corpus.reader.wordnet import WordNetCorpusReader

_map_wn = WordNetCorpusReader.map_wn


def _map_wn_unless_already_3_0(self, version="wordnet"):
    if version == "wordnet" and self.get_version() == "3.0":
        return None
    return _map_wn(self, version)


def load_wordnet():
    """Load NLTK's WordNet corpus once, skipping the 3.0-to-3.0 map."""
    from nltk.corpus import wordnet

    WordNetCorpusReader.map_wn = _map_wn_unless_already_3_0
    wordnet.ensure_loaded()
    return wordnet
