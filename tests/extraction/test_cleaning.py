"""Cleaning drops boilerplate by general rules and keeps the article."""

from __future__ import annotations

import pytest

from claims.extraction.cleaning import clean_text, looks_like_html, prepare, prepare_document
from claims.extraction.sentences import split_sentences
from claims.extraction.unwrap import unwrap
from tests.extraction.pages import (
    BODY_CAPTION,
    HEADLINE,
    LEAD_CAPTION,
    PARAGRAPHS,
    STANDFIRST,
    news_page,
)

ARTICLE = "The harbour of Kelmar reopened on Monday after a two-week strike."


@pytest.mark.parametrize(
    "noise",
    [
        "Latest News\n\nLatest News\n\nLatest News",
        "Kelmar Daily Live\n\nKelmar Daily Live",
        "24/7 coverage of breaking news and live events",
        "Sign up for our morning newsletter.",
        "Share this article",
        "By Ines Torva and Amal Sorensen",
        "Photo: Cranes in the harbour (Kelmar Daily)",
        "(AP Photo/Ines Torva)",
        "Updated March 3, 2023, 5:33 PM GMT",
        "Most Read",
        "By Ines Torva, Kelmar Daily, Porto Menas",
        "Written by Amal Sorensen on March 3, 2023",
        "Posted on",
        "20 hours ago",
        "Written: 2023-03-03 09:12:48 / Updated: 2023-03-03 10:27:05",
        "Friday, March 3, 2023 7:35AM",
        "(IT)",
        "Reporting by Ines Torva; Editing by Amal Sorensen",
        "Amal Sorensen in Porto Menas contributed to this report.",
        "READ MORE: Kelmar dockers walk out over pay",
        "PORT IN CRISIS: What the strike means for you",
        "Port fees to rise next year - March 2, 2023",
        "Credit... Ines Torva/Kelmar Daily",
        "https://t.co/AbCdEf123",
        "itorva@kelmar-daily.example",
        "Slideshow ( 12 images )",
        "Read: The ferry timetable changes for spring",
        "Ines Torva, Kelmar Radio News.",
        "This article originally appeared in Kelmar Weekly.",
        "Download the Kelmar Daily app for iOS and Android to get every story from the harbour.",
        "Kelmar Journal of Shipping 12, 44-51 (2021)",
        "What the Strike Means for Families Living Around the Harbour",
        "STRIKE DIARY WITH KELMAR RADIO",
        # reader prompts: newsletters, apps, following the outlet, writing to it, joining it
        "Simply pop your email in the box above and get the harbour news every morning",
        "Each morning we'll send you a short email with the latest from the harbour.",
        "You can unsubscribe at any time, and we will never share your details.",
        "Follow Kelmar Daily on Twitter and Instagram @KelmarDaily, or message us on WhatsApp.",
        "Get every harbour story straight to your phone with the Kelmar Daily app.",
        "Send us your letters and comments about the strike.",
        "Do you work at the port? We want to hear from you! Write to dock@kelmar-daily.example",
        "To reach the reporter of this story, contact itorva@kelmar-daily.example.",
        "Contact: 555-0101; 555-0102 or 555-0103.",
        "Or by e-mail: [email protected]",
        "When you become a member you will enjoy unlimited digital access to all our stories.",
        "Join now to get:",
        "This project was produced with support from the Kelmar Civic Journalism Fund.",
        # teasers of other stories, cut off mid-sentence or with a link to the rest
        "Dockers in Porto Menas have voted to join the strike, and the ferry union says it may...",
        "The mayor of Kelmar has announced a review of harbour fees.... more",
        "The Kelmar Lions lost again at home on Saturday, and their coach says the… Read more",
        # a gallery widget's labels, a release's date label
        "Kelmar in pictures",
        "Show all 24",
        "Release Date:",
        # disguised text (Cyrillic letters among Latin ones) that only advertisers print
        "Adv\u0435rt\u0456se w\u0456th the most read site in Kelmar ~ call 555-0199.",
        "Written by: Amal Sorensen",
        "Amal Sorensen reports.",
        "This story is the exclusive property of Kelmar Daily and may not be reproduced.",
        "Advertisement",
        "Live updates",
        "4 min read",
        "This site uses cookies to improve your experience.",
    ],
)
def test_boilerplate_lines_are_dropped(noise: str) -> None:
    cleaned = clean_text(f"Harbour reopens after strike\n\n{ARTICLE}\n\n{noise}\n\n{ARTICLE[:-1]}!")
    assert ARTICLE in cleaned
    for line in noise.split("\n"):
        if line:
            assert line not in cleaned


