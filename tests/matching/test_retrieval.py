"""Retrieval over a corpus of checked claims: rare shared words find the repeat, numbers block."""

from __future__ import annotations

from claims.matching.retrieval import ClaimIndex, CorpusEntry

CORPUS = [
    CorpusEntry("ferry", "A video shows a ferry capsizing on Lake Victoria.", "Ferry video"),
    CorpusEntry("video-1", "A video shows a shark swimming on a flooded highway."),
    CorpusEntry("video-2", "A video shows a senator dancing at a wedding."),
    CorpusEntry("video-3", "A video shows a crowd cheering a football team."),
    CorpusEntry("trade-800m", "Bilateral trade with Kenya was $800 million last year."),
    CorpusEntry("trade-8bn", "Bilateral trade with Kenya was $8 billion last year."),
    CorpusEntry("vaccine", "The vaccine contains a tracking microchip.", "Microchips in vaccines?"),
    CorpusEntry("census", "The census counted 1,200 beavers in 2019."),
]


def test_a_shared_rare_word_outweighs_shared_common_ones() -> None:
    index = ClaimIndex(CORPUS)
    hits = index.search("Watch this video of the ferry on Lake Victoria, a video shows it all")
    assert hits[0].id == "ferry"
    assert index.idf("ferri") > index.idf("video")


def test_a_changed_amount_ranks_below_the_same_amount_and_is_blocked() -> None:
    hits = ClaimIndex(CORPUS).search("Kenya's bilateral trade reached $800m last year")
    assert hits[0].id == "trade-800m"
    blocked = {hit.id: hit.comparison.blocked_by for hit in hits}
    assert blocked["trade-8bn"] is not None
    assert blocked["trade-800m"] is None


def test_the_title_is_searched_too() -> None:
    hits = ClaimIndex(CORPUS).search("microchips everywhere, they say")
    assert hits[0].id == "vaccine"


def test_a_year_in_the_signature_does_not_block_the_claim_it_repeats() -> None:
    post = "Look, 1,200 beavers were counted in the census! — Wild Desk (@wilddesk) May 2, 2021"
    hits = ClaimIndex(CORPUS).search(post)
    assert hits[0].id == "census"
    assert hits[0].comparison.blocked_by is None


def test_top_limits_and_scores_are_best_first() -> None:
    hits = ClaimIndex(CORPUS).search("a video shows", top=2)
    assert len(hits) == 2
    assert hits[0].score >= hits[1].score


def test_nothing_to_search_for_finds_nothing() -> None:
    index = ClaimIndex(CORPUS)
    assert index.search("") == []
    assert index.search("\U0001f525 https://example.org") == []
    assert index.search("ferry", top=0) == []
    assert ClaimIndex([]).search("ferry") == []


def test_words_with_digits_find_a_candidate() -> None:
    corpus = [
        CorpusEntry("5g", "Masts of the 5G network spread the illness."),
        CorpusEntry("4g", "Masts of the old network were torn down."),
    ]
    assert ClaimIndex(corpus).search("the 5G masts, again")[0].id == "5g"


def test_contractions_in_a_post_do_not_count_as_rare_words() -> None:
    corpus = [
        CorpusEntry("quote", 'The mayor said "I didn\'t know" about the flood.'),
        CorpusEntry("flood", "The flood reached the mayor's office."),
    ]
    hits = ClaimIndex(corpus).search("I didn't think the flood would reach the office")
    assert hits[0].id == "flood"
