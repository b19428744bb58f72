"""Topics: which claims are about one (a pure function), and saving them through the service."""

from __future__ import annotations

import subprocess
import sys

import pytest

from watching import services
from watching.models import Topic
from watching.topics import term_occurs, terms_parse, topics_matched


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        ("tariff", "The tariff rose.", True),
        ("tariff", "TARIFF, they said", True),
        ("tariff", "New tariffs were set", False),  # a plural is another word
        ("tax", "The syntax of the law", False),  # whole words only
        ("tax", "a tax-free zone", True),  # a hyphen ends a word
        ("interest rate", "The interest rate fell", True),
        ("interest rate", "the interest-rate decision", True),  # any punctuation between
        ("interest rate", "Interest,\nrate", True),
        ("interest rate", "the rate of interest", False),  # the words in order
        ("interest rate", "interest rates", False),
        ("Straße", "IN DER STRASSE", True),  # Unicode case folding
        ("café", "Le Café du coin", True),
        ("\uff47\uff44\uff50", "GDP grew", True),  # full-width "gdp" is plain "gdp"
        ("covid_19", "covid-19 cases", True),  # an underscore separates as a hyphen does
        ("%", "up 5%", False),  # no letter or digit: matches nothing
        ("", "anything", False),
    ],
)
def test_a_term_occurs_as_whole_words_in_order_ignoring_case(
    term: str, text: str, found: bool
) -> None:
    assert term_occurs(term, text) is found


def test_terms_are_one_a_line_tidied_and_without_repeats() -> None:
    assert terms_parse("  interest   rate \n\nTariff\ntariff\n Interest Rate\nVAT") == [
        "interest rate",
        "Tariff",
        "VAT",
    ]


def test_topics_matched_names_each_topic_once_in_its_order() -> None:
    topics = {"Trade": ["tariff", "exports"], "Health": ["hospital"], "Tax": ["vat"]}
    texts = ["Exports and tariffs", "the hospital's tariff"]
    assert topics_matched(texts, topics) == ["Trade", "Health"]
    assert topics_matched(["nothing here"], topics) == []


def test_the_matcher_imports_no_django() -> None:
    code = "import sys, watching.topics; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.django_db
def test_topic_save_tidies_and_refuses_bad_topics() -> None:
    topic = services.topic_save(name="  Trade  policy ", terms="tariff\n\n tariff \nexports\n")
    assert (topic.name, topic.terms) == ("Trade policy", "tariff\nexports")
    assert topic.term_list == ["tariff", "exports"]
    changed = services.topic_save(name="Trade", terms="customs", topic=topic)
    assert Topic.objects.get(pk=topic.pk).terms == "customs"
    assert changed.pk == topic.pk
    refusals = [
        ({"name": "", "terms": "x"}, "name is required"),
        ({"name": "TRADE", "terms": "x"}, "already"),
        ({"name": "Empty", "terms": " \n\n"}, "at least one term"),
        ({"name": "Marks", "terms": "%%\n"}, "no letter or digit"),
        ({"name": "Long", "terms": "w" * 101}, "longer than 100"),
        ({"name": "Many", "terms": "\n".join(f"t{i}" for i in range(201))}, "at most 200"),
        ({"name": "n" * 101, "terms": "x"}, "at most 100"),
    ]
    for values, reason in refusals:
        with pytest.raises(services.TopicInputError, match=reason):
            services.topic_save(**values)
    assert Topic.objects.count() == 1
