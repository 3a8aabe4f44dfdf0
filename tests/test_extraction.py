"""Finding catalogue skills in a CV's sentences, and the levels suggested from them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from careerpath import extraction
from careerpath.document_text import (
    DocumentText,
    Passage,
    passages_from_lines,
    read_document_text,
)
from careerpath.extraction import (
    DESCRIPTOR_MIN,
    MAX_EVIDENCE,
    Finding,
    cue_shift,
    find_skills,
    found_names,
    names_of,
    stated_years,
    years_level,
)

EXAMPLE_CV = Path(__file__).parents[1] / "examples" / "cv" / "daniel-okafor.md"


def doc(*lines: str, page: int | None = None) -> DocumentText:
    return DocumentText(Path("cv.md"), "markdown", tuple(passages_from_lines(lines, page)))


def found(catalog, *lines: str) -> dict[str, Finding]:
    return {f.skill: f for f in find_skills(doc(*lines), catalog)}


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Deployed services on K8s.", "kubernetes"),
        ("Wrote PySpark jobs.", "spark"),
        ("Trained models with scikit learn.", "scikit-learn"),
        ("Trained models with Scikit-Learn.", "scikit-learn"),
        ("Trained models with sklearn.", "scikit-learn"),
        ("Set up CI/CD for the team.", "ci-cd-ct"),
        ("Set up CICD for the team.", "ci-cd-ct"),
        ("Built reports in Power BI.", "bi-reporting"),
        ("Built reports in PowerBI.", "bi-reporting"),
        ("Ran A/B testing programmes.", "ab-testing"),
        ("Ran A/B tests on pricing.", "ab-testing"),
        ("Wrote unit tests.", "software-testing"),
        ("Loaded a data warehouse every night.", "data-warehouses"),  # singular of a plural
        ("Scheduled the DAGs in Apache Airflow.", "airflow"),  # the id names it too
        ("Kept everything in Azure.", "azure"),
        ("Detected objects with OpenCV.", "computer-vision"),  # part of "Computer vision (OpenCV)"
        ("Wrote Java and C++ services.", "java-cpp"),
        ("Prototyped in Keras.", "tensorflow"),  # part of "TensorFlow / Keras"
    ],
)
def test_names_and_aliases_in_any_spelling(catalog, text, skill):
    finding = found(catalog, text)[skill]
    assert finding.method == "name"
    assert finding.score == 1.0
    assert finding.passages[0].text == text


def test_a_name_is_a_whole_word(catalog):
    skills = found(catalog, "Wrote JavaScript and TypeScript front ends; sparked interest.")
    assert "java-cpp" not in skills
    assert "spark" not in skills


def test_the_longest_name_wins_where_names_overlap(catalog):
    # "A/B testing" is the experiment skill, not software testing; "business metrics" is
    # business impact, not model evaluation metrics.
    skills = found(catalog, "Ran A/B testing on pricing and reported business metrics.")
    assert {"ab-testing", "business-impact"} <= set(skills)
    assert "software-testing" not in skills
    assert "evaluation-metrics" not in skills


def test_names_of_splits_a_name_that_lists_several(catalog):
    assert "OpenCV" in names_of(catalog.skills["computer-vision"])
    assert {"Agile", "Scrum"} <= set(names_of(catalog.skills["project-management"]))
    assert "drift detection" in names_of(catalog.skills["model-monitoring"])
    # One-word parts of "X and Y" would name too much ("Distributed", "Model", "Reading").
    assert "Distributed" not in names_of(catalog.skills["distributed-training"])
    assert "Model" not in names_of(catalog.skills["model-versioning"])


@pytest.mark.parametrize(
    "text",
    [
        "Worked closely with the r&d team.",
        "Led R&D on pricing.",
        "References from John R. Smith.",
        "see item r in the list",
        "My CV is attached; the CV has two pages.",
        "Great attention to detail.",
        "I excel at explaining things.",
        "Requirements: a degree.",
        "Defined success metrics with the sales director.",
        "Tracked the linear growth of revenue.",
        # look-alikes of the set phrases of DESCRIBED
        "Trained supervised learning models.",
        "Self-supervised methods for ranking.",
        "Ran the team meetings' notes through a summariser.",
        "Reported the bug to the vendor's tracker.",
    ],
)
def test_ambiguous_short_names_and_common_words_need_context(catalog, text):
    skills = found(catalog, text)
    wrong = {"r", "computer-vision", "transformers", "spreadsheets", "stakeholder-management"}
    wrong |= {"evaluation-metrics", "issue-trackers", "leadership", "communication"}
    assert not wrong & set(skills), skills


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Languages: Python, R, SQL.", "r"),  # next to other languages
        ("Statistical modelling in R with ggplot2 and dplyr.", "r"),  # R's own words
        ("Implemented self-attention and encoder-decoder layers from scratch.", "transformers"),
        ("Trained CV models for defect detection and segmentation on images.", "computer-vision"),
        ("Used TF and PyTorch.", "tensorflow"),
        ("Reported precision, recall and ROC AUC as metrics.", "evaluation-metrics"),
        ("Modelled spend in Excel.", "spreadsheets"),
    ],
)
def test_ambiguous_names_count_with_context(catalog, text, skill):
    finding = found(catalog, text)[skill]
    assert finding.method == "name"
    assert finding.score <= 1.0


def test_a_skill_never_named_is_found_by_its_descriptors(catalog):
    text = "Wrote window functions and CTEs and read EXPLAIN plans to rewrite slow queries."
    finding = found(catalog, text)["sql"]
    assert finding.method == "descriptor"
    assert DESCRIPTOR_MIN <= finding.score <= 1
    assert finding.level == 3  # the proficient descriptor is the one it reads like
    assert finding.passages[0].text == text


def test_generic_sentences_find_nothing_by_descriptors(catalog):
    skills = found(
        catalog,
        "Jane Example",
        "Worked with a great team on interesting problems.",
        "Hobbies: hiking, chess and cooking.",
        "Education: BSc, University of Somewhere, 2015.",
    )
    assert skills == {}


@pytest.mark.parametrize(
    "line",
    [
        "jane@example.com · github.com/jane · +44 20 7946 0000",
        "https://github.com/jane-doe | gitlab.com/jane | jane@bitbucket.org",
        "Portfolio: www.github.com/jane/churn-model",
        "Contact: jane@github.example.com",
    ],
)
def test_a_web_or_email_address_names_no_skill(catalog, line):
    # A profile link is where someone's code is, not a claim that they use Git.
    assert found_names(line, catalog) == []
    assert "git" not in found(catalog, line)


@pytest.mark.parametrize(
    "line",
    [
        "Ran code reviews on GitHub for the team.",
        "Moved our repositories from Bitbucket to GitLab.",
        "Tools: Git & GitHub Actions, Docker.",
    ],
)
def test_a_sentence_about_github_is_evidence_of_git(catalog, line):
    skills = found(catalog, "jane@example.com · github.com/jane", line)
    assert [p.text for p in skills["git"].passages] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Kaggle XGBoost tutorial notebook",
        "Worked through a Kaggle XGBoost tutorial notebook.",
        "Completed a Kaggle course on XGBoost.",
        "Kaggle Docker tutorial notebook",
        "Followed a Tableau tutorial notebook.",
    ],
)
def test_the_words_of_a_level_find_no_other_skill(catalog, line):
    # "Tutorial notebook" says how far someone got, not in what: it is half of unsupervised
    # learning's aware descriptor, and must not find that skill in a sentence naming another.
    skills = found(catalog, line)
    assert len(skills) == 1, skills
    assert next(iter(skills.values())).level == 1


def test_a_named_skill_also_takes_its_described_sentences_as_evidence(catalog):
    skills = found(
        catalog,
        "Skills: SQL, Python.",
        "Wrote window functions and CTEs and read EXPLAIN plans to rewrite slow queries.",
    )
    assert skills["sql"].method == "name"
    assert skills["sql"].level == 3
    assert skills["sql"].passages[0].text.startswith("Wrote window functions")


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        ("Skills: Python, Docker.", "docker", 2),  # named, nothing more: working
        ("5 years of Python.", "python", 3),
        ("8+ years of SQL.", "sql", 4),
        ("Ten years of SQL.", "sql", 4),
        ("Six months of Scala.", "scala", 2),  # months are not years
        ("Under a year with Scala, 0.5 years in all.", "scala", 1),
        ("Led the design of a Kafka platform that ran in production.", "kafka", 3),
        ("Architected the Snowflake warehouse.", "data-warehouses", 3),
        ("Familiar with Terraform.", "infrastructure-as-code", 1),
        ("Coursework in PyTorch.", "pytorch", 1),
        ("Some exposure to Docker.", "docker", 1),
        ("Designed multi-account AWS architectures with landing zones.", "aws", 4),
        ("Followed a free-tier tutorial to create an S3 bucket.", "aws", 1),
    ],
)
def test_levels_from_descriptors_years_and_what_was_done(catalog, text, skill, level):
    assert found(catalog, text)[skill].level == level


def years(catalog, text: str) -> float | None:
    """``stated_years`` as ``find_skills`` calls it: with the names the sentence has."""
    return stated_years(text, [(start, end) for start, end, _ in found_names(text, catalog)])


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("5 years of Python", 5),
        ("8+ yrs of SQL, 3 years of Go", 8),
        ("3-5 years of Spark", 3),
        ("five years in analytics", 5),
        ("5+ years experience with SQL", 5),
        ("five years' experience in analytics", 5),
        ("Data engineer with seven years of experience.", 7),
        ("Used Python for 5 years.", 5),
        ("Built Excel models for workforce planning, 3 years.", 3),
        ("Eleven years of clinical practice.", 11),
        ("8 years of hands-on Kubernetes.", 8),
        ("Four years of computer vision in manufacturing.", 4),
        ("Ten years of analysing noisy telescope data.", 10),
        ("After eight years running restaurants.", 8),
        # Years a dataset or records cover, and years that are no time spent at all.
        ("Logistic regression in Python on five years of HR data.", None),
        ("Trained on a five-year dataset.", None),
        ("Cleaned 5 years of records in SQL.", None),
        ("Parsed 5 years of logs with Python.", None),
        ("Loaded 5 years of history into Snowflake.", None),
        ("Forecast sales from two years of training data.", None),
        ("Analysed 3 years of a bakery chain's till data in Python.", None),
        ("Moved to Spark 3 years ago.", None),
        ("Archived ten years' worth of logs in S3.", None),
        ("in 2019 I joined", None),
        ("Python 3.11", None),
    ],
)
def test_only_years_of_experience_count(catalog, text, stated):
    assert years(catalog, text) == stated


def test_years_and_cues():
    assert [years_level(y) for y in (0.5, 1, 2, 3, 7, 8, 20)] == [1, 2, 2, 3, 3, 4, 4]
    assert cue_shift("Led the migration") == 1
    assert cue_shift("Familiar with Airflow") == -1
    assert cue_shift("Led a course on Airflow") == 0
    assert cue_shift("Wrote Airflow DAGs") == 0


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("Terraform (learning)", -1),
        ("Started learning Rust", -1),
        # "machine learning" is a field, not someone learning
        ("Led the machine learning platform team's migration.", 1),
        ("Designed deep-learning models for defect detection.", 1),
        ("Architected a reinforcement learning simulator.", 1),
        ("Familiar with machine learning", -1),
    ],
)
def test_learning_lowers_a_level_but_not_the_learning_of_a_field(text, shift):
    assert cue_shift(text) == shift


def test_owning_raises_a_level(catalog):
    assert found(catalog, "I own the Airflow DAGs on AWS.")["airflow"].level == 3
    assert found(catalog, "She owns the Kafka ingestion.")["kafka"].level == 3
    assert found(catalog, "Wrote Airflow DAGs on our own servers.")["airflow"].level == 2


def test_a_bracketed_level_is_the_skill_it_follows_alone(catalog):
    skills = found(catalog, "Python, SQL (advanced), Scala, Terraform (learning), Docker.")
    levels = {s: skills[s].level for s in ("python", "sql", "scala", "docker")}
    assert levels == {"python": 2, "sql": 3, "scala": 2, "docker": 2}
    assert skills["infrastructure-as-code"].level == 1
    # Without the brackets, "learning" is the whole sentence's cue, as before.
    assert found(catalog, "Python, Docker, learning Terraform.")["docker"].level == 1
    # The prefill of the example CV quotes the stronger sentence for SQL and Airflow, not the
    # junior job's "Wrote ETL jobs in Python and SQL".
    cv = find_skills(read_document_text(EXAMPLE_CV), catalog)
    by_skill = {f.skill: f for f in cv}
    assert (by_skill["sql"].level, by_skill["sql"].passages[0].line) == (3, 42)
    assert (by_skill["airflow"].level, by_skill["airflow"].passages[0].line) == (3, 9)


# The walkthrough's bullet (issue: "five years of HR data" read as five years' experience),
# and the same bullet with the years the data covers said otherwise.
HR_DATA = (
    "Designed the attrition-risk analysis: logistic regression in Python (pandas, "
    "scikit-learn) on five years of HR data; presented the findings to the board."
)
HR_DATES = HR_DATA.replace("five years of HR data", "HR data from 2019 to 2024")


def test_years_of_data_are_not_years_of_experience(catalog):
    skills = ("python", "pandas", "scikit-learn", "supervised-learning", "communication")
    data, dates = found(catalog, HR_DATA), found(catalog, HR_DATES)
    assert {s: data[s].level for s in skills} == {s: dates[s].level for s in skills}
    assert all(data[s].level == 3 for s in skills), {s: data[s].level for s in skills}
    # Years of experience in the same sentence still set the level.
    years_of_python = found(catalog, HR_DATA.replace("in Python", "in Python (8 years)"))
    assert years_of_python["python"].level == 4


def test_the_highest_level_and_its_sentence_come_first_and_evidence_is_bounded(catalog):
    lines = [
        "Skills: Python.",
        "Some coursework in Python.",
        "7 years of Python.",
        "Python scripts.",
        "More Python.",
    ]
    finding = found(catalog, *lines)["python"]
    assert finding.level == 3
    assert finding.passages[0].text == "7 years of Python."
    assert len(finding.passages) == MAX_EVIDENCE
    assert [p.line for p in finding.passages] == [3, 1, 4]  # then the document's order


def test_findings_are_sorted_by_skill_and_deterministic(catalog):
    cv = doc(
        "Built Kafka streams, dbt models and Airflow DAGs on AWS with Terraform.",
        "Python, SQL, Docker, K8s.",
        page=2,
    )
    first = find_skills(cv, catalog)
    assert [f.skill for f in first] == sorted(f.skill for f in first)
    assert len({f.skill for f in first}) == len(first)
    assert first == find_skills(cv, catalog)
    for finding in first:
        assert finding.skill in catalog.skills
        assert 1 <= finding.level <= 4
        assert 0 <= finding.score <= 1
        assert 1 <= len(finding.passages) <= MAX_EVIDENCE
        assert finding.passages[0].where().startswith("page 2, line ")


def test_an_empty_document_finds_nothing(catalog):
    assert find_skills(DocumentText(Path("cv.txt"), "text", ()), catalog) == []
    assert find_skills(doc("   ", ""), catalog) == []


def test_a_long_sentence_is_matched_in_bounded_time(catalog):
    # A hostile run of separators and letters must not make the names pattern backtrack.
    text = ("a-" * 400) + "b" + (" /" * 300)
    cv = DocumentText(Path("cv.txt"), "text", (Passage(text, 1),) * 50)
    assert isinstance(find_skills(cv, catalog), list)


def test_importing_extraction_does_not_import_scikit_learn():
    code = (
        "import json, sys, careerpath.extraction\n"
        "print(json.dumps('sklearn' in {m.split('.')[0] for m in sys.modules}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) is False
    assert "sklearn" not in extraction.__dict__


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Labelled 20k images for a defect detector.", "data-labelling"),
        ("Annotated clinical notes for entity extraction.", "data-labelling"),
        ("Prototyped new architectures for speech recognition.", "algorithm-prototyping"),
        ("Collaborated with product and design teams.", "collaboration"),
        ("Communicated the results in plain words.", "communication"),
    ],
)
def test_the_verb_of_a_name_of_an_activity_names_it(catalog, text, skill):
    assert found(catalog, text)[skill].method == "name"


def test_a_verb_that_mostly_means_something_else_names_nothing(catalog):
    assert "prompt-engineering" not in found(catalog, "Prompted the team to adopt code review.")


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Presented the findings quarterly to the CMO and CFO.", "communication"),
        ("Able to explain complex findings to non-specialist audiences.", "communication"),
        ("Excellent written English.", "communication"),
        ("Led a team of ten agents.", "leadership"),
        ("Mentor two engineers.", "leadership"),
        ("Co-supervise two PhD interns each summer.", "leadership"),
        ("Knowledge of energy markets.", "domain-knowledge"),
        ("Deep clinical knowledge in internal medicine.", "domain-knowledge"),
        ("Explored smart-meter data to find faulty meters.", "exploratory-analysis"),
    ],
)
def test_skills_described_in_set_phrases(catalog, text, skill):
    assert skill in found(catalog, text)


def test_two_ambiguous_names_of_one_skill_confirm_each_other(catalog):
    assert "scientific-literature" in found(catalog, "Published two papers at NeurIPS.")


@pytest.mark.parametrize(
    "words",
    [
        ("labelled", "labels", "labelling", "label"),
        ("annotated", "annotation", "annotate", "annotations"),
        ("modelling", "models", "model"),
        ("prototyped", "prototype", "prototyping"),
    ],
)
def test_stem_puts_word_forms_together(words):
    assert len({extraction.stem(w) for w in words}) == 1


def test_stem_keeps_apart_what_differs():
    assert extraction.stem("analysis") != extraction.stem("analyst")
    assert extraction.stem("region") == "region"
    assert extraction.stem("python3") == "python3"


# --- Portuguese CVs: the names of every language, and the cues in Portuguese ----------------


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Uso estatística no trabalho.", "statistics"),
        ("Faço testes de hipótese.", "statistics"),  # not "testes", software testing
        ("Uso regressão linear.", "supervised-learning"),
        ("Faço análise exploratória de dados.", "exploratory-analysis"),
        ("Uso estatistica e regressao.", "statistics"),  # typed without accents
        ("Treinei modelos de classificações e regressões.", "supervised-learning"),  # plural
        ("Fiz análises exploratórias.", "exploratory-analysis"),  # noun and adjective
        ("Treinei redes neurais convolucionais.", "cnn"),
        ("Fiz analises exploratorias.", "exploratory-analysis"),
        ("Montei painéis para o time comercial.", "bi-reporting"),
        ("Escrevi testes unitários.", "software-testing"),
        ("Criei pipelines de dados em Airflow.", "etl-pipelines"),
    ],
)
def test_the_names_of_every_language_are_found(catalog, text, skill):
    finding = found(catalog, text)[skill]
    assert finding.method == "name"
    assert finding.passages[0].text == text


def test_portuguese_common_words_need_context_as_english_ones_do(catalog):
    assert "evaluation-metrics" not in found(catalog, "Acompanhei as métricas do time.")
    assert "software-testing" not in found(catalog, "Fiz testes de carga nos servidores.")
    assert "calculus" not in found(catalog, "Responsável pelo cálculo das comissões.")
    assert "security" not in found(catalog, "Técnica em segurança do trabalho.")
    # Confirmed by another skill of its category, as "Python and R" confirms R.
    skills = found(catalog, "Métricas de avaliação, precisão e recall e validação cruzada.")
    assert {"evaluation-metrics", "model-validation"} <= set(skills)


def test_a_portuguese_title_is_a_role_not_a_skill_in_a_posting(catalog):
    line = "3 anos como engenheira de machine learning."
    assert "supervised-learning" not in {
        f.skill for f in find_skills(doc(line), catalog, in_titles=False)
    }
    assert "supervised-learning" in found(catalog, line)


@pytest.mark.parametrize(
    ("portuguese", "english", "skill", "level"),
    [
        ("Conhecimento básico em Python.", "Basic knowledge of Python.", "python", 1),
        ("Familiarizada com Docker.", "Familiar with Docker.", "docker", 1),
        ("Familiarizado com Docker.", "Familiar with Docker.", "docker", 1),
        ("Noções de Kubernetes.", "Exposure to Kubernetes.", "kubernetes", 1),
        ("Curso de Airflow na Alura.", "Airflow course on Coursera.", "airflow", 1),
        ("SQL há 6 anos, nível avançado.", "SQL for 6 years, advanced level.", "sql", 3),
        ("4 anos de experiência com Python.", "4 years of experience with Python.", "python", 3),
        ("Cinco anos de Python.", "Five years of Python.", "python", 3),
        ("Python há 10 anos.", "Python for 10 years.", "python", 4),
        ("Liderei a migração para Kafka.", "Led the migration to Kafka.", "kafka", 3),
        ("Coordenei a adoção de Airflow.", "Led the adoption of Airflow.", "airflow", 3),
        ("Liderei a equipe de BI.", "Led the BI team.", "leadership", 3),
        ("Especialista em Spark.", "Spark expert.", "spark", 3),
        (
            "Apresentei os resultados para a diretoria.",
            "Presented the results to the board.",
            "communication",
            2,
        ),
    ],
)
def test_portuguese_cues_read_as_the_english_ones(catalog, portuguese, english, skill, level):
    assert found(catalog, english)[skill].level == level
    assert found(catalog, portuguese)[skill].level == level


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Apresentei a análise de churn para a diretoria.", "communication"),
        ("Explico os modelos aos gestores das áreas de negócio.", "communication"),
        ("Gerenciei um time de cinco analistas.", "leadership"),
        ("Mentorei dois analistas juniores.", "leadership"),
        ("Explorei os dados de vendas para achar sazonalidade.", "exploratory-analysis"),
        ("Conhecimento do mercado de energia.", "domain-knowledge"),
        ("Experiência clínica em cardiologia.", "domain-knowledge"),
    ],
)
def test_skills_described_in_portuguese_set_phrases(catalog, text, skill):
    assert skill in found(catalog, text)


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("Conhecimento básico em Airflow", -1),
        ("Noções de Airflow", -1),
        ("Conhecimento de Airflow", -1),
        ("Familiarizada com Airflow", -1),
        ("Estudando Airflow", -1),
        ("Liderei a migração do Airflow", 1),
        ("Liderança técnica do Airflow", 1),
        ("Coordenei o time de dados", 1),
        ("Sólida experiência em Airflow", 1),
        ("Sólidos conhecimentos de Airflow", 0),  # raised and lowered: the two cancel out
        ("Domínio de Airflow", 1),
        ("Especialista em Airflow", 1),
        ("Escrevi DAGs no Airflow", 0),
        # "aprendizado de máquina" is a field, not someone learning
        ("Aprendizado de máquina em produção", 1),
    ],
)
def test_portuguese_cues(text, shift):
    assert cue_shift(text) == shift


@pytest.mark.parametrize(
    ("text", "stated"),
    [
        ("4 anos de experiência com Python", 4),
        ("SQL há 6 anos", 6),
        ("Python por cinco anos", 5),
        ("3 a 5 anos de Python", 3),
        ("Mais de 8 anos de mercado", 8),
        ("Dez anos de carreira em dados", 10),
        # Years a dataset covers, or a date: no experience.
        ("Analisei 5 anos de dados de vendas em Python", None),
        ("Migrei para Spark há 3 anos atrás", None),
        ("Um sistema de 5 anos de idade", None),
    ],
)
def test_portuguese_years_of_experience(catalog, text, stated):
    assert years(catalog, text) == stated


def test_a_level_after_the_name_is_that_skill_s_alone(catalog):
    # Portuguese writes the level after the name: "SQL avançado" as "SQL (advanced)".
    skills = found(catalog, "Python, SQL avançado, Excel: nível avançado, Docker básico, Scala.")
    levels = {s: skills[s].level for s in ("python", "sql", "spreadsheets", "docker", "scala")}
    assert levels == {"python": 2, "sql": 3, "spreadsheets": 3, "docker": 1, "scala": 2}
    bracketed = found(catalog, "Python, SQL (avançado), Terraform (básico), Docker.")
    assert (bracketed["sql"].level, bracketed["docker"].level) == (3, 2)
    assert bracketed["infrastructure-as-code"].level == 1
