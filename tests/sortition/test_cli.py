import csv
import os
import subprocess
import sys
from pathlib import Path

SRC = str(Path(__file__).resolve().parents[2] / "src")
CATEGORIES = "category,feature,min,max\ngender,female,2,3\ngender,male,2,3\nage,young,1,4\nage,old,1,4\n"
RESPONDENTS = "id,gender,age\n" + "".join(
    f"p{i},{'female' if i % 3 == 0 else 'male'},{'young' if i % 2 else 'old'}\n" for i in range(12)
)


def run(*args, cwd):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = SRC
    return subprocess.run(
        [sys.executable, "-m", "stadtdialog.sortition", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def files(tmp_path):
    (tmp_path / "r.csv").write_text(RESPONDENTS, encoding="utf-8")
    (tmp_path / "c.csv").write_text(CATEGORIES, encoding="utf-8")
    return ["--respondents", "r.csv", "--categories", "c.csv", "--k", "5"]


def test_select_leximin_and_legacy(tmp_path):
    for algorithm in ("leximin", "legacy"):
        result = run(
            "select",
            *files(tmp_path),
            "--algorithm",
            algorithm,
            "--out",
            "p.csv",
            "--seed",
            "3",
            "--runs",
            "300",
            cwd=tmp_path,
        )
        assert result.returncode == 0, result.stderr
        assert "Minimum:" in result.stdout
        assert "Gini:" in result.stdout
        with open(tmp_path / "p.csv", encoding="utf-8") as file:
            rows = list(csv.DictReader(file))
        assert [r["id"] for r in rows] == [f"p{i}" for i in range(12)]
        assert abs(sum(float(r["probability"]) for r in rows) - 5) < 1e-6


def test_lottery_and_verify(tmp_path):
    result = run("lottery", *files(tmp_path), "--m", "100", "--out", "lot.json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "SHA-256:" in result.stdout
    first = run("verify", "--lottery", "lot.json", "--number", "4711", cwd=tmp_path)
    second = run("verify", "--lottery", "lot.json", "--number", "4711", cwd=tmp_path)
    assert first.returncode == 0
    assert first.stdout == second.stdout
    assert "Gezogen: Panel Nr." in first.stdout
    assert len(first.stdout.splitlines()[1].split()) == 5


def test_errors_in_german_with_exit_code_2(tmp_path):
    args = files(tmp_path)
    (tmp_path / "r.csv").write_text(RESPONDENTS + "p3,x,old\n", encoding="utf-8")
    result = run("select", *args, "--out", "p.csv", cwd=tmp_path)
    assert result.returncode == 2
    assert "Zeile 14, Spalte 'id': doppelte Kennung 'p3'" in result.stderr
    assert "Zeile 14, Spalte 'gender': unbekannter Wert 'x'" in result.stderr
    missing = run("verify", "--lottery", "fehlt.json", "--number", "1", cwd=tmp_path)
    assert missing.returncode == 2
    assert "Fehler" in missing.stderr
