// The tables of a trace database against the schema they mirror, the page that documents them
// (docs/query.md) and the file sqlite3 reads (issue 27, "Done when": "sqlite3 OUT.db .schema
// shows the documented tables; README's CLI section lists query and the new export format").
#include "query_harness.hpp"

#include <csptrace/event.hpp>
#include <csptrace/query_cache.hpp>
#include <csptrace/trace_database.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/trace_tables.hpp>

#include <sqlite3.h>

using namespace query_test;
using namespace csptrace;
using nlohmann::json;

namespace {

const std::string kHotdog = std::string(CSP_FIXTURES) + "/hotdog.jsonl";

// The row of docs/query.md's reference for column c (the layout the page uses).
std::string doc_row(const SqlTable& t, const SqlColumn& c) {
  std::string type = c.type.empty() ? "any" : c.type;
  if (c.name == t.primary_key) type += " primary key";
  return "| `" + c.name + "` | " + type + " | " + c.doc + " |";
}

}  // namespace

TEST_CASE(
    "events has a column per field of CSPTRACE_FIELDS, in schema order (schema.hpp: one "
    "definition)",
    "[query][schema]") {
  const SqlTable& events = trace_table("events");
  REQUIRE(events.columns.size() == size_t(kFieldCount) + 1);  // + kind
  CHECK(events.columns[2].name == "kind");
  size_t col = 0;
  for (int f = 0; f < kFieldCount; ++f, ++col) {
    if (col == 2) ++col;
    CHECK(events.columns[col].name == field_key(static_cast<Field>(f)));
  }
  CHECK(events.primary_key == "seq");
}

TEST_CASE(
    "docs/query.md documents every table and column as trace_tables() defines them "
    "(issue 27: documented in docs/query.md)",
    "[query][docs]") {
  const std::string doc = slurp(std::string(CSP_DOCS) + "/query.md");
  for (const SqlTable& t : trace_tables()) {
    INFO(t.name);
    CHECK(doc.find("### `" + t.name + "`") != std::string::npos);
    for (const SqlColumn& c : t.columns) CHECK(doc.find(doc_row(t, c)) != std::string::npos);
    std::string indexed;
    for (const std::string& cols : t.indexes)
      indexed += (indexed.empty() ? "" : ", ") + ("`" + cols + "`");
    if (!indexed.empty()) CHECK(doc.find("Indexed: " + indexed + ".") != std::string::npos);
    if (!t.clustered_by.empty())
      CHECK(doc.find("Stored in the order of (`" +
                     t.clustered_by.substr(0, t.clustered_by.find(',')) + "`") !=
            std::string::npos);
  }
}

TEST_CASE(
    "sqlite3 OUT.db .schema shows every table with its columns and indexes (issue 27, "
    "Done when)",
    "[query][export]") {
  const std::string out = temp_path("hotdog.db");
  REQUIRE(run_csptrace("export --format sqlite " + kHotdog + " -o " + out).status == 0);
  const Run schema = run("sqlite3 " + out + " .schema");
  REQUIRE(schema.status == 0);
  for (const SqlTable& t : trace_tables()) {
    INFO(t.name);
    CHECK(schema.out.find("CREATE TABLE " + t.name + " (") != std::string::npos);
    for (const SqlColumn& c : t.columns)
      CHECK(schema.out.find("\n  " + sql_name(c.name) + (c.type.empty() ? "" : " " + c.type)) !=
            std::string::npos);
    if (!t.indexes.empty()) CHECK(schema.out.find(" ON " + t.name + " (") != std::string::npos);
  }
  CHECK(run("sqlite3 " + out + " 'PRAGMA integrity_check'").out == "ok\n");
  std::filesystem::remove(out);
}

TEST_CASE(
    "README's csptrace section lists query and export --format sqlite (issue 27, Done "
    "when)",
    "[query][docs]") {
  const std::string readme = slurp(CSP_README);
  CHECK(readme.find("csptrace query ") != std::string::npos);
  CHECK(readme.find("csptrace export --format jsonl|csptrace|chrome|sqlite") != std::string::npos);
}

