// csptrace query: one SQL query on a trace's tables (docs/query.md), its rows streamed out.
#include "cli.hpp"
#include "interrupt.hpp"
#include "progress_line.hpp"
#include "query_output.hpp"

#include <csptrace/query_cache.hpp>
#include <csptrace/trace_database.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_tables.hpp>

#include <unistd.h>
#include <cstring>
#include <iostream>

namespace csptrace::cli {

namespace {

constexpr const char* kHelp =
    "usage: csptrace query [--format table|csv|json] [--no-cache] TRACE [\"SQL\"]\n\n"
    "Runs one SQL query (SQLite's dialect) on the trace's tables and prints its rows as they\n"
    "come. Without SQL, prints the tables: every column with its meaning. The tables are\n"
    "events, processes, channels, rendezvous, states, occupancy, alts, alt_guards, findings,\n"
    "finding_processes, finding_channels, wait_for and trace; docs/query.md describes them\n"
    "and gives example queries.\n\n"
    "  --format table   aligned columns (the default); values past 48 characters are cut\n"
    "  --format csv     RFC 4180 CSV with a header line\n"
    "  --format json    a JSON array of objects, one per row\n"
    "  --no-cache       build the tables for this query only, in a temporary file\n\n"
    "The tables are built once and kept in TRACE.query.db beside the trace, rebuilt when the\n"
    "trace changes (its size or modification time); a pipe, standard input, a folder that\n"
    "cannot be written or --no-cache builds them for this query only, in a temporary file of\n"
    "TMPDIR that is removed at once (so memory stays bounded however large). The query may\n"
    "only read; to change the tables, 'csptrace export --format sqlite TRACE -o OUT.db'.\n\n"
    "Exit status: 0 the query ran, 2 the SQL is wrong (SQLite's message and where), the trace\n"
    "cannot be read, or a usage error.\n";

void print_schema() {
  for (const SqlTable& t : trace_tables())
    std::cout << create_table_sql(t) << create_indexes_sql(t) << '\n';
}

// Line and column (from 1) of byte `offset` in sql, the line itself, and a caret under it.
std::string point_at(const std::string& sql, size_t offset) {
  const SqlPlace p = sql_place(sql, offset);
  std::string caret;
  for (size_t i = p.line_begin; i < p.line_begin + p.column - 1; ++i)
    caret += sql[i] == '\t' ? '\t' : ' ';
  return "at line " + std::to_string(p.line) + ", column " + std::to_string(p.column) + ":\n  " +
         sql.substr(p.line_begin, p.line_end - p.line_begin) + "\n  " + caret + "^\n";
}

int sql_error(const SqlError& ex, const std::string& sql) {
  std::cerr << "csptrace query: the SQL is wrong: " << ex.what() << "\n";
  if (ex.offset() >= 0) std::cerr << "  " << point_at(sql, static_cast<size_t>(ex.offset()));
  std::cerr << "The tables and their columns: 'csptrace query TRACE' without SQL, or "
               "docs/query.md.\n";
  return kUnreadable;
}

}  // namespace

int cmd_query(const Args& args) {
  if (wants_help(args)) {
    std::cout << kHelp;
    return kOk;
  }
  QueryFormat format = QueryFormat::Table;
  bool use_cache = true, positional_only = false;
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    // SQL may begin with "-- a comment": an argument with white space is never an option.
    if (positional_only || !is_option(a) || a.find_first_of(" \t\n") != std::string::npos) {
      positional.push_back(a);
    } else if (a == "--") {
      positional_only = true;
    } else if (a == "--no-cache") {
      use_cache = false;
    } else if (a == "--format" || a.rfind("--format=", 0) == 0) {
      std::string v;
      if (a == "--format") {
        if (i + 1 == args.size()) return usage_error("query", "--format needs table, csv or json");
        v = args[++i];
      } else {
        v = a.substr(9);
      }
      if (v == "table")
        format = QueryFormat::Table;
      else if (v == "csv")
        format = QueryFormat::Csv;
      else if (v == "json")
        format = QueryFormat::Json;
      else
        return usage_error("query", "--format takes table, csv or json, not '" + v + "'");
    } else {
      return unknown_option("query", a, {"--format", "--no-cache"});
    }
  }
  if (positional.empty()) return usage_error("query", "expected a TRACE");
  if (positional.size() > 2)
    return usage_error("query", "expected TRACE and one SQL text, got " +
                                    std::to_string(positional.size()) +
                                    " arguments; quote the SQL as one argument");
  const std::string& file = positional[0];
  if (positional.size() == 1) {
    if (file != "-" && ::access(file.c_str(), R_OK) != 0)
      return usage_error("query", "cannot read " + file + ": " + std::strerror(errno));
    print_schema();
    return kOk;
  }
  const std::string& sql = positional[1];
  QueryDatabaseOptions options;
  options.use_cache = use_cache;
  options.load = [](const std::string& path) { return load_input(path); };
  options.notice = [](const std::string& what) { std::cerr << "csptrace query: " << what << "\n"; };
  try {
    // Bad SQL is reported before the trace is read, so nothing is built or written for it.
    try {
      check_query_sql(sql);
    } catch (const SqlError& ex) {
      return sql_error(ex, sql);
    }
    // Reading the trace and building its tables can take seconds: a progress line, and Ctrl-C
    // stops them cleanly. Not while the rows are written: they are streamed, so Ctrl-C kills.
    SqlDatabase db = [&] {
      InterruptScope interrupts;
      ProgressLine line;
      options.build.cancel = InterruptScope::flag();
      options.build.step = [&line](std::string_view step) {
        line.set("building the query database: " + std::string(step));
      };
      return open_query_database(file, options);
    }();
    SqlStatement s;
    try {
      s = db.prepare_query(sql);
    } catch (const SqlError& ex) {
      return sql_error(ex, sql);
    }
    write_query_rows(s, format, std::cout);
    return kOk;
  } catch (const TraceError& ex) {
    std::cerr << ex.what() << "\n";
    return kUnreadable;
  } catch (const std::runtime_error& ex) {
    std::cerr << "csptrace query: " << ex.what() << "\n";
    return kUnreadable;
  }
}

}  // namespace csptrace::cli
