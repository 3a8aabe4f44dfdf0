"""Job postings: the profile (importance and level from how a posting asks), the closest role,
a person's fit, readiness, gaps and plan for it (the same scoring as for any role), and
`careerpath posting` / `--posting` on assess, plan and report.

The postings here are written for these tests, in tmp_path. The rule tests use a small finder
of their own (names and aliases only), so that they test this module's rule and not the
extraction's; the closest-role and command tests use the real ``extraction.find_skills``.
"""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
from pathlib import Path

import pytest
from conftest import EXAMPLES, require_tool
from test_schemas import errors

from careerpath import posting as post
from careerpath.answers import load_answers, profile_from
from careerpath.catalog import fold
from careerpath.cli import cli
from careerpath.document_text import read_document_text
from careerpath.errors import InputError
from careerpath.models import Answers, Role, RoleSkill
from careerpath.models.registry import json_schema
from careerpath.scoring import assess

DE = EXAMPLES / "answers" / "data-engineer-to-ml.yaml"  # current role: data engineer
ANALYST = EXAMPLES / "answers" / "data-analyst.yaml"

DATA_ENGINEER_AD = """\
# Senior Data Engineer

## About us
We are Acme, a shop that loves Python and dashboards.

## What you'll do
- Build and run batch pipelines with Airflow and Spark.
- Design data models in our Snowflake warehouse.

## Requirements
- 5+ years of SQL.
- Experience with Python.
- Familiarity with Docker.
- You must know Kafka.

## Nice to have
- Kubernetes
- Terraform is a plus.
"""

ML_ENGINEER_AD = """\
# Machine Learning Engineer

## About us
We build recommendation products for online retailers.

## What you'll do
- Train, evaluate and ship machine learning models to production with PyTorch and scikit-learn.
- Build feature pipelines and serve models behind REST APIs in Docker containers.
- Track experiments with MLflow and monitor models in production.

## Requirements
- Strong Python and 3+ years building ML systems.
- Solid understanding of supervised learning, model evaluation and feature engineering.
- Experience with SQL and Git.
- Experience deploying to AWS.

## Nice to have
- Kubernetes
- Experience with Spark.
"""

ANALYST_AD = """\
# Data Analyst

## Responsibilities
- Build dashboards in Tableau and Power BI for the sales and finance teams.
- Write SQL queries to answer business questions and define KPIs with stakeholders.
- Run A/B tests and report results to product managers.

## Requirements
- Advanced Excel.
- Strong SQL.
- Good communication and data storytelling skills.
- Descriptive statistics.

## Nice to have
- Python or R is a plus.
"""

RESEARCHER_AD = """\
# Research Scientist, Deep Learning

## The role
You will publish at top venues, design novel neural network architectures and run large-scale
experiments.

## Requirements
- PhD in machine learning or a related field, with publications at NeurIPS, ICML or ICLR.
- Deep expertise in deep learning, transformers and optimisation.
- Strong mathematics: linear algebra, probability and calculus.
- Proficient in PyTorch or JAX.
- Experience with reinforcement learning or computer vision research.

## Bonus
- Experience with distributed training on GPUs.
"""

MLOPS_AD = """\
# MLOps Engineer

## What you'll do
- Build and run our ML platform on Kubernetes: model serving, CI/CD for models and monitoring.
- Automate infrastructure with Terraform on AWS.
- Operate MLflow, feature stores and model registries for the data science teams.

## Must have
- 4+ years of Docker and Kubernetes in production.
- Strong Python and Linux.
- Experience with CI/CD pipelines (GitHub Actions or GitLab CI).
- Experience with Prometheus and Grafana monitoring.

## Nice to have
- Familiarity with Kubeflow.
"""


@dataclasses.dataclass(frozen=True)
class NamedFinding:
    """What ``extraction.Finding`` holds, for the test finder."""

    skill: str
    level: int
    passages: tuple
    method: str = "name"
    score: float = 1.0


def names_only(doc, catalog):
    """A finder that knows only names, aliases and ids, whole words: enough to test the
    rule of ``posting`` apart from the extraction's."""
    out = []
    for skill_id, skill in catalog.skills.items():
        names = sorted({fold(n) for n in (skill.name, skill.id, *skill.aliases)}, key=len)
        pattern = re.compile(
            r"(?<![\w+#])(" + "|".join(re.escape(n) for n in reversed(names)) + r")(?![\w+#])"
        )
        hits = tuple(p for p in doc.passages if pattern.search(fold(p.text)))
        if hits:
            out.append(NamedFinding(skill_id, 2, hits[:3]))
    return out


def write(tmp_path: Path, text: str, name: str = "ad.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def profile_of(catalog, path: Path, finder=names_only):
    return post.read_posting(path, catalog, finder=finder)


def skills_of(profile) -> dict[str, tuple[int, int, bool]]:
    return {s.skill: (s.importance, s.level, s.essential) for s in profile.skills}


def person(catalog, levels: dict[str, int], **fields):
    answers = Answers.model_validate({"skills": levels, **fields})
    return profile_from(answers, catalog, "person.yaml")


# --- how a posting asks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "section, clause, expected",
    [
        ("required", "Experience with X", (4, 2, False)),
        ("required", "Strong X", (5, 3, False)),
        ("required", "Proficient in X", (5, 3, False)),
        ("required", "Deep expertise in X", (5, 4, False)),
        ("required", "Familiarity with X", (2, 1, False)),
        ("required", "Exposure to X", (2, 1, False)),
        ("required", "You must know X", (5, 2, True)),
        ("required", "X is required", (5, 2, True)),
        ("core", "Build pipelines with X", (4, 3, False)),
        ("core", "Lead the design of our X platform", (5, 4, False)),
        ("must", "X", (5, 2, True)),
        ("body", "We use X every day", (3, 2, False)),
        ("title", "Senior X Engineer", (5, 3, True)),
        ("nice", "X", (1, 1, False)),
        ("nice", "Strong X", (1, 1, False)),
        ("required", "X is a plus", (1, 1, False)),
        ("required", "X nice to have", (1, 1, False)),
        ("required", "Ideally X", (1, 1, False)),
    ],
)
def test_importance_level_and_essential_follow_the_section_and_the_words(section, clause, expected):
    asked = post.ask(section, clause)
    assert (asked.importance, asked.level, asked.essential) == expected


