"""Find the catalogue's skills in a CV or job posting, and suggest a level for each.

The method in one sentence: a skill is found where the document names it (its name or an
alias, as a whole word, in any case and with or without hyphens, dots and spaces), or, when it
is never named, where a sentence reads much like the catalogue's own description of it; its
level is the level whose description the sentence is closest to, moved by the years stated
beside it and by what the sentence says was done ("led", "designed" raise it; "familiar
with", "coursework" lower it).

The rules in detail, in the order they apply:

- Names. A skill's id, name and aliases (``data/skills/*.yaml``), and the parts of a name that
  lists several ("OpenCV" in "Computer vision (OpenCV)", ``names_of``), are looked for as
  whole words; case, and the separators ``- _ . /`` and spaces between the parts of a name,
  do not matter ("scikit learn" is scikit-learn, "PowerBI" is "Power BI", "CICD" is "CI/CD"),
  nor does a plural "s" ("A/B tests" is "A/B testing" too), nor the verb of a name of an
  activity ("labelled" is "labelling", "annotated" "annotation"; not those of
  ``OTHER_VERBS``: "prompted" is seldom prompting). Where names overlap the longest
  wins ("A/B testing" is not "testing"). Nothing in a web or e-mail address names a skill
  ("github.com/jane" on a contact line is no evidence of Git; "code reviews on GitHub" is).
  The names of every language careerpath speaks are found in every document: the English
  catalogue's first, then each translation's (``data/i18n/LANG/skills``) that no English
  name (or its plural or verb) already is, so that English is found exactly as if no other
  language were spoken. A translated name is also found without its accents
  ("estatistica", "regressao") and in a Portuguese plural ("regressões", "redes neurais":
  ``_plurals``).
- Names that are also ordinary words or letters need more. A one-letter name counts only in
  capitals ("R", never "r"; not in "R&D"); the product names in ``CAPITALISED`` ("Excel",
  "Linear") only capitalised. Names of one or two letters ("CV", "TF", "UX") and the words in
  ``COMMON_WORDS`` ("metrics", "attention", "testing"; "métricas", "testes", "cálculo") count
  only in a sentence that also names another skill of the same category ("Python and R"),
  or whose other words read like the skill's own descriptions (TF-IDF similarity at least
  ``CONTEXT_MIN``: "self-attention" counts, "attention to detail" does not), or that names
  it by two of them ("published papers").
- Descriptions. A skill never named is found in the sentences whose TF-IDF vector (scikit-
  learn's ``TfidfVectorizer``, fitted on the catalogue's skill descriptions and level
  descriptors, English stop words left out, words cut to their stems by ``stem`` so that
  "labelled", "labels" and "labelling" are one word) has a cosine similarity of at least
  ``DESCRIPTOR_MIN`` with the skill's description or one of its level descriptors (with
  these, the sentence with the skills it names left out). The words of the lower cues
  ("tutorial", "course", "familiar with": ``without_cues``) are left out first: they say how
  far someone got, not in what, and "Kaggle XGBoost tutorial notebook" is not unsupervised
  learning for reading like its aware descriptor ("has run them in a tutorial notebook").
  Such sentences are evidence for named skills too. The descriptions are the English
  catalogue's: a sentence in another language is found by its names and set phrases only,
  and its level is read from its years and cues.
- Descriptions in a phrase. Some skills are seldom named but described in a few set ways
  (``DESCRIBED``): "presented the results to the CFO" is communication, "led a team of
  three" or "mentor two engineers" leadership, "knowledge of energy markets" domain
  knowledge, "explored the sales data" exploratory analysis; in Portuguese
  (``DESCRIBED_PT``) "apresentei os resultados para a diretoria", "liderei a equipe de BI",
  "explorei os dados". Such a phrase counts as the skill named ambiguously but confirmed
  (``CONTEXT_SCORE``).
- Levels, sentence by sentence. Start from the level (2-4) whose descriptor the sentence,
  with the skills it names left out, is closest to, if that similarity reaches ``LEVEL_MIN``,
  else from 2 (working: what a CV says was done was done). Years of experience stated in
  the sentence replace it (under 1 year: 1; 1-2: 2; 3-7: 3; 8 or more: 4): "5 years of
  Python", "used SQL for 5 years", "five years' experience", never the years a dataset or
  records cover ("five years of HR data"; ``experience_years`` gives the rule). Then one up if
  the sentence says the person led, designed, architected, owned ("I own", "owns") or ran it
  in production, and one down for "familiar with", "exposure", "coursework", "basic",
  "tutorial" (``cue_shift``), staying within 1-4. A level in brackets right after a skill's
  name is that skill's alone and replaces those cues for it: "(advanced)", "(expert)" one up,
  "(basic)", "(learning)" one down; in "Python, SQL (advanced), Scala" only SQL is raised,
  and "Terraform (learning)" lowers no other skill of the list (``qualifier_shift``). A
  skill's level is the highest of its sentences', whose sentence is quoted first.
- Levels in Portuguese. The words of years and of the cues are data, one list per language,
  all of them read in every document (``NUMBER_WORDS``, ``YEAR_WORDS``, ``RAISE_WORDS``,
  ``LOWER_WORDS`` and their neighbours): "4 anos de experiência", "SQL há 6 anos", "cinco
  anos de Python" are years ("5 anos de dados de vendas", "3 anos atrás" are not);
  "liderei", "liderança", "coordenei", "sólida experiência", "domínio de", "especialista"
  raise; "básico", "noções de", "familiarizado(a)", "conhecimento de", "curso" lower.
  Portuguese writes the level after the name, unbracketed: "SQL avançado", "Excel: nível
  avançado", "Docker básico" are that skill's alone, as "SQL (advanced)" is
  (``LEVEL_AFTER_NAME``); "avançado" elsewhere in the sentence moves no level, as
  "advanced" does not ("SQL há 6 anos, nível avançado" is 3, as "SQL for 6 years, advanced
  level" is).

scikit-learn is imported inside the functions that need it, never when this module loads.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from careerpath.catalog import Catalog
from careerpath.document_text import DocumentText, Passage
from careerpath.i18n import DEFAULT as DEFAULT_LANGUAGE
from careerpath.names import title_pattern

if TYPE_CHECKING:
    from careerpath.models import Skill

Method = Literal["name", "descriptor"]

MAX_EVIDENCE = 3
# Cosine similarity of a sentence with a skill's description or level descriptor for the skill
# to count as found without being named: a sentence must share several of the description's
# distinctive words, not one generic one ("data", "model").
DESCRIPTOR_MIN = 0.35
# Below this, a sentence is not close to any level descriptor and the level is 2 (working).
LEVEL_MIN = 0.2
DEFAULT_LEVEL = 2
# An ambiguous name's sentence, the name left out, must be at least this close to one of the
# skill's descriptions: one distinctive word in common ("self-attention", "ggplot2").
CONTEXT_MIN = 0.15
NAME_SCORE = 1.0  # a skill named outright
CONTEXT_SCORE = 0.8  # named by an ambiguous name that its context confirmed

# Common words some skills are also called: alone they say nothing about the skill ("attention
# to detail", "business metrics", "Requirements:" heading an ad), so they need context. In
# every language careerpath speaks, as the names are: the Portuguese ones, as written with
# their accents, below the English ones ("cálculo" of a commission, "segurança" at work).
COMMON_WORDS = frozenset(
    {
        "attention",
        "cli",
        "compliance",
        "innovation",
        "linear",
        "metrics",
        "optimisation",
        "optimization",
        "papers",
        "publishing",
        "rag",
        "requirements",
        "strategy",
        "streaming",
        "testing",
        "chroma",
        # pt-BR
        "agrupamento",
        "cálculo",
        "conformidade",
        "estratégia",
        "inovação",
        "métricas",
        "otimização",
        "regularização",
        "requisitos",
        "segurança",
        "terminal",
        "testes",
    }
)
# Verbs of a skill's name that mostly mean something else ("prompted a redesign").
OTHER_VERBS = frozenset({"prompted"})
# Skills a document describes more often than it names, and the set phrases that describe
# them: an audience addressed, people led, a field known.
_AUDIENCE = (
    r"(?:executives?|board|boards|leadership|leaders|stakeholders|clients?|customers|"
    r"directors?|owners|management|managers|non-[\w-]+|audiences?|c-suite|cmo|cfo|ceo|cto|"
    r"regulators|committee|colleagues|people|users|partners|the business)"
)
DESCRIBED: dict[str, tuple[str, ...]] = {
    "communication": (
        r"\b(?:present|presents|presented|presenting|explain|explains|explained|explaining|"
        r"report|reports|reported|reporting|communicate\w*)\b(?:\W+\w+){0,10}?\W+to\W+"
        r"(?:the\W+|our\W+|a\W+|their\W+)?(?:[\w-]+\W+){0,3}?" + _AUDIENCE + r"\b",
        r"\b(?:presentation|writing|written|verbal|speaking|presenting) skills\b",
        r"\b(?:excellent|clear|good|strong|very good|fluent) (?:written|spoken|verbal)\b",
        r"\b(?:clear|concise|technical) writing\b",
        r"\btells? (?:a )?(?:clear |compelling )?stor(?:y|ies)\b",
        r"\bpublic speaking\b",
    ),
    "leadership": (
        r"\b(?:led|lead|leads|leading|managed|manage|manages|managing|run|ran|runs|head|"
        r"headed|heads)\W+(?:a|an|the|my|our)\W+(?:[\w-]+\W+){0,2}?(?:team|teams|group|squad)"
        r"\b(?!\W+(?:meetings?|events?|sessions?|channels?))",
        r"\b(?:mentor|mentors|mentored|mentoring|mentorship|coach|coaches|coached)\b",
        r"(?<![\w-])(?:co-)?supervis(?:e|es|ed|ing)\b(?!\W+(?:learning|model|models|"
        r"methods?|fine-tuning|training|classification|approach))",
        r"\bone-to-ones?\b",
        r"\b(?:line|people) manag(?:er|ers|ement)\b",
        r"\btrain(?:s|ed|ing)?\W+(?:\w+\W+)?(?:new hires|new joiners|juniors?|trainees?|"
        r"interns?|junior \w+|trainee \w+)\b",
    ),
    "exploratory-analysis": (
        r"\bexplor(?:e|es|ed|ing)\W+(?:[\w-]+\W+){0,4}?data\b(?!\W+(?:catalogs?|catalogues?))",
    ),
    "domain-knowledge": (
        r"\b(?:domain|industry|sector|clinical|medical|legal|financial|regulatory|commercial)"
        r"\W+(?:knowledge|expertise|background|understanding)\b",
        r"\b(?:knowledge|understanding) of\W+(?:the\W+)?(?:[\w-]+\W+){0,3}?(?:markets?|"
        r"industry|sector|regulation|regulations|law|practice|domain)\b",
    ),
}
# The same in Portuguese: "apresentei os resultados para a diretoria", "liderei a equipe de
# BI", "explorei os dados de vendas", "conhecimento do mercado financeiro".
_AUDIENCE_PT = (
    r"(?:diretoria|diretor(?:es|as?)?|executiv[oa]s|gestor(?:es|as?)?|gerentes?|lideran[çc]as?|"
    r"l[íi]deres|clientes?|stakeholders|conselho|comit[êe]|usu[áa]rios|parceiros|c-level|"
    r"[áa]reas? de neg[óo]cio|neg[óo]cio|ceo|cfo|cto|cmo)"
)
DESCRIBED_PT: dict[str, tuple[str, ...]] = {
    "communication": (
        r"\b(?:apresent(?:ei|o|ava|ou|ar|ando)|expli(?:quei|co|cava|cou|car)|report(?:ei|o|ava|"
        r"ar)|comuni(?:quei|co|cava|car))\b(?:\W+\w+){0,10}?\W+(?:para|a|à|às|aos|ao)\W+"
        r"(?:(?:a|o|as|os|nossa|nosso|sua|seu)\W+)?(?:[\w-]+\W+){0,3}?" + _AUDIENCE_PT + r"\b",
    ),
    "leadership": (
        r"\b(?:lider(?:ei|o|ava|ou|a|ando|ar)|gerenci(?:ei|o|ava|ou|a|ando|ar)|coorden(?:ei|o|"
        r"ava|ou|a|ando|ar)|chefi(?:ei|o|ava|ou)|geri|gerir)\W+(?:(?:a|o|as|os|uma|um|minha|meu|"
        r"nossa|nosso)\W+)?(?:[\w-]+\W+){0,2}?(?:equipes?|times?|squads?|grupos?)\b",
        r"\b(?:mentor(?:ei|o|ava|ou|ando|ar)|supervision(?:ei|o|ava|ou))\b",
        r"\bgest[ãa]o de (?:equipes?|times?)\b",
        r"\b(?:trein(?:ei|o|ava|ou)|capacit(?:ei|o|ava|ou))\W+(?:(?:os|as|novos|novas)\W+)?"
        r"(?:estagi[áa]ri[oa]s|juniores|trainees|analistas j[úu]nior|novos colaboradores)\b",
    ),
    "exploratory-analysis": (r"\bexplor(?:ei|o|ava|ou|ar|ando|amos)\W+(?:[\w-]+\W+){0,4}?dados\b",),
    "domain-knowledge": (
        r"\b(?:conhecimento|experi[êe]ncia|viv[êe]ncia|background)\W+(?:cl[íi]nic[oa]|"
        r"m[ée]dic[oa]|jur[íi]dic[oa]|financeir[oa]|regulat[óo]ri[oa]|setorial)\b",
        r"\bconhecimentos?\W+(?:d[oa]s?|de|em|sobre)\W+(?:[\w-]+\W+){0,3}?(?:mercados?|setor|"
        r"setores|ind[úu]stria|regula[çc][ãa]o|regulamenta[çc][ãa]o|legisla[çc][ãa]o)\b",
    ),
}
_DESCRIBED = {
    skill: re.compile("|".join((*patterns, *DESCRIBED_PT.get(skill, ()))), re.IGNORECASE)
    for skill, patterns in DESCRIBED.items()
}
# Names that are ordinary lower-case words: only the capitalised spelling is the product.
CAPITALISED = frozenset({"excel", "linear", "feast", "evidently", "chroma"})

# A web or e-mail address says where something is, not what someone did: "github.com/jane" on
# a CV's contact line names no skill, as "code reviews on GitHub" does. A URL with a scheme or
# "www.", an e-mail address, or a host name ending in a common top-level domain (lower case:
# "d3.js" and "Node.js" are not addresses), with its path.
_ADDRESS = re.compile(
    r"(?i:\b[a-z][a-z\d+.-]*://|\bwww\.)[^\s<>\"'()]+"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b(?:[\w-]+\.)+(?:com|org|net|io|dev|ai|app|me|co|uk|de|eu|edu|gov|info)\b"
    r"(?:/[^\s<>\"'()]*)?"
)
_SPLIT = re.compile(r"[\s\-_./]+")
_JOIN = re.compile(r"[\s\-_./]*")  # what may stand between the words of one name
_TOKEN = re.compile(r"[^\W_]+(?:\+\+|#)?")  # a word: letters and digits; C++ and C# too

# The words of years of experience and of the cues that move a level, in each language
# careerpath speaks: a CV or a posting in any of them is read by all of them, as its names
# are. English first; each language's list is what its documents write.
#
# "5 years", "8+ yrs", "3-5 years" (the lower figure counts), "five years"; "6 anos",
# "3 a 5 anos", "cinco anos", "há 6 anos".
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": {
        "one": 1,
        "two": 2,
        "three": 3,
        "four": 4,
        "five": 5,
        "six": 6,
        "seven": 7,
        "eight": 8,
        "nine": 9,
        "ten": 10,
        "eleven": 11,
        "twelve": 12,
        "fifteen": 15,
        "twenty": 20,
    },
    "pt-BR": {
        "um": 1,
        "uma": 1,
        "dois": 2,
        "duas": 2,
        "três": 3,
        "tres": 3,
        "quatro": 4,
        "cinco": 5,
        "seis": 6,
        "sete": 7,
        "oito": 8,
        "nove": 9,
        "dez": 10,
        "onze": 11,
        "doze": 12,
        "quinze": 15,
        "vinte": 20,
    },
}
# The word for years, and what joins the figures of a range ("3-5 years", "3 a 5 anos").
YEAR_WORDS = {"en": r"years?|yrs?", "pt-BR": r"anos?"}
RANGE_WORDS = {"en": r"-|–|to", "pt-BR": r"a|e|até"}
# What follows a figure of years that makes it no time spent doing anything: "3 years ago",
# "5 years old", "ten years' worth of logs"; "3 anos atrás", "5 anos de idade".
NOT_DURATION = {
    "en": r"['’]?s?\s+(?:ago|old|older|younger|later|earlier|worth)\b",
    "pt-BR": r"\s+(?:atr[áa]s|depois|antes|mais tarde|de idade)\b",
}
# "N years of ...", "N anos de ...": experience only when what follows says so (the rule of
# ``experience_years``): these are the words for experience ("of hands-on experience", "de
# experiência"), and the adjectives that may stand before a skill's name ("of hands-on
# Python").
OF_WORDS = {"en": r"of", "pt-BR": r"de"}
EXPERIENCE_WORDS = {
    "en": r"experience|practice|work|working|expertise|background|career",
    "pt-BR": r"experi[êe]ncias?|pr[áa]tica|atua[çc][ãa]o|trabalho|viv[êe]ncia|carreira|"
    r"mercado|desenvolvimento",
}
SKIPPED_WORDS = {
    "en": r"hands-on|hands on|professional|commercial|production|industry|industrial|"
    r"enterprise|practical|applied|daily|intensive|full-time|part-time",
    "pt-BR": r"uso|profissional|d[eo]",
}
# One up: the person led, designed, architected, owned or ran it in production.
RAISE_WORDS = {
    "en": r"led|lead|leading|designed|architected|architect|owned|owns|(?:I|we) own|mentored|"
    r"spearheaded|championed|established|in production|production-grade|at scale|principal|"
    r"expert",
    "pt-BR": r"liderei|lidero|liderou|lidera|liderando|liderar|lideran[çc]a|l[íi]der|"
    r"coordenei|coordeno|coordenou|coordenando|coordena[çc][ãa]o|coordenador|coordenadora|"
    r"projetei|arquitetei|mentorei|em produ[çc][ãa]o|em escala|especialista|especialistas|"
    r"s[óo]lid[oa]s?|dom[íi]nio (?:de|do|da|dos|das|em)",
}
# One down: the person only touched it. "conhecimento de" is not raised knowledge ("sólidos
# conhecimentos de" is: that raises, and the two cancel out).
LOWER_WORDS = {
    "en": r"familiar|familiarity|exposure|exposed to|coursework|courses?|basic|basics|"
    r"beginner|introductory|intro to|tutorials?|bootcamp|currently learning|learning|"
    r"some experience|studying",
    "pt-BR": r"familiarizad[oa]s?|familiaridade|b[áa]sic[oa]s?|no[çc][õo]es|no[çc][ãa]o|"
    r"iniciantes?|introdut[óo]ri[oa]s?|cursos?|cursando|tutoriais|estudando|aprendendo|"
    r"alguma experi[êe]ncia|exposi[çc][ãa]o a|conhecimentos? de",
}
# A level in brackets after a name that raises it ("SQL (advanced)"); the lower cues lower it
# ("Terraform (learning)", "Docker (básico)").
QUALIFIER_UP_WORDS = {
    "en": r"advanced|expert|strong|proficient",
    "pt-BR": r"avan[çc]ad[oa]s?|especialista|s[óo]lid[oa]s?|proficiente|fluente",
}
# The languages that write a level after the name, unbracketed ("SQL avançado", "Python
# básico", "Excel nível avançado"), and the words they write: the level of that skill alone.
LEVEL_AFTER_NAME = {
    "pt-BR": r"avan[çc]ad[oa]s?|b[áa]sic[oa]s?|intermedi[áa]ri[oa]s?|iniciante|especialista|"
    r"proficiente|fluente",
}
_NUMBER_WORDS = {word: n for words in NUMBER_WORDS.values() for word, n in words.items()}


def _either(words: dict[str, str]) -> str:
    """The words of every language, as one group."""
    return "|".join(words.values())


_YEARS = re.compile(
    r"(?<![\w.])(\d{1,2}(?:\.\d)?|" + "|".join(_NUMBER_WORDS) + r")\s*\+?\s*"
    rf"(?:(?:{_either(RANGE_WORDS)})\s*\d{{1,2}}\s*\+?\s*)?(?:{_either(YEAR_WORDS)})\b(?!-)",
    re.IGNORECASE,
)
_NOT_DURATION = re.compile(_either(NOT_DURATION), re.IGNORECASE)
# "N years of ...": experience only when what follows says so. Up to three words, then a
# word for experience ("of hands-on experience", "of clinical practice"); or an activity
# ("of analysing telescope data", not "of training data"); or a skill's name, checked
# against the names found in the sentence ("of Python", "of computer vision").
_OF = re.compile(rf"\s+(?:{_either(OF_WORDS)})\s+", re.IGNORECASE)
_OF_EXPERIENCE = re.compile(
    rf"(?:[\w-]+\s+){{0,3}}?(?:{_either(EXPERIENCE_WORDS)})\b",
    re.IGNORECASE,
)
# The words that may stand between "years of" and a skill's name: "of hands-on Python".
_SKIPPED = re.compile(rf"(?:{_either(SKIPPED_WORDS)})\s+", re.IGNORECASE)
_OF_ACTIVITY = re.compile(r"(\w{3,}ing)\b(?:\s+(\w+))?", re.IGNORECASE)
# What a figure of years of something usually counts: records kept, not time spent.
_DATA_WORDS = frozenset(
    """data dataset datasets records logs log history histories results transactions
    observations measurements readings sales claims events files archives telemetry
    timetables figures prices""".split()  # noqa: SIM905 (words, not a column)
)
_RAISE = re.compile(rf"\b(?:{_either(RAISE_WORDS)})\b", re.IGNORECASE)
_LOWER = re.compile(rf"\b(?:{_either(LOWER_WORDS)})\b", re.IGNORECASE)
# "learning" is a cue of its own ("Terraform (learning)", "started learning Rust"), not in the
# name of a field: "machine learning", "deep learning", "meta-learning".
_FIELD_OF_LEARNING = re.compile(
    r"\b(?:machine|deep|reinforcement|supervised|unsupervised|semi-supervised|self-supervised|"
    r"transfer|federated|active|representation|meta|contrastive|statistical|ensemble|online|"
    r"e|few-shot|zero-shot|multi-task|metric|continual|imitation|curriculum|q|"
    r"in-context)[\s-]+$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Finding:
    """A catalogue skill found in a document, with a suggested level and the evidence."""

    skill: str  # catalogue skill id
    level: int  # suggested, 1-4
    passages: tuple[Passage, ...]  # evidence, best first, at most MAX_EVIDENCE
    method: Method  # "name": named by its name or an alias; "descriptor": by TF-IDF similarity
    score: float  # 0-1: 1 named outright, 0.8 named ambiguously, else the cosine similarity


def years_level(years: float) -> int:
    """The level years of use suggest: under 1 year 1, 1-2 2, 3-7 3, 8 or more 4."""
    if years < 1:
        return 1
    if years < 3:
        return 2
    if years < 8:
        return 3
    return 4


def stated_years(text: str, names: Iterable[tuple[int, int]] = ()) -> float | None:
    """The most years of experience stated in a sentence (``experience_years``), or None."""
    found = [years for years, _ in experience_years(text, names)]
    return max(found) if found else None


def experience_years(text: str, names: Iterable[tuple[int, int]] = ()) -> list[tuple[float, str]]:
    """Each figure of years of experience stated in a sentence, with its words as written
    ("5+ years"), in order. ``names``: the (start, end) of the skill names in it
    (``found_names``). A job posting's requirements are read by this rule too.

    A figure of years counts when it says how long the person did something: "5 years of
    Python", "5+ years experience with SQL", "five years' experience", "seven years in
    e-commerce", "used Python for 5 years", "eight years running restaurants", "3-5 years"
    (the lower figure). It does not when it measures something else: "N years of" followed by
    anything but experience (a word for it within four words: "of hands-on experience", "of
    clinical practice"), an activity ("of analysing telescope data", but not "of training
    data": ``_DATA_WORDS``) or a skill named in the sentence ("of Python", "of hands-on
    Python": ``_SKIPPED``). So "five years of HR data", "3 years of records", "ten years of
    exam results", "two years of training data" do not count; nor "3 years ago", "5 years
    old", "ten years' worth of logs"; nor a figure joined to a noun ("a five-year dataset",
    "a 3-year project"). Dates ("since 2019", "2019-2024") are not read as years. The same
    in Portuguese: "4 anos de experiência", "6 anos de Python", "SQL há 6 anos", "3 a 5
    anos" count; "5 anos de dados de vendas", "3 anos atrás" do not."""
    starts = {start for start, _ in names}
    found: list[tuple[float, str]] = []
    for match in _YEARS.finditer(text):
        if _NOT_DURATION.match(text, match.end()):
            continue
        of = _OF.match(text, match.end())
        if of is not None and not _experience_of(text, of.end(), starts):
            continue
        figure = match.group(1).lower()
        found.append((float(_NUMBER_WORDS.get(figure, 0) or figure), match.group().strip()))
    return found


