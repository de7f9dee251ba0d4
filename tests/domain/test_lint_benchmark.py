"""The generated playbooks and the linter benchmark (timing itself is `make bench`'s job)."""

from benchmarks import bench_lint
from benchmarks.generate import generate_playbook

from accord.domain.lint import lint
from accord.domain.raci import Raci


def test_generated_playbooks_have_the_asked_size_and_are_reproducible():
    playbook = generate_playbook(120, 7, seed=3)
    assert len(playbook.tasks) == 120
    assert len(playbook.roles) == 7
    assert all(set(task.raci) == {role.key for role in playbook.roles} for task in playbook.tasks)
    assert len({task.key for task in playbook.tasks}) == 120
    assert generate_playbook(120, 7, seed=3) == playbook
    assert generate_playbook(120, 7, seed=4) != playbook


def test_generated_playbooks_mix_letters_and_break_some_rules():
    playbook = generate_playbook(1_000, 12, seed=1)
    values = {cell for task in playbook.tasks for cell in task.raci.values()}
    assert {Raci(0), Raci.R, Raci.A, Raci.C, Raci.I, Raci.NA} <= values
    codes = {finding.code for finding in lint(playbook)}
    assert {"RACI001", "RACI002", "RACI003", "RACI005", "RACI006", "RACI009"} <= codes
    sound = [
        task for task in playbook.tasks if len(task.holders(Raci.R)) == 1 and len(task.holders(Raci.A)) == 1
    ]
    assert len(sound) > len(playbook.tasks) * 0.8


def test_the_benchmark_reports_lint_against_a_plain_pass():
    (row,) = bench_lint.run(tasks=200, roles=5, repeat=1)
    assert row["median_s"] > 0
    assert row["baseline_s"] > 0
    assert row["ratio"] == row["median_s"] / row["baseline_s"]
    assert row["size"].startswith("200 tasks × 5 roles")
    playbook = generate_playbook(50, 4, seed=2)
    assert bench_lint.plain_pass(playbook) == sum(int(c) for t in playbook.tasks for c in t.raci.values())
