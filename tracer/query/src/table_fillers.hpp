// The functions that fill the tables of a trace database, one file per group of tables, called
// by fill_trace_database (trace_database.cpp, split_build.cpp). Each reads the one owner of
// its facts: the model for events, processes and channels; the replay's timeline for states,
// occupancy and rendezvous; the analysis's verdict for findings and the wait-for graph.
#pragma once

#include <csptrace/analysis.hpp>
#include <csptrace/replay.hpp>
#include <csptrace/sql_database.hpp>
#include <csptrace/trace_database.hpp>
#include <csptrace/trace_model.hpp>

namespace csptrace {

void fill_trace_row(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp);
void fill_events(SqlDatabase& db, const TraceModel& m);
void fill_processes_and_channels(SqlDatabase& db, const Replay& replay, const Verdict& verdict);
void fill_states(SqlDatabase& db, const Replay& replay);
void fill_occupancy(SqlDatabase& db, const Replay& replay);
void fill_rendezvous(SqlDatabase& db, const Replay& replay);
void fill_alts(SqlDatabase& db, const TraceModel& m);
void fill_findings(SqlDatabase& db, const TraceModel& m, const Verdict& verdict);

}  // namespace csptrace
