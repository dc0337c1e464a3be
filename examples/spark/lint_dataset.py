#!/usr/bin/env python3
"""Lint a dataset of articles with mtlint on Apache Spark (PySpark 4.x).

Reads JSONL or Parquet records {id, text, lang?, source?, sourceLang?, format?},
ships the mtlint binary and its dictionaries to the executors as one archive,
runs `mtlint lint --stream` once per partition, and writes:

  OUTPUT/findings/   Parquet, one row per finding: id, language, rule, severity,
                     offset, length, line, column, message, suggestion
  OUTPUT/errors/     Parquet, one row per record mtlint could not lint: id, line, error
  OUTPUT/summary.json  findings per rule and language, documents over the gate

Usage (see examples/spark/README.md):
  spark-submit examples/spark/lint_dataset.py --input articles.jsonl --output out \
      --mtlint .build/release/mtlint --dictionaries dictionaries [--config .mtlint.yml]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import threading
from collections import deque

BUNDLE = "mtlint-bundle.tar.gz"
SEVERITIES = ["info", "warning", "error"]
RECORD_FIELDS = ["id", "text", "lang", "source", "sourceLang", "format"]


def make_bundle(mtlint, dictionaries, config, folder):
    """bin/mtlint, share/mtlint/dictionaries and an optional config, as one archive."""
    path = os.path.join(folder, BUNDLE)
    with tarfile.open(path, "w:gz") as tar:
        tar.add(mtlint, arcname="bin/mtlint")
        tar.add(dictionaries, arcname="share/mtlint/dictionaries")
        if config:
            tar.add(config, arcname="share/mtlint/mtlint.yml")
    return path


def stream_command(root, jobs, fail_on, extra):
    command = [os.path.join(root, "bin", "mtlint"), "lint", "--stream", "--no-config",
               "--jobs", str(jobs), "--fail-on", fail_on]
    config = os.path.join(root, "share", "mtlint", "mtlint.yml")
    if os.path.exists(config):
        command += ["--config", config]
    return command + list(extra) + ["-"]


def stream_environment(root):
    """An explicit environment: the child gets no PATH or locale from the executor by accident."""
    environment = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "LANG": "C.UTF-8",
        "MTLINT_DICTIONARIES": os.path.join(root, "share", "mtlint", "dictionaries"),
    }
    if "LD_LIBRARY_PATH" in os.environ:  # a Swift runtime outside the system's library path
        environment["LD_LIBRARY_PATH"] = os.environ["LD_LIBRARY_PATH"]
    return environment


def record_line(row):
    record = {key: row[key] for key in RECORD_FIELDS if row.get(key) is not None}
    return json.dumps(record, ensure_ascii=False) + "\n"


def lint_partition(rows, root, jobs=1, fail_on="error", extra=()):
    """Runs one `mtlint lint --stream` over the rows; yields its output records in input order.

    A record mtlint rejects comes back as {"id", "line", "error"}; a crashed or killed
    mtlint, or output that does not match the input, raises with the ids involved, so
    that Spark fails the task and retries it.
    """
    binary = os.path.join(root, "bin", "mtlint")
    if not os.access(binary, os.X_OK):
        os.chmod(binary, 0o755)
    with tempfile.TemporaryDirectory() as work:  # never a folder with someone's .mtlint.yml
        process = subprocess.Popen(stream_command(root, jobs, fail_on, extra), cwd=work,
                                   env=stream_environment(root), stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        sent = deque()
        failure = []

        def feed():
            try:
                for row in rows:
                    row = row.asDict() if hasattr(row, "asDict") else dict(row)
                    sent.append(row.get("id"))
                    process.stdin.write(record_line(row).encode("utf-8"))
            except BrokenPipeError:
                pass
            except Exception as error:  # reported after the child ends
                failure.append(error)
            finally:
                try:
                    process.stdin.close()
                except BrokenPipeError:
                    pass

        errors = []
        drain = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
        writer = threading.Thread(target=feed, daemon=True)
        drain.start()
        writer.start()
        received = 0
        for line in process.stdout:
            output = json.loads(line)
            expected = sent.popleft() if sent else None
            if "error" not in output and output.get("id") != expected:
                process.kill()
                raise RuntimeError(f"mtlint answered for id {output.get('id')!r} where id {expected!r} was due")
            received += 1
            yield output
        writer.join()
        code = process.wait()
        drain.join()
        stderr = (errors[0] if errors else b"").decode("utf-8", "replace")
        if failure:
            raise failure[0]
        if code not in (0, 1, 2) or sent:
            pending = list(sent)[:3]
            raise RuntimeError(f"mtlint exited with {code} after {received} records; "
                               f"no answer for ids {pending}: {stderr.strip()[-2000:]}")


def finding_rows(outputs):
    for output in outputs:
        if "error" in output:
            continue
        for finding in output["findings"]:
            suggestions = finding.get("suggestions") or []
            yield (str(output["id"]), output["language"], finding["rule"], finding["severity"],
                   finding["offset"], finding["length"], finding["line"], finding["column"],
                   finding["message"], suggestions[0] if suggestions else None)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--input", required=True, help="a JSONL file or folder, or a Parquet dataset")
    parser.add_argument("--input-format", choices=["json", "parquet"], help="default: from the file name")
    parser.add_argument("--output", required=True)
    parser.add_argument("--mtlint", default=shutil.which("mtlint"), help="the mtlint binary to ship")
    parser.add_argument("--dictionaries", required=True, help="mtlint's dictionaries/ folder")
    parser.add_argument("--config", help="an .mtlint.yml to apply (the executors' folders are never searched)")
    parser.add_argument("--fail-on", default="error", choices=SEVERITIES, help="the gate: a document fails from this severity")
    parser.add_argument("--partitions", type=int, help="repartition the input into this many partitions")
    parser.add_argument("--master", help="e.g. local[2]; default: spark-submit's")
    arguments = parser.parse_args(argv)
    if not arguments.mtlint:
        parser.error("--mtlint: no mtlint binary given or on PATH")

    from pyspark.sql import SparkSession, functions as F, types as T

    builder = SparkSession.builder.appName("mtlint")
    if arguments.master:
        builder = builder.master(arguments.master)
    spark = builder.getOrCreate()
    staging = tempfile.mkdtemp(prefix="mtlint-spark-")
    spark.sparkContext.addArchive(make_bundle(arguments.mtlint, arguments.dictionaries, arguments.config, staging))
    spark.sparkContext.addPyFile(os.path.abspath(__file__))  # the executors run this module's lint_partition

    form = arguments.input_format or ("parquet" if arguments.input.endswith(".parquet") else "json")
    articles = spark.read.parquet(arguments.input) if form == "parquet" else spark.read.json(arguments.input)
    missing = {"id", "text"} - set(articles.columns)
    if missing:
        raise SystemExit(f"lint_dataset: the input has no column {', '.join(sorted(missing))}")
    for column in RECORD_FIELDS:
        if column not in articles.columns:
            articles = articles.withColumn(column, F.lit(None).cast("string"))
    articles = articles.select(*RECORD_FIELDS)
    if arguments.partitions:
        articles = articles.repartition(arguments.partitions)

    fail_on = arguments.fail_on

    def run(rows):
        from pyspark import SparkFiles
        yield from lint_partition(rows, SparkFiles.get(BUNDLE), fail_on=fail_on)

    from pyspark import StorageLevel
    # Several outputs are written from one pass: keep its records rather than lint twice.
    parsed = articles.rdd.mapPartitions(run).persist(StorageLevel.MEMORY_AND_DISK)
    findings_schema = T.StructType([
        T.StructField("id", T.StringType()), T.StructField("language", T.StringType()),
        T.StructField("rule", T.StringType()), T.StructField("severity", T.StringType()),
        T.StructField("offset", T.LongType()), T.StructField("length", T.LongType()),
        T.StructField("line", T.LongType()), T.StructField("column", T.LongType()),
        T.StructField("message", T.StringType()), T.StructField("suggestion", T.StringType()),
    ])
    findings = spark.createDataFrame(parsed.mapPartitions(finding_rows), findings_schema)
    findings.write.mode("overwrite").parquet(os.path.join(arguments.output, "findings"))
    errors_schema = T.StructType([T.StructField("id", T.StringType()), T.StructField("line", T.LongType()),
                                  T.StructField("error", T.StringType())])
    errors = spark.createDataFrame(
        parsed.filter(lambda o: "error" in o).map(lambda o: (None if o.get("id") is None else str(o["id"]), o["line"], o["error"])),
        errors_schema)
    errors.write.mode("overwrite").parquet(os.path.join(arguments.output, "errors"))

    gate = SEVERITIES.index(fail_on)
    per_rule = findings.groupBy("rule", "language").count().orderBy("rule", "language").collect()
    documents = parsed.filter(lambda o: "error" not in o).count()
    failing = parsed.filter(lambda o: "error" not in o and any(
        SEVERITIES.index(f["severity"]) >= gate for f in o["findings"])).count()
    summary = {
        "documents": documents,
        "records_with_errors": errors.count(),
        "findings": sum(row["count"] for row in per_rule),
        "documents_over_gate": failing,
        "gate": fail_on,
        "findings_per_rule_and_language": [
            {"rule": row["rule"], "language": row["language"], "count": row["count"]} for row in per_rule],
    }
    os.makedirs(arguments.output, exist_ok=True)
    with open(os.path.join(arguments.output, "summary.json"), "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=2)
    print(json.dumps({key: summary[key] for key in ["documents", "records_with_errors", "findings", "documents_over_gate"]}))
    parsed.unpersist()
    spark.stop()
    shutil.rmtree(staging, ignore_errors=True)
    return summary


if __name__ == "__main__":
    main()
    sys.exit(0)
