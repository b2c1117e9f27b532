"""Expected failures end in one line that says what to fix, exit non-zero and leave the published file alone;
one failing document is quarantined and the rest load; earlier builds can be rolled back."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
from pathlib import Path

import duckdb
import pytest

from .conftest import SAMPLES, run_cli
from .raising_components import MARK

pytestmark = pytest.mark.integration


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def only_line(result: subprocess.CompletedProcess) -> str:
    """The one line a failure prints on stderr: the build's log lines are INFO/WARNING records, this is not."""
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1, result.stderr[-3000:]
    return errors[0]


@pytest.fixture
def published_copy(sample_build, tmp_path) -> Path:
    """A published warehouse of the samples this test may break."""
    published = tmp_path / "out" / "warehouse.duckdb"
    published.parent.mkdir()
    shutil.copy2(sample_build[0], published)
    return published


def without_column(reference: Path, name: str, column: str, into: Path) -> Path:
    copy = into / "reference"
    shutil.copytree(reference, copy)
    rows = list(csv.reader((copy / name).open(encoding="utf-8", newline="")))
    drop = rows[0].index(column)
    with (copy / name).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([row[:drop] + row[drop + 1:] for row in rows])
    return copy


def test_a_reference_csv_without_a_column_is_named_before_anything_is_written(tmp_path):
    from ingest.reference import DEFAULT_REFERENCE_DIR

    reference = without_column(DEFAULT_REFERENCE_DIR, "casualty_vocabulary.csv", "value", tmp_path)
    published = tmp_path / "out" / "warehouse.duckdb"
    result = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published),
                     "--reference-dir", str(reference))
    assert result.returncode == 1
    line = only_line(result)
    assert "casualty_vocabulary.csv" in line and "line 1" in line and "'value'" in line
    assert not published.parent.exists()


def test_a_reference_row_with_a_missing_field_names_its_line(tmp_path):
    from ingest.reference import DEFAULT_REFERENCE_DIR
    from ingest.reference_check import ReferenceFileError, check_reference_dir

    reference = tmp_path / "reference"
    shutil.copytree(DEFAULT_REFERENCE_DIR, reference)
    lines = (reference / "event_triggers.csv").read_text(encoding="utf-8").splitlines()
    lines[4] = lines[4].rsplit(",", 1)[0]  # one field short
    (reference / "event_triggers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceFileError) as caught:
        check_reference_dir(reference)
    assert caught.value.line == 5 and caught.value.path.name == "event_triggers.csv"

    lines[4] = "," + lines[5].split(",", 1)[1]  # a trigger phrase left empty
    (reference / "event_triggers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ReferenceFileError) as caught:
        check_reference_dir(reference)
    assert (caught.value.line, caught.value.column) == (5, "phrase")
    assert check_reference_dir(DEFAULT_REFERENCE_DIR) >= 20


def test_a_missing_input_is_one_line_and_debug_shows_the_traceback(tmp_path):
    missing = tmp_path / "nowhere"
    result = run_cli("build", "--articles", str(missing), "--warehouse", str(tmp_path / "w.duckdb"))
    assert result.returncode == 1
    assert str(missing) in only_line(result) and "--articles" in only_line(result)
    debug = run_cli("--debug", "build", "--articles", str(missing), "--warehouse", str(tmp_path / "w.duckdb"))
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def failed_build_after(published: Path, tampering_sql: str) -> str:
    """Plant a defect in the published warehouse, rebuild, and return the one error line; the build must fail
    without touching the published file or leaving its work file."""
    con = duckdb.connect(str(published))
    con.execute(tampering_sql)
    con.close()
    before = digest(published)
    result = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published))
    assert result.returncode == 1
    assert digest(published) == before
    assert not list(published.parent.glob(".*.building.duckdb*"))
    return only_line(result)


def test_a_failing_dbt_test_is_named_and_nothing_is_published(published_copy):
    line = failed_build_after(published_copy, "insert into raw.rejected_inputs values "
                                              "('run_x', 'bad.txt', 1, 'why', '', now(), 'unknown-stage')")
    assert "dbt build failed in test accepted_values_stg_news__rejected_inputs_stage" in line
    assert "unchanged" in line


def test_a_critical_expectation_is_named_and_nothing_is_published(published_copy):
    # a run whose records do not add up: GX's run accounting check, which no dbt test covers
    line = failed_build_after(published_copy, "update raw.ingest_runs set records_seen = records_seen + 3")
    assert line.startswith("error: validation failed: raw_ingest_runs: expect_column_values_to_be_between")


def test_a_warehouse_open_for_writing_elsewhere_is_one_line(published_copy):
    holder = duckdb.connect(str(published_copy))  # e.g. a DuckDB shell left open
    try:
        result = run_cli("load", "--articles", str(SAMPLES), "--warehouse", str(published_copy))
    finally:
        holder.close()
    assert result.returncode == 1
    assert "open for writing in another program" in only_line(result)


