#!/usr/bin/env python3
"""CI test of examples/spark/lint_dataset.py: 10,000 generated articles in five
languages with known artefacts, linted by Spark in local[2], must give exactly
the findings of one `mtlint lint --stream` process over the same records.
Also: a bad record does not stop the job, and a crashing mtlint fails its task
with the record ids in the error.

Usage: python3 tests/spark/test_lint_dataset.py MTLINT_BINARY   (needs pyspark; see .ci/run)
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "examples", "spark"))
import lint_dataset  # noqa: E402

# Sentences with an artefact each (the rule that should flag it), and clean ones, per language.
ARTEFACTS = {
    "en": [("The leader of South Korea North met officials on Tuesday.", "garbled-name"),
           ("The the talks went on until late in the evening.", "repeated-word"),
           ("He said it was a good day ,and left.", "space-before-punctuation")],
    "de": [("Der Staatschef von Korea Nord traf am Dienstag Beamte.", "garbled-name"),
           ("Die die Gespräche dauerten bis zum späten Abend.", "repeated-word")],
    "fr": [("Le dirigeant de la Corée Nord du a rencontré des responsables.", "garbled-name"),
           ("Il a dit : « les discussions ont été utiles ».", None)],
    "es": [("El líder de Corea Norte del se reunió con funcionarios.", None),
           ("Las las conversaciones duraron hasta tarde.", "repeated-word")],
    "ru": [("Лидер Северной Кореи встретился с чиновниками во вторник.", None),
           ("Переговоры переговоры продолжались до вечера.", None)],
}
CLEAN = {
    "en": ["Officials said the budget would be presented in March.", "The port reopened after the storm."],
    "de": ["Die Regierung legte den Haushalt im März vor.", "Der Hafen wurde nach dem Sturm wieder geöffnet."],
    "fr": ["Le gouvernement a présenté le budget en mars.", "Le port a rouvert après la tempête."],
    "es": ["El gobierno presentó el presupuesto en marzo.", "El puerto reabrió tras la tormenta."],
    "ru": ["Правительство представило бюджет в марте.", "Порт вновь открылся после шторма."],
}


def generate(count, seed=7):
    rng = random.Random(seed)
    records = []
    for number in range(count):
        language = rng.choice(sorted(ARTEFACTS))
        sentences = [rng.choice(CLEAN[language]) for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.6:
            sentences.insert(rng.randint(0, len(sentences)), rng.choice(ARTEFACTS[language])[0])
        record = {"id": f"doc-{number:05d}", "text": " ".join(sentences), "lang": language}
        if rng.random() < 0.1:
            record["format"] = "md"
            record["text"] = "# Heading\n\n" + record["text"]
        records.append(record)
    return records


def single_process(mtlint, dictionaries, path):
    environment = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "MTLINT_DICTIONARIES": dictionaries}
    with open(path, "rb") as stdin:
        done = subprocess.run([mtlint, "lint", "--stream", "--no-config", "-"], stdin=stdin,
                              capture_output=True, env=environment, cwd=tempfile.gettempdir())
    assert done.returncode in (1, 2), (done.returncode, done.stderr[-2000:])
    return [json.loads(line) for line in done.stdout.splitlines()]


def finding_keys(rows):
    return sorted(tuple("" if value is None else value for value in row) for row in rows)


def check_crash_fails_the_task_with_ids(folder):
    """A crashed mtlint (here: killed by a signal) raises with the ids it left unanswered."""
    fake = os.path.join(folder, "crash", "bin")
    os.makedirs(fake)
    os.makedirs(os.path.join(folder, "crash", "share", "mtlint", "dictionaries"))
    with open(os.path.join(fake, "mtlint"), "w") as script:
        script.write("#!/bin/sh\nhead -c 1 >/dev/null\nkill -SEGV $$\n")
    os.chmod(os.path.join(fake, "mtlint"), 0o755)
    rows = [{"id": "first", "text": "One."}, {"id": "second", "text": "Two."}]
    try:
        list(lint_dataset.lint_partition(iter(rows), os.path.join(folder, "crash")))
    except RuntimeError as error:
        assert "'first'" in str(error) and "-11" in str(error), str(error)
        return
    raise AssertionError("a crashed mtlint did not fail the partition")


def main():
    mtlint = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "mtlint"))
    dictionaries = os.path.join(ROOT, "dictionaries")
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    with tempfile.TemporaryDirectory() as folder:
        check_crash_fails_the_task_with_ids(folder)

        records = generate(10_000)
        records.insert(1234, {"id": "no-text", "lang": "en"})  # a bad record: the job goes on
        path = os.path.join(folder, "articles.jsonl")
        with open(path, "w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")

        start = time.monotonic()
        expected = single_process(mtlint, dictionaries, path)
        single_seconds = time.monotonic() - start
        assert len(expected) == len(records)
        expected_findings = finding_keys(lint_dataset.finding_rows(expected))
        rules = {row[2] for row in expected_findings}
        assert {"garbled-name", "repeated-word", "space-before-punctuation"} <= rules, rules
        expected_errors = [(o.get("id"), o["error"]) for o in expected if "error" in o]
        assert [id for id, _ in expected_errors] == ["no-text"], expected_errors

        output = os.path.join(folder, "out")
        start = time.monotonic()
        summary = lint_dataset.main(["--input", path, "--output", output, "--mtlint", mtlint,
                                     "--dictionaries", dictionaries, "--master", "local[2]", "--partitions", "4"])
        spark_seconds = time.monotonic() - start

        from pyspark.sql import SparkSession
        spark = SparkSession.builder.master("local[1]").appName("mtlint-check").getOrCreate()
        actual_findings = finding_keys(tuple(row) for row in spark.read.parquet(os.path.join(output, "findings")).collect())
        actual_errors = [(row["id"], row["error"]) for row in spark.read.parquet(os.path.join(output, "errors")).collect()]
        spark.stop()

        assert actual_findings == expected_findings, (len(actual_findings), len(expected_findings))
        assert actual_errors == expected_errors, actual_errors
        assert summary["documents"] == len(records) - 1
        assert summary["findings"] == len(expected_findings)
        over_gate = sum(1 for o in expected if "error" not in o and any(f["severity"] == "error" for f in o["findings"]))
        assert summary["documents_over_gate"] == over_gate, (summary["documents_over_gate"], over_gate)
        print(f"spark test passed: {len(records)} records, {len(expected_findings)} findings equal to one "
              f"`mtlint lint --stream`; single process {single_seconds:.1f} s "
              f"({len(records) / single_seconds:.0f} docs/s), Spark local[2] job {spark_seconds:.1f} s "
              f"({len(records) / spark_seconds:.0f} docs/s, session start-up included)")


if __name__ == "__main__":
    main()