@pytest.mark.parametrize(
    "sentence",
    [
        "By Friday, 40 ships had left the harbour.",
        "By Monday Morning the quay was empty again.",
        "On March 3, 2023 the strike ended after 14 days.",
        "MAYOR: The harbour will reopen on Monday.",
        "Sources close to the union said the deal was worth $3 million.",
        "Dockers said they had worked 20 hours a day before the strike.",
        "Photographs of the queue were shared 3,000 times on Sunday.",
        # who gave the figures above it
        "Source: Kelmar Port Authority, Kelmar Chamber Of Commerce",
        # sentences that mention e-mail, apps, access, following and subscribers
        "Police traced the van with the Find My Phone app, officers said.",
        "Tourists will have unlimited access to the north quay from June.",
        "About 40,000 people follow the harbour master on Twitter.",
        "The union said it had received 300 e-mails from dockers at strike@union.example.",
        "The report was produced by the port authority with support from the city council.",
        "Shares in the port operator fell 12%, and analysts said it was... a bad sign.",
        '"We will see what happens..." the harbour master said.',
        "The exhibition is called Kelmar In Pictures, and 3,000 people saw it in May.",
        # short sentences with the words of a widget's label
        "The most popular stall sold 3,000 cookies on Sunday.",
        "The advertisement cost the council $2 million.",
        "The harbour clinic will now be open 24/7.",
        "Breaking news of the deal spread within minutes.",
    ],
)
def test_sentences_that_resemble_boilerplate_are_kept(sentence: str) -> None:
    cleaned = clean_text(f"Harbour reopens after strike\n\n{ARTICLE}\n\n{sentence}")
    assert sentence in cleaned


@pytest.mark.parametrize(
    ("line", "kept", "gone"),
    [
        ("Dockers leave the quay on Monday. (AP Photo/Ines Torva)", "on Monday.", "AP Photo"),
        ("Dockers leave the quay. (Ines Torva/Kelmar Daily)", "the quay.", "Kelmar Daily"),
        ("Cranes stood idle.Credit: Ines Torva/Kelmar Daily", "stood idle.", "Credit"),
        ("The strike ended after 14 days. (IT)", "14 days.", "(IT)"),
        ("Dockers cheered the deal at the gate. https://t.co/AbC123", "gate.", "t.co"),
        ("By Ines Torva: The harbour reopened on Monday.", "The harbour reopened", "Torva"),
        # an embedded post's signature keeps who posted it, which attributes the post
        ("— Ines Torva (@itorva) March 3, 2023", "— Ines Torva (@itorva)", "March 3"),
        ("Dockers leave the quay. Photo via Kelmar Port Authority", "the quay.", "Photo via"),
        ("Dockers leave the quay.....Picture Ines Torva, Kelmar Daily", "the quay.", "Picture"),
        ("Cranes stood idle on Friday. By KELMAR PORT AUTHORITY", "on Friday.", "AUTHORITY"),
        ("Dockers voted on Friday. (screen grab)", "on Friday.", "screen grab"),
        ("Dockers voted on Friday. (Courtesy of the Kelmar union)", "on Friday.", "Courtesy"),
    ],
)
def test_a_credit_or_byline_is_cut_off_the_sentence_it_is_glued_to(
    line: str, kept: str, gone: str
) -> None:
    cleaned = clean_text(f"Harbour reopens after strike\n\n{line}\n\n{ARTICLE}")
    assert kept in cleaned
    assert gone not in cleaned


def test_a_kicker_above_a_title_case_headline_keeps_the_headline() -> None:
    headline = "Kelmar Harbour Reopens After Two Week Strike Ends"
    cleaned = clean_text(f"World\n{headline}\n\n{ARTICLE}")
    assert headline in cleaned


@pytest.mark.parametrize(
    "headline", ["VIDEO: How the Kelmar harbour reopened", "WATCH: Dockers vote to end the strike"]
)
def test_a_headline_with_a_label_is_kept(headline: str) -> None:
    cleaned = clean_text(f"{headline}\n\n{ARTICLE}\n\nVIDEO: Dockers vote on the pay offer")
    assert cleaned.startswith(headline)
    assert "Dockers vote on the pay offer" not in cleaned


