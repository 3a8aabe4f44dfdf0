"""How long `careerpath prefill CV` takes on a three-page CV. Goal: at most 2 s.

    python benchmarks/prefill.py [--runs 7] [--pdf]

Each run is a fresh process (`python -m careerpath prefill CV`, the draft to standard output),
so the figure includes Python's start-up, loading the catalogue and importing scikit-learn,
as a person running the command pays them. Prints the median and the slowest wall-clock and
CPU seconds, beside the floor of importing scikit-learn's TfidfVectorizer alone in a fresh
process, and the machine's load when it started (other work on the machine slows both).
The CV is fictional, about 800 words in Markdown (three pages printed); with --pdf it is
also printed to a three-page PDF with WeasyPrint and that is timed too.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

JOB = """\
## {title}, {company} ({start}–{end})
- {years} years building data products for {team} with Python, SQL and Spark.
- Led the design of a streaming platform on Kafka and Flink that ran in production for
  {users} users, with exactly-once sinks into the Snowflake warehouse.
- Built nightly ETL pipelines in Apache Airflow and dbt; wrote data quality checks and
  documented lineage for the governance team.
- Deployed model APIs with FastAPI in Docker on Kubernetes, with CI/CD in GitHub Actions and
  infrastructure as code in Terraform.
- Trained gradient boosting and logistic regression models with scikit-learn and XGBoost;
  chose metrics with the product team and ran A/B tests on pricing.
- Wrote window functions and CTEs and read EXPLAIN plans to rewrite slow queries.
- Mentored two junior engineers and ran code review for the team.
- Presented quarterly results to executives and wrote clear documentation for stakeholders.
- Monitored services with Prometheus and Grafana and kept an on-call runbook.
- Familiar with PyTorch from a course project; some exposure to Hugging Face transformers.
"""


def cv_text() -> str:
    jobs = [
        ("Senior Data Engineer", "Northwind Logistics", 2021, "now", 4, "the routing team", "2M"),
        ("Data Engineer", "Contoso Retail", 2018, 2021, 3, "the pricing team", "800k"),
        ("Analytics Engineer", "Fabrikam Health", 2016, 2018, 2, "the clinics", "50k"),
        ("Data Analyst", "Tailspin Travel", 2014, 2016, 2, "marketing", "10k"),
    ]
    parts = [
        "# Alex Fictional",
        "Data engineer moving toward machine learning engineering. alex@example.org",
        "",
        "## Skills",
        "Python, SQL, Spark, Kafka, Airflow, dbt, Snowflake, Docker, Kubernetes, Terraform,",
        "AWS (S3, Lambda, Glue), Git, Linux and bash, Tableau, Excel, Jira, Agile and Scrum.",
        "",
    ]
    for title, company, start, end, years, team, users in jobs:
        parts.append(
            JOB.format(
                title=title,
                company=company,
                start=start,
                end=end,
                years=years,
                team=team,
                users=users,
            )
        )
    parts += [
        "## Education",
        "MSc Computer Science, University of Somewhere (2014): thesis on clustering of",
        "time series; coursework in statistics and probability, linear algebra and calculus.",
        "",
        "## Projects",
        "- Built a retrieval-augmented generation prototype with LangChain and pgvector.",
        "- Wrote a small R package with ggplot2 charts for a charity's reporting.",
        "- Contributed unit tests with pytest and fixtures to an open-source library.",
        "",
        "## Languages",
        "English (native), German (working).",
    ]
    return "\n".join(parts) + "\n"


def timed(argv: list[str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(name: str, argv: list[str], runs: int) -> None:
    timed(argv)  # warm the disk and the catalogue cache
    walls, cpus = zip(*(timed(argv) for _ in range(runs)), strict=True)
    print(
        f"{name:<34} wall median {statistics.median(walls):.2f} s (slowest {max(walls):.2f}), "
        f"CPU median {statistics.median(cpus):.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pdf", action="store_true", help="also time a three-page PDF")
    args = parser.parse_args()
    import sklearn

    from careerpath import __version__

    load = os.getloadavg()[0]
    print(
        f"{platform.machine()}, {os.cpu_count()} CPUs (load {load:.1f}), Python "
        f"{platform.python_version()}, careerpath {__version__}, scikit-learn "
        f"{sklearn.__version__}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        cv = Path(tmp) / "cv.md"
        text = cv_text()
        cv.write_text(text, encoding="utf-8")
        print(f"CV: {len(text.split())} words, {len(text.splitlines())} lines")
        base = [sys.executable, "-m", "careerpath", "prefill"]
        report("prefill cv.md", [*base, str(cv)], args.runs)
        if args.pdf:
            pdf = Path(tmp) / "cv.pdf"
            _print_pdf(text, pdf)
            report("prefill cv.pdf", [*base, str(pdf)], args.runs)
        floor = [sys.executable, "-c", "import sklearn.feature_extraction.text"]
        report("floor: import TfidfVectorizer", floor, args.runs)


def _print_pdf(text: str, pdf: Path) -> None:
    import html

    from weasyprint import HTML

    body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    HTML(string=f"<html><body style='font-size:11pt'>{body}</body></html>").write_pdf(pdf)
    from pypdf import PdfReader

    print(f"PDF: {len(PdfReader(pdf).pages)} pages")


if __name__ == "__main__":
    main()
