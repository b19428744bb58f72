"""Who a sentence or a quotation is attributed to: named speakers, generic sources, pronouns,
quotations carried over sentences and paragraphs, and the reporter's own voice (no speaker)."""

from __future__ import annotations

import pytest

from claims.extraction import extract
from claims.extraction.attribution import Attribution, attribute
from claims.extraction.sentences import split_sentences
from tests.extraction.conftest import KeywordScorer


def _attribution(text: str) -> tuple[Attribution, list[str]]:
    sentences = split_sentences(text)
    return attribute(text, sentences), [s.text for s in sentences]


def _speaker_of(text: str, fragment: str) -> str | None:
    """The speaker of the sentence holding `fragment`, or of the quotation holding it."""
    attribution, sentences = _attribution(text)
    offset = text.index(fragment)
    for quote in attribution.quotes:
        if quote.start <= offset < quote.end:
            return quote.speaker
    for index, sentence in enumerate(sentences):
        if fragment in sentence:
            return attribution.sentence_speakers[index]
    raise AssertionError(f"{fragment!r} is in no sentence")


NAMED_SPEAKERS = [
    # the speaker before the verb, after it, or between commas
    ("Hana Vell said the quay would reopen in June.", "Hana Vell"),
    ("The quay will reopen in June, Hana Vell said.", "Hana Vell"),
    ("The quay will reopen in June, said Hana Vell, the port's director.", "Hana Vell"),
    ("The quay will reopen in June, says Vell.", "Vell"),
    ("Hana Vell told the Kelmar Times that the quay would reopen in June.", "Hana Vell"),
    ("Hana Vell, 54, a former engineer, said the quay would reopen in June.", "Hana Vell"),
    ("Hana Vell, the port's director, said on Monday that the quay would reopen.", "Hana Vell"),
    ("Hana Vell, who runs the port, told reporters the quay would reopen.", "Hana Vell"),
    ("Port director Hana Vell, however, warned that the quay would stay shut.", "Hana Vell"),
    ("A lawyer for the port, Imre Sander, argued that the fee was unlawful.", "Imre Sander"),
    # descriptions, offices and honorifics before the name are not part of it
    ("Harbour authority spokesman Jon Arden said the fee would double.", "Jon Arden"),
    ("A visibly tired Jon Arden said the fee would double.", "Jon Arden"),
    ("Kelmar Port Authority Director Jon Arden said the fee would double.", "Jon Arden"),
    ("Mr. Arden said the fee would double.", "Arden"),
    ("Dr Mira Osk said the vaccine had worked.", "Mira Osk"),
    ("Ines Torva of the Kelmar Port Authority said the fee would double.", "Ines Torva"),
    # bodies, with or without a determiner
    ("The Kelmar Port Authority said all ships would be inspected.", "Kelmar Port Authority"),
    (
        "The fee will double, the Ministry of Transport said in a statement.",
        "Ministry of Transport",
    ),
    ("Ostrava Steel (OS) said its profit had doubled.", "Ostrava Steel"),
    (
        "A spokesperson for the Kelmar Port Authority said the fee was fair.",
        "Kelmar Port Authority",
    ),
    ("The ministry's spokesman said the talks had failed.", "ministry"),
    ("The mayor's office said in a statement that the roads were closed.", "mayor's office"),
    # "according to", documents and their owners
    ("According to Hana Vell, the quay will reopen in June.", "Hana Vell"),
    ("The quay will reopen in June, according to the port authority.", "port authority"),
    (
        "Exports fell 4 percent, according to data from the Kelmar Statistics Office.",
        "Kelmar Statistics Office",
    ),
    ("Exports fell 4 percent, according to a report by the customs office.", "customs office"),
    ("“The fee is fair,” said a Kelmar Port Authority statement.", "Kelmar Port Authority"),
    # a verb that needs a clause has one
    ("Ostrava Steel announced that it would close two mills.", "Ostrava Steel"),
    ("The central bank projected prices would rise by 3 percent.", "central bank"),
    ("As the Kelmar Times reports, the mill will close in May.", "Kelmar Times"),
]