TEST_CASE("every event's row holds every field of its JSON Lines line (hotdog fixture)",
          "[query][export]") {
  const TraceModel m = load_trace(kHotdog);
  SqlDatabase db("", SqlDatabase::Mode::Memory);
  fill_trace_database(db, m, file_stamp(kHotdog));
  SqlStatement row = db.prepare("SELECT * FROM events WHERE seq = ?");
  const std::vector<json> events = trace_events(kHotdog);
  REQUIRE(events.size() == m.size());
  for (const json& e : events) {
    INFO(e.dump());
    row.reset();
    row.bind_int(1, e["seq"].get<int64_t>());
    REQUIRE(row.step());
    size_t present = 0;
    for (int c = 0; c < row.columns(); ++c) {
      const std::string name(row.column_name(c));
      if (row.column_type(c) == SqlType::Null) {
        CHECK(!e.contains(name));
        continue;
      }
      ++present;
      REQUIRE(e.contains(name));
      const json& want = e[name];
      if (want.is_boolean())
        CHECK(row.column_int(c) == (want.get<bool>() ? 1 : 0));
      else if (want.is_number())
        CHECK(row.column_int(c) == want.get<int64_t>());
      else
        CHECK(std::string(row.column_text(c)) == want.get<std::string>());
    }
    CHECK(present == e.size());
  }
}

TEST_CASE("the trace table records the header and the file's stamp (the query cache's key)",
          "[query][export]") {
  const TraceModel m = load_trace(kHotdog);
  SqlDatabase db("", SqlDatabase::Mode::Memory);
  const TraceFileStamp stamp = file_stamp(kHotdog);
  REQUIRE(stamp.known);
  fill_trace_database(db, m, stamp);
  SqlStatement s = db.prepare(
      "SELECT program, seed, events, complete, end_reason, file_bytes, file_mtime_ns FROM trace");
  REQUIRE(s.step());
  CHECK(s.column_text(0) == m.header().program);
  CHECK(s.column_int(1) == 1);  // the fixture's header: "seed":1
  CHECK(s.column_int(2) == 30);
  CHECK(s.column_int(3) == 1);
  CHECK(s.column_text(4) == "normal");
  CHECK(s.column_int(5) == stamp.bytes);
  CHECK(s.column_int(6) == stamp.mtime_ns);
  CHECK(!s.step());
}

TEST_CASE(
    "an uncached database keeps its pages in a temporary file: SQLite's cache holds a small "
    "part of it (issue 21: query --no-cache on 20 M events)",
    "[query][cache]") {
  // In memory, every page of the database is in SQLite's cache: 3 GB for 20 M events. In the
  // temporary file only the page cache (2 MB) is.
  const std::string trace = record_sample(WORKER_POOL_EXE, "--jobs 20000");
  QueryDatabaseOptions o;
  o.use_cache = false;
  o.load = [](const std::string& path) { return load_trace(path); };
  o.notice = [](const std::string& what) { FAIL("unexpected notice: " << what); };
  SqlDatabase db = open_query_database(trace, o);
  const auto pragma = [&](const char* name) {
    SqlStatement s = db.prepare(std::string("PRAGMA ") + name);
    REQUIRE(s.step());
    return s.column_int(0);
  };
  const int64_t bytes = pragma("page_count") * pragma("page_size");
  int cached = 0, highwater = 0;
  REQUIRE(sqlite3_db_status(db.handle(), SQLITE_DBSTATUS_CACHE_USED, &cached, &highwater, 0) ==
          SQLITE_OK);
  INFO("database " << bytes << " bytes, cache " << cached);
  CHECK(bytes > 16 * 1024 * 1024);
  CHECK(cached < bytes / 4);
  SqlStatement n = db.prepare("SELECT COUNT(*) FROM events");
  REQUIRE(n.step());
  CHECK(n.column_int(0) == static_cast<int64_t>(load_trace(trace).size()));
}

TEST_CASE(
    "the findings table's processes channels and lines are check --json's lists, in order "
    "(philosophers --deadlock)",
    "[query][export]") {
  // The findings table writes each list as a JSON array one name at a time (a finding may name
  // millions); it must read back as exactly what check --json prints.
  const std::string trace = record_sample(PHILOSOPHERS_EXE, "--deadlock");
  const json findings = cli_json("check --json " + quoted(trace), 1)["findings"];
  const json rows =
      query_json(trace, "SELECT processes, channels, lines FROM findings ORDER BY id");
  REQUIRE(rows.size() == findings.size());
  REQUIRE(!rows.empty());
  for (size_t k = 0; k < rows.size(); ++k) {
    CAPTURE(k);
    CHECK(json::parse(rows[k]["processes"].get<std::string>()) == findings[k]["processes"]);
    CHECK(json::parse(rows[k]["channels"].get<std::string>()) == findings[k]["channels"]);
    CHECK(json::parse(rows[k]["lines"].get<std::string>()) == findings[k]["locations"]);
  }
}