def _experience_of(text: str, at: int, name_starts: set[int]) -> bool:
    """Whether what follows "N years of" at ``at`` is experience (see ``experience_years``)."""
    if _OF_EXPERIENCE.match(text, at):
        return True
    # A name may follow an adjective or two ("of hands-on Python", "of production Kubernetes").
    start = at
    while (skipped := _SKIPPED.match(text, start)) is not None:
        start = skipped.end()
    if start in name_starts:
        return True
    activity = _OF_ACTIVITY.match(text, at)
    return activity is not None and (activity.group(2) or "").casefold() not in _DATA_WORDS


def cue_shift(text: str) -> int:
    """+1 for what leads or designs ("led", "architected", "in production"), -1 for what only
    touches ("familiar with", "coursework", "learning", but not the "learning" of "machine
    learning"); both or neither: 0."""
    lower = any(not _of_a_field(text, match) for match in _LOWER.finditer(text))
    return bool(_RAISE.search(text)) - lower


def _of_a_field(text: str, cue: re.Match[str]) -> bool:
    """Whether a lower cue found in ``text`` is the "learning" of a field ("machine
    learning"), no cue."""
    return cue.group().casefold() == "learning" and bool(
        _FIELD_OF_LEARNING.search(text, 0, cue.start())
    )


