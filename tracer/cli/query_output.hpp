// How csptrace query prints the rows of a query: as they come from SQLite, one at a time, so
// a result of millions of rows is never held in memory (the table format holds its first
// kTableSampleRows rows to size its columns).
#pragma once

#include <csptrace/sql_database.hpp>

#include <cstdint>
#include <ostream>

namespace csptrace::cli {

enum class QueryFormat : uint8_t {
  Table,  // aligned columns for people, long values cut, then "(N rows)"
  Csv,    // RFC 4180: a header line, fields quoted when they must be, NULL as an empty field
  Json,   // an array of objects, one per line, keys the column names, NULL as null
};

inline constexpr int kTableSampleRows = 200;
inline constexpr int kTableMaxWidth = 48;  // characters of one cell in the table format

// Runs s to its end, printing each row to out; returns the rows printed. Stops at the first
// failed write to out (the caller reports it). Throws SqlError when a step fails.
uint64_t write_query_rows(SqlStatement& s, QueryFormat format, std::ostream& out);

}  // namespace csptrace::cli
