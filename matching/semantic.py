"""Stored sentence embeddings of needs and offerings (``ListingEmbedding``), kept current.

A listing's row holds the vector of its texts (an offering's name and summary, and each of its
uses, `matching.core.encoder.offering_embedding_texts`, their mean direction; a need's
sentences, `matching.core.encoder.need_embedding_texts`, likewise) and a hash of them, so
re-embedding a listing whose text did not change costs one query and no model run. Saving a
listing re-embeds it after the commit (signals.py, tasks.py); ``manage.py embed_listings``
embeds everything.
"""

import hashlib
from collections.abc import Iterable

import numpy as np

from directory.listings import changes
from directory.listings.models import Need, Offering

from .core import encoder, use_lines
from .core.semantic import quantize
from .embeddings import MODEL_NAME, ModelUnavailable, embed_groups
from .models import ListingEmbedding

Kind = ListingEmbedding.Kind
BATCH = 256


def need_embedding_texts(need: Need) -> tuple[str, ...]:
    return encoder.need_embedding_texts(need.title, need.description)


def offering_embedding_texts(offering: Offering) -> tuple[str, ...]:
    return encoder.offering_embedding_texts(
        offering.name, offering.summary, offering.description, use_lines(offering.uses)
    )


LISTINGS = {
    Kind.NEED: (Need, ("title", "description"), need_embedding_texts),
    Kind.OFFERING: (Offering, ("name", "summary", "description", "uses"), offering_embedding_texts),
}


def unsaved_need_embedding(title: str, description: str) -> bytes | None:
    """The embedding of a need not saved (a preview), quantized for the matching core; None
    when the model cannot be loaded (the system check matching.E001 says so at start-up)."""
    try:
        [vector] = embed_groups([encoder.need_embedding_texts(title, description)])
    except ModelUnavailable:
        return None
    return quantize(vector)


def text_hash(texts: tuple[str, ...]) -> str:
    """Of a listing's embedded texts (one text: the hash of that text alone)."""
    joined = "\n\n".join(texts)
    return hashlib.sha256(f"{MODEL_NAME}\n{joined}".encode()).hexdigest()


def embed_listings(kind: str, ids: Iterable[int]) -> int:
    """(Re)compute the embeddings of these needs or offerings whose text changed since they
    were last embedded; returns how many were computed. Ids of deleted listings are ignored."""
    model, fields, text_of = LISTINGS[Kind(kind)]
    listings = model.objects.filter(pk__in=list(ids)).only("pk", *fields)
    texts = {listing.pk: text_of(listing) for listing in listings}
    stored = dict(
        ListingEmbedding.objects.filter(kind=kind, listing_id__in=texts).values_list(
            "listing_id", "text_hash"
        )
    )
    changed = {pk: text for pk, text in texts.items() if stored.get(pk) != text_hash(text)}
    if not changed:
        return 0
    vectors = embed_groups(list(changed.values()))
    rows = [
        ListingEmbedding(
            kind=kind, listing_id=pk, vector=vector.tobytes(), text_hash=text_hash(text)
        )
        for (pk, text), vector in zip(changed.items(), vectors, strict=True)
    ]
    ListingEmbedding.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["kind", "listing_id"],
        update_fields=["vector", "text_hash", "updated_at"],
    )
    if kind == Kind.OFFERING:
        changes.touch(changes.OFFERINGS)  # every process's index then loads the new vectors
    return len(rows)


def embed_everything(batch: int = BATCH) -> dict[str, int]:
    """Embed every need and offering whose text changed; drop rows of deleted listings.
    Returns counts: listings seen per kind, and how many were computed."""
    counts = {"computed": 0}
    for kind, (model, _, _) in LISTINGS.items():
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        counts[kind] = len(ids)
        for start in range(0, len(ids), batch):
            counts["computed"] += embed_listings(kind, ids[start : start + batch])
        ListingEmbedding.objects.filter(kind=kind).exclude(
            listing_id__in=model.objects.values("pk")
        ).delete()
    return counts


def offerings_alike(offering_id: int, others: Iterable[int]) -> dict[int, float]:
    """How alike in meaning each of ``others`` is to the offering ``offering_id``: the cosine
    of their stored embeddings, for those that have one (none when it has none itself)."""
    rows = dict(
        ListingEmbedding.objects.filter(
            kind=Kind.OFFERING, listing_id__in=[offering_id, *others]
        ).values_list("listing_id", "vector")
    )
    own = rows.pop(offering_id, None)
    if own is None:
        return {}
    mine = np.frombuffer(bytes(own), dtype=np.float32)
    return {pk: float(np.frombuffer(bytes(v), dtype=np.float32) @ mine) for pk, v in rows.items()}


def forget(kind: str, listing_id: int) -> None:
    ListingEmbedding.objects.filter(kind=kind, listing_id=listing_id).delete()