def without_cues(text: str) -> str:
    """``text`` without the words of the lower cues (``_LOWER``: "tutorial", "course",
    "familiar with"), which say how far someone got in a skill, not which skill it is."""
    return _LOWER.sub(lambda m: m.group() if _of_a_field(text, m) else " ", text)


# --- names ---------------------------------------------------------------------------------


def _key(text: str) -> str:
    return _SPLIT.sub("", text.casefold())


def _spellings(alias: str) -> list[str]:
    """The keys a name is found by: as written, one or several ("dashboard" finds
    "dashboards", "data warehouses" "data warehouse"), and "test" or "tests" for "testing"."""
    key = _key(alias)
    words = _TOKEN.findall(alias.casefold())
    last = words[-1] if words else ""
    found = [key]
    if last == "testing":  # "A/B tests", "unit tests", "usability test"
        found += [key[:-3], key[:-3] + "s"]
    elif len(last) >= 3 and last.isalpha():
        if last.endswith("s") and not last.endswith("ss") and len(last) >= 4:
            found.append(key[:-1])
        elif not last.endswith("s"):
            found += [key + "s", key + "es"]
    return found


def _verb_forms(alias: str) -> list[str]:
    """The keys of the verb a name of an activity comes from, as a CV says what was done:
    "labelling" finds "labelled", "annotation" "annotated" and "annotating", "prototyping"
    "prototyped"; never a verb in ``OTHER_VERBS``."""
    key = _key(alias)
    words = _TOKEN.findall(alias.casefold())
    last = words[-1] if words else ""
    if not last.isalpha() or last == "testing":
        return []
    found = []
    if len(last) >= 7 and last.endswith("ing"):  # labelling, presenting, prototyping
        found = [key[:-3] + "ed"]
    elif len(last) >= 8 and last.endswith("tion"):  # annotation, collaboration, quantisation
        # "quantis-ation" is "quantis-ed", "annotat-ion" "annotat-ed"
        stem = key[:-5] if last.endswith(("isation", "ization")) else key[:-3]
        found = [stem + "ed", stem + "ing", stem + "e", stem + "es"]
    return [k for k in found if k not in OTHER_VERBS]