@pytest.fixture
def small_filesystem(tmp_path):
    """A tmpfs of 30 MB (root only); skipped where mounting is refused."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=30m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    yield mount_point
    subprocess.run(["umount", "-l", str(mount_point)], check=False)


def test_a_full_disk_leaves_the_published_file_and_no_work_file(sample_build, small_filesystem):
    published = small_filesystem / "warehouse.duckdb"
    shutil.copy2(sample_build[0], published)
    free = shutil.disk_usage(small_filesystem).free
    (small_filesystem / "filler").write_bytes(b"\0" * (free - published.stat().st_size // 2))
    before = digest(published)
    result = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published))
    assert result.returncode == 1
    line = only_line(result)
    assert "disk full" in line and "unchanged" in line
    assert digest(published) == before
    leftovers = [p.name for p in small_filesystem.iterdir() if p.name.startswith(".")]
    assert leftovers == [], leftovers


def test_a_read_only_warehouse_folder_is_one_line(sample_build, small_filesystem):
    published = small_filesystem / "warehouse.duckdb"
    shutil.copy2(sample_build[0], published)
    before = digest(published)
    if subprocess.run(["mount", "-o", "remount,ro", str(small_filesystem)], capture_output=True).returncode:
        pytest.skip("cannot remount read-only here")
    result = run_cli("build", "--articles", str(SAMPLES), "--warehouse", str(published))
    assert result.returncode == 1
    assert "Read-only file system" in only_line(result) or "cannot write" in only_line(result)
    assert digest(published) == before


UKRAINIAN = ("Російські війська вночі обстріляли Харків. За даними обласної військової адміністрації, загинули троє "
             "мирних жителів, ще дванадцять людей поранені. Удар пошкодив житлові будинки та школу в центрі міста.\n")


def inbox_with_a_marked_and_a_ukrainian_article(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES, inbox)
    marked = sorted(SAMPLES.glob("*.txt"))[0].read_text(encoding="utf-8").replace("\n\n", f"\n\n{MARK}\n\n", 1)
    (inbox / "marked.txt").write_text(marked, encoding="utf-8")
    (inbox / "kharkiv_uk.txt").write_text(UKRAINIAN, encoding="utf-8")
    return inbox


def assert_quarantined(con: duckdb.DuckDBPyConnection) -> None:
    rejected = con.execute("select source_uri, stage, reason from raw.rejected_inputs").fetchall()
    assert len(rejected) == 1
    uri, stage, reason = rejected[0]
    assert uri.endswith("marked.txt") and stage == "extract"
    assert "MarkedDocumentError: refusing the marked document" in reason
    extracted = dict(con.execute(
        "select a.source_uri, count(m.mention_id) from raw.articles a left join raw.mentions m using (article_id) "
        "where coalesce(a.language, 'en') = 'en' group by all").fetchall())
    assert len(extracted) == 6
    assert all(n > 0 for uri, n in extracted.items() if not uri.endswith("marked.txt"))
    assert [n for uri, n in extracted.items() if uri.endswith("marked.txt")] == [0]
    assert con.execute("select articles_extract_failed from raw.ingest_runs").fetchone()[0] == 1


def test_a_document_that_raises_in_a_batch_is_quarantined_and_other_languages_are_not_extracted(tmp_path):
    """A component with a pipe() that raises for its whole batch (like spaCy's parser, which takes no error
    handler): the other documents of the batch are extracted one by one, only the marked one fails."""
    published = tmp_path / "out" / "warehouse.duckdb"
    result = run_cli("build", "--articles", str(inbox_with_a_marked_and_a_ukrainian_article(tmp_path)),
                     "--warehouse", str(published), "--add-pipe", "tests.raising_components:raise_on_marked_in_batches")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "1 articles raised during extraction" in result.stdout
    assert "1 articles in a language the pipeline does not read (uk 1)" in result.stdout
    con = duckdb.connect(str(published), read_only=True)
    try:
        assert_quarantined(con)
        articles = con.execute("select source_uri, language, extraction_skipped_reason from marts.dim_articles "
                               "order by source_uri").fetchall()
        assert {language for _, language, _ in articles} == {"en", "uk"}
        reasons = {Path(uri).name: reason for uri, _, reason in articles if reason}
        assert reasons["marked.txt"].startswith("extraction failed: MarkedDocumentError")
        assert "'uk'" in reasons["kharkiv_uk.txt"] and len(reasons) == 2
        assert con.execute("select count(*) from raw.mentions join raw.articles using (article_id) "
                           "where language = 'uk'").fetchone()[0] == 0
        assert con.execute("select articles_language_skipped from raw.ingest_runs").fetchone()[0] == 1
    finally:
        con.close()


@pytest.mark.parametrize("executor", [["--processes", "2"], ["--executor", "ray"]], ids=["two-processes", "ray"])
def test_a_document_that_raises_under_the_error_handler_is_quarantined(tmp_path, executor):
    """A plain component, which spaCy's error handler covers, in a load with two worker processes, and on
    Ray Data's actor pool."""
    warehouse_file = tmp_path / "warehouse.duckdb"
    result = run_cli("load", "--articles", str(inbox_with_a_marked_and_a_ukrainian_article(tmp_path)),
                     "--warehouse", str(warehouse_file), *executor,
                     "--add-pipe", "tests.raising_components:raise_on_marked")
    assert result.returncode == 0, result.stderr[-3000:]
    con = duckdb.connect(str(warehouse_file), read_only=True)
    try:
        assert_quarantined(con)
    finally:
        con.close()


