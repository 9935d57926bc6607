// csptrace query and export --format sqlite on bad input, as issue 27's "Bad input" lists it:
// bad SQL, an existing OUT, a full disk, a result of a million rows; and the query cache's
// promise (docs/query.md): rebuilt when the trace changes, a file it did not write left alone.
#include "query_harness.hpp"
#include "sanitized.hpp"

#include <sys/resource.h>

using namespace query_test;

namespace {

const std::string kHotdog = std::string(CSP_FIXTURES) + "/hotdog.jsonl";

// A copy of a fixture in a fresh folder, so that its cache lands there.
std::string fresh_copy(const std::string& fixture) {
  const std::string dir = temp_path("dir");
  std::filesystem::create_directory(dir);
  const std::string copy = dir + "/" + std::filesystem::path(fixture).filename().string();
  std::filesystem::copy_file(fixture, copy);
  return copy;
}

std::vector<std::string> files_in(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE(
    "bad SQL: SQLite's message, the line and column it points at, exit 2, nothing on "
    "stdout (issue 27, Bad input)",
    "[query][cli]") {
  const std::string trace = fresh_copy(kHotdog);
  Run r = run_csptrace("query " + trace + " " + quoted("SELECT seq,\n  bogus FROM events"));
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("no such column: bogus") &&
                        Catch::Contains("at line 2, column 3") && Catch::Contains("  ^"));
  r = run_csptrace("query " + trace + " " + quoted("SELECT * FORM events"));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("syntax error") && Catch::Contains("column 10"));
  r = run_csptrace("query " + trace + " " + quoted("DELETE FROM events"));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("may only read"));
  r = run_csptrace("query " + trace + " " + quoted("SELECT 1; DROP TABLE events"));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("one statement at a time"));
  // None of it read the trace or wrote a cache: the SQL is checked first.
  CHECK(!std::filesystem::exists(trace + ".query.db"));
  r = run_csptrace("query /nonexistent.jsonl " + quoted("SELECT bogus_column FROM events"));
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains("no such column: bogus_column"));
  CHECK(query_json(trace, "SELECT COUNT(*) AS n FROM events")[0]["n"] == 30);
}

TEST_CASE(
    "no SQL prints the tables as CREATE statements with every column's meaning "
    "(issue 27: query TRACE with no SQL prints the schema)",
    "[query][cli]") {
  const Run r = run_csptrace("query " + kHotdog);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.out, Catch::Contains("CREATE TABLE events (") &&
                        Catch::Contains("CREATE TABLE findings (") &&
                        Catch::Contains("-- the process the event is about"));
}

TEST_CASE(
    "export refuses an existing OUT without --force and replaces it with it (issue 27, "
    "Bad input)",
    "[query][export]") {
  const std::string out = temp_path("existing.db");
  { std::ofstream(out) << "precious"; }
  Run r = run_csptrace("export --format sqlite " + kHotdog + " -o " + out);
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains(out + " exists; give --force"));
  CHECK(slurp(out) == "precious");
  r = run_csptrace("export --format sqlite --force " + kHotdog + " -o " + out);
  CHECK(r.status == 0);
  CHECK(run("sqlite3 " + out + " 'SELECT COUNT(*) FROM events'").out == "30\n");
  std::filesystem::remove(out);
}

TEST_CASE(
    "export to a full disk fails loudly and leaves neither OUT nor its temporary "
    "(issue 27: nothing half-written, STYLE: a full disk fails loudly)",
    "[query][export]") {
  const std::string dir = temp_path("full");
  std::filesystem::create_directory(dir);
  // A 16 KiB file-size limit stands in for a full disk: writes past it fail with EFBIG.
  const Run r = run("sh -c \"trap '' XFSZ; ulimit -f 16; exec " + std::string(CSPTRACE_EXE) +
                    " export --format sqlite " + kHotdog + " -o " + dir + "/out.db\"");
  CHECK(r.status == 2);
  CHECK_THAT(r.err, Catch::Contains(dir + "/out.db") && Catch::Contains("nothing was exported"));
  CHECK(files_in(dir).empty());
}