_PARENTHESES = re.compile(r"\(([^)]*)\)")


def names_of(skill: Skill) -> list[str]:
    """Everything a document may call a skill: its id, name and aliases, and the parts of a
    name that lists several: "Computer vision (OpenCV)" is also "OpenCV" and "Computer
    vision"; "TensorFlow / Keras" "Keras"; "Model monitoring and drift detection" "drift
    detection" (a part of one word, as "Distributed" in "Distributed and GPU training",
    would name too much: only parts of two words or more count)."""
    found = [skill.id.replace("-", " "), skill.name, *skill.aliases]
    inside = [p.strip() for group in _PARENTHESES.findall(skill.name) for p in group.split(",")]
    base = _PARENTHESES.sub("", skill.name).strip()
    found += [p for p in inside if p]
    found.append(base)
    found += [p.strip() for p in base.split(" / ") if p.strip()]
    parts = [p.strip() for p in re.split(r",| and ", base) if p.strip()]
    if len(parts) > 1 and all(len(p.split()) >= 2 for p in parts):
        found += parts
    return list(dict.fromkeys(found))


def _common_word(alias: str) -> bool:
    """Whether a name alone is too ambiguous to count (see the module docstring)."""
    letters = _key(alias)
    short = len(letters) <= 2 and not any(c.isdigit() for c in letters)
    return short or alias.casefold() in COMMON_WORDS


