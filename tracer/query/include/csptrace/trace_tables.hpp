// The tables of a trace database (csptrace export --format sqlite, csptrace query): their
// names, columns, SQL types, meanings and indexes, defined once here. The CREATE statements
// (with each column's meaning as a comment, so `sqlite3 OUT.db .schema` documents itself), the
// INSERT statements, `csptrace query TRACE` without SQL and the reference of docs/query.md all
// come from this list. The `events` and `trace` tables mirror the trace schema and are
// generated from CSPTRACE_FIELDS and CSPTRACE_HEADER_FIELDS (schema.hpp): a new field of the
// format is a new column without an edit here.
//
// Conventions every table keeps: processes and channels are named by their ids in the trace
// (processes.id, channels.id), events by their seq (events.seq); a column naming an event ends
// in "seq"; times are nanoseconds since the trace started, as the trace's `t`.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csptrace {

// PRAGMA application_id of every database csptrace writes ("CSPq"), so that a file is known to
// be one (the query cache replaces only such a file).
inline constexpr int32_t kTraceDatabaseApplicationId = 0x43535071;
// PRAGMA user_version: bumped whenever a table or column changes, so a cache built by an older
// csptrace is rebuilt.
inline constexpr int32_t kTraceDatabaseVersion = 1;

struct SqlColumn {
  std::string name;
  std::string type;  // "INTEGER", "TEXT", "" (any: a number or a text, as the value is)
  std::string doc;
};

struct SqlTable {
  std::string name;
  std::string doc;
  std::vector<SqlColumn> columns;
  // Each entry an index: one column, or several separated by ", ".
  std::vector<std::string> indexes;
  std::string primary_key;  // a column that is the INTEGER PRIMARY KEY, or ""
  // Columns ("a, b") the rows are stored in order of (a WITHOUT ROWID table keyed by them), or
  // "". The fillers insert in that order, so building costs no more than appending, and a
  // lookup by the first column needs no separate index. The key must be unique and not NULL.
  std::string clustered_by = {};
};

// Every table, in the order `csptrace query TRACE` lists them.
const std::vector<SqlTable>& trace_tables();
// The table called name. Precondition: it is one of trace_tables().
const SqlTable& trace_table(std::string_view name);

// CREATE TABLE with one line per column and its meaning as a comment.
std::string create_table_sql(const SqlTable& t);
// One CREATE INDEX per entry of t.indexes.
std::string create_indexes_sql(const SqlTable& t);
// INSERT INTO t VALUES (?,...,?),...: rows tuples of one parameter per column in order.
std::string insert_sql(const SqlTable& t, size_t rows = 1);
// A column name as SQL text: quoted when it is an SQL keyword ("from", "to", "index").
std::string sql_name(std::string_view name);

}  // namespace csptrace
