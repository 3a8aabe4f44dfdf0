"""`--executor dask`: the same per-file jobs on a Dask cluster give the same files, the same
failure report and the same cohort as the process pool; Dask loads only when asked for."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES

import careerpath
from careerpath.cli import cli
from careerpath.render import html as html_render
from careerpath.render import pdf as pdf_render

DAY = "2026-11-22"
# A LocalCluster's scheduler and workers talk over TCP on this machine only; the suite
# otherwise forbids sockets (pytest-socket), so these tests allow exactly localhost.
LOCAL = ["127.0.0.1", "localhost", "::1"]


def _folder(tmp_path: Path, names: list[str]) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in names:
        shutil.copy(EXAMPLES / "cohort" / name, folder)
    (folder / "broken.yaml").write_text("person: [\n")  # reported, and the others still done
    return folder


def _args(folder: Path, out: Path, *extra: str) -> list[str]:
    return [
        "report",
        "--batch",
        str(folder),
        "--out-dir",
        str(out),
        "--date",
        DAY,
        "--json",
        *extra,
    ]


def _batch(runner, folder: Path, out: Path, *extra: str):
    return runner.invoke(cli, _args(folder, out, *extra))


def _same_files(a: Path, b: Path) -> list[str]:
    names = sorted(p.name for p in a.iterdir())
    assert names == sorted(p.name for p in b.iterdir())
    for name in names:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    return names


def _summary(result, out: Path) -> dict:
    """The --json summary with the output folder written as OUT, to compare two runs."""
    assert json.loads(result.stdout)["out_dir"] == str(out)
    return json.loads(result.stdout.replace(json.dumps(str(out))[1:-1], "OUT"))


@pytest.mark.pdf
@pytest.mark.enable_socket
@pytest.mark.allow_hosts(LOCAL)
def test_a_local_cluster_of_two_workers_renders_the_same_pdfs_as_the_process_pool(runner, tmp_path):
    folder = _folder(tmp_path, ["ana-souza.yaml", "bruno-costa.yaml", "fatima-el-idrissi.yaml"])
    pool, dask = tmp_path / "pool", tmp_path / "dask"
    by_pool = _batch(runner, folder, pool, "--jobs", "2")
    # No --scheduler: careerpath starts a LocalCluster of --jobs worker processes itself.
    by_dask = _batch(runner, folder, dask, "--jobs", "2", "--executor", "dask")
    assert by_pool.exit_code == by_dask.exit_code == 1, by_dask.output
    names = _same_files(pool, dask)  # byte for byte
    assert names == ["ana-souza.pdf", "bruno-costa.pdf", "fatima-el-idrissi.pdf"]
    assert _summary(by_dask, dask) == _summary(by_pool, pool)  # the same failure report
    assert [f["answers"] for f in _summary(by_dask, dask)["failed"]] == [
        str(folder / "broken.yaml")
    ]
    assert "broken.yaml" in by_dask.stderr and "failed: " in by_dask.stderr
    assert not list(dask.glob(".*")), "a temporary file was left behind"


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(LOCAL)
def test_local_cluster_workers_write_the_reports_in_the_batch_language(runner, tmp_path):
    """Worker processes start in English and no initializer tells them the language: each job
    carries it, as it carries --date, --paper and --redact."""
    folder = _folder(tmp_path, ["ana-souza.yaml", "bruno-costa.yaml"])
    (folder / "broken.yaml").unlink()
    pool, dask = tmp_path / "pool", tmp_path / "dask"
    html = ("--format", "html", "--jobs", "2")
    for lang in (("--lang", "pt-BR"), ()):  # the option, and the environment alone
        env = {} if lang else {"CAREERPATH_LANG": "pt-BR"}
        by_pool = runner.invoke(cli, _args(folder, pool, *html, *lang), env=env)
        by_dask = runner.invoke(
            cli, _args(folder, dask, *html, "--executor", "dask", *lang), env=env
        )
        assert by_pool.exit_code == by_dask.exit_code == 0, by_dask.output
        assert _same_files(pool, dask) == ["ana-souza.html", "bruno-costa.html"]
        for page in dask.iterdir():
            assert '<html lang="pt-BR"' in page.read_text(), page
        shutil.rmtree(pool), shutil.rmtree(dask)


@pytest.fixture
def scheduler():
    """A LocalCluster of two workers inside this process (threads, in-process transport):
    its address is what `--scheduler` takes for a real cluster's tcp://HOST:8786."""
    import distributed  # in the test extras (careerpath[dask])

    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster),  # the workers' default client, for the cluster to run
    ):
        yield cluster.scheduler_address


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(LOCAL)
def test_a_named_scheduler_gets_absolute_paths_and_the_same_reports(
    runner, tmp_path, scheduler, monkeypatch
):
    _folder(tmp_path, ["ana-souza.yaml", "chen-wei.yaml"])
    monkeypatch.chdir(tmp_path)  # relative paths on the command line, as people type them
    html = ("--format", "html", "--jobs", "1")
    by_pool = _batch(runner, Path("in"), Path("pool"), *html)
    on_cluster = ("--executor", "dask", "--scheduler", scheduler)
    by_dask = _batch(runner, Path("in"), Path("dask"), "--format", "html", *on_cluster)
    assert by_pool.exit_code == by_dask.exit_code == 1, by_dask.output
    assert _same_files(tmp_path / "pool", tmp_path / "dask") == ["ana-souza.html", "chen-wei.html"]
    # Reported under the names given, though the workers were sent the paths in full.
    pool_summary, dask_summary = _summary(by_pool, Path("pool")), _summary(by_dask, Path("dask"))
    assert [f["report"] for f in dask_summary["written"]] == [
        "OUT/ana-souza.html",
        "OUT/chen-wei.html",
    ]
    assert [f["answers"] for f in dask_summary["failed"]] == ["in/broken.yaml"]
    assert dask_summary["failed"][0]["error"].endswith(pool_summary["failed"][0]["error"][2:])


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(LOCAL)
def test_the_plan_options_and_mentor_notes_reach_the_cluster(
    runner, tmp_path, scheduler, monkeypatch
):
    _folder(tmp_path, ["ana-souza.yaml", "bruno-costa.yaml"])
    (tmp_path / "notes.txt").write_text("Pair on the feature store on Fridays.\n")
    monkeypatch.chdir(tmp_path)  # a relative --mentor-notes, read here, not on a worker
    plan = ("--target", "ml-engineer", "--from", "data-analyst", "--hours-per-week", "40")
    plan += ("--start", "2030-01-07", "--mentor-notes", "notes.txt", "--format", "html")
    by_pool = _batch(runner, Path("in"), Path("pool"), *plan, "--jobs", "1")
    on_cluster = ("--executor", "dask", "--scheduler", scheduler)
    by_dask = _batch(runner, Path("in"), Path("dask"), *plan, *on_cluster)
    assert by_pool.exit_code == by_dask.exit_code == 1, by_dask.output  # broken.yaml
    assert _same_files(tmp_path / "pool", tmp_path / "dask") == [
        "ana-souza.html",
        "bruno-costa.html",
    ]
    for page in (tmp_path / "dask").iterdir():
        html = page.read_text()
        assert "Pair on the feature store" in html and "2030-01-07" in html
        assert "<dd>not chosen</dd>" not in html


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(LOCAL)
def test_cohort_reads_its_files_on_the_cluster_with_the_same_result(runner, tmp_path, scheduler):
    folder = tmp_path / "cohort"
    shutil.copytree(EXAMPLES / "cohort", folder)
    (folder / "broken.yaml").write_text("person: [\n")
    local = runner.invoke(cli, ["cohort", str(folder), "--json"])
    on_dask = runner.invoke(
        cli, ["cohort", str(folder), "--json", "--executor", "dask", "--scheduler", scheduler]
    )
    assert local.exit_code == on_dask.exit_code == 1  # the broken file, listed in both
    assert on_dask.stdout == local.stdout
    assert "broken.yaml" in on_dask.stderr


