// The build of a trace database on two threads (split_build.cpp), and what it shares with the
// build in one transaction (trace_database.cpp).
#pragma once

#include <csptrace/sql_database.hpp>
#include <csptrace/trace_database.hpp>
#include <csptrace/trace_model.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace csptrace {

// Reports a step of the build as it begins, on the calling thread; throws BuildCancelled once
// the caller's cancel flag is set.
using BuildStep = std::function<void(std::string_view)>;

// The pragmas of a database being built: set before its first table.
void set_build_pragmas(SqlDatabase& db);

// Fills db (pragmas set, no tables yet) with every table of trace_tables() and their indexes,
// using a second thread and side databases at side_prefix + "-states" and "-rendezvous", which
// it removes before it returns or throws.
void build_split(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp,
                 const std::string& side_prefix, const BuildControl& control,
                 const BuildStep& step);

}  // namespace csptrace