@pytest.mark.parametrize(("sentence", "speaker"), NAMED_SPEAKERS)
def test_it_names_who_the_sentence_attributes_its_claim_to(sentence: str, speaker: str) -> None:
    attribution, _ = _attribution(sentence)
    assert attribution.sentence_speakers == [speaker]


# The speaker is the name: titles, offices and the body a person works for are not part of it.
NAMES_WITHOUT_TITLES = [
    ("Supt Ana Ruiz said the man had been shot twice.", "Ana Ruiz"),
    ("Superintendent Ana Ruiz said the man had been shot twice.", "Ana Ruiz"),
    ("Detective Jon Arden said the car had flipped.", "Jon Arden"),
    ("Commissioner Ines Torva said the ring had been broken up.", "Ines Torva"),
    ("Governor Jon Arden said the premier had been detained.", "Jon Arden"),
    ("Taoiseach Imre Sander confirmed that the rules would change at midnight.", "Imre Sander"),
    ("CEO Ana Ruiz said 400 jobs were at risk.", "Ana Ruiz"),
    ("Mr Vell said the data showed a rise in cases.", "Vell"),
    ("Mrs. Ruiz said the data showed a rise in cases.", "Ruiz"),
    ("Minister in the Ministry of Transport Hana Vell said the sector grew.", "Hana Vell"),
    ("The Minister of Transport, Hana Vell, said the sector grew.", "Hana Vell"),
    ("The Kelmar Freight Authority Jon Arden said the sector grew.", "Jon Arden"),
    # a body whose name goes on after a place word is one body
    (
        "Kelmar County Public Schools said that the two pupils were enrolled.",
        "Kelmar County Public Schools",
    ),
    # the person set off before a description, not the firm the description names
    (
        "Yesterday, Dr Imre Sander, managing director of Kelmar Steel and Wire Works, a steel "
        "firm, said the attack had been serious.",
        "Imre Sander",
    ),
    # an acronym in brackets inside a title; a particle inside a name
    (
        "The risk is real, warns Kelmar Health Agency (KHA) Director Ana Ruiz as she urged calm.",
        "Ana Ruiz",
    ),
    ("“We are ready,” said Ines des Torva, the museum's director.", "Ines des Torva"),
    # one name after a name's possessive is that name's ("Vell's Bar"), not a second name
    ("In Ostrava, Vell's Bar have said they will close after tonight.", "Vell's Bar"),
    ("The talks will go on, according to Hana Vell's remarks.", "Hana Vell"),
    # closing frames with a verb that needs a clause elsewhere, and a bare weekday after it
    (
        "Three men were arrested, federal prosecutors announced Wednesday morning.",
        "federal prosecutors",
    ),
    ("A smuggling ring was broken up in Kelmar, the feds announced.", "feds"),
]


OTHER_FRAMES = [
    # a passive report with its agent
    ("The port will reopen in June, as confirmed by Harbour Secretary Jon Arden.", "Jon Arden"),
    # a document "reveals" a plain object; its owner speaks
    (
        "Figures from the Kelmar Statistics Office revealed a surge in exports.",
        "Kelmar Statistics Office",
    ),
    # an office named before is a speaker of "indicated that"; "the Kelmar report" is a noun
    (
        "The governor also indicated that he would speed up the release of the Kelmar report.",
        "governor",
    ),
]


@pytest.mark.parametrize(("sentence", "speaker"), OTHER_FRAMES)
def test_other_attribution_frames(sentence: str, speaker: str) -> None:
    attribution, _ = _attribution(sentence)
    assert attribution.sentence_speakers == [speaker]


@pytest.mark.parametrize(("sentence", "speaker"), NAMES_WITHOUT_TITLES)
def test_the_speaker_is_the_name_without_its_title(sentence: str, speaker: str) -> None:
    attribution, _ = _attribution(sentence)
    assert attribution.sentence_speakers == [speaker]