def test_dask_not_installed_says_how_to_install_it(runner, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # import distributed -> ImportError
    # As if careerpath.cluster had never been imported (another test may have imported it).
    monkeypatch.delitem(sys.modules, "careerpath.cluster", raising=False)
    monkeypatch.delattr(careerpath, "cluster", raising=False)
    folder = _folder(tmp_path, ["ana-souza.yaml"])
    result = _batch(runner, folder, tmp_path / "out", "--format", "html", "--executor", "dask")
    assert result.exit_code == 2
    assert "pip install 'careerpath[dask]'" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "out").exists()
    cohort = runner.invoke(cli, ["cohort", str(folder), "--executor", "dask"])
    assert cohort.exit_code == 2 and "pip install 'careerpath[dask]'" in cohort.stderr


def test_scheduler_and_executor_need_their_partners(runner, tmp_path):
    folder = _folder(tmp_path, ["ana-souza.yaml"])
    alone = _batch(runner, folder, tmp_path / "out", "--scheduler", "tcp://10.0.0.1:8786")
    assert alone.exit_code == 2 and "--scheduler goes with --executor dask" in alone.stderr
    single = runner.invoke(
        cli, ["report", "--answers", str(folder / "ana-souza.yaml"), "--executor", "dask"]
    )
    assert single.exit_code == 2 and "--executor goes with --batch" in single.stderr


