"""Sentence embeddings: the model in matching/model/, their storage beside the listings, the
command and the start-up check. The model loads once per process (matching.embeddings.encoder
is cached), so the tests that run it share one load."""

import numpy as np
import pytest
from django.core.management import call_command

from matching import embeddings
from matching.core.encoder import need_embedding_text, need_embedding_texts
from matching.embeddings import embed_groups, embed_texts
from matching.models import ListingEmbedding
from matching.profiles import offering_profile
from matching.semantic import offering_embedding_texts, text_hash
from matching.signals import rematch_on_save_paused
from tests.factories import SURVEY_NEED, SURVEY_TOOL, NeedFactory, OfferingFactory

Kind = ListingEmbedding.Kind


def stored_offerings() -> tuple[list[int], np.ndarray]:
    """(ids, float32 rows) of the offerings' stored embeddings."""
    rows = list(
        ListingEmbedding.objects.filter(kind=Kind.OFFERING).values_list("listing_id", "vector")
    )
    matrix = np.array([np.frombuffer(bytes(v), dtype=np.float32) for _, v in rows])
    return [pk for pk, _ in rows], matrix.reshape(len(rows), 384)


SENTENCES = [
    "send SMS reminders to parents",
    "bulk text messaging platform",
    "hospital patient records",
    "Collect household surveys offline on phones in villages with no signal.",
]


@pytest.fixture(scope="module")
def vectors() -> np.ndarray:
    return embed_texts(SENTENCES)


def test_vectors_are_unit_length_float32_rows(vectors):
    assert vectors.shape == (len(SENTENCES), 384)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert embed_texts([]).shape == (0, 384)


def test_related_sentences_are_closer_than_unrelated_ones(vectors):
    sms, texting, hospital, _ = vectors
    assert sms @ texting > sms @ hospital + 0.2


@pytest.mark.django_db
def test_saving_a_listing_stores_its_embedding(django_capture_on_commit_callbacks, vectors):
    with django_capture_on_commit_callbacks(execute=True):
        offering = OfferingFactory(**SURVEY_TOOL)
        need = NeedFactory(**SURVEY_NEED)
    stored = ListingEmbedding.objects.get(kind=Kind.NEED, listing_id=need.pk)
    vector = np.frombuffer(stored.vector, dtype=np.float32)
    [description] = embed_texts([SURVEY_NEED["description"]])
    assert vector @ description > 0.99, "the description was embedded"
    ids, matrix = stored_offerings()
    assert ids == [offering.pk]
    assert matrix.shape == (1, 384) and matrix.dtype == np.float32
    np.testing.assert_allclose(matrix[0], embed_groups([offering_embedding_texts(offering)])[0])


def test_a_need_is_embedded_by_its_description_or_else_its_title():
    assert need_embedding_text("Medicines keep running out", "Track stock") == "Track stock"
    assert need_embedding_text("Track medicine stock", " ") == "Track medicine stock"


def test_a_need_of_several_sentences_is_embedded_sentence_by_sentence():
    assert need_embedding_texts(
        "Survey",
        "Our staff visit 2,000 homes. There is no internet in most villages. Thanks!\n"
        "We need forms on phones that sync later.",
    ) == (
        "Our staff visit 2,000 homes.",
        "There is no internet in most villages.",
        "We need forms on phones that sync later.",
    )
    one = "We need forms on phones that work offline and sync later."
    assert need_embedding_texts("Survey", one) == (one,)
    assert need_embedding_texts("Track medicine stock", " ") == ("Track medicine stock",)
    # Hindi sentences end with the danda, and are read in English words where the glossary can
    hindi = need_embedding_texts("सर्वे", "हमें गाँव में सर्वे करना है। वहाँ इंटरनेट नहीं चलता है।")
    assert len(hindi) == 2


def test_an_offering_is_embedded_by_its_name_and_summary_or_else_its_description():
    assert offering_embedding_texts(
        OfferingFactory.build(name="KoBo", summary="Survey forms.", description="Sync later.")
    ) == ("KoBo\nSurvey forms.",)
    assert offering_embedding_texts(
        OfferingFactory.build(name="KoBo", summary=" ", description="Sync later.")
    ) == ("KoBo\nSync later.",)


def test_each_use_of_an_offering_is_embedded_on_its_own_and_the_vector_is_their_mean():
    offering = OfferingFactory.build(
        name="KoBo",
        summary="Survey forms.",
        uses="collect surveys without internet\nsee answers on a map",
    )
    texts = offering_embedding_texts(offering)
    assert texts == (
        "KoBo\nSurvey forms.",
        "collect surveys without internet",
        "see answers on a map",
    )
    [vector] = embed_groups([texts])
    each = embed_texts(texts)
    mean = each.sum(axis=0) / np.linalg.norm(each.sum(axis=0))
    np.testing.assert_allclose(vector, mean, atol=1e-6)
    assert np.linalg.norm(vector) == pytest.approx(1.0)
    # closer to each of its uses than the summary alone is
    assert all(vector @ use > each[0] @ use for use in each[1:])