TEST_CASE(
    "the query cache is built once, rebuilt when the trace changes, and answers for the "
    "new trace (docs/query.md: where the tables are built)",
    "[query][cache]") {
  const std::string trace = fresh_copy(kHotdog);
  const std::string sql = quoted("SELECT COUNT(*) AS n FROM events");
  Run r = run_csptrace("query --format csv " + trace + " " + sql);
  CHECK(r.out == "n\n30\n");
  CHECK_THAT(r.err, Catch::Contains("building the query cache " + trace + ".query.db"));
  r = run_csptrace("query --format csv " + trace + " " + sql);
  CHECK(r.out == "n\n30\n");
  CHECK(r.err.empty());
  // Another trace at the same path: different size and time.
  std::filesystem::copy_file(std::string(CSP_FIXTURES) + "/finding-wait-cycle.jsonl", trace,
                             std::filesystem::copy_options::overwrite_existing);
  const auto events = trace_events(trace).size();
  r = run_csptrace("query --format csv " + trace + " " + sql);
  CHECK(r.out == "n\n" + std::to_string(events) + "\n");
  CHECK_THAT(r.err, Catch::Contains("rebuilding the query cache"));
}

TEST_CASE(
    "a file at the cache's path that csptrace did not write is left alone, and --no-cache and "
    "standard input write nothing (docs/query.md)",
    "[query][cache]") {
  const std::string trace = fresh_copy(kHotdog);
  const std::string dir = std::filesystem::path(trace).parent_path().string();
  const std::string sql = quoted("SELECT COUNT(*) AS n FROM processes");
  Run r = run_csptrace("query --no-cache --format csv " + trace + " " + sql);
  CHECK(r.out == "n\n2\n");
  r = run_csptrace("query --format csv - " + sql + " < " + trace);
  CHECK(r.out == "n\n2\n");
  CHECK(files_in(dir) == std::vector<std::string>{"hotdog.jsonl"});
  { std::ofstream(trace + ".query.db") << "the user's own notes"; }
  r = run_csptrace("query --format csv " + trace + " " + sql);
  CHECK(r.out == "n\n2\n");
  CHECK_THAT(r.err, Catch::Contains("is not a csptrace query cache"));
  CHECK(slurp(trace + ".query.db") == "the user's own notes");
}

TEST_CASE(
    "a million-row result streams: memory stays far below the output's size (issue 27, "
    "Bad input)",
    "[query][cli]") {
  const std::string trace = fresh_copy(kHotdog);
  REQUIRE(run_csptrace("query " + trace + " " + quoted("SELECT 1")).status == 0);  // the cache
  // 1 000 000 rows of ~100 bytes: 100 MB of output, held nowhere.
  const std::string sql = quoted(
      "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) "
      "SELECT i, printf('%090d', i) AS pad FROM n");
  for (const char* format : {"csv", "json", "table"}) {
    INFO(format);
    const Run r = run(std::string(CSPTRACE_EXE) + " query --format " + format + " " + trace + " " +
                      sql + " | wc -l");
    REQUIRE(r.status == 0);
    // csv: a header line; json: "[" and "]"; table: header, rule and "(N rows)".
    const long lines = std::stol(r.out);
    CHECK(lines == 1000000 + (std::string(format) == "csv"    ? 1
                              : std::string(format) == "json" ? 2
                                                              : 3));
  }
  rusage ru{};
  getrusage(RUSAGE_CHILDREN, &ru);
  if (csp_test::kSanitized)
    WARN(
        "built with a sanitizer, whose memory is not the program's: the 40 MB bound is not "
        "checked");
  else
    CHECK(ru.ru_maxrss < 40 * 1024);  // KiB: the largest child stayed under 40 MB
}