GENERIC_SPEAKERS = [
    ("Officials said the bridge was safe.", "Officials"),
    ("Police say two men were arrested.", "Police"),
    ("Two people were hurt, an official said.", "official"),
    ("Residents say the river has flooded twice this year.", "Residents"),
    ("Two people familiar with the talks said a deal was close.", "Two people"),
    ("Officials at the ministry said the bridge was safe.", "Officials"),
    ("Records show the bridge was inspected in 2015.", "Records"),
    ("Figures show a rise in burglaries.", "Figures"),
    ("A 2019 study found that most ferries were late.", "2019 study"),
    ("The report found that the railway was unsafe.", "report"),
    ("Critics argue the plan is too expensive.", "Critics"),
    ("Farmers said the drought had cost them dearly.", "Farmers"),
    ("Member states said the rules would change.", "Member states"),
]


@pytest.mark.parametrize(("sentence", "speaker"), GENERIC_SPEAKERS)
def test_unnamed_and_plural_sources_are_generic_speakers(sentence: str, speaker: str) -> None:
    attribution, _ = _attribution(sentence)
    assert attribution.sentence_speakers == [speaker]


REPORTERS_OWN_VOICE = [
    "Tens of thousands of commuters reported delays on Monday.",
    "Ostrava Steel reported a loss of $4 million.",
    "The company claimed the top spot in the rankings.",
    "His resignation was announced in April.",
    "The plan was recalled by the council in 2019.",
    "Mr. Arden did not say how many jobs would be lost.",
    "The county's confirmed tally is nearly 1,200.",
    "The jury found her guilty of arson.",
    "Tests found the pipe had not been attached.",
    "The Kelmar Court of Appeal found that the fee was unlawful.",
    "As the storm continued, the council opened three shelters.",
    "Aid arrived in the United States on Friday.",
    "Governor says the budget is balanced",
    "The number of patients admitted to hospital rose.",
    # "added" with a plain object is an action, not a report
    "The storm added a new level of risk to travel.",
    "The ministry has added a tax on imported luxury food.",
    # the phrase after "of" is no subject: nobody rather than the wrong one
    "The mother of the Kelmar Heights victim admitted that he had been in prison.",
]


@pytest.mark.parametrize("sentence", REPORTERS_OWN_VOICE)
def test_the_reporters_own_statements_have_no_speaker(sentence: str) -> None:
    attribution, _ = _attribution(sentence)
    assert attribution.sentence_speakers == [None]