@dataclass(frozen=True)
class _Name:
    skill: str
    alias: str  # casefolded, as the catalogue writes it
    ambiguous: bool


@dataclass(frozen=True)
class _Names:
    by_key: dict[str, _Name]  # every spelling's key (``_key``) -> the name
    longest: int  # the most words a name has


@cache
def _names(catalog: Catalog) -> _Names:
    """Every name of every skill: the English catalogue's first, with their plurals and verbs,
    then each translation's that no English one has (``_translated``), so that the English
    names are found exactly as if no other language were spoken."""
    english = catalog.in_language(DEFAULT_LANGUAGE)
    by_key: dict[str, _Name] = {}
    longest = 1
    for skills, translated in (
        (english.skills.values(), False),
        *((english.in_language(lang).skills.values(), True) for lang in english.translations),
    ):
        variants: dict[str, _Name] = {}
        for skill in skills:
            for alias in names_of(skill):
                spellings = _spellings(alias)
                if not spellings[0] or spellings[0] in by_key:
                    continue  # the catalogue refuses one name for two skills; spellings may meet
                name = by_key[spellings[0]] = _Name(skill.id, alias.casefold(), _common_word(alias))
                more = []
                if translated:
                    bare = alias if alias.isascii() else _unaccented(alias)
                    more = [*_spellings(bare), *_plurals(alias, bare)]
                for spelling in [*spellings[1:], *more, *_verb_forms(alias)]:
                    variants.setdefault(spelling, name)
                longest = max(longest, len(_TOKEN.findall(alias)))
        for key, name in variants.items():
            by_key.setdefault(key, name)  # a name as written wins over another's plural
    return _Names(by_key, longest)


