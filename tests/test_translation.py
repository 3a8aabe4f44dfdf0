"""The catalogue in pt-BR: every entry translated, checked against the English data, found by
its Portuguese names in every language, and the same scores whatever the language."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import DATA

from careerpath import i18n
from careerpath.catalog import load_catalog
from careerpath.errors import InputError

PT = "pt-BR"
TEXTS = DATA / "i18n" / PT


def problems_of(root: Path):
    with pytest.raises(InputError) as caught:
        load_catalog(root)
    return caught.value.problems


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / "i18n" / PT / relative
    text = path.read_text("utf-8")
    assert old in text, (relative, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


# --- the bundled translation is whole -------------------------------------------------------


def test_every_catalogue_entry_has_pt_br_text(catalog):
    # A skill, role, roadmap, phase or step added in English without its pt-BR text fails here.
    missing = [w for w in catalog.warnings if f"no {PT} text" in w.message]
    assert missing == [], missing
    pt = catalog.in_language(PT)
    t = catalog.translations[PT]
    assert set(t.skills) == set(catalog.skills)
    assert set(t.roles) == set(catalog.roles)
    assert set(t.roadmaps) == set(catalog.roadmaps)
    assert set(t.categories) == set(catalog.categories)
    assert t.info is not None
    for sid, skill in pt.skills.items():
        english = catalog.skills[sid]
        # Every text differs from the English except names Portuguese keeps (tools, "Python").
        assert len(skill.levels) == 5 and skill.levels != english.levels, sid
        assert skill.description != english.description, sid
    for rid, role in pt.roles.items():
        assert role.name != catalog.roles[rid].name, rid
        assert role.summary != catalog.roles[rid].summary, rid
        assert catalog.roles[rid].name in role.aliases  # the English name still finds it
    for rid, roadmap in pt.roadmaps.items():
        english = catalog.roadmaps[rid]
        assert roadmap.title != english.title
        for step, en_step in zip(roadmap.steps(), english.steps(), strict=True):
            assert step.title != en_step.title or step.title.isascii(), (rid, step.id)
            # A description left out of the translation showed in English, unchecked.
            assert en_step.description is None or step.description != en_step.description, (
                rid,
                step.id,
            )
            # The same resources (a title may be translated: test_no_resource_is_described...).
            assert [(r.url, r.kind) for r in step.resources] == [
                (r.url, r.kind) for r in en_step.resources
            ]


def test_role_names_are_those_brazilian_job_ads_use(catalog):
    pt = catalog.in_language(PT)
    assert pt.roles["data-scientist"].name == "Cientista de Dados"
    assert pt.roles["ml-engineer"].name == "Engenheiro(a) de Machine Learning"
    assert pt.roles["data-engineer"].name == "Engenheiro(a) de Dados"


def test_a_translation_changes_only_texts_never_ids_levels_or_scores(catalog):
    from careerpath.models import Answers
    from careerpath.profile import Profile
    from careerpath.scoring import assess

    pt = catalog.in_language(PT)
    assert pt.fingerprint == catalog.fingerprint and pt.version == catalog.version
    assert list(pt.skills) == list(catalog.skills) and list(pt.roles) == list(catalog.roles)
    for rid, role in pt.roles.items():
        assert role.skills == catalog.roles[rid].skills
    for rid, roadmap in pt.roadmaps.items():
        english = catalog.roadmaps[rid]
        assert [(s.id, s.teaches, s.hours, s.prerequisites) for s in roadmap.steps()] == [
            (s.id, s.teaches, s.hours, s.prerequisites) for s in english.steps()
        ]
    levels = {"python": 3, "sql": 4, "statistics": 2}
    profile = Profile(Answers(), levels, rated=frozenset(levels))
    en_scores = [(r.role, r.fit, r.readiness) for r in assess(profile, catalog).ranking]
    pt = [(r.role, r.fit, r.readiness, r.name) for r in assess(profile, pt).ranking]
    assert en_scores == [r[:3] for r in pt]
    assert "Cientista de Dados" in {r[3] for r in pt}


def test_portuguese_names_find_skills_and_roles_in_every_language(catalog):
    for cat in (catalog, catalog.in_language(PT)):
        assert cat.resolve_skill("Aprendizado de Máquina") == "supervised-learning"
        assert cat.resolve_skill("estatística") == "statistics"
        assert cat.resolve_skill("engenharia de dados") == "etl-pipelines"
        assert cat.resolve_role("cientista de dados") == "data-scientist"
        assert cat.resolve_role("Engenheira de Dados") == "data-engineer"
        assert cat.resolve_skill("Python") == "python"  # English names too


def test_resource_notes_name_a_portuguese_edition_and_keep_the_title(catalog):
    pt = catalog.in_language(PT)
    assert pt.resource_notes and not catalog.resource_notes
    urls = {r.url for rm in pt.roadmaps.values() for s in rm.steps() for r in s.resources}
    assert set(pt.resource_notes) <= urls
    assert any("português" in note.lower() for note in pt.resource_notes.values())


# Words that describe a resource in English ("course notes", "documentation", "the ... and
# ..."), which a pt-BR plan must not show outside a title kept as published.
ENGLISH_WORDS = re.compile(
    r"(?<![\w-])(the|and|with|you|your|this|that|of|for|by|on|to|in|how|from|an|using|"
    r"documentation|tutorials|guide|course|notes|chapter|sections|modules|materials|datasets?|"
    r"competitions|edition|listings|reviews|overview|training|examples|open access)(?![\w-])",
    re.IGNORECASE,
)
# Function words only: step texts keep English terms Portuguese uses ("datasets", "code
# reviews"), never an English sentence.
ENGLISH_SENTENCE = re.compile(
    r"(?<![\w-])(the|and|with|you|your|this|that|of|for|by|on|to|how|from)(?![\w-])",
    re.IGNORECASE,
)
# Titles of courses, books, papers and pages, kept as published (they name the resource).
PUBLISHED = (
    "AI For Everyone",
    "Amazon S3 User Guide",
    "An Introduction to Statistical Learning",
    "Attention Is All You Need",
    "CS224n: Natural Language Processing with Deep Learning",
    "CS231n: Deep Learning for Computer Vision",
    "Essence of Linear Algebra",
    "Google Machine Learning Crash Course",
    "How to Read a Paper",
    "Hugging Face Deep Reinforcement Learning Course",
    "Hugging Face NLP Course",
    "Khan Academy Statistics and Probability",
    "Kubernetes The Hard Way",
    "Made With ML",
    "Matrix Methods in Data Analysis, Signal Processing, and Machine Learning",
    "MLOps: Continuous delivery and automation pipelines in machine learning",
    "Mathematics for Machine Learning",
    "Neural Networks: Zero to Hero",
    "NumPy: the absolute basics for beginners",
    "Practical Deep Learning for Coders",
    "Python Packaging User Guide",
    "Python for Data Analysis",
    "R for Data Science",
    "Reinforcement Learning: An Introduction",
    "Roles in an ML team and how they collaborate",
    "Rules of Machine Learning",
    "Spark Structured Streaming Programming Guide",
    "Spinning Up in Deep RL",
    "The Illustrated Transformer",
    "The Matrix Cookbook",
    "The Python Tutorial",
    "The Python Language Reference",
    "The Scrum Guide",
    "Transfer Learning for Computer Vision",
    "pandas User Guide",
    "scikit-learn User Guide: Metrics and scoring",
    "scikit-learn User Guide",
)


def _outside_titles(text: str) -> str:
    """``text`` without the published titles it names, and without addresses."""
    for title in sorted(PUBLISHED, key=len, reverse=True):
        text = text.replace(title, " ")
    return " ".join(w for w in text.split() if "/" not in w and not re.search(r"\w\.\w", w))


def _pt_plans(catalog):
    """The pt-BR plan of every bundled roadmap, for someone who knows none of its skills (so
    that every step, with its resources, is in it)."""
    from careerpath.models import Answers, Person
    from careerpath.planner import build_plan
    from careerpath.profile import Profile

    pt = catalog.in_language(PT)
    i18n.use(PT)
    try:
        for rid, rm in pt.roadmaps.items():
            person = Profile(Answers(person=Person(current_role=rm.from_role)), {})
            day = dt.date(2027, 1, 4)
            plan = build_plan(person, pt, rm.to_role, start=day, today=day)
            assert plan.roadmap == rid
            yield rid, plan
    finally:
        i18n.use(i18n.DEFAULT)


def test_no_resource_is_described_in_english_in_a_portuguese_plan(catalog):
    """Resource titles were kept whole, so the words that describe a resource ("course
    notes", "model optimisation and quantisation sections", "documentation") showed in
    English in pt-BR plans and reports; the test above even required it. A title as
    published stays (PUBLISHED); the rest is translated in resource_titles."""
    english = []
    for rid, plan in _pt_plans(catalog):
        for step in plan.steps():
            for r in step.resources:
                for text in (r["title"], r.get("note") or ""):
                    if ENGLISH_WORDS.search(_outside_titles(text)):
                        english.append((rid, step.id, text))
            texts = [step.title, step.description or ""]
            texts += [t for p in step.projects for t in (p["title"], p["description"])]
            english += [
                (rid, step.id, t) for t in texts if ENGLISH_SENTENCE.search(_outside_titles(t))
            ]
    assert english == [], "\n".join(map(str, english))
    # What is checked: a resource described in English is found, a published title is not.
    assert ENGLISH_WORDS.search(_outside_titles("PyTorch Tutorials (quantisation sections)"))
    assert not ENGLISH_WORDS.search(_outside_titles("Hugging Face NLP Course"))


def test_a_translated_resource_title_keeps_the_published_one_and_the_same_picks(catalog):
    pt = catalog.in_language(PT)
    titles = {
        (rid, st.id, en.title): r.title
        for rid, rm in pt.roadmaps.items()
        for st, en_st in zip(rm.steps(), catalog.roadmaps[rid].steps(), strict=True)
        for r, en in zip(st.resources, en_st.resources, strict=True)
        if r.title != en.title
    }
    assert titles[
        (
            "data-engineer-to-ml-engineer",
            "model-optimisation-inference",
            "PyTorch Tutorials (model optimisation and quantisation sections)",
        )
    ] == ("Tutoriais do PyTorch (seções de otimização e quantização de modelos)")
    # A course's or a book's own title stays as published; authors and names too.
    for (_rid, _step, english), portuguese in titles.items():
        kept = [t for t in PUBLISHED if t in english]
        assert all(t in portuguese for t in kept), (english, portuguese)
    # A generated plan picks the same resources whatever the language.
    from careerpath.planner import curated_resources

    for sid in catalog.skills:
        for level in range(1, 5):
            assert [r.url for r in curated_resources(pt, sid, level)] == [
                r.url for r in curated_resources(catalog, sid, level)
            ], sid


def test_english_is_the_default_and_the_fallback(catalog):
    assert load_catalog(DATA, lang="en").skills["python"].description == (
        catalog.skills["python"].description
    )
    assert catalog.in_language("xx") is catalog  # a language with no texts: English


# --- checked against the English data ------------------------------------------------------


def test_a_stray_skill_id_is_an_error_naming_the_file_and_field(data_copy):
    edit(data_copy, "skills/01-programming.yaml", "\n  python:\n", "\n  pyhton:\n")
    problems = problems_of(data_copy)
    stray = next(p for p in problems if p.field == "skills.pyhton")
    assert stray.file == "data/i18n/pt-BR/skills/01-programming.yaml"
    assert stray.message == 'no skill "pyhton" in the catalogue' and stray.line


def test_a_missing_entry_is_a_warning_and_shows_in_english(data_copy):
    path = data_copy / "i18n" / PT / "roles" / "data-analyst.yaml"
    path.unlink()
    cat = load_catalog(data_copy)
    assert any(
        w.message == 'no pt-BR text for the role "data-analyst": it shows in English'
        for w in cat.warnings
    )
    assert cat.in_language(PT).roles["data-analyst"].name == "Data Analyst"


def test_a_list_of_another_length_is_an_error(data_copy):
    path = data_copy / "i18n" / PT / "roles" / "data-analyst.yaml"
    text = path.read_text("utf-8")
    path.write_text(text.replace("responsibilities:\n", "responsibilities:\n  - Extra.\n"))
    problem = next(p for p in problems_of(data_copy) if p.field == "responsibilities")
    assert "responsibilities; the English role lists" in problem.message


@pytest.mark.parametrize(
    ("field", "entry", "stray"),
    [
        ("resource_notes", '"https://example.org/x": "Em português."', "example.org"),
        ("resource_titles", '"No such title": "Nenhum"', "No such title"),  # by its title
    ],
)
def test_a_note_or_title_for_a_resource_the_step_does_not_have_is_an_error(
    data_copy, field, entry, stray
):
    rel = "roadmaps/data-engineer-to-ml-engineer.yaml"
    path = data_copy / "i18n" / PT / rel
    text = path.read_text("utf-8")
    marker = f"{field}:\n"
    assert marker in text
    indent = text[: text.index(marker)].rsplit("\n", 1)[1]
    path.write_text(text.replace(marker, f"{marker}{indent}  {entry}\n", 1))
    problem = next(p for p in problems_of(data_copy) if stray in p.field)
    assert problem.message == "not a resource of this step"


def test_a_portuguese_alias_that_names_another_skill_is_an_error(data_copy):
    edit(data_copy, "skills/01-programming.yaml", "    name: Python\n", "    name: SQL\n")
    problem = next(p for p in problems_of(data_copy) if p.field == "skills.python.name")
    assert problem.message.startswith('"SQL" already names sql')


def test_names_that_differ_only_in_accents_or_case_are_one_name(data_copy):
    # Names are matched without accents ("Estatistica" finds Estatística), so two entries
    # whose names fold alike would make a name ambiguous: the catalogue is refused.
    edit(
        data_copy,
        "skills/01-programming.yaml",
        "aliases: [programação python, linguagem python]",
        "aliases: [programação python, ESTATISTICA]",
    )
    [problem] = problems_of(data_copy)  # the later file's "estatística" is the clash
    assert problem.field == "skills.statistics.aliases[0]"
    assert problem.message.startswith('"estatística" already names python')


def test_a_language_careerpath_does_not_speak_is_a_warning(data_copy):
    (data_copy / "i18n" / "xx").mkdir()
    cat = load_catalog(data_copy)
    assert any('does not speak "xx"' in w.message for w in cat.warnings)


# --- choosing the language -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("explicit", "env", "expected"),
    [
        ("pt-BR", {}, (PT, "")),
        ("pt_br", {"CAREERPATH_LANG": "en"}, (PT, "")),
        (None, {"CAREERPATH_LANG": "pt-BR", "LANG": "en_US.UTF-8"}, (PT, "")),
        (None, {"LC_ALL": "pt_BR.UTF-8", "LANG": "en_US.UTF-8"}, (PT, "")),
        (None, {"LANG": "pt_PT.UTF-8"}, (PT, "")),
        (None, {"LANG": "C.UTF-8"}, ("en", "")),
        (None, {"LANG": "de_DE.UTF-8"}, ("en", "")),  # the machine's setting: no notice
        (None, {}, ("en", "")),
    ],
)
def test_the_language_is_the_option_then_the_variable_then_the_locale(explicit, env, expected):
    assert i18n.choose(explicit, env) == expected


def test_an_unknown_language_asked_for_is_english_with_one_notice():
    lang, notice = i18n.choose("klingon", {})
    assert lang == "en" and notice.startswith('careerpath does not speak "klingon"')
    lang, notice = i18n.choose(None, {"CAREERPATH_LANG": "xx"})
    assert lang == "en" and '"xx"' in notice


def test_translations_change_words_not_the_fingerprint(catalog, data_copy):
    edit(
        data_copy,
        "roles/data-analyst.yaml",
        "name: Analista de Dados",
        "name: Analista de BI Sênior",
    )
    changed = load_catalog(data_copy)
    assert changed.fingerprint == catalog.fingerprint  # reports and `compare` still match
    assert changed.in_language(PT).roles["data-analyst"].name == "Analista de BI Sênior"


def test_a_translated_copy_gives_the_english_one_back(catalog):
    pt = catalog.in_language(PT)
    assert pt.in_language("en") is catalog and pt.in_language("xx") is catalog
    assert catalog.in_language(PT) is pt and pt.in_language(PT) is pt


def test_cv_and_posting_matching_does_not_change_with_the_language(catalog):
    from careerpath.document_text import read_document_text
    from careerpath.extraction import find_skills

    doc = read_document_text(str(DATA.parent / "examples" / "cv" / "daniel-okafor.md"))
    english = find_skills(doc, catalog)
    assert english and find_skills(doc, catalog.in_language(PT)) == english
