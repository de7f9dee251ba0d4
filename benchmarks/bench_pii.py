"""The personal-data detector: its quality over the labelled corpus and its speed on a ticket export.

Quality: precision and recall per category over ``tests/domain/pii_corpus/corpus.jsonl`` (a
finding counts when its category and text match a labelled one on the same line), printed as
a table before the timing rows, and kept in the rows' ``quality`` key.

Speed: :func:`find_personal_data` over a generated 10,000-line ticket export (the same lines
for the same seed), against a baseline of one compiled regular expression (e-mail addresses
and runs of digits) over the same text: what a naive filter costs.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from accord.domain.pii import Category, find_personal_data
from benchmarks.timing import median_seconds, row

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "domain" / "pii_corpus" / "corpus.jsonl"
#: The corpus is checked as an escalation to Paylocity's web-services support would be (seed 004).
ALLOWED_ADDRESSES = ("webservices@paylocity.com",)
ALLOWED_DOMAINS = ("paylocity.com",)
LINES = 10_000
SEED = 20_250_004

#: The baseline: one regular expression for e-mail addresses and runs of seven or more digits.
NAIVE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d .-]{5,}\d")


@dataclass
class Quality:
    """Counts per category over a labelled corpus, and the lines that were not exactly right."""

    true_positives: Counter[str] = field(default_factory=Counter)
    false_positives: Counter[str] = field(default_factory=Counter)
    false_negatives: Counter[str] = field(default_factory=Counter)
    labelled: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)

    def precision(self, category: str) -> float:
        found = self.true_positives[category] + self.false_positives[category]
        return self.true_positives[category] / found if found else 1.0

    def recall(self, category: str) -> float:
        expected = self.true_positives[category] + self.false_negatives[category]
        return self.true_positives[category] / expected if expected else 1.0


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    """The labelled lines: ``{"lang", "text", "expected": [{"category", "text"}]}`` each."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def score_corpus(corpus: list[dict[str, Any]]) -> Quality:
    """Run the detector on every labelled line and count hits, false alarms and misses."""
    quality = Quality()
    for item in corpus:
        expected = Counter((label["category"], label["text"]) for label in item["expected"])
        found = Counter(
            (finding.category.value, finding.text)
            for finding in find_personal_data(
                item["text"], allowed_addresses=ALLOWED_ADDRESSES, allowed_domains=ALLOWED_DOMAINS
            )
        )
        for (category, _text), count in expected.items():
            quality.labelled[category] += count
        for (category, _text), count in (expected & found).items():
            quality.true_positives[category] += count
        for (category, text), count in (found - expected).items():
            quality.false_positives[category] += count
            quality.misses.append(f"false alarm {category} {text!r} in: {item['text']}")
        for (category, text), count in (expected - found).items():
            quality.false_negatives[category] += count
            quality.misses.append(f"missed {category} {text!r} in: {item['text']}")
    return quality


_CLEAN = (
    "Sync job {n} failed at step {s} of 7 after the upgrade to version 4.{s}.{n}.",
    "The API returns {code} for /employees?page={s}; request id {hex}.",
    "Le traitement {n} a échoué à l'étape {s} ; voir les journaux du {d:02d}/0{s}/2025.",
    "Move to production planned for 2026-0{s}-{d:02d}, after UAT sign-off.",
    "Invoice INV-2025-{n:06d} for the licence: {amount} € HT.",
    "Order {n}{n} shipped; tracking 1Z{hex}.",
    "Merci de vérifier le mapping des codes rubriques {s}{n}.",
    "Webhook delivery retried {s} times; last status {code}.",
)
_PERSONAL = (
    "Contact the employee at {first}.{last}{s}@client{s}.com or call (212) 736-{n4:04d}.",
    "Tél : 06 12 34 {s}{s} 78, salaire brut {amount} € par mois.",
    "IBAN FR76 3000 6000 0112 3456 7890 189 rejected for employee {n}.",
    "Employee born 12/0{s}/1985, SSN 581-20-8792, card 4111 1111 1111 1111.",
    "Cc dl-payroll@client{s}.com and all@client{s}.com on the reply.",
    "NIR 2 96 03 56 885 564 83 ; date de naissance {d:02d}/03/1979.",
)
_NAMES = ("jane", "marc", "li", "sophie", "omar", "ana", "paul", "lea")


def ticket_export(lines: int = LINES, seed: int = SEED) -> str:
    """A ticket export of ``lines`` lines: mostly clean support text, one line in six personal."""
    generator = random.Random(seed)
    out = []
    for _ in range(lines):
        template = generator.choice(_PERSONAL if generator.random() < 1 / 6 else _CLEAN)
        out.append(
            template.format(
                n=generator.randint(1000, 99999),
                n4=generator.randint(100, 9999),
                s=generator.randint(1, 9),
                d=generator.randint(1, 28),
                code=generator.choice((200, 401, 404, 500, 502)),
                hex=f"{generator.getrandbits(48):012x}",
                amount=f"{generator.randint(1, 9)} {generator.randint(100, 999)}",
                first=generator.choice(_NAMES),
                last=generator.choice(_NAMES),
            )
        )
    return "\n".join(out)


def naive_pass(text: str) -> int:
    """The baseline: one compiled regex over the text, counting its matches."""
    return sum(1 for _ in NAIVE.finditer(text))


def print_quality(quality: Quality, console: Console | None = None) -> None:
    """Precision and recall per category, as a table."""
    table = Table(title="PII detector over the labelled corpus (precision, recall per category)")
    for column in ("category", "labelled", "found right", "false alarms", "missed", "precision", "recall"):
        table.add_column(column, justify="left" if column == "category" else "right")
    for category in Category:
        name = category.value
        table.add_row(
            name,
            str(quality.labelled[name]),
            str(quality.true_positives[name]),
            str(quality.false_positives[name]),
            str(quality.false_negatives[name]),
            f"{quality.precision(name):.2f}",
            f"{quality.recall(name):.2f}",
        )
    (console or Console()).print(table)


def run(lines: int = LINES, repeat: int = 7, console: Console | None = None) -> list[dict[str, Any]]:
    """Print the corpus quality table; time the detector and the one-regex baseline."""
    corpus = load_corpus()
    quality = score_corpus(corpus)
    print_quality(quality, console)
    summary = {
        category.value: {
            "precision": quality.precision(category.value),
            "recall": quality.recall(category.value),
            "labelled": quality.labelled[category.value],
        }
        for category in Category
    }
    corpus_text = "\n".join(item["text"] for item in corpus)
    export = ticket_export(lines)
    findings = len(find_personal_data(export))
    return [
        row(
            "find personal data in a ticket export",
            f"{lines:,} lines, {len(export) / 1_000_000:.1f} MB ({findings:,} findings)",
            median_seconds(lambda: find_personal_data(export), repeat=repeat),
            median_seconds(lambda: naive_pass(export), repeat=repeat),
            baseline="one compiled regex",
            quality=summary,
        ),
        row(
            "find personal data in the labelled corpus",
            f"{len(corpus)} lines in English and French",
            median_seconds(lambda: find_personal_data(corpus_text), repeat=repeat),
            median_seconds(lambda: naive_pass(corpus_text), repeat=repeat),
            baseline="one compiled regex",
        ),
    ]