# A telephone number: nine digits or more among spaces, dots, dashes and brackets, perhaps
# after a "+" ("+44 20 7946 0000", "(11) 98765-4321"); a span of years ("2019-2022") has
# eight digits, so it stays, and so does a number grouped in thousands ("120.000.000").
_PHONE = re.compile(r"\+?\(?\d[\d\s().-]{7,}\d")
_PHONE_DIGITS = 9
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")


def without_contact_details(text: str) -> str:
    """``text`` as a draft may quote it: each web or e-mail address and telephone number
    replaced by "[…]". A CV's contact line can be the best passage for a skill named on it
    (its title: "Machine Learning Engineer · jane@example.com · +44 …"), and the quote goes
    on into the answers file and a mentor's report."""

    def phone(match: re.Match[str]) -> str:
        found = match.group()
        digits = sum(c.isdigit() for c in found)
        number = digits < _PHONE_DIGITS or _THOUSANDS.fullmatch(found)
        return found if number else "[…]"

    return _PHONE.sub(phone, _ADDRESS.sub("[…]", text))


def without_addresses(text: str) -> str:
    """``text`` with its web and e-mail addresses (``_ADDRESS``) blanked out, each by as many
    spaces, so that what is found in it is where it is in ``text``."""
    return _ADDRESS.sub(lambda m: " " * len(m.group()), text)


def _unaccented(name: str) -> str:
    """A translated name as people also type it, without its accents: "estatistica",
    "regressao", "analise exploratoria"."""
    decomposed = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    )


def _plurals(alias: str, bare: str) -> list[str]:
    """The keys of a Portuguese name in the plural, where ``_spellings`` (an "s" on the last
    word) does not find it: the noun and the adjectives after it take the plural, up to the
    first preposition ("análises exploratórias de dados", "regressões lineares", "redes
    neurais", "pipelines de dados"); and a plural name of one word in the singular ("painel"
    for "painéis"). ``bare``: the name without its accents (``_unaccented``), whose plural is
    typed too."""
    found = []
    for name in dict.fromkeys((alias.casefold(), bare.casefold())):
        words = _TOKEN.findall(name)
        run = next((i for i, w in enumerate(words) if w in _PREPOSITIONS), len(words))
        for plural in _plural(words[:run]):
            found.append(_key(" ".join([*plural, *words[run:]])))
        if len(words) == 1 and name.endswith(("éis", "eis")):
            found.append(name[:-3] + "el")
    return [key for key in dict.fromkeys(found) if key != _key(alias)]


# The words that end the noun and adjectives of a Portuguese name: "análise exploratória | de
# dados".
_PREPOSITIONS = frozenset(
    "a o e de do da dos das em no na nos nas para por com sobre".split()  # noqa: SIM905 (words, not a column)
)


def _plural(words: list[str]) -> list[list[str]]:
    """Portuguese words in the plural (one way or, for "-el", two: accented and not)."""
    out: list[list[str]] = [[]]
    for word in words:
        if word.endswith(("s", "x")) or not word.isalpha():
            forms = [word]
        elif word.endswith(("ão", "ao")):
            forms = [word[:-2] + ("ões" if word.endswith("ão") else "oes")]
        elif word.endswith("el"):
            forms = [word[:-2] + "éis", word[:-2] + "eis"]
        elif word.endswith(("al", "ol", "ul")):
            forms = [word[:-1] + "is"]
        elif word.endswith(("r", "z")):
            forms = [word + "es"]
        elif word.endswith("m"):
            forms = [word[:-1] + "ns"]
        else:
            forms = [word + "s"]
        out = [[*done, form] for done in out for form in forms]
    return out


@cache
def _role_titles(catalog: Catalog) -> re.Pattern[str]:
    """The catalogue roles' names and aliases of two words or more ("Machine Learning
    Engineer", "Data Scientist"), in every language careerpath speaks ("Engenheiro de Machine
    Learning", for both genders), as people write them (``names.title_pattern``: plurals,
    beside a slash). One-word aliases ("MLOps") are also what people call a practice, so
    they are left out."""
    english = catalog.in_language(DEFAULT_LANGUAGE)
    roles = [
        role
        for lang in (DEFAULT_LANGUAGE, *english.translations)
        for role in english.in_language(lang).roles.values()
    ]
    titles = {name for role in roles for name in (role.name, *role.aliases) if " " in name}
    return title_pattern(tuple(sorted(titles)))


# Aliases that in a job posting name the whole field rather than a skill it asks for: "the
# machine learning lifecycle", "deploy machine learning models" in an MLOps posting. A CV's
# "built machine learning models" is still what the person did.
FIELD_NAMES = frozenset({"machine learning"})


def found_names(
    text: str, catalog: Catalog, *, in_titles: bool = True
) -> list[tuple[int, int, _Name]]:
    """Where ``text`` names a skill: (start, end, name), left to right, the longest name
    first where names overlap. Words are runs of letters and digits (and "C++", "C#"); a
    name's words may be joined by spaces and ``- _ . /`` or nothing, as ``_key`` drops them.
    ``in_titles=False``: a name inside a role's title is none. A job posting's "3+ years as
    a machine learning engineer" asks for years in a job, not for supervised learning; a
    CV's "machine learning engineer for five years" is what the person did, so it counts.
    Nothing in a web or e-mail address is a name (``without_addresses``)."""
    names = _names(catalog)
    text = without_addresses(text)
    titles = [] if in_titles else [m.span() for m in _role_titles(catalog).finditer(text)]
    words = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    joined = [  # whether word i and word i + 1 may belong to one name
        _JOIN.fullmatch(text, words[i][1], words[i + 1][0]) is not None
        for i in range(len(words) - 1)
    ]
    found = []
    i = 0
    while i < len(words):
        key = ""
        match = None
        for j in range(i, min(len(words), i + names.longest)):
            if j > i and not joined[j - 1]:
                break
            key += text[words[j][0] : words[j][1]].casefold()
            if key in names.by_key:
                match = (j, names.by_key[key])  # keep looking: a longer name wins
        if match is None:
            i += 1
            continue
        j, name = match
        start, end = words[i][0], words[j][1]
        written = text[start:end]
        # "R&D", "Q&A" are not R; "r" is not R; "excel at" is not Excel.
        titled = any(a <= start and end <= b for a, b in titles) or (
            not in_titles and name.alias in FIELD_NAMES
        )
        if (
            not titled
            and "&" not in (text[end : end + 1], text[start - 1 : start])
            and _capitalised_ok(name, written)
        ):
            found.append((start, end, name))
        i = j + 1
    return found