@pytest.mark.parametrize(
    "text, skill, expected",
    [
        ("5+ years of SQL", "sql", (5, 3, False)),
        ("2-3 years of SQL", "sql", (5, 3, False)),
        ("Five years of hands-on Python", "python", (5, 3, False)),
        ("3+ years building data pipelines in Python", "python", (5, 3, False)),
        ("4 years of experience with Tableau", "bi-reporting", (5, 3, False)),
        ("1 year of SQL", "sql", (4, 2, False)),  # one year is no "N+ years" strength
        ("1.5 years of SQL", "sql", (4, 2, False)),
        # Years a dataset covers, as the CV's prefill reads them: no experience asked for.
        ("Explore 10 years of customer data in SQL", "sql", (4, 2, False)),
        ("Access to 5 years of data in Snowflake", "data-warehouses", (4, 2, False)),
        ("You will query 3 years of sales records with SQL", "sql", (4, 2, False)),
    ],
)
def test_years_of_experience_ask_for_strength_but_years_of_data_do_not(
    catalog, text, skill, expected
):
    asked = post.asks_in("required", text, skill, catalog, "Requirements")
    assert (asked.importance, asked.level, asked.essential) == expected
    assert ("years" in asked.why) == (expected[1] == 3)


def test_a_section_about_the_company_asks_for_nothing():
    assert post.ask("other", "We love X") is None


def test_headings_sections_and_the_title(tmp_path):
    doc = read_document_text(
        write(
            tmp_path,
            "Data Engineer, Payments\n\n**Requirements**\n- Experience with Spark\n"
            "- Python\n\nWhat you’ll do:\n- Run Airflow\n"
            "Nice to have: Kubernetes\n- Docker\n\n## Benefits\n- A Python course budget\n",
        )
    )
    layout = post.sections(doc)
    by_text = {p.text: layout.of(p)[0] for p in doc.passages}
    assert layout.title is not None and layout.title.text == "Data Engineer, Payments"
    assert by_text["Requirements"] == "required"
    # A short bullet that names a skill is a requirement, not a heading.
    assert by_text["Experience with Spark"] == "required"
    assert by_text["Python"] == "required"
    assert by_text["What you’ll do:"] == "core" and by_text["Run Airflow"] == "core"
    # A label on a line with text after it holds for that line only.
    assert by_text["Nice to have: Kubernetes"] == "nice" and by_text["Docker"] == "core"
    assert by_text["Benefits"] == "other" and by_text["A Python course budget"] == "other"
    assert {line for _, line in layout.headings} == {3, 7, 12}


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("What the job involves", "core"),
        ("You will:", "core"),
        ("What you'll work on", "core"),
        ("What you will own", "core"),
        ("What you need", "required"),
        ("Person specification", "required"),
        ("Who should apply", "required"),
        ("Nice extras", "nice"),
        # The module's own rule: "About you" asks, "About Acme" does not.
        ("About you", "required"),
        ("About you:", "required"),
        ("About Acme", "other"),
    ],
)
def test_more_ways_to_head_a_section(heading, section):
    assert post._heading(heading) == section


def test_a_page_s_navigation_menu_is_no_part_of_the_posting(tmp_path, catalog):
    menu = "<nav><ul><li><a href='/s'>Find jobs</a></li><li>Salary guide</li></ul></nav>"
    page = _as_html(MLOPS_AD).replace("<body>", "<body><header>" + menu + "</header>")
    doc = read_document_text(write(tmp_path, page, "saved.html"))
    assert not any("Salary guide" in p.text or "Find jobs" in p.text for p in doc.passages)
    assert post.read_posting(tmp_path / "saved.html", catalog).title == "MLOps Engineer"


def test_each_skill_keeps_its_strongest_ask(tmp_path, catalog):
    found = skills_of(profile_of(catalog, write(tmp_path, DATA_ENGINEER_AD)))
    assert found["sql"] == (5, 3, False)  # "5+ years" under Requirements
    assert found["kafka"] == (5, 2, True)  # "must"
    assert found["airflow"] == (4, 3, False)  # a core responsibility
    assert found["python"] == (4, 2, False)  # under Requirements; "About us" asks nothing
    assert found["docker"] == (2, 1, False)  # "familiarity"
    assert found["kubernetes"] == (1, 1, False)  # nice to have
    assert found["infrastructure-as-code"] == (1, 1, False)  # Terraform "is a plus"
    ordered = [(s.importance, s.level) for s in profile_of(catalog, tmp_path / "ad.md").skills]
    assert ordered == sorted(ordered, reverse=True)


def test_a_stronger_ask_elsewhere_wins_over_nice_to_have(tmp_path, catalog):
    ad = "Platform role\n\nRequirements\n- Strong Docker\n\nNice to have\n- Docker Swarm\n"
    profile = profile_of(catalog, write(tmp_path, ad))
    [docker] = [s for s in profile.skills if s.skill == "docker"]
    assert (docker.importance, docker.level) == (5, 3)
    assert docker.evidence[0].where == "line 4"  # the passage that decided comes first
    assert docker.why == 'under "Requirements"; "Strong"'  # the cue as the posting wrote it


def test_the_cues_why_quotes_keep_the_postings_accents(tmp_path, catalog):
    # Cues are matched on folded text: "why" quoted "solida", "nocoes", "e um plus".
    ad = (
        "# Cientista de Dados\n\n## Requisitos\n\n- Experiência sólida com Python.\n"
        "- Noções de Docker.\n\n## Diferenciais\n\n- Experiência com Spark é um plus.\n"
    )
    why = {s.skill: s.why for s in post.read_posting(write(tmp_path, ad), catalog).skills}
    assert why["python"] == 'under "Requisitos"; "sólida"'
    assert why["docker"] == 'under "Requisitos"; "Noções"'
    assert why["spark"] == 'under "Diferenciais"; "é um plus"'