def test_the_headline_is_kept_even_in_title_case() -> None:
    cleaned = clean_text(f"Kelmar Harbour Reopens\n\n{ARTICLE}")
    assert cleaned.startswith("Kelmar Harbour Reopens")


def test_a_repeated_long_paragraph_is_kept_once() -> None:
    cleaned = clean_text(f"{ARTICLE}\n\n{ARTICLE}\n\nThe strike cost $3 million.")
    assert cleaned.count(ARTICLE) == 1


@pytest.mark.parametrize(
    ("text", "is_html"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", True),
        ("<div><p>One</p><p>Two</p></div>", True),
        ("Prices < 5% and > 2% were seen.", False),
        (ARTICLE, False),
    ],
)
def test_html_is_detected(text: str, is_html: bool) -> None:
    assert looks_like_html(text) is is_html


def test_a_page_keeps_its_headline_standfirst_and_captions_in_reading_order() -> None:
    cleaned = prepare(news_page(), 1_000_000)
    order = [HEADLINE, STANDFIRST, LEAD_CAPTION, PARAGRAPHS[0], PARAGRAPHS[2], BODY_CAPTION]
    positions = [cleaned.find(text) for text in order]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
    assert cleaned.startswith(HEADLINE)


@pytest.mark.parametrize(
    "leftover",
    [
        "Home",
        "Sport",
        "By Amal Sorensen",
        "Photo: Amal Sorensen",
        "AP Photo",
        "Related stories",
        "Port fees to rise next year",
        "All rights reserved",
        "Privacy policy",
        "tracking",
    ],
)
def test_a_page_loses_its_leftover_lines(leftover: str) -> None:
    assert leftover not in prepare(news_page(), 1_000_000)


def test_a_headline_printed_twice_is_kept_once() -> None:
    # The body repeats the headline (in other capitals), or prints it after a kicker.
    for repeat in (f"<h2>{HEADLINE.title()}</h2>", f"<p>Update | {HEADLINE}</p>"):
        cleaned = prepare(news_page(article_start=repeat), 1_000_000)
        assert cleaned.startswith(HEADLINE)
        assert cleaned.casefold().count(HEADLINE.casefold()) == 1
        assert "Update" not in cleaned


def test_a_drop_cap_printed_apart_from_its_paragraph_is_joined_to_it() -> None:
    paragraph = PARAGRAPHS[0]
    letter, link, rest = paragraph[0], paragraph[1:4], paragraph[4:]
    split = f'<div><span class="drop-cap">{letter}</span><p><a href="/h">{link}</a>{rest}</p></div>'
    cleaned = prepare(news_page(first_paragraph=split), 1_000_000)
    assert paragraph in cleaned


def test_a_pop_up_dialog_is_not_article_text() -> None:
    dialog = (
        '<div role="dialog" aria-hidden="true"><p>The Kelmar Naval Academy trains 400 cadets '
        "a year in navigation, engineering and command.</p></div>"
        "<div hidden><p>Kelmar Radio reaches 80,000 listeners every morning of the week.</p></div>"
    )
    cleaned = prepare(news_page(after_main=dialog), 1_000_000)
    assert "400 cadets" not in cleaned
    assert "80,000 listeners" not in cleaned
    assert PARAGRAPHS[-1] in cleaned


def test_a_page_hidden_until_a_script_shows_it_keeps_its_article() -> None:
    cleaned = prepare(news_page(main_style="display: none;"), 1_000_000)
    assert all(paragraph in cleaned for paragraph in PARAGRAPHS)


def test_a_description_cut_short_is_not_a_standfirst() -> None:
    # The page shows the description as a teaser of its first paragraph, cut off with "…".
    teaser = PARAGRAPHS[0][:80].rsplit(" ", 1)[0] + " …"
    page = news_page(description=teaser, article_start=f'<p class="teaser">{teaser}</p>')
    cleaned = prepare(page, 1_000_000)
    assert teaser not in cleaned.split("\n\n")[1]
    assert PARAGRAPHS[0] in cleaned