def _capitalised_ok(name: _Name, matched: str) -> bool:
    if len(name.alias) == 1:
        return matched.isupper()  # "R", never the "r" of a typo or a list marker
    if name.alias in CAPITALISED:
        return matched[:1].isupper()
    return True


@dataclass(frozen=True)
class _Mentions:
    """The skills one passage names: ``named`` (skill -> score), and ``unconfirmed``, named
    only ambiguously (skill -> the passage's text without that name, to compare with the
    skill's descriptions)."""

    named: dict[str, float]
    unconfirmed: dict[str, str]


def _mentions(text: str, spans: list[tuple[int, int, _Name]], catalog: Catalog) -> _Mentions:
    """What the names found in ``text`` (``spans``, from ``found_names``) say it names."""
    named: dict[str, float] = {}
    ambiguous: dict[str, str] = {}
    aliases: dict[str, set[str]] = {}
    for start, end, name in spans:
        if name.ambiguous:
            ambiguous.setdefault(name.skill, text[:start] + " " + text[end:])
            aliases.setdefault(name.skill, set()).add(name.alias)
        else:
            named[name.skill] = NAME_SCORE
    for skill_id, pattern in _DESCRIBED.items():
        if skill_id in catalog.skills and skill_id not in named and pattern.search(text):
            named[skill_id] = CONTEXT_SCORE
    categories = {catalog.skills[s].category for s in named}
    unconfirmed: dict[str, str] = {}
    for skill_id, rest in ambiguous.items():
        if skill_id in named:
            continue
        # "Python and R"; two of a skill's ambiguous names confirm each other ("published
        # papers").
        if catalog.skills[skill_id].category in categories or len(aliases[skill_id]) > 1:
            named[skill_id] = CONTEXT_SCORE
        else:
            unconfirmed[skill_id] = rest
    return _Mentions(named, unconfirmed)


def without_names(text: str, spans: list[tuple[int, int, _Name]]) -> str:
    """``text`` with the names at ``spans`` (from ``found_names``) cut out."""
    cut = [0, *(i for start, end, _ in spans for i in (start, end)), None]
    return " ".join(text[cut[k] : cut[k + 1]] for k in range(0, len(cut), 2))


# --- descriptors (TF-IDF) ------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_][^\W_]+")  # two or more letters and digits, a letter first
_VOWELS = frozenset("aeiouy")
_DOUBLE_KEPT = frozenset("lsz")


@cache
def stem(word: str) -> str:
    """A word cut to its stem, lightly: a plural "s" or "es", "ies", "ing", "ed" and "ion" off,
    then a final "e" and a doubled final letter, so that "labelled", "labels", "labelling" and
    "label" are one word, as are "annotated", "annotation", "annotate", and "modelling",
    "models". Words of four letters or fewer, and those with digits, are left as they are.
    Lighter than Porter's stemmer, and so it merges less ("analysis" and "analyst" stay two)."""
    w = word.casefold()
    if len(w) <= 4 or not w.isalpha():
        return w
    if w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed", "ion"):
        base = w[: -len(suffix)]
        if w.endswith(suffix) and len(base) >= 3 and _VOWELS & set(base):
            if suffix == "ion" and not base.endswith(("t", "s")):
                break  # "region", "opinion"
            w = base
            break
    if w.endswith("e") and len(w) > 4:
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in _VOWELS:
        w = w[:-1]
    return w


