// The database csptrace query runs a query on: the cache beside the trace when it is fresh,
// else built (into the cache, or uncached into a temporary file). docs/decisions.md says why the
// cache sits beside the trace.
//
// The cache of TRACE is TRACE.query.db. It is fresh when it is a database csptrace wrote
// (PRAGMA application_id), of this csptrace's table layout (PRAGMA user_version), and its trace
// table records the size and modification time TRACE has now; otherwise it is rebuilt. A file
// at that path that csptrace did not write is never replaced: the query then runs uncached.
// So does every query on a pipe, on standard input, or when the cache cannot be written.
#pragma once

#include <csptrace/sql_database.hpp>
#include <csptrace/trace_database.hpp>
#include <csptrace/trace_model.hpp>

#include <functional>
#include <string>

namespace csptrace {

struct QueryDatabaseOptions {
  bool use_cache = true;  // false: always build uncached and keep nothing
  // Reads the trace (with the caller's notices and warnings); throws as load_trace does.
  std::function<TraceModel(const std::string&)> load;
  // Told what happens that the user may wonder about (a cache built, the reason one is not).
  std::function<void(const std::string&)> notice;
  // Follows and stops the build of the database (trace_database.hpp).
  BuildControl build;
};

std::string query_cache_path(const std::string& trace_path);

// A database of the trace at trace_path, ready for prepare_query.
SqlDatabase open_query_database(const std::string& trace_path, const QueryDatabaseOptions& o);

}  // namespace csptrace