def test_a_description_the_page_does_not_show_stays_out_of_the_text() -> None:
    hidden = "Everything you need to know about the harbour of Kelmar and its 2,100 workers."
    page = news_page(description=hidden, show_standfirst=False)
    cleaned = prepare(page, 1_000_000)
    assert "2,100 workers." not in cleaned.split("\n\n")[1]
    assert hidden not in cleaned


def test_a_title_the_page_does_not_show_stays_out_of_the_text() -> None:
    result = prepare_document(news_page(show_headline=False), 1_000_000)
    assert HEADLINE not in result.clean
    assert result.metadata is not None
    assert result.metadata.title == HEADLINE


WIRE = """Harbour reopens after two-week strike
KELMAR (Wire) - The harbour of Kelmar reopened on Monday after a
two-week strike that cost the port an estimated $3 million, said
Harbour Master Ines Torva. "We lost more than 40 ships to other
ports," she said.

Dockers voted 112 to 61 to accept the offer, the union said. The
deal raises pay by 4% this year and by 3% next year, according to
a statement from the port authority.
Reporting by Amal Sorensen
"""


def test_hard_wrapped_text_is_joined_into_paragraphs() -> None:
    lines = prepare(WIRE, 1_000_000).split("\n")
    assert lines[0] == "Harbour reopens after two-week strike"
    assert lines[1].startswith("KELMAR (Wire) - The harbour of Kelmar reopened on Monday")
    assert lines[1].endswith('ports," she said.')
    assert lines[3].startswith("Dockers voted")
    assert lines[3].endswith("port authority.")
    assert "Reporting by" not in "\n".join(lines)


@pytest.mark.parametrize(
    "sentence",
    [
        "cost the port an estimated $3 million, said Harbour Master Ines Torva.",
        '"We lost more than 40 ships to other ports," she said.',
        "according to a statement from the port authority.",
    ],
)
def test_a_sentence_broken_across_lines_is_one_sentence_again(sentence: str) -> None:
    cleaned = prepare(WIRE, 1_000_000)
    assert any(sentence in s.text for s in split_sentences(cleaned))


@pytest.mark.parametrize(
    "text",
    [
        # paragraphs written one per line
        f"{ARTICLE}\n{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}\n{PARAGRAPHS[2]}\n{PARAGRAPHS[3]}\n",
        # short paragraphs of one sentence each, one per line
        "The harbour of Kelmar reopened on Monday after a two-week strike ended.\n"
        "Dockers voted 112 to 61 to accept the offer of a 4% pay rise this year.\n"
        "The port authority said the strike had cost it about $3 million in fees.\n"
        "Ships that waited at anchor will be unloaded first, the harbour master said.\n",
        # a list of short lines
        "Opening hours\nMonday 9-17\nTuesday 9-17\nWednesday closed\nThursday 9-17\n",
        # too little text to tell
        "Harbour reopens\nThe strike is over.\n",
    ],
)
def test_text_that_is_not_hard_wrapped_is_left_alone(text: str) -> None:
    assert unwrap(text) == text


def test_wrapped_list_items_and_a_title_case_headline_stay_on_their_own_lines() -> None:
    text = (
        "Kelmar Harbour Reopens After The Strike Of Twenty Long Days Ends Now\n"
        "The harbour of Kelmar reopened on Monday after a strike that cost the\n"
        "port about $3 million, the authority said. The deal gives dockers a\n"
        "pay rise of 4% and a shorter week, and the union listed its gains:\n"
        "- a 4% pay rise this year and 3% next year, with a bonus for nights\n"
        "- a 35-hour week from June, the first cut in working hours since 1998\n"
    )
    lines = unwrap(text).split("\n")
    assert lines[0] == "Kelmar Harbour Reopens After The Strike Of Twenty Long Days Ends Now"
    assert lines[1].startswith("The harbour of Kelmar")
    assert lines[1].endswith("gains:")
    assert lines[2].startswith("- a 4% pay rise")
    assert lines[3].startswith("- a 35-hour week")


def test_a_word_hyphenated_at_a_line_end_is_joined_whole() -> None:
    text = (
        "The harbour of Kelmar reopened on Monday after a long and costly stop-\n"
        "page that the port authority said had cost it more than $3 million in\n"
        "lost fees, and the union said its members would return to work today\n"
        "on the early shift.\n"
    )
    assert "stop-page" in unwrap(text)
