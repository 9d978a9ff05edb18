"""The closed classes of English words that mark where a rendering starts or stops.

Every set here is a word class, not a list of phrases: articles, prepositions and
conjunctions (a rendering starts after them), words that never belong to a noun phrase (a
rendering never reaches back across them), verbs that are rarely nouns (the clause's verb
ends the noun phrase that follows it), and titles and offices (dropped before a name).
"""

from __future__ import annotations


def _class(words: str) -> frozenset[str]:
    """Give the words of ``words``, written as one string for the eye, as a set."""
    return frozenset(words.split())


ARTICLES = frozenset({"the", "a", "an", "so-called", "called", "its", "their", "his", "her", "our"})
PREPOSITIONS = _class(
    "of for on in at by with from into under over about against between among within "
    "through across as towards toward"
)
CONNECTORS = frozenset({"and", "or", "nor", "&"})
FUNCTION = ARTICLES | PREPOSITIONS | CONNECTORS | {"this", "these", "those", "that", "own"}
FUNCTION |= {"out", "up"}

# Pronouns, auxiliaries, modals, relatives, reporting words and sentence adverbs: a noun
# phrase never holds them, so the rendering before a bracket never reaches back across one.
HARD_STOPS = _class(
    "its their his her our my your to is are was were be been being has have had said says "
    "called named known dubbed termed which who whom that what when where while because if "
    "than so-called he she it they we i you there not also both such must should will would "
    "can could may might shall do does did "
    # adverbs that never stand inside a term
    "then now still even already again thus hence therefore however moreover instead"
)

# Pronouns and auxiliaries: English that holds one is a clause, not a rendering ("(the amendment
# passed its third reading)", "He said 他说"); titles such as "To Live" are not clauses.
CLAUSE_WORDS = _class(
    "its their his her our my your is are was were be been being has have had he she it "
    "they we i you will would can could should must may might shall do does did said says"
)

# Verbs that are seldom nouns, with their -s and -ed forms and irregular past forms: "the
# document assigns united front work (统战工作)" starts the rendering after "assigns".
_VERB_BASES = (
    "adopt announce approve argue assign attend avoid become begin bring build cite "
    "condemn continue create criticise criticize declare defend define deny describe dub "
    "embrace emphasise emphasize enforce ensure establish explain follow foster give hail "
    "implement include introduce invoke join keep make meet mention observe oppose "
    "praise promote propose pursue put raise reaffirm receive refer reiterate reject remain "
    "repeat represent resist restate reveal see seek serve speak strengthen suggest take "
    "tell tout translate treat uphold urge use want warn write"
)
_IRREGULAR_PAST = (
    "became began brought built gave kept made met put saw sought spoke took told wrote"
)


def _forms(base: str) -> set[str]:
    """Give ``base`` with its -s and -ed forms (spelling rules for e and y)."""
    if base.endswith("e"):
        return {base, base + "s", base + "d"}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        return {base, base + "es", base + "ed"}
    return {base, base + "s", base + "ed"}


VERBS = frozenset(form for base in _VERB_BASES.split() for form in _forms(base))
VERBS |= _class(_IRREGULAR_PAST)

# Prefixes that a hyphen joins to a word without making a word of their own ("non-interference",
# "self-reliance", "anti-submarine").
PREFIXES = _class(
    "non self anti co re pre post sub inter multi counter semi pro ex "
    "sino russo anglo franco euro afro indo"
)
# Shell nouns: nouns that frame a term rather than belong to it ("the idea of all-under-heaven
# (天下)", "the policy of common prosperity (共同富裕)"); any other noun before a preposition
# heads the term ("Guidance on public opinion (舆论导向)", "self-reliance in science and
# technology (科技自立自强)").
SHELL_NOUNS = _class(
    "idea concept notion principle term phrase word expression slogan policy campaign "
    "strategy doctrine goal aim fact problem question issue approach practice vision view "
    "thought theory spirit model logic language rhetoric discourse narrative framework "
    "name label use promotion pursuit sense kind sort form version part rest "
    # documents, which are about a term
    "piece article report paper book essay speech editorial column commentary statement "
    "document study analysis chapter section post"
)

# Titles, offices and forms of address: the words a name is preceded by, dropped from it.
ROLES = _class(
    "president premier minister secretary chairman chairwoman chair chairperson director "
    "deputy vice chief head spokesperson spokesman spokeswoman governor mayor "
    "speaker general admiral colonel lieutenant commander marshal captain ambassador envoy "
    "consul councillor councilor commissioner representative delegate legislator lawmaker "
    "senator judge justice prosecutor professor dr dr. mr mr. ms ms. mrs mrs. sir dame leader "
    "founder ceo officer official adviser advisor tycoon dissident activist scholar author "
    "writer artist economist journalist editor chancellor inspector magistrate "
    "superintendent secretary-general vice-president vice-chairman party-secretary"
)
ROLE_MODIFIERS = _class(
    "chinese russian american us u.s. foreign defence defense vice prime state party former "
    "general major senior late then acting first executive deputy"
)
# Subject pronouns and relatives, and adverbs that stand before a verb: the word after one
# is the clause's verb ("It lists political security", "Both navies also rehearsed ...").
BEFORE_VERBS = _class("he she it they we i you who which also not has have had")
# Words that join the capitalised words of one name: "Ministry of Industry and Information
# Technology", "Act Governing Relations between the People of ...".
NAME_LINKS = _class("of for and the a on de in & between against with")
# Abbreviations whose full stop does not end a clause.
ABBREVIATED = frozenset(
    {"co.", "ltd.", "inc.", "corp.", "u.s.", "u.k.", "u.n.", "no.", "st.", "co.,", "dr.", "mr."}
    | {"ms.", "mrs.", "gen.", "adm.", "lt.", "col.", "prof.", "jr.", "sr.", "vs."}
)