def test_a_skill_in_the_title_is_central_and_essential(tmp_path, catalog):
    profile = profile_of(catalog, write(tmp_path, "Kubernetes Engineer\n\nWe run Docker.\n"))
    assert profile.title == "Kubernetes Engineer"
    assert skills_of(profile)["kubernetes"] == (5, 3, True)
    assert skills_of(profile)["docker"] == (3, 2, False)


def test_the_words_of_a_skill_name_are_no_cue(tmp_path, catalog):
    # "Deep" in "deep learning" is the skill's name, not "deep expertise".
    ad = "Role\n\nRequirements\n- Experience with deep learning\n- Deep knowledge of SQL\n"
    found = skills_of(profile_of(catalog, write(tmp_path, ad)))
    assert found["neural-networks"][1] == 2
    assert found["sql"][1] == 4


def test_the_clause_naming_the_skill_carries_the_cue(tmp_path, catalog):
    ad = "Role\n\nRequirements\n- Strong SQL; familiarity with Docker\n"
    found = skills_of(profile_of(catalog, write(tmp_path, ad)))
    assert found["sql"][:2] == (5, 3) and found["docker"][:2] == (2, 1)


def test_the_clause_is_found_by_every_name_extraction_knows(tmp_path, catalog):
    # Parts of a name ("convolutional neural networks"), other spellings ("A/B tests") and
    # aliases ("backlog tools") name the skill's clause too: the "expert" of the clause
    # before never sets their level.
    ad = (
        "Role\n\nRequirements\n- Expert SQL; familiarity with convolutional neural networks\n"
        "- Expert SQL; basic A/B tests\n- Expert SQL; some familiarity with backlog tools\n"
    )
    found = skills_of(profile_of(catalog, write(tmp_path, ad), finder=None))
    assert found["sql"][:2] == (5, 4)
    for skill_id in ("cnn", "ab-testing", "issue-trackers"):
        assert found[skill_id][:2] == (2, 1), skill_id


def test_a_posting_without_catalogue_skills_or_text_is_a_clear_error(tmp_path, catalog):
    path = write(tmp_path, "Bicycle mechanic\n\nWe sell and repair bicycles.\n")
    with pytest.raises(InputError) as caught:
        profile_of(catalog, path)
    assert str(caught.value).startswith(f"{path}: no catalogue skill found in it")
    empty = write(tmp_path, "\n\n", "empty.txt")
    with pytest.raises(InputError, match="has no text"):
        profile_of(catalog, empty)


# --- a posting in Portuguese ---------------------------------------------------------------

# DATA_ENGINEER_AD as a Brazilian company writes it.
VAGA_ENGENHEIRO_DE_DADOS = """\
# Engenheiro(a) de Dados Sênior

## Sobre nós
Somos a Acme, uma fintech que adora Python e painéis.

## Responsabilidades
- Construir e manter pipelines batch com Airflow e Spark.
- Modelar dados no nosso data warehouse Snowflake.

## Requisitos
- 5+ anos de experiência com SQL.
- Experiência com Python.
- Familiaridade com Docker.
- Conhecimento em Kafka é obrigatório.

## Diferenciais
- Kubernetes
- Terraform é um plus.
"""


@pytest.mark.parametrize(
    ("heading", "section"),
    [
        ("Requisitos:", "required"),
        ("Requisitos", "required"),
        ("Requisitos e qualificações", "required"),
        ("Qualificações:", "required"),
        ("O que buscamos", "required"),
        ("Requisitos obrigatórios:", "must"),
        ("Imprescindível:", "must"),
        ("Desejável:", "nice"),
        ("Requisitos desejáveis", "nice"),
        ("Diferenciais:", "nice"),
        ("Diferenciais", "nice"),
        ("Responsabilidades:", "core"),
        ("Responsabilidades e atribuições", "core"),
        ("Atividades:", "core"),
        ("Sobre a vaga", "core"),
        ("O que você vai fazer", "core"),
        ("Seus desafios:", "core"),
        ("O que esperamos de você", "required"),
        ("Sobre nós", "other"),
        ("Sobre a Acme", "other"),
        ("Benefícios", "other"),
        ("O que oferecemos:", "other"),
    ],
)
def test_portuguese_headings(heading, section):
    assert post._heading(heading) == section


@pytest.mark.parametrize(
    ("section", "clause", "expected"),
    [
        ("required", "Experiência com X", (4, 2, False)),
        ("required", "Sólida experiência com X", (5, 3, False)),
        ("required", "Conhecimento avançado em X", (5, 4, False)),
        ("required", "Familiaridade com X", (2, 1, False)),
        ("required", "Noções de X", (2, 1, False)),
        ("required", "X é obrigatório", (5, 2, True)),
        ("required", "Conhecimento em X (imprescindível)", (5, 2, True)),
        ("required", "X é desejável", (1, 1, False)),
        ("required", "X será um diferencial", (1, 1, False)),
        ("required", "X é um plus", (1, 1, False)),
        ("required", "X (não obrigatório)", (1, 1, False)),
    ],
)
def test_portuguese_cues_ask_as_the_english_ones(section, clause, expected):
    asked = post.ask(section, clause)
    assert (asked.importance, asked.level, asked.essential) == expected


def test_a_portuguese_posting_reads_as_the_english_one(tmp_path, catalog):
    english = skills_of(post.read_posting(write(tmp_path, DATA_ENGINEER_AD), catalog))
    profile = post.read_posting(write(tmp_path, VAGA_ENGENHEIRO_DE_DADOS, "vaga.md"), catalog)
    found = skills_of(profile)
    for skill in ("sql", "kafka", "airflow", "spark", "python", "docker", "kubernetes"):
        assert found[skill] == english[skill], skill
    assert found["infrastructure-as-code"] == (1, 1, False)  # Terraform "é um plus"
    assert profile.title == "Engenheiro(a) de Dados Sênior"
    assert profile.closest_role == "data-engineer"
    why = {s.skill: s.why for s in profile.skills}
    assert why["sql"].startswith('under "Requisitos"')
    assert not any("before any heading" in w for w in why.values()), why