@pytest.mark.django_db
def test_a_summary_the_description_begins_with_is_read_once():
    imported = OfferingFactory(
        summary="Offline survey forms on any phone.",
        description="Offline survey forms on any phone. Sync later.",
    )
    own = OfferingFactory(summary="Survey forms.", description="Sync later.")
    assert offering_profile(imported).text == "Offline survey forms on any phone. Sync later."
    assert offering_profile(own).text == "Survey forms.\nSync later."


@pytest.mark.django_db
def test_only_a_changed_text_is_embedded_again(django_capture_on_commit_callbacks, monkeypatch):
    with django_capture_on_commit_callbacks(execute=True):
        need = NeedFactory(**SURVEY_NEED)
    embedded = []
    monkeypatch.setattr(
        "matching.semantic.embed_groups",
        lambda groups: embedded.append(groups) or embed_groups(groups),
    )
    need.monthly_budget = 50
    with django_capture_on_commit_callbacks(execute=True):
        need.save()
    assert embedded == []
    need.title = "Collect farm surveys offline"  # the title is not embedded
    with django_capture_on_commit_callbacks(execute=True):
        need.save()
    assert embedded == []
    need.description = "Farmers answer survey forms on phones."
    with django_capture_on_commit_callbacks(execute=True):
        need.save()
    assert embedded == [[(need.description,)]]
    stored = ListingEmbedding.objects.get(kind=Kind.NEED, listing_id=need.pk)
    assert stored.text_hash == text_hash(embedded[0][0])
    need.delete()
    assert not ListingEmbedding.objects.exists()


@pytest.mark.django_db
def test_the_command_embeds_every_listing(capsys):
    with rematch_on_save_paused():
        offerings = OfferingFactory.create_batch(3)
        NeedFactory.create_batch(2)
    assert not ListingEmbedding.objects.exists()
    call_command("embed_listings")
    assert capsys.readouterr().out.startswith("Embedded 5 of 2 needs and 3 offerings in ")
    assert ListingEmbedding.objects.filter(kind=Kind.OFFERING).count() == 3
    ids, matrix = stored_offerings()
    assert sorted(ids) == sorted(o.pk for o in offerings)
    assert matrix.shape == (3, 384)
    call_command("embed_listings")
    assert capsys.readouterr().out.startswith("Embedded 0 of 2 needs and 3 offerings")


def test_the_check_passes_with_the_model_in_place():
    assert embeddings.check_model_installed() == []


@pytest.mark.parametrize("broken", ["no runtime", "missing model", "not the model", "no tokenizer"])
def test_the_check_reports_a_missing_or_broken_model(monkeypatch, tmp_path, broken):
    real = {embeddings.MODEL_FILE: "model.onnx", embeddings.TOKENIZER_FILE: "tokenizer.json"}
    copies = {path: tmp_path / name for path, name in real.items()}
    for path, copy in copies.items():
        copy.write_bytes(path.read_bytes())
    model, tokenizer = copies.values()
    if broken == "missing model":
        model.unlink()
    elif broken == "not the model":
        # A checkout that kept a Git LFS pointer or a partial download, not the model.
        model.write_bytes(model.read_bytes()[:1000])
    elif broken == "no tokenizer":
        tokenizer.unlink()
    monkeypatch.setattr(embeddings, "MODEL_FILE", model)
    monkeypatch.setattr(embeddings, "TOKENIZER_FILE", tokenizer)
    monkeypatch.setattr(
        embeddings, "SHA256", {copies[path]: digest for path, digest in embeddings.SHA256.items()}
    )
    if broken == "no runtime":
        real_find_spec = embeddings.importlib.util.find_spec
        monkeypatch.setattr(
            embeddings.importlib.util,
            "find_spec",
            lambda name: None if name == "onnxruntime" else real_find_spec(name),
        )
    [error] = embeddings.check_model_installed()
    assert error.id == "matching.E001"
    embeddings.encoder.cache_clear()  # as a process starting with the broken install
    with pytest.raises(embeddings.ModelUnavailable):
        embeddings.encoder()
    assert {
        "no runtime": "'onnxruntime' is not installed",
        "missing model": "model.onnx is missing",
        "not the model": "sha256 differs",
        "no tokenizer": "tokenizer.json is missing",
    }[broken] in error.msg
    assert "make" in error.hint and "tune_encoder" in error.hint


def test_the_model_loads_from_intact_copies(monkeypatch, tmp_path):
    """The check above fails for what each case breaks, not for the copying."""
    for name in ("MODEL_FILE", "TOKENIZER_FILE"):
        path = getattr(embeddings, name)
        (tmp_path / path.name).write_bytes(path.read_bytes())
        monkeypatch.setattr(embeddings, name, tmp_path / path.name)
    monkeypatch.setattr(
        embeddings,
        "SHA256",
        {tmp_path / path.name: digest for path, digest in embeddings.SHA256.items()},
    )
    assert embeddings.check_model_installed() == []
    embeddings.encoder.cache_clear()
    assert embeddings.encoder().encode(["survey"]).shape == (1, 384)


@pytest.fixture(autouse=True)
def model_loaded_afresh_after_a_broken_one():
    yield
    embeddings.encoder.cache_clear()
