"""The shipped check-worthiness model: its interface, its file and its quality on CheckThat! dev."""

from __future__ import annotations

import csv
import math
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from claims.extraction import checkworthiness
from claims.extraction.checkworthiness import CheckworthinessModel, load, load_default, save

from .conftest import REPO, eval_dir

# Written for these tests: claims a fact-checker would check, and talk nobody would.
CHECKABLE = [
    "Unemployment fell from 7.8 percent in 2012 to 4.1 percent last year.",
    "The city spent $42 million on the new bridge, twice the original estimate.",
    "Since 2015 the state has closed 14 rural hospitals.",
    "Our school district has 3,200 more students than it did a decade ago.",
    "The senator voted against the farm bill three times.",
]
NOT_CHECKABLE = [
    "Thank you all for coming tonight.",
    "I think we can do better as a country.",
    "Good evening, everyone.",
    "What do you want to ask me?",
    "Let me finish my answer.",
]
ODD_INPUT = ["", "   ", "?", "Ça va? 北京 — «quoted» …", "word " * 2000, "1,000,000,000%"]


def test_scores_are_probabilities_for_any_input() -> None:
    model = load_default()
    for sentence in CHECKABLE + NOT_CHECKABLE + ODD_INPUT:
        value = model.score(sentence)
        assert isinstance(value, float)
        assert 0.0 <= value <= 1.0, sentence


def test_threshold_is_a_probability_strictly_inside_the_unit_interval() -> None:
    assert 0.0 < load_default().threshold < 1.0


def test_batch_scores_equal_single_scores_in_order() -> None:
    model = load_default()
    sentences = CHECKABLE + NOT_CHECKABLE + ODD_INPUT
    assert model.scores(sentences) == [model.score(s) for s in sentences]
    assert model.scores([]) == []


def test_scores_are_the_same_across_loads() -> None:
    first = load(checkworthiness.MODEL_FILE)
    second = load(checkworthiness.MODEL_FILE)
    sentences = CHECKABLE + NOT_CHECKABLE
    assert first.scores(sentences) == second.scores(sentences)
    assert first.scores(sentences) == first.scores(sentences)


def test_default_model_is_loaded_once() -> None:
    assert load_default() is load_default()


@pytest.mark.parametrize("claim", CHECKABLE)
@pytest.mark.parametrize("chatter", NOT_CHECKABLE)
def test_a_factual_claim_outscores_opinion_and_small_talk(claim: str, chatter: str) -> None:
    model = load_default()
    assert model.score(claim) > model.score(chatter)


@pytest.mark.parametrize("claim", CHECKABLE)
def test_an_obvious_claim_clears_the_threshold(claim: str) -> None:
    model = load_default()
    assert model.score(claim) >= model.threshold


@pytest.mark.parametrize("chatter", NOT_CHECKABLE)
def test_obvious_small_talk_stays_below_the_threshold(chatter: str) -> None:
    model = load_default()
    assert model.score(chatter) < model.threshold


def test_numbers_are_scored_by_kind_not_value() -> None:
    model = load_default()
    assert model.score("Taxes rose by 12 percent.") == model.score("Taxes rose by 95 percent.")


def test_model_loads_and_scores_without_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the check-worthiness model tried to open a socket")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    model = load(checkworthiness.MODEL_FILE)
    assert 0.0 <= model.score(CHECKABLE[0]) <= 1.0


def test_shipped_model_is_small_and_inside_the_package() -> None:
    path = checkworthiness.MODEL_FILE
    assert path.is_file()
    assert path.parent.parent == Path(checkworthiness.__file__).resolve().parent
    assert path.stat().st_size < 3_000_000


def test_scoring_needs_neither_numpy_nor_django() -> None:
    code = (
        "import sys; from claims.extraction.checkworthiness import load_default; "
        "load_default().score('Taxes rose 5 percent.'); "
        "assert 'numpy' not in sys.modules and 'django' not in sys.modules, 'heavy import'"
    )
    subprocess.run([sys.executable, "-c", code], cwd=REPO, check=True)


def test_a_saved_model_loads_back_identical(tmp_path: Path) -> None:
    model = CheckworthinessModel(
        threshold=0.4,
        bias=-1.0,
        ngram_weights={"percent": 2.0, "<s> i": -1.5, "x:nnum1": 0.5},
        word_weights={"taxes": 0.25},
    )
    path = tmp_path / "model.json.gz"
    save(model, path)
    first_bytes = path.read_bytes()
    assert load(path) == model
    save(model, path)
    assert path.read_bytes() == first_bytes


def test_a_tiny_model_scores_as_its_formula_says() -> None:
    model = CheckworthinessModel(
        threshold=0.5, bias=-1.0, ngram_weights={"percent": 2.0}, word_weights={"taxes": 1.0}
    )
    sentence = "Taxes percent"
    present = checkworthiness.features(sentence)
    logit = -1.0 + 2.0 / math.sqrt(len(present)) + 1.0  # one known word, weight 1
    assert model.score(sentence) == pytest.approx(1.0 / (1.0 + math.exp(-logit)))


def test_it_refuses_a_model_file_of_another_format(tmp_path: Path) -> None:
    path = tmp_path / "model.json"
    path.write_text('{"format": 999}', encoding="utf-8")
    with pytest.raises(ValueError, match="format"):
        load(path)


def test_it_keeps_checkthat_dev_f1_above_0_85() -> None:
    # A regression guard on data the model never trained on, not a target to tune against.
    dev = eval_dir() / "checkthat2024" / "CT24_checkworthy_english_dev.tsv"
    with dev.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter="\t"))[1:]
    model = load_default()
    cut = model.threshold_for("transcript")  # the debates are transcripts, not articles
    predicted = [s >= cut for s in model.scores([row[1] for row in rows])]
    actual = [row[2] == "Yes" for row in rows]
    tp = sum(p and a for p, a in zip(predicted, actual, strict=True))
    precision = tp / sum(predicted)
    recall = tp / sum(actual)
    assert 2 * precision * recall / (precision + recall) > 0.85


def test_each_genre_of_text_has_its_own_cut_and_others_take_the_article_cut() -> None:
    model = CheckworthinessModel(
        threshold=0.45,
        bias=0.0,
        ngram_weights={},
        word_weights={},
        genre_thresholds={"article": 0.45, "transcript": 0.3},
    )
    assert model.threshold_for("article") == 0.45
    assert model.threshold_for("transcript") == 0.3
    assert model.threshold_for("press release") == 0.45
    shipped = load_default()
    assert set(shipped.genre_thresholds) == {"article", "transcript"}
    assert shipped.threshold == shipped.threshold_for("article")


def test_a_model_file_of_the_first_format_still_loads_with_one_cut(tmp_path: Path) -> None:
    path = tmp_path / "old.json"
    path.write_text(
        '{"format": 1, "threshold": 0.34, "bias": -1.0, "ngrams": {}, "words": {}}',
        encoding="utf-8",
    )
    model = load(path)
    assert model.threshold_for("transcript") == model.threshold_for("article") == 0.34


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("The result was “truly remarkable”, she said.", "x:quoted"),
        ("Rolling Blackouts Leave Experts Stumped", "x:noend"),
        ("It is an exciting time for the town.", "x:eval"),
    ],
)
def test_news_cues_mark_quotes_lines_without_an_ending_and_judging_words(
    sentence: str, cue: str
) -> None:
    assert cue in checkworthiness.features(sentence)
    assert cue not in checkworthiness.features("The council approved the plan on Monday.")