def _stems(text: str) -> list[str]:
    """The TF-IDF tokens of a text: its words' stems, English stop words left out."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return [stem(w) for w in _WORD.findall(text.casefold()) if w not in ENGLISH_STOP_WORDS]


@dataclass(frozen=True)
class _Model:
    vectorizer: Any  # sklearn TfidfVectorizer, fitted
    skills: tuple[str, ...]
    descriptions: Any  # sparse, one row per skill: its description
    levels: Any  # sparse, 4 rows per skill: level descriptors 1-4, skill by skill


def _documents(skill: Skill) -> list[str]:
    return [skill.description, *skill.levels[1:]]


@cache
def _model(catalog: Catalog) -> _Model:
    from sklearn.feature_extraction.text import TfidfVectorizer

    skills = tuple(catalog.skills)
    corpus = [text for s in skills for text in _documents(catalog.skills[s])]
    vectorizer = TfidfVectorizer(
        tokenizer=_stems, token_pattern=None, lowercase=False, sublinear_tf=True, ngram_range=(1, 2)
    )
    matrix = vectorizer.fit_transform(corpus)
    per = 5
    rows = range(len(skills))
    descriptions = matrix[[i * per for i in rows]]
    levels = matrix[[i * per + 1 + k for i in rows for k in range(4)]]
    return _Model(vectorizer, skills, descriptions, levels)


def _similarities(model: _Model, texts: list[str]) -> tuple[Any, Any]:
    """Cosine similarities of each text with every skill's description (texts x skills) and
    with every level descriptor (texts x skills*4): TF-IDF rows are of unit length."""
    vectors = model.vectorizer.transform(texts)
    return (vectors @ model.descriptions.T).toarray(), (vectors @ model.levels.T).toarray()


# --- levels and findings -------------------------------------------------------------------


# A level in brackets right after a name ("SQL (advanced)", "Terraform (learning)") is that
# skill's alone, not the whole list's.
_QUALIFIER = re.compile(r"\s*\(\s*((?:[^\W\d_]|[ -])+?)\s*\)", re.IGNORECASE)
_QUALIFIER_UP = re.compile(_either(QUALIFIER_UP_WORDS), re.IGNORECASE)
_QUALIFIER_AFTER = re.compile(
    rf"[ \t]*(?:[:–-][ \t]*)?(?:(?:em |de )?n[íi]vel[ \t]+)?({_either(LEVEL_AFTER_NAME)})\b",
    re.IGNORECASE,
)


def _bracketed(words: str) -> int | None:
    """The shift the words of a bracketed level say: 1 up, -1 down, None: not a level."""
    if _QUALIFIER_UP.fullmatch(words):
        return 1
    return -1 if _LOWER.fullmatch(words) else None


def qualifier_shift(
    text: str, own: Iterable[tuple[int, int]], names: Iterable[tuple[int, int]] = ()
) -> tuple[int | None, str]:
    """The shift a level right after one of the skill's names (``own``) says, in brackets or,
    in Portuguese, as the word after it ("SQL avançado", "Python: nível básico"); None: none
    there. And ``text`` without every bracketed level and every level after a name
    (``names``: where the sentence names skills), for the cues of the rest."""
    shift = None
    for _, end in own:
        match = _QUALIFIER.match(text, end) or _QUALIFIER_AFTER.match(text, end)
        if match is not None and (said := _bracketed(match.group(1))) is not None:
            shift = said
    after = sorted(
        {
            match.span()
            for _, end in (*own, *names)
            if (match := _QUALIFIER_AFTER.match(text, end)) is not None
            and _bracketed(match.group(1)) is not None
        }
    )
    for start, end in reversed(after):
        text = text[:start] + text[end:]
    rest = _QUALIFIER.sub(lambda m: "" if _bracketed(m.group(1)) is not None else m.group(), text)
    return shift, rest


def passage_level(
    level_similarities: Any,
    text: str,
    names: Iterable[tuple[int, int]] = (),
    own: Iterable[tuple[int, int]] = (),
) -> int:
    """The level one sentence suggests (rules in the module docstring). ``level_similarities``:
    its similarity with the skill's level descriptors 1-4; ``names``: where the sentence names
    skills (``found_names``), for the years it states (``stated_years``); ``own``: where it
    names this skill, for a bracketed level after it (``qualifier_shift``)."""
    best = max(range(4), key=lambda k: level_similarities[k])
    level = DEFAULT_LEVEL
    if level_similarities[best] >= LEVEL_MIN:
        # Not below working: what a CV says was done was done; only the words of the lower
        # cues ("tutorial", "coursework") make it aware.
        level = max(DEFAULT_LEVEL, best + 1)
    names = list(names)
    years = stated_years(text, names)
    if years is not None:
        level = years_level(years)
    shift, rest = qualifier_shift(text, own, names)
    return min(4, max(1, level + (cue_shift(rest) if shift is None else shift)))


def find_skills(doc: DocumentText, catalog: Catalog, *, in_titles: bool = True) -> list[Finding]:
    """Every catalogue skill the document names or describes, sorted by skill id, whatever
    the language careerpath speaks: names and aliases of every language (``_names``), the
    English catalogue's descriptions (what the labelled sets measure). ``in_titles``:
    whether a name inside a role's title counts (``found_names``)."""
    catalog = catalog.in_language(DEFAULT_LANGUAGE)
    passages = doc.passages
    if not passages:
        return []
    model = _model(catalog)
    column = {skill_id: i for i, skill_id in enumerate(model.skills)}
    texts = [without_addresses(p.text) for p in passages]  # "github.com/jane" is no Git
    spans = [found_names(text, catalog, in_titles=in_titles) for text in texts]  # found once
    # Levels are told apart by what was done, not by the tools named: "dashboards in Power BI"
    # must not read as the aware level because that descriptor names Power BI too.
    unnamed = [without_names(text, s) for text, s in zip(texts, spans, strict=True)]
    _, leveled = _similarities(model, unnamed)
    # Skills are found by what a sentence is about, not by how far the person got in it: the
    # lower cues are left out, or "Kaggle XGBoost tutorial notebook", XGBoost cut out, would
    # read as unsupervised learning's aware descriptor ("has run them in a tutorial notebook").
    described, _ = _similarities(model, [without_cues(text) for text in texts])
    uncued = [without_cues(text) for text in unnamed]
    leveled_found = leveled if uncued == unnamed else _similarities(model, uncued)[1]

    def closest(sims_described: Any, sims_leveled: Any, i: int) -> float:
        return float(max(sims_described[i], *sims_leveled[4 * i : 4 * i + 4]))

    evidence: dict[str, list[int]] = {}
    scores: dict[str, float] = {}
    unconfirmed: list[tuple[int, str, str]] = []
    for index, text in enumerate(texts):
        mentions = _mentions(text, spans[index], catalog)
        for skill_id, score in mentions.named.items():
            evidence.setdefault(skill_id, []).append(index)
            scores[skill_id] = max(scores.get(skill_id, 0.0), score)
        unconfirmed += [(index, s, rest) for s, rest in mentions.unconfirmed.items()]
    if unconfirmed:
        # An ambiguous name counts where the rest of its sentence reads like the skill's
        # descriptions ("self-attention" beside "attention", not "to detail").
        rest_described, rest_leveled = _similarities(model, [rest for _, _, rest in unconfirmed])
        for row, (index, skill_id, _) in enumerate(unconfirmed):
            sim = closest(rest_described[row], rest_leveled[row], column[skill_id])
            if sim >= CONTEXT_MIN and index not in evidence.get(skill_id, []):
                evidence.setdefault(skill_id, []).append(index)
                scores[skill_id] = max(scores.get(skill_id, 0.0), CONTEXT_SCORE)
    methods: dict[str, Method] = dict.fromkeys(evidence, "name")
    # passages x skills: each passage's closest similarity with each skill, in one array
    # operation rather than a Python loop over every pair
    nearest = described.clip(
        min=leveled_found.reshape(len(passages), len(model.skills), 4).max(axis=2)
    )
    for skill_id in model.skills:
        i = column[skill_id]
        near = nearest[:, i].tolist()
        hits = sorted(
            (p for p, sim in enumerate(near) if sim >= DESCRIPTOR_MIN), key=lambda p: -near[p]
        )
        if skill_id in evidence:
            # Named, and described too ("window functions and CTEs" beside "SQL"): the
            # description is evidence of the level as well.
            evidence[skill_id] += [p for p in hits if p not in evidence[skill_id]]
        elif hits:
            evidence[skill_id] = hits
            scores[skill_id] = round(min(1.0, near[hits[0]]), 3)
            methods[skill_id] = "descriptor"
    found = []
    for skill_id in sorted(evidence):
        i = column[skill_id]
        rank = {p: n for n, p in enumerate(evidence[skill_id])}
        rated = sorted(
            (
                (
                    passage_level(
                        leveled[p, 4 * i : 4 * i + 4],
                        texts[p],
                        [(start, end) for start, end, _ in spans[p]],
                        [(start, end) for start, end, n in spans[p] if n.skill == skill_id],
                    ),
                    p,
                )
                for p in evidence[skill_id]
            ),
            # The highest level first; among equals, the order found (names: the document's
            # order; descriptions: the closest first).
            key=lambda lp: (-lp[0], rank[lp[1]]),
        )
        found.append(
            Finding(
                skill=skill_id,
                level=rated[0][0],
                passages=tuple(passages[p] for _, p in rated[:MAX_EVIDENCE]),
                method=methods[skill_id],
                score=scores[skill_id],
            )
        )
    return found
