"""What `manage.py tune_encoder` trains the encoder on (the training itself needs the optional
``model`` extra, PyTorch, and is measured by bench/matching.py, docs/benchmarks.md)."""

import json
import random
from pathlib import Path

from directory.data.registry_notes import notes
from matching.management.commands.tune_encoder import BATCH, batches, training_pairs

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_every_use_of_every_note_is_drawn_toward_its_own_entry():
    pairs = training_pairs()
    kobo = [use for _entry, use, summary, _english in pairs if summary.startswith("KoBoToolbox")]
    assert "collect survey answers offline on phones" in kobo
    # A Hindi use reaches the encoder as the glossary's English words, as a Hindi need does.
    assert any(use.isascii() and use not in notes()["KoBoToolbox"].uses for use in kobo)
    assert len(pairs) > 10 * len(notes())


def test_a_batch_holds_each_entry_once_so_its_other_entries_are_its_negatives():
    found = list(batches(training_pairs(), random.Random(7)))
    assert max(len(batch) for batch in found) == BATCH
    for batch in found:
        entries = [entry for entry, *_ in batch]
        assert len(entries) == len(set(entries))


def test_no_judged_need_is_trained_on():
    texts = {use for _entry, use, _summary, _english in training_pairs()}
    for path in BENCH.glob("judged_needs*.json"):
        for need in json.loads(path.read_text()):
            assert need["description"] not in texts and need["title"] not in texts, path.name