RESOLVED = [
    # pronouns go to the fitting speaker just named
    ("Hana Vell spoke in Kelmar. She said the quay would reopen.", "She said", "Hana Vell"),
    (
        "The port authority met on Monday. It said the fee would double.",
        "It said",
        "port authority",
    ),
    ("Engineers inspected the bridge. They said it was safe.", "They said", "Engineers"),
    # "he" is the speaker just before, not a man only mentioned
    ("Jon Arden said Imre Sander had left. He said the port was quiet.", "He said", "Jon Arden"),
    # "she" skips a man known as such
    ("Mr. Arden met Hana Vell. She said the port was quiet.", "She said", "Hana Vell"),
    # a description stands for the body or the person named before
    (
        "The Kelmar Court of Appeal ruled on Friday. The court said the fee was void.",
        "The court said",
        "Kelmar Court of Appeal",
    ),
    (
        "Mayor Ines Torva opened the bridge. The mayor said it had cost $4 million.",
        "The mayor said",
        "Ines Torva",
    ),
    (
        "Jon Vell, 32, was arrested in May. The 32-year-old told the court he was innocent.",
        "The 32-year-old",
        "Jon Vell",
    ),
    # an office given with the name, before or after it, is known later
    (
        "Hana Vell, the mayor, spoke first. “We will rebuild,” the mayor said.",
        "We will rebuild",
        "Hana Vell",
    ),
    (
        "Port director Jon Arden opened the quay. The director said it had cost $4 million.",
        "The director said",
        "Jon Arden",
    ),
    # a plural speaker is "they", whoever else the sentence mentions
    (
        "The loggers told investigators that they heard a shot. They claimed that Vell had "
        "walked ahead.",
        "They claimed",
        "loggers",
    ),
    # "she" may be a woman the text does not name
    (
        "Supt Jon Arden said the man was shot. A woman who gave her name as his mother "
        "admitted that he had been in prison. She said he never robbed anyone.",
        "She said",
        "woman",
    ),
    # "the Labour MP" is the person just named
    (
        "Jon Arden warned on Monday that the sector was failing. Speaking in parliament, the "
        "Labour MP said: “It never had to end up this way.”",
        "It never had",
        "Jon Arden",
    ),
    # a place is no one's name, and a name met in passing yields to the subject before it
    (
        "Jon Arden spoke first. A summit will be held in Port Kelmar in June. “We will be "
        "ready for every ship,” he said.",
        "We will be ready",
        "Jon Arden",
    ),
    (
        "Ana Ruiz opened the plant on Monday. A photograph showed Imre Sander beside it. “We "
        "will hire 40 people this year,” she said.",
        "We will hire",
        "Ana Ruiz",
    ),
    # an office given as "President-elect" is known as "the President"
    (
        "President-elect Jon Vell apologised to the staff. “I deeply regret it,” the future "
        "President said.",
        "I deeply regret",
        "Jon Vell",
    ),
    # "X said she ..." tells X's sex, so "he" goes to the man before
    (
        "Jon Arden said the fee was fair. Foreign Secretary Ines Torva said she was appalled by "
        "the claims. He also urged calm, saying he could not comment.",
        "He also urged",
        "Jon Arden",
    ),
    # "This panel" is a subject, not a time ("This week, ..."), and the name after it is no
    # subject either
    (
        "In the video, Jon Vell announced a new panel. This panel will be led by the deputy, "
        "Ines Torva. “I offer my apologies to every colleague,” he said.",
        "I offer my",
        "Jon Vell",
    ),
    # a quotation closed by a full stop belongs to who introduced it, not to the next sentence
    (
        "Ines Torva voted with the government. Before the vote, Jon Arden said, “The issue is "
        "simple. Demand outstrips supply.” He added that the gap would close.",
        "The issue is simple",
        "Jon Arden",
    ),
    # the quotation's "she" is the woman just asked
    (
        "A reporter asked Mira Osk, “Will the vaccine work?” “It already does,” she replied.",
        "It already does",
        "Mira Osk",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker"), RESOLVED)
def test_pronouns_and_descriptions_resolve_to_who_was_named(
    text: str, fragment: str, speaker: str
) -> None:
    assert _speaker_of(text, fragment) == speaker


def test_a_pronoun_with_nobody_named_before_has_no_speaker() -> None:
    assert _speaker_of("He said the quay would reopen in June.", "He said") is None


QUOTATIONS = [
    # named after or before the quotation, or with a colon
    ("“The quay will reopen in June,” Vell said.", "The quay", "Vell"),
    ("“The quay will reopen in June,” said Hana Vell, the port director.", "The quay", "Hana Vell"),
    ("Vell said: “The quay will reopen in June.”", "The quay", "Vell"),
    ("Vell told the Kelmar Times: “The quay will reopen in June.”", "The quay", "Vell"),
    ("Vell: “The quay will reopen in June.”", "The quay", "Vell"),
    ("“The quay will reopen in June.” — Hana Vell", "The quay", "Hana Vell"),
    (
        "According to Vell, “the quay will reopen in June and the fee will double.”",
        "the quay",
        "Vell",
    ),
    # someone unnamed, after the quotation
    (
        "“A car was left by the gate,” said a dispatcher on the radio.",
        "A car was left",
        "dispatcher",
    ),
    # an embedded quotation takes its sentence's speaker
    ("Vell pledged in May that the port “would reopen the quay by June”.", "would reopen", "Vell"),
    ("“It is a good year” for the port, Mr. Arden said.", "It is a good year", "Arden"),
    # a question and the answer to it have different speakers
    (
        "After Imre Sander asked “When will the quay reopen?” Vell replied that “it will be June.”",
        "When will",
        "Imre Sander",
    ),
    (
        "After Imre Sander asked “When will the quay reopen?” Vell replied that “it will be June.”",
        "it will be June",
        "Vell",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker"), QUOTATIONS)
def test_a_quotation_is_attributed_to_who_the_text_names_beside_it(
    text: str, fragment: str, speaker: str
) -> None:
    assert _speaker_of(text, fragment) == speaker


CONTINUED = [
    # a quotation goes on over sentences, and into the next paragraph
    ("“The quay will reopen,” Vell said. “The fee will double.”", "The fee", "Vell"),
    (
        "“The quay will reopen. The fee will double and ships will wait,” Vell said.",
        "The quay",
        "Vell",
    ),
    (
        "Vell said the quay would reopen. “The fee will double and ships will wait.”",
        "The fee",
        "Vell",
    ),
    (
        'Vell said: "The quay will reopen in June.\n\n"The fee will double in July.\n\n'
        '"Ships will wait."',
        "The fee",
        "Vell",
    ),
    # a quotation that opens the paragraph after an attributed sentence
    (
        "Vell said the port would need new laws.\n\n“I expect the council to act within the year.”",
        "I expect",
        "Vell",
    ),
    # a quotation in the paragraph after "X said:"
    ("Vell said:\n\n“The quay will reopen in June and the fee will double.”", "The quay", "Vell"),
    # a quotation set right before another takes the attribution that follows both
    (
        "“The quay will reopen,” said Vell.\n\n“It will take years.” “But we will,” said Arden.",
        "It will take years",
        "Arden",
    ),
]


@pytest.mark.parametrize(("text", "fragment", "speaker"), CONTINUED)
def test_a_continued_quotation_keeps_its_speaker(text: str, fragment: str, speaker: str) -> None:
    assert _speaker_of(text, fragment) == speaker


def test_a_quotation_inside_the_reporters_sentence_is_not_carried_on() -> None:
    text = (
        "Vell said the quay would reopen. The council then urged the port to “honour every "
        "promise it has made to the town”."
    )
    assert _speaker_of(text, "honour every") is None


def test_a_verb_inside_a_quotation_does_not_attribute_its_sentence() -> None:
    text = "“The unions said they would strike,” Vell told reporters."
    assert _attribution(text)[0].sentence_speakers == ["Vell"]


def test_a_frame_that_introduces_a_quotation_leaves_the_rest_of_the_sentence_alone() -> None:
    text = "The quay is the oldest in Kelmar, and as Vell said, “It will outlive us all.”"
    attribution, _ = _attribution(text)
    assert attribution.sentence_speakers == [None]
    assert [q.speaker for q in attribution.quotes] == ["Vell"]


def test_scare_quotes_with_nobody_named_are_not_quotations() -> None:
    attribution, _ = _attribution("The so-called “harbour tax” was dropped in May.")
    assert attribution.quotes == []


def test_a_source_line_credits_the_list_above_it() -> None:
    text = (
        "Exports fell for a third year.\n\n- 40% of exports go to Brasco\n\n"
        "- 12% of exports are steel\n\nSource: Kelmar Statistics Office"
    )
    assert _speaker_of(text, "40% of exports") == "Kelmar Statistics Office"
    assert _speaker_of(text, "Exports fell") is None


def test_an_embedded_post_is_its_authors() -> None:
    text = "Vell posted a photo.\n\nThe quay reopens today after two years.\n\n— Hana Vell (@hvell)"
    assert _speaker_of(text, "The quay reopens") == "Hana Vell"


def test_claims_carry_the_speaker_of_their_sentence_or_quotation() -> None:
    text = (
        "Exports fell 4 percent in 2022, the Kelmar Statistics Office said.\n\n"
        "“We sold 12 ships last year,” Vell said.\n\n"
        "The port handled 3 million tonnes in 2021."
    )
    claims = extract(text, scorer=KeywordScorer()).claims
    speakers = {q.value: c.speaker for c in claims for q in c.quantities}
    assert speakers == {4: "Kelmar Statistics Office", 12: "Vell", 3_000_000: None}


def test_a_frame_in_a_later_clause_leaves_the_first_clause_to_the_reporter() -> None:
    text = "Exports rose 5 percent in 2022, and analysts warned they would fall by 2 percent."
    claims = extract(text, scorer=KeywordScorer()).claims
    speakers = {q.value: c.speaker for c in claims for q in c.quantities}
    assert speakers == {5: None, 2: "analysts"}


def test_a_long_line_of_reporting_words_is_read_in_bounded_work() -> None:
    line = "said Vell, " * 20_000 + "according to the " * 20_000 + "“quote” he said. " * 5_000
    attribution, sentences = _attribution(line)
    assert len(attribution.sentence_speakers) == len(sentences)