_CHILD = """
import json, sys
from click.testing import CliRunner
from careerpath.cli import cli
result = CliRunner().invoke(cli, sys.argv[1:])
print(json.dumps({"code": result.exit_code, "dask": sorted(
    {m.split(".")[0] for m in sys.modules} & {"dask", "distributed"})}))
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_the_process_pool_does_not_import_dask(tmp_path, jobs):
    folder = _folder(tmp_path, ["ana-souza.yaml", "bruno-costa.yaml"])
    (folder / "broken.yaml").unlink()
    args = ["report", "--batch", str(folder), "--out-dir", str(tmp_path / "out")]
    args += ["--format", "html", "--jobs", jobs]
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"code": 0, "dask": []}
    assert len(list((tmp_path / "out").iterdir())) == 2


def test_one_jinja_environment_per_process_with_its_templates_compiled():
    # Compiling the templates cost more than rendering a report: a batch compiles them once.
    assert html_render.environment() is html_render.environment()
    html_render.environment.cache_clear()
    env = html_render.environment()
    pdf_render.warm()  # what each batch worker runs before its first job
    assert env is html_render.environment()
    compiled = {name for _, name in env.cache}  # Jinja's cache of compiled templates
    pages = {"report.html.j2", "compare.html.j2", "cohort.html.j2", "team.html.j2"}
    parts = {"base.html.j2", "mentor.html.j2", "charts.html.j2", "groups.html.j2", "report.css"}
    assert pages | parts <= compiled
    assert "weasyprint" in sys.modules


def _half(n: int) -> int:
    if n % 2:
        raise ValueError(f"{n} is odd")
    return n // 2


@pytest.mark.enable_socket
@pytest.mark.allow_hosts(LOCAL)
def test_a_task_that_fails_on_the_cluster_is_one_failed_item_in_order(scheduler):
    import distributed

    from careerpath import cluster

    with distributed.Client(scheduler) as c:
        results = list(cluster.ordered(c, _half, [4, 3, 8], lambda n, exc: f"lost {n}: {exc}"))
    assert results == [2, "lost 3: 3 is odd", 4]


def test_an_input_error_crosses_processes_whole():
    # A cohort file's problems come back from a Dask worker pickled: lines and fields kept.
    import pickle

    from careerpath.errors import InputError, Problem

    error = InputError([Problem("b.yaml", 3, "skills", "bad"), Problem("a.yaml", 1, "", "x")])
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InputError and again.problems == error.problems
    assert str(again) == str(error)