def test_languages_are_told_apart_and_short_texts_are_left_undetermined():
    from ingest.language import ArticleLanguages
    from ingest.reference import DEFAULT_REFERENCE_DIR

    languages = ArticleLanguages.from_reference(DEFAULT_REFERENCE_DIR)
    assert languages.detect(UKRAINIAN) == "uk"
    assert languages.detect("Российские войска ночью обстреляли Харьков, погибли трое мирных жителей, ранены "
                            "двенадцать человек.") == "ru"
    arabic = "قصفت القوات الروسية مدينة خاركيف ليلا مما أسفر عن مقتل ثلاثة مدنيين وإصابة اثني عشر"
    assert languages.detect(arabic) == "ar"
    assert languages.detect("Russian forces shelled Kharkiv overnight, killing three civilians and wounding twelve, "
                            "the regional governor said.") == "en"
    assert languages.detect("Les forces armées ont repoussé une attaque djihadiste près de Djibo, tuant une dizaine "
                            "d'assaillants, selon un communiqué de l'armée publié dimanche soir.") == "fr"
    # English notes full of foreign names, which lingua alone reads as Somali or French
    assert languages.detect("AMISOM forces clash with al Shabaab, retake Goof Guduud. Two al Shabaab dead. "
                            "Residents in Galgaduud fled.") == "en"
    assert languages.detect("Kharkiv, 12 March") is None


def marts(path: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = [row[0] for row in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1").fetchall()]
        return {table: con.execute(f"select * from marts.{table} order by all").fetchall() for table in tables}
    finally:
        con.close()


def test_rollback_restores_the_previous_build_exactly_and_can_be_undone(tmp_path):
    published = tmp_path / "warehouse.duckdb"
    samples = sorted(SAMPLES.glob("*.txt"))
    first_inbox, second_inbox = tmp_path / "first", tmp_path / "second"
    first_inbox.mkdir()
    for sample in samples[:3]:
        shutil.copy2(sample, first_inbox)
    shutil.copytree(SAMPLES, second_inbox)
    assert run_cli("build", "--articles", str(first_inbox), "--warehouse", str(published)).returncode == 0
    first = marts(published)
    assert run_cli("build", "--articles", str(second_inbox), "--warehouse", str(published)).returncode == 0
    second = marts(published)
    assert len(second["dim_articles"]) == 5 and len(first["dim_articles"]) == 3

    result = run_cli("rollback", "--warehouse", str(published))
    assert result.returncode == 0, result.stderr[-2000:]
    assert marts(published) == first
    parquet = tmp_path / "warehouse" / "parquet" / "dim_articles.parquet"
    assert duckdb.execute(f"select count(*) from '{parquet}'").fetchone()[0] == 3
    con = duckdb.connect(str(published), read_only=True)
    try:
        rollback_row = con.execute("select restored_run_id, replaced_run_id from raw.ingest_runs "
                                   "where status = 'rolled back'").fetchone()
        built = dict(con.execute("select run_id, status from raw.ingest_runs where status = 'succeeded'").fetchall())
    finally:
        con.close()
    assert rollback_row[0] in built and rollback_row[1] not in built

    nothing_left = run_cli("rollback", "--warehouse", str(published))
    assert nothing_left.returncode == 1 and "no earlier build" in only_line(nothing_left)
    undo = run_cli("rollback", "--warehouse", str(published), "--to", rollback_row[1])
    assert undo.returncode == 0, undo.stderr[-2000:]
    assert marts(published) == second


def test_each_publish_keeps_only_the_newest_builds(tmp_path):
    from ingest.publish import history, retire_published

    published = tmp_path / "warehouse.duckdb"
    published.write_bytes(b"")
    for run in ("run_a", "run_b", "run_c"):
        retire_published(published, tmp_path / "history", run, keep=2)
    assert [entry.run_id for entry in history(tmp_path / "history")] == ["run_c", "run_b"]
    retire_published(published, tmp_path / "history", "run_d", keep=0)
    assert history(tmp_path / "history") == []