# --- the closest role ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "ad, role",
    [
        (DATA_ENGINEER_AD, "data-engineer"),
        (ML_ENGINEER_AD, "ml-engineer"),
        (ANALYST_AD, "data-analyst"),
        (RESEARCHER_AD, "ml-researcher"),
        (MLOPS_AD, "mlops-engineer"),
    ],
)
def test_a_clear_posting_is_closest_to_its_role(tmp_path, catalog, ad, role):
    profile = post.read_posting(write(tmp_path, ad), catalog)  # the real extraction
    assert profile.closest_role == role
    assert [r.rank for r in profile.roles] == list(range(1, len(catalog.roles) + 1))


def test_the_closest_role_scores_the_posting_as_a_person_would_be(tmp_path, catalog):
    profile = profile_of(catalog, write(tmp_path, ML_ENGINEER_AD))
    levels = {s.skill: s.level for s in profile.skills}
    as_person = assess(person(catalog, levels), catalog)
    # The title ("Machine Learning Engineer") names its role, which comes first; the rest of
    # the ranking is the person's.
    named = post.titled_roles(profile.title, catalog)
    assert named == {"ml-engineer"} and profile.closest_role == "ml-engineer"
    ranked = [(m.role, m.fit) for m in as_person.ranking]
    first = [rf for rf in ranked if rf[0] in named]
    assert [(r.role, r.fit) for r in profile.roles] == first + [
        rf for rf in ranked if rf not in first
    ]


# --- a person against the posting ----------------------------------------------------------


def test_fit_readiness_and_gaps_are_those_of_a_hand_built_role(tmp_path, catalog):
    profile = profile_of(catalog, write(tmp_path, ML_ENGINEER_AD))
    you = person(catalog, {"python": 3, "sql": 2, "docker": 1, "pytorch": 1, "git": 3})
    readiness, *_ = post.measure(you, catalog, profile)
    hand = Role(
        id="hand-built",
        name="Hand built",
        family="technical",
        summary="The same numbers, written out.",
        responsibilities=["As the posting."],
        skills={
            s.skill: RoleSkill(importance=s.importance, level=s.level, essential=s.essential)
            for s in profile.skills
        },
    )
    by_hand = dataclasses.replace(catalog, roles={**catalog.roles, hand.id: hand})
    expected = assess(you, by_hand, None).match(hand.id)
    assert (readiness.fit, readiness.readiness, readiness.coverage) == (
        expected.fit,
        expected.readiness,
        expected.coverage,
    )
    assert (readiness.essentials_met, readiness.essentials_total) == (
        expected.essentials_met,
        expected.essentials_total,
    )
    from careerpath.scoring import role_gaps

    assert readiness.gaps == role_gaps(you, by_hand, hand.id)


def test_gaps_are_ranked_by_importance_times_missing_levels(tmp_path, catalog):
    profile = profile_of(catalog, write(tmp_path, DATA_ENGINEER_AD))
    readiness, *_ = post.measure(person(catalog, {"sql": 1, "python": 2}), catalog, profile)
    costs = [g.weighted_gap for g in readiness.gaps]
    assert costs == sorted(costs, reverse=True)
    [sql] = [g for g in readiness.gaps if g.skill == "sql"]
    assert sql.weighted_gap == 5 * (3 - 1)
    assert "python" not in {g.skill for g in readiness.gaps}  # met: 2 of 2


def test_the_plan_is_the_curated_roadmap_cut_to_the_posting(tmp_path, catalog):
    profile = post.read_posting(write(tmp_path, ML_ENGINEER_AD), catalog)  # ML Engineer
    extended, rid = post.with_posting(catalog, profile)
    cut = extended.roadmap_for("data-engineer", rid)
    assert cut is not None and cut.id == "data-engineer-to-ml-engineer-for-posting"
    asked = {s.skill: s.importance for s in profile.skills}
    original = catalog.roadmap("data-engineer-to-ml-engineer")
    kept = {st.id for st in cut.steps()}
    _teaches_what_the_posting_asks(cut, original, profile, {})
    for phase in cut.phases:  # each phase ordered by what the posting gives most weight
        weights = [max(asked.get(s, 0) for s in st.teaches) for st in phase.steps]
        assert weights == sorted(weights, reverse=True)
        assert all(set(st.prerequisites) <= kept for st in phase.steps)
    # For a person: only the steps that bring a skill they lack closer to the posting's
    # level (a step for a skill already met at the level asked was kept, and the plan said so).
    de = load_answers(DE, catalog)
    readiness, *_ = post.measure(de, catalog, profile)
    plan = readiness.plan
    assert plan.roadmap == cut.id and plan.to_role == rid and plan.from_role == "data-engineer"
    assert plan.title.endswith("restricted to the posting's skills you lack")
    personal, _ = post.with_posting(catalog, profile, de.levels)
    mine = personal.roadmap_for("data-engineer", rid)
    assert {s.id for s in plan.steps()} == {st.id for st in mine.steps()} < kept
    _teaches_what_the_posting_asks(mine, original, profile, de.levels)
    order = [s.id for s in plan.steps()]
    for step in plan.steps():  # the planner still puts prerequisites first
        assert all(order.index(p) < order.index(step.id) for p in step.prerequisites)
    assert readiness.not_in_plan == plan.untaught  # the planner's rule, as for any plan


def _learned(steps) -> dict[str, int]:
    reached: dict[str, int] = {}
    for st in steps:
        for s, lvl in st.teaches.items():
            reached[s] = max(reached.get(s, 0), lvl)
    return reached


