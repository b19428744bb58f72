"""Word lists for attribution: reporting verbs, the words a speaker's name is made of, and the
nouns that can stand for a source ("officials", "a study", "the ministry").

Lists rather than a tagger: a part-of-speech model would cost more than the whole extractor, and
the words that introduce reported speech in news prose are a small, stable set.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_Trie = dict[str, "_Trie"]


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """A regex that finds any of `words` as a whole word, built as a trie of alternations: one
    character test per letter instead of one try per word, which keeps scans of long texts fast
    (and linear: no branch can match what another branch does)."""
    trie: _Trie = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: _Trie) -> str:
        branches = [re.escape(ch) + build(node[ch]) for ch in sorted(k for k in node if k)]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return re.compile(r"\b" + build(trie) + r"\b")


# Verbs of saying that attribute whatever follows, whatever its form ("said", "told the court").
SPEECH_VERBS = _words(
    """
    said say says told tell tells stated explained explain explains noted warned warn
    warns insisted insist insists argued argue argues replied replies acknowledged acknowledge
    acknowledges complained complain complains stressed stress stresses emphasised emphasized
    emphasise emphasize emphasises emphasizes cautioned caution conceded concede concedes
    contended contend contends asserted assert asserts alleged allege alleges countered
    remarked commented testified testify recalls responded respond responds assured tweeted
    tweets wrote writes cited cite cites confirmed confirm confirms denied deny denies
    reiterated reiterates lamented laments boasted
    """
)
# Verbs that report speech only with a clause after them: "reported that ..." but not "reported
# problems", "claimed the title", "announced a plan". Nouns of the same spelling ("reports",
# "claims", "states", "notes") are here too, so that "the reports said" reads as "said".
CLAUSE_VERBS = _words(
    """
    added adds add reported report reports claimed claim claims announced announce announces
    declared declare declares revealed reveal reveals estimated estimate estimates projected
    project projects predicted predict predicts believes believed believe hopes hoped hope
    expects expected expect thinks think fears feared fear suggested suggests pledged pledge
    pledges promised promise promises vowed vow vows agreed agree agrees touted tout touts
    states notes note indicated indicates forecast forecasts concluded conclude concludes
    signalled signaled admitted admit admits maintained maintain maintains observed recalled
    recall disclosed disclose informed
    """
)
# Findings of a document or an inquiry: "the study found that", "figures show".
FINDING_VERBS = _words("found finds find show shows showed suggest indicate")
# Words that attribute a quotation but not a statement of fact ("asked", "continued").
QUOTE_ONLY_VERBS = _words(
    """
    asked asks continued continues wondered joked quipped shouted exclaimed recounted mused
    answered interjected
    """
)
# "..., saying that": the subject of the main clause is the speaker.
PARTICIPLES = _words(
    "saying noting adding arguing warning explaining insisting stressing claiming citing telling"
)
# Verbs that take a hearer before what was said: "told the trust that", "assured members that".
HEARER_VERBS = _words("told tell tells assured informed warned reminded asked asks")

# Finite verbs and auxiliaries that show a clause has begun: "announced it had improved".
FINITE = _words(
    """
    is are was were has have had will would could can may might should must did does do remains
    remain remained
    """
)
AUXILIARIES = _words("has have had will would could can may might should must did does do")
PASSIVE = _words("was were been being be is are")
NEGATION = _words("not never n't")

# Words that may sit between a speaker and the verb: "the fund has previously touted".
ADVERBS = _words(
    """
    also previously later earlier then now still further ultimately repeatedly again once
    recently separately publicly privately already initially first finally later herself himself
    themselves itself yesterday today tonight simply just only even subsequently long
    """
)
# Time phrases that may sit beside the verb: "Mr. Arden last week said", "said on Thursday".
TIME_LEADS = _words("last this next earlier later on")
TIME_NOUNS = _words(
    """
    week month year weekend morning afternoon evening night day monday tuesday wednesday
    thursday friday saturday sunday spring summer autumn fall winter
    """
)
WEEKDAYS = _words("monday tuesday wednesday thursday friday saturday sunday")

# Words that end a noun phrase read backwards from a verb: prepositions, conjunctions,
# subordinators, verbs. Some of them may join the words of a name ("Ministry of Education").
PHRASE_STOPS = _words(
    """
    in on at by for with from to of into about over under after before during since until
    against among between through without within across despite per via like than and or but
    nor yet so while although though because if when whereas unless as that which who whom
    whose where whether is are was were be been being has have had do does did will would can
    could may might must shall should not also only just even there here then too very
    according what how why whatever however
    """
)
SUBORDINATORS = _words("while although though because if when whereas unless after before since")
NAME_JOINERS = _words(
    "of for and & de da del della di du des dos das van von der den ter la le bin al el y on"
)
DETERMINERS = _words(
    """
    a an the this that these those his her their its our my your some several many most few
    other another each every both all any no
    """
)
PRONOUNS = {
    "he": "he",
    "she": "she",
    "it": "it",
    "they": "they",
    "we": "we",
    "i": "i",
}
LEADING_FILLERS = _words("and but so yet still meanwhile however also then now")
# Adjectives that often open a sentence before a common noun ("New data show").
OPENING_ADJECTIVES = _words(
    """
    new recent latest official preliminary federal local national international provisional
    previous earlier separate independent official unofficial fresh initial final annual
    """
)

# Honorifics and titles that address a person: the speaker is the name after them ("Dr. Amal
# Sorensen" is Amal Sorensen, "Mr Vell" is Vell); the title is kept as one of the speaker's roles.
HONORIFICS = _words(
    """
    mr mr. mrs mrs. ms ms. miss mx dr dr. prof prof. professor sir dame lord lady judge justice
    governor gov gov. mayor president vice-president senator sen sen. rep rep. representative
    congressman congresswoman minister chancellor rabbi rev rev. reverend father bishop
    archbishop pope cardinal imam sheikh king queen prince princess premier ambassador sheriff
    detective det det. inspector sergeant sgt sgt. constable general gen gen. colonel col col.
    captain capt capt. lieutenant lt lt. commissioner councillor councilman councilwoman
    superintendent supt supt. insp insp. corporal cpl cpl. hon hon. taoiseach tanaiste tánaiste
    """
)
# Honorifics that tell the speaker's sex, so that "she" does not resolve to "Mr. Arden".
MALE_HONORIFICS = _words("mr mr. sir lord king prince father congressman councilman")
FEMALE_HONORIFICS = _words(
    "mrs mrs. ms ms. miss dame lady queen princess congresswoman councilwoman"
)
# Offices that describe rather than address: "Transportation Director Ana Ruiz" is Ana Ruiz.
ROLE_WORDS = _words(
    """
    director officer chief chairman chairwoman chair secretary manager spokesman spokeswoman
    spokesperson editor founder executive head president vice-president minister leader
    ceo cfo coo cto chairperson commissioner superintendent
    """
)
POST_NOMINALS = _words("qc kc mp mep msp td mla mpp ms obe mbe cbe jr jr. sr sr. phd md iii ii")
# Post-nominals that are also offices: "the Labour MP" is a person described, to be resolved.
MEMBER_POST_NOMINALS = _words("mp mep msp td mla mpp")
# Words that make a capitalised name an organisation, not a person.
BODY_WORDS = _words(
    """
    ministry department court council commission committee agency authority association
    institute university college school hospital trust fund bank group company corporation
    corp corp. inc inc. ltd llc plc party police service office bureau board organisation
    organization foundation center centre administration government parliament senate congress
    assembly union federation operator network news times post press journal guardian tribune
    herald telegraph review society league club observatory commission database tracker
    institution house state county city republic kingdom nations
    """
)
# Common nouns that can stand for a body: "the court said", "the steel giant said".
BODY_NOUNS = _words(
    """
    ministry department court council commission committee agency authority association
    institute university college school hospital trust fund bank group company corporation
    firm party police service office bureau board organisation organization foundation
    administration government parliament senate congress assembly union federation operator
    regulator watchdog giant retailer manufacturer airline insurer utility network broadcaster
    newspaper paper publication outlet website campaign team club league prosecution defence
    defense embassy consulate military army navy jury panel
    """
)
# People spoken of in the plural or without a name: generic speakers ("officials said").
GROUP_NOUNS = _words(
    """
    officials official police feds authorities experts expert analysts analyst researchers
    researcher scientists scientist residents resident members member critics critic lawmakers
    economists economist doctors doctor investigators investigator prosecutors prosecutor
    sources source witnesses witness activists activist campaigners organisers organizers
    workers staff aides aide leaders executives executive spokespeople spokesperson spokesman
    spokeswoman representatives representative observers observer diplomats diplomat
    officers officer lawyers lawyer attorneys attorney teachers parents users people insiders
    engineers engineer employees employee historians historian judges judge ministers
    minister advisers adviser advisors advisor consultants consultant outlets managers manager
    person people someone somebody man woman
    men women voter voters student students passenger passengers customer customers neighbour
    neighbours neighbor neighbors fan fans patient patients survivor survivors victim victims
    relative relatives friend friends reporter reporters journalist journalists supporter
    supporters opponent opponents protesters protester nominee candidate candidates
    """
)
# Plural people who can be "they".
PLURAL_GROUPS = frozenset(
    w for w in GROUP_NOUNS if w.endswith("s") or w in ("police", "staff", "people", "men", "women")
)
# Documents and data that can say or show something: "a 2019 study warned", "figures show".
SOURCE_NOUNS = _words(
    """
    report reports study studies survey surveys poll polls data figures statistics stats
    records record documents document estimates estimate analysis analyses research review
    audit census filing filings ruling statement statements release assessment projections
    projection tracker index database investigation inquiry probe findings paper papers memo
    email letter post blog tweet message court-filings transcript testimony model models
    news media reporting trial trials affidavit affidavits indictment complaint lawsuit
    """
)
# A document named after its author: "a Russian Foreign Ministry statement" is the ministry's.
DOCUMENT_SUFFIXES = _words(
    """
    statement statements release report letter post tweet message poll survey study analysis
    memo email filing ruling assessment
    """
)
PREPOSITIONS = _words(
    "in on at by for with from to of into about over under after before during since against"
)
# A sentence that opens with one of these opens with an adverbial, not with its subject.
ADVERBIAL_OPENERS = PREPOSITIONS | _words(
    """
    earlier later last this next yesterday today meanwhile still also however nonetheless
    nevertheless moreover furthermore additionally similarly likewise otherwise instead thus
    therefore hence besides consequently accordingly
    """
)
# Words that can follow a speaker named after its verb: ", said Jane Holt in a statement".
AFTER_SPEAKER = _words(
    """
    in on at during after before when while who which whose as adding saying noting told to
    last this earlier yesterday today and
    """
)
# Bodies whose findings are rulings, not statements: "the court found that ..." is an event.
RULING_BODIES = _words("court courts jury tribunal judge judges panel")
# Words ending in -ly that are not adverbs.
NOT_ADVERBS = _words("supply family ally rally assembly anomaly monopoly italy july reply")
# Offices that, alone, describe a speaker without naming one ("Governor says ..."). Offices that
# are also surnames (King, Bishop, Judge) are not here.
LONE_OFFICES = _words(
    """
    governor gov gov. mayor president senator sen sen. minister chancellor premier sheriff
    commissioner ambassador secretary director chairman chairwoman spokesman spokeswoman
    spokesperson chief officer manager editor executive mr mr. mrs mrs. ms ms. dr dr. prof prof.
    """
)
# Past forms that end in neither -s nor -ed, for telling "X won" (a subject and its verb) from
# "Massive Kelmar bridge" (a name used as an adjective).
IRREGULAR_PAST = _words(
    """
    won told said went made took gave came saw got met left ran spoke wrote began became held
    led put set sent paid lost fell rose kept brought bought found knew thought chose drove grew
    flew sat stood struck wore hit cut quit
    """
)
# Capitalised words that open sentences without naming anyone ("One", "Look", "Maybe").
SENTENCE_OPENERS = _words(
    """
    you me us there let yes no well oh please thank one first second secondly third finally
    number look uh um right maybe here again instead indeed perhaps sometimes often nobody
    everybody everyone nothing everything today tomorrow yesterday
    """
)
# A phrase after one of these is its object, never the subject of the verb that follows.
OBJECT_PREPOSITIONS = _words("of in on at for with from to into about against among")
# A name after one of these is a place ("in Port Kelmar"), not a person mentioned in passing.
PLACE_PREPOSITIONS = _words("in at from across near outside inside throughout around")
# Adjectives in -ed that describe a group: "unnamed officials", "retired teachers".
NOT_PARTICIPLES = _words("unnamed retired elected armed concerned")
# What someone said, named by its owner: "according to Vell's remarks".
SPEECH_NOUNS = _words(
    """
    remarks comments explanation explanations words account accounts interview speech address
    version testimony
    """
)
# Body words that also name places, which open bodies rather than close them ("County Schools").
PLACE_WORDS = _words("county city state republic kingdom house nations")
# Unnamed people whose sex the noun tells: "a woman said ... She added".
GENDERED_NOUNS = {
    **dict.fromkeys(_words("woman mother wife daughter sister girl grandmother aunt"), "f"),
    **dict.fromkeys(_words("man father husband son brother boy grandfather uncle"), "m"),
}
