"""The labelled corpus (tests/domain/pii_corpus/corpus.jsonl): what the detector must find, line by line.

The corpus is checked as an escalation to Paylocity's web-services support would be: that
address is allowed, and so are the addresses of people at paylocity.com (not its groups).
"""

from collections import Counter

import pytest
from benchmarks.bench_pii import load_corpus, score_corpus

from accord.domain.pii import Category

CORPUS = load_corpus()


def test_the_corpus_is_big_bilingual_and_covers_every_category_with_positives_and_near_misses():
    assert len(CORPUS) >= 300
    assert Counter(item["lang"] for item in CORPUS).keys() == {"en", "fr"}
    labelled = Counter(label["category"] for item in CORPUS for label in item["expected"])
    assert set(labelled) == {category.value for category in Category}
    assert min(labelled.values()) >= 15
    clean = [item for item in CORPUS if not item["expected"]]
    assert len(clean) >= 150  # near-misses and ordinary support text
    assert all(label["text"] in item["text"] for item in CORPUS for label in item["expected"])


@pytest.mark.parametrize("category", [category.value for category in Category])
def test_precision_and_recall_per_category(category):
    quality = score_corpus(CORPUS)
    misses = "\n".join(miss for miss in quality.misses if f" {category} " in miss)
    assert quality.precision(category) >= 0.9, misses
    assert quality.recall(category) >= 0.95, misses


def test_every_labelled_line_gives_exactly_its_expected_findings():
    quality = score_corpus(CORPUS)
    assert quality.misses == [], "\n".join(quality.misses)