def _teaches_what_the_posting_asks(cut, original, profile, levels) -> None:
    """What a cut must do, said without its algorithm: each asked skill the person lacks
    reaches, through the cut's learning steps, as far toward the posting's level as the whole
    roadmap takes it; and each learning step kept raises at least one of them."""
    learning = [st for ph in cut.phases if ph.kind != "projects" for st in ph.steps]
    every = [st for ph in original.phases if ph.kind != "projects" for st in ph.steps]
    got, could = _learned(learning), _learned(every)
    for s in profile.skills:
        have = levels.get(s.skill, 0)
        if have < s.level and could.get(s.skill, 0) > have:
            assert got.get(s.skill, 0) >= min(s.level, could[s.skill]), s.skill
    lacking = {s.skill: s.level for s in profile.skills if levels.get(s.skill, 0) < s.level}
    for st in learning:
        assert any(
            levels.get(s, 0) < min(lvl, lacking[s]) for s, lvl in st.teaches.items() if s in lacking
        ), st.id


RESEARCH_AD = """\
# Machine Learning Researcher

## Requirements

- Deep expertise in research methods and experimental design.
- Expert at prototyping novel algorithms.
- Extensive reading of the scientific literature; a record of published papers.
"""


def test_a_project_that_uses_a_skill_at_a_level_no_step_teaches_hides_no_gap(tmp_path, catalog):
    # The curated steps teach these three to 3; the posting asks 4; only a project "uses"
    # them at 4, and a project raises no level: the three were missing from not_in_plan.
    profile = post.read_posting(write(tmp_path, RESEARCH_AD), catalog)
    levels = {"python": 3, "research-methods": 1, "algorithm-prototyping": 1}
    you = person(
        catalog, {**levels, "scientific-literature": 1}, person={"current_role": "data-scientist"}
    )
    readiness, *_ = post.measure(you, catalog, profile)
    assert readiness.plan is not None
    assert sorted(readiness.not_in_plan) == [
        "algorithm-prototyping",
        "research-methods",
        "scientific-literature",
    ]


def test_a_cut_plan_keeps_no_project_on_skills_it_cut_and_names_gaps_left_short(catalog):
    # The example ML Engineer posting asks for PyTorch and Kubernetes but not computer vision:
    # the image-classifier project (PyTorch, computer vision, Kubernetes) had no step left
    # teaching computer vision, and the curated Kubernetes step teaches 2 where it asks 3.
    de = load_answers(DE, catalog)
    profile = post.read_posting(EXAMPLES / "postings" / "ml-engineer-fernhill.md", catalog)
    readiness, *_ = post.measure(de, catalog, profile)
    steps = {st.id for st in readiness.plan.steps()}
    assert "project-image-classifier" not in steps and "project-fraud-detection" in steps
    projects = [st for ph in readiness.plan.phases if ph.kind == "projects" for st in ph.steps]
    assert projects  # and none uses a skill still at 0 when it starts ("3 (0 by then)")
    assert all(k.start_level for st in projects for k in st.skills)
    [k8s] = [g for g in readiness.gaps if g.skill == "kubernetes"]
    assert (k8s.your_level, k8s.required_level) == (2, 3)
    assert "kubernetes" in readiness.not_in_plan


def test_without_a_curated_roadmap_the_plan_is_generated_from_the_gaps(tmp_path, catalog):
    profile = profile_of(catalog, write(tmp_path, MLOPS_AD))
    you = person(catalog, {"python": 2}, person={"current_role": "data-analyst"})
    readiness, extended, _ = post.measure(you, catalog, profile)
    plan = readiness.plan
    assert plan.roadmap is None and plan.title.endswith("(generated from your gaps)")
    asked = {s.skill for s in profile.skills}
    taught = {k.skill for s in plan.steps() for k in s.skills}
    assert taught <= asked
    gaps = {g.skill for g in readiness.gaps if g.importance > 1 or g.essential}
    assert gaps <= taught  # every gap that is more than a nice-to-have gets a step
    assert extended.roles[plan.to_role].name == "MLOps Engineer"


def test_a_person_who_meets_the_posting_has_nothing_to_plan(tmp_path, catalog):
    profile = profile_of(catalog, write(tmp_path, DATA_ENGINEER_AD))
    everything = person(catalog, dict.fromkeys(catalog.skills, 4))
    readiness, *_ = post.measure(everything, catalog, profile)
    assert readiness.gaps == [] and readiness.readiness == 1.0
    assert readiness.plan is None and "nothing to plan" in readiness.plan_note


def test_the_report_says_there_is_nothing_to_plan_as_a_sentence(tmp_path, runner, catalog):
    # The note is written to follow "Plan:" in the terminal; in the report it stands alone.
    answers = tmp_path / "all.yaml"
    answers.write_text("skills:\n" + "".join(f"  {s}: 4\n" for s in catalog.skills))
    job, out = write(tmp_path, DATA_ENGINEER_AD), tmp_path / "r.html"
    args = ["report", "--answers", str(answers), "--posting", str(job), "-o", str(out)]
    assert runner.invoke(cli, args).exit_code == 0
    note = "You meet every skill the posting asks for at its level: there is nothing to plan."
    assert f"<p>{note}</p>" in out.read_text()


# --- the commands --------------------------------------------------------------------------


def test_posting_prints_the_profile_and_closest_role(tmp_path, runner):
    job = write(tmp_path, DATA_ENGINEER_AD)
    result = runner.invoke(cli, ["posting", str(job)])
    assert result.exit_code == 0, result.output
    assert "Job posting: Senior Data Engineer" in result.stdout
    assert "The posting's closest role: Data Engineer" in result.stdout
    assert '"5+ years"' in result.stdout and "You and this posting" not in result.stdout


def test_a_closest_role_from_the_title_says_so(tmp_path, runner):
    # By fit alone Data Analyst leads this ad; the title puts Data Scientist first, and a
    # lower fit listed first must not read as a ranking mistake.
    job = write(tmp_path, "Data Scientist\n\nYou must have strong Python and SQL (3+ years).\n")
    result = runner.invoke(cli, ["posting", str(job)])
    assert result.exit_code == 0, result.output
    assert "The posting's closest role: Data Scientist (named in the title; fit " in result.stdout
    untitled = write(tmp_path, "You must have strong Python and SQL (3+ years).\n", "b.txt")
    result = runner.invoke(cli, ["posting", str(untitled)])
    assert "named in the title" not in result.stdout


def test_posting_with_answers_adds_fit_readiness_gaps_and_the_plan(tmp_path, runner):
    job = write(tmp_path, ML_ENGINEER_AD)
    result = runner.invoke(cli, ["posting", str(job), "--answers", str(DE)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "You and this posting" in out and "Gaps for this posting, costliest first" in out
    assert "restricted to the posting's skills" in out  # the curated roadmap, cut


def test_posting_json_conforms_to_its_schema(tmp_path, runner):
    job = write(tmp_path, ML_ENGINEER_AD)
    schema = json_schema("posting")
    for extra in ([], ["--answers", str(DE)]):
        result = runner.invoke(cli, ["posting", str(job), *extra, "--json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert errors(data, schema, schema) == []
        assert post.PostingMatch.model_validate(data).model_dump(mode="json") == data
        assert (data["person"] is None) == (not extra)


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "file not found"),
        ("We sell and repair bicycles.\n", "no catalogue skill found in it"),
        (b"\xff\xfe\x00\x01binary\x00", ""),
        (b"%PDF-1.7 this is no PDF at all", ""),
    ],
)
def test_bad_postings_are_one_clear_error(tmp_path, runner, content, message):
    pdf = isinstance(content, bytes) and content.startswith(b"%PDF")
    job = tmp_path / ("job.pdf" if pdf else "job.txt")
    if isinstance(content, str):
        job.write_text(content)
    elif content is not None:
        job.write_bytes(content)
    result = runner.invoke(cli, ["posting", str(job)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {job}") and message in result.stderr
    assert "Traceback" not in result.output


def test_a_hostile_title_reaches_the_terminal_escaped(tmp_path, runner):
    job = write(tmp_path, "Python \x1b]0;owned\x07 dev \u202e\n\nRequirements\n- Strong SQL\n")
    result = runner.invoke(cli, ["posting", str(job)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.stdout and "\u202e" not in result.stdout
    assert "\\x1b" in result.stdout


def test_assess_with_a_posting_shows_the_posting_after_the_ranking(tmp_path, runner):
    job = write(tmp_path, ML_ENGINEER_AD)
    result = runner.invoke(cli, ["assess", "--answers", str(DE), "--posting", str(job)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert out.index("Role match") < out.index("Job posting: Machine Learning Engineer")
    assert "You and this posting" in out and "careerpath plan --posting JOB" in out
    as_json = runner.invoke(cli, ["assess", "--answers", str(DE), "--posting", str(job), "--json"])
    data = json.loads(as_json.stdout)
    schema = json_schema("posting")
    assert errors(data, schema, schema) == [] and data["person"]["plan"] is not None


def test_plan_with_a_posting_plans_toward_it(tmp_path, runner):
    job = write(tmp_path, ML_ENGINEER_AD)
    args = ["plan", "--answers", str(DE), "--posting", str(job)]
    data = json.loads(runner.invoke(cli, [*args, "--json"]).stdout)
    assert data["to_role"] == "posting"
    assert data["roadmap"] == "data-engineer-to-ml-engineer-for-posting"
    text = runner.invoke(cli, args)
    assert text.exit_code == 0 and "to Machine Learning Engineer" in text.stdout
    both = runner.invoke(cli, [*args, "--target", "ml-engineer"])
    assert both.exit_code == 2 and "--posting JOB is the target" in both.stderr


def test_report_has_the_section_this_posting_in_html_and_pdf(tmp_path, runner):
    job = write(tmp_path, ML_ENGINEER_AD)
    html = tmp_path / "r.html"
    args = ["report", "--answers", str(DE), "--posting", str(job), "--date", "2026-12-01"]
    assert runner.invoke(cli, [*args, "-o", str(html)]).exit_code == 0
    page = html.read_text()
    assert '<section id="posting"' in page and "This posting: Machine Learning Engineer" in page
    # After the two summary pages (summary and mentor review), before the detail.
    assert page.index('id="mentor"') < page.index('id="posting"') < page.index('id="roles"')
    data = json.loads(runner.invoke(cli, ["posting", str(job), "-a", str(DE), "--json"]).stdout)
    you = data["person"]
    pdf = tmp_path / "r.pdf"
    result = runner.invoke(cli, [*args, "-o", str(pdf)])
    assert result.exit_code == 0, result.output
    tool = require_tool("pdftotext")
    text = subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True).stdout
    text = " ".join(text.split())
    assert "This posting: Machine Learning Engineer" in text
    assert f"readiness {you['readiness'] * 100:.0f}%" in text
    assert "Gaps for this posting, costliest first" in text
    # The plan-only document plans toward the posting.
    plan_pdf = tmp_path / "plan.html"
    plan = runner.invoke(
        cli, ["plan", "--answers", str(DE), "--posting", str(job), "-o", str(plan_pdf)]
    )
    assert plan.exit_code == 0, plan.output
    assert "restricted to the posting" in plan_pdf.read_text()


def test_a_redacted_report_names_the_posting_file_but_not_its_folder(tmp_path, runner):
    folder = tmp_path / "ana-souza-private"
    folder.mkdir()
    job = write(folder, ML_ENGINEER_AD)
    html = tmp_path / "r.html"
    args = ["report", "-a", str(DE), "--posting", str(job), "-o", str(html), "--redact"]
    assert runner.invoke(cli, args).exit_code == 0
    page = html.read_text()
    assert "ana-souza-private" not in page and "<code>ad.md</code>" in page


def test_report_refuses_to_overwrite_the_posting_and_posting_with_batch(tmp_path, runner):
    job = write(tmp_path, ML_ENGINEER_AD, "job.html")
    result = runner.invoke(
        cli, ["report", "--answers", str(DE), "--posting", str(job), "-o", str(job), "--force"]
    )
    assert result.exit_code != 0 and job.read_text() == ML_ENGINEER_AD
    batch = runner.invoke(cli, ["report", "--batch", str(tmp_path), "--posting", str(job)])
    assert batch.exit_code == 2


def test_without_a_posting_the_outputs_are_unchanged(tmp_path, runner, catalog):
    # The goldens (tests/test_golden.py) hold the texts; here the HTML: no posting section.
    html = tmp_path / "r.html"
    args = ["report", "--answers", str(ANALYST), "-o", str(html), "--date", "2026-12-01"]
    assert runner.invoke(cli, args).exit_code == 0
    page = html.read_text()
    assert '<section id="posting"' not in page and "<dt>This posting</dt>" not in page


# --- every format a posting comes in ---------------------------------------------------------


def _as_html(markdown: str, head: str = "") -> str:
    def element(line: str) -> str:
        if line.startswith("# "):
            return f"<h1>{line[2:]}</h1>"
        if line.startswith("## "):
            return f"<h2>{line[3:]}</h2>"
        return f"<li>{line[2:]}</li>" if line.startswith("- ") else f"<p>{line}</p>"

    body = "".join(element(line) for line in markdown.splitlines() if line.strip())
    return f"<html><head>{head}</head><body>{body}</body></html>"


def _as_docx(markdown: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for line in filter(str.strip, markdown.splitlines()):
        if line.startswith("#"):
            document.add_heading(line.lstrip("# "), 0 if line.startswith("# ") else 1)
        elif line.startswith("- "):
            document.add_paragraph(line[2:], style="List Bullet")
        else:
            document.add_paragraph(line)
    document.save(path)


def test_pdf_docx_and_html_postings_give_the_profile_of_the_text(tmp_path, catalog):
    from careerpath.render.pdf import pdf_bytes

    expected = post.read_posting(write(tmp_path, MLOPS_AD), catalog)
    html = _as_html(MLOPS_AD)
    write(tmp_path, html, "ad.html")
    (tmp_path / "ad.pdf").write_bytes(pdf_bytes(html, title="MLOps Engineer"))
    _as_docx(MLOPS_AD, tmp_path / "ad.docx")
    for name in ("ad.html", "ad.pdf", "ad.docx"):
        got = post.read_posting(tmp_path / name, catalog)
        assert got.kind == name.rsplit(".", 1)[1]
        assert (got.title, got.closest_role) == ("MLOps Engineer", "mlops-engineer"), name
        assert skills_of(got) == skills_of(expected), name


def test_a_page_saved_from_a_browser_keeps_scripts_and_navigation_out(tmp_path, catalog):
    trail = "<p>Home | Careers | Engineering</p>"
    head = "<script>document.write('Must have: expert Scala')</script>"
    page = _as_html(MLOPS_AD, head).replace("<body>", "<body>" + trail)
    page = page.replace("</body>", '<img src="https://tracker.example.com/p.gif"></body>')
    profile = post.read_posting(write(tmp_path, page, "saved.html"), catalog)
    assert profile.title == "MLOps Engineer"  # not the navigation trail
    assert "scala" not in skills_of(profile)  # a script's text is no part of the posting


@pytest.mark.parametrize(
    ("title", "roles"),
    [
        ("Lead Business Analyst – Data and AI Enablement", {"business-analyst"}),
        ("SENIOR DATA ENGINEER - STREAMING PLATFORM", {"data-engineer"}),
        ("Research Scientist - Robot Learning", {"ml-researcher"}),
        ("Lead MLOps Engineer – LLM Platform", {"mlops-engineer"}),
        ("Senior ML Engineer, MLOps", {"ml-engineer", "mlops-engineer"}),
        ("Tax Specialist (PM office, BA team)", set()),  # short aliases name nothing
        ("Metadata Engineering lead", set()),  # whole words only
    ],
)
def test_the_roles_a_title_names(catalog, title, roles):
    assert post.titled_roles(title, catalog) == roles


def test_a_role_the_title_names_comes_first(tmp_path, catalog):
    # By its skills this ad is a data engineer's; retitled as an analyst's, the title wins.
    plain = profile_of(catalog, write(tmp_path, DATA_ENGINEER_AD))
    titled = DATA_ENGINEER_AD.replace(plain.title or "", "Senior Data Analyst", 1)
    profile = profile_of(catalog, write(tmp_path, titled, "titled.md"))
    assert plain.closest_role == "data-engineer"
    assert profile.title == "Senior Data Analyst"
    assert profile.closest_role == "data-analyst"
    fit = {r.role: r.fit for r in profile.roles}
    assert fit["data-analyst"] < fit["data-engineer"]
    assert [r.rank for r in profile.roles] == list(range(1, len(profile.roles) + 1))
    rest = [r.fit for r in profile.roles[1:]]
    assert rest == sorted(rest, reverse=True)


def test_monitoring_models_for_drift_is_model_monitoring(catalog):
    """The example posting's "monitor models in production for drift" named no skill: the
    skill is "Model monitoring and drift detection", which only its longer names matched."""
    example = Path(__file__).parent.parent / "examples" / "postings" / "ml-engineer-fernhill.md"
    profile = post.read_posting(example, catalog)
    [monitoring] = [s for s in profile.skills if s.skill == "model-monitoring"]
    assert "monitor models in production for drift" in monitoring.evidence[0].text
    for name in ("drift", "concept drift", "monitor models"):
        assert catalog.resolve_skill(name) == "model-monitoring", name


def test_the_persons_standing_counts_the_catalogue_roles_that_fit_better(runner):
    """ "by fit it would rank 7 of 10 among the catalogue's roles" counted the posting as one
    of the catalogue's 9 roles; and the two fits (the posting's to a role, the person's to
    the posting) were both just "fit"."""
    example = Path(__file__).parent.parent / "examples"
    args = ["posting", str(example / "postings" / "ml-engineer-fernhill.md")]
    answers = str(example / "answers" / "data-engineer-to-ml.yaml")
    result = runner.invoke(cli, [*args, "--answers", answers])
    assert result.exit_code == 0, result.output
    out = " ".join(result.stdout.split())
    assert out.startswith("Job posting: ") and "The posting's closest role: ML Engineer" in out
    match = re.search(r"(\d+) of the catalogue's 9 roles fits? you better", out)
    assert match, out
    rank = json.loads(runner.invoke(cli, [*args, "--answers", answers, "--json"]).stdout)
    assert int(match[1]) == rank["person"]["rank"] - 1
    # The posting marks no skill essential: "0/0 essentials met" said nothing.
    assert rank["person"]["essentials_total"] == 0
    assert "no skill asked as essential" in out and "0/0" not in out


def test_the_report_says_the_persons_standing_as_the_terminal_does(runner, tmp_path):
    # The report still said "by fit it would rank 7 of 10 among the roles" and "essential
    # skills met 0 of 0" after the terminal had stopped saying either.
    example = Path(__file__).parent.parent / "examples"
    html = tmp_path / "r.html"
    args = ["report", "--answers", str(example / "answers" / "data-engineer-to-ml.yaml")]
    args += ["--posting", str(example / "postings" / "ml-engineer-fernhill.md"), "-o", str(html)]
    assert runner.invoke(cli, args).exit_code == 0
    text = " ".join(html.read_text().split())
    assert re.search(r"\d+ of the catalogue's 9 roles fits? you better", text)
    assert "no skill asked as essential" in text
    assert "among the roles" not in text and "met 0 of 0" not in text


def test_a_role_title_in_a_posting_asks_for_no_skill_but_a_cv_line_is_evidence(tmp_path, catalog):
    # "3+ years as a ... machine learning engineer" asked for years in a job; read as a
    # supervised-learning ask, it made that skill essential at 3 in the example posting.
    ad = write(
        tmp_path,
        "# Data Platform Lead\n\n## Requirements\n\n"
        "- 3+ years of experience as a software, data or machine learning engineer.\n"
        "- Strong Python.\n",
    )
    asked = skills_of(post.read_posting(ad, catalog))
    assert "python" in asked and "supervised-learning" not in asked
    fernhill = post.read_posting(EXAMPLES / "postings" / "ml-engineer-fernhill.md", catalog)
    [supervised] = [s for s in fernhill.skills if s.skill == "supervised-learning"]
    assert not supervised.essential and "supervised learning" in supervised.evidence[0].text
    # In a CV the same words say what the person did: still evidence there.
    from careerpath.extraction import find_skills

    cv = write(tmp_path, "Machine learning engineer for five years at Acme.\n", "cv.md")
    assert "supervised-learning" in {f.skill for f in find_skills(read_document_text(cv), catalog)}


def test_posting_warns_of_a_start_in_the_past_as_plan_does(runner):
    example = Path(__file__).parent.parent / "examples"
    answers = str(example / "answers" / "data-engineer-to-ml.yaml")
    job = str(example / "postings" / "ml-engineer-fernhill.md")
    for args in (["posting", job, "--answers", answers], ["plan", "--posting", job, "-a", answers]):
        result = runner.invoke(cli, [*args, "--start", "2020-01-06"])
        assert result.exit_code == 0, result.output
        assert "--start 2020-01-06 is before" in result.stderr, args


MLOPS_NORTHWIND = """\
# MLOps Engineer

## What you'll do

- Build and maintain CI/CD pipelines that train, test and deploy machine learning models.
- Run model training and serving workloads on Kubernetes (EKS).
- Set up monitoring for model performance and data drift, with Prometheus and Grafana.

## Requirements

- Strong experience with Docker and Kubernetes.
- Experience building CI/CD pipelines (GitHub Actions, GitLab CI or Jenkins).
"""


def test_a_cut_plan_drops_a_step_that_adds_nothing_the_posting_asks(tmp_path, catalog):
    # A backend engineer with CI/CD at the posting's 3: the curated continuous-training step
    # (CI/CD 3 -> 4, monitoring already at 3 from the step before it) was 50-100 h of a
    # plan "restricted to the posting's skills you lack".
    profile = post.read_posting(write(tmp_path, MLOPS_NORTHWIND), catalog)
    levels = {"python": 3, "docker": 3, "kubernetes": 2, "ci-cd-ct": 3, "git": 3}
    you = person(catalog, levels, person={"current_role": "ml-engineer"})
    readiness, *_ = post.measure(you, catalog, profile)
    steps = {st.id for st in readiness.plan.steps()}
    assert "observability" in steps and "continuous-training" not in steps


def test_machine_learning_in_a_posting_names_the_field_not_supervised_learning(tmp_path, catalog):
    # "Solid understanding of the machine learning lifecycle" in an MLOps posting was read as
    # supervised learning at 3, importance 5: the second-largest gap, for a skill never asked.
    ad = write(
        tmp_path,
        "# MLOps Engineer\n\n## Requirements\n\n"
        "- Experience deploying and serving machine learning models.\n"
        "- Solid understanding of the machine learning lifecycle.\n"
        "- Strong experience with Docker.\n",
    )
    asked = skills_of(post.read_posting(ad, catalog))
    assert "docker" in asked and "supervised-learning" not in asked
    # A posting that names the skill itself still asks for it; a CV's words still count.
    named = write(
        tmp_path, "# Data Scientist\n\n## Requirements\n\n- Supervised learning.\n", "b.md"
    )
    assert "supervised-learning" in skills_of(post.read_posting(named, catalog))
    from careerpath.extraction import find_skills

    cv = write(tmp_path, "Built machine learning models for churn at Acme.\n", "cv.md")
    assert "supervised-learning" in {f.skill for f in find_skills(read_document_text(cv), catalog)}


def test_role_titles_in_the_plural_or_beside_a_slash_ask_for_no_skill(tmp_path, catalog):
    # "machine learning engineers" and "Data Scientist/Machine Learning Engineer" were not
    # seen as role titles: supervised learning was asked, in the title even, as essential.
    ad = write(
        tmp_path,
        "# Senior Data Scientist/Machine Learning Engineer\n\n## Requirements\n\n"
        "- Work closely with machine learning engineers to ship models.\n- Strong Python.\n",
    )
    profile = post.read_posting(ad, catalog)
    assert "supervised-learning" not in skills_of(profile)
    assert post.titled_roles(profile.title, catalog) == {"data-scientist", "ml-engineer"}
