#include <csptrace/trace_tables.hpp>

#include <csptrace/event.hpp>

#include <sqlite3.h>

#include <stdexcept>
#include <type_traits>

namespace csptrace {

namespace {

// The SQL type of a schema field or header field of C++ type T.
template <class T>
std::string sql_type() {
  if constexpr (std::is_same_v<T, Value> || std::is_same_v<T, uint64_t>)
    return "";  // a Value is a number or a text; a uint64 past 2^63 - 1 is kept as its text
  else if constexpr (std::is_enum_v<T> || std::is_same_v<T, std::string>)
    return "TEXT";
  else
    return "INTEGER";
}

SqlTable events_table() {
  SqlTable t{"events",
             "one row per event with every field of the trace schema (docs/trace-format.md); a "
             "field the event does not carry is NULL",
             {},
             {},
             "seq"};
  t.columns.push_back({"seq", "INTEGER", std::string(field_doc(Field::seq))});
  t.columns.push_back({"t", "INTEGER", std::string(field_doc(Field::t))});
  t.columns.push_back({"kind", "TEXT", "the event's kind: spawn, park, transfer, ..."});
  auto add = [&](Field fl, std::string type) {
    if (fl == Field::seq || fl == Field::t) return;
    std::string doc(field_doc(fl));
    if (fl == Field::proc || fl == Field::partner || fl == Field::from || fl == Field::to)
      doc += " (processes.id)";
    else if (fl == Field::chan)
      doc += " (channels.id)";
    t.columns.push_back({std::string(field_key(fl)), std::move(type), std::move(doc)});
  };
  // StrId fields are texts (kTextFields); every other field maps by its C++ type.
#define CSPTRACE_SQL_EVENT_COLUMN(member, key, type, doc) \
  add(Field::member, (kTextFields & f::member) ? std::string("TEXT") : sql_type<type>());
  CSPTRACE_FIELDS(CSPTRACE_SQL_EVENT_COLUMN)
#undef CSPTRACE_SQL_EVENT_COLUMN
  return t;
}

SqlTable trace_table_def() {
  SqlTable t{"trace", "one row: the recording's header and what the reader found", {}, {}, ""};
  t.columns.push_back({"source", "TEXT", "the file the trace was read from"});
  t.columns.push_back({"version", "INTEGER", "the trace format version of the file"});
#define CSPTRACE_SQL_HEADER_COLUMN(member, key, type, doc) \
  t.columns.push_back({key, sql_type<type>(), doc});
  CSPTRACE_HEADER_FIELDS(CSPTRACE_SQL_HEADER_COLUMN)
#undef CSPTRACE_SQL_HEADER_COLUMN
  t.columns.push_back({"events", "INTEGER", "number of events"});
  t.columns.push_back({"processes", "INTEGER", "number of processes"});
  t.columns.push_back({"channels", "INTEGER", "number of channels"});
  t.columns.push_back({"t_begin", "INTEGER", "time of the first event"});
  t.columns.push_back({"t_end", "INTEGER", "time of the last event"});
  t.columns.push_back(
      {"complete", "INTEGER", "1 when the trace ends with an end event, 0 when it was cut short"});
  t.columns.push_back(
      {"end_reason", "TEXT", "why the trace ended (truncated when it was cut short)"});
  t.columns.push_back(
      {"file_bytes", "INTEGER", "size of the trace file when it was read (NULL for a pipe)"});
  t.columns.push_back(
      {"file_mtime_ns", "INTEGER", "its modification time, ns since 1970 (NULL for a pipe)"});
  return t;
}

std::vector<SqlTable> make_tables() {
  std::vector<SqlTable> all;
  all.push_back(trace_table_def());
  all.push_back(events_table());
  all.push_back(
      {"processes",
       "one row per process, in the order they were spawned",
       {{"id", "INTEGER", "the process's id in the trace (events.proc)"},
        {"name", "TEXT", "its name"},
        {"label", "TEXT",
         "its name as csptrace and the viewer show it: NAME#ID when another process has the same "
         "name"},
        {"mode", "TEXT", "main, go or thread"},
        {"role", "TEXT", "user, daemon or internal"},
        {"parent", "INTEGER", "the id of the process that spawned it, or NULL"},
        {"loc", "TEXT", "where it was spawned, \"file:line\""},
        {"spawn_seq", "INTEGER", "its spawn event"},
        {"exit_seq", "INTEGER", "its exit event, or NULL when it was alive at the end"},
        {"status", "TEXT", "ok or error once it exited, else NULL"},
        {"error", "TEXT", "the exception's text when status is error"},
        {"end_state", "TEXT", "its state after the last event (states.state)"},
        {"stuck", "INTEGER", "1 when the analysis says it waits forever (a finding names it)"}},
       {},
       "id"});
  all.push_back({"channels",
                 "one row per channel, in the order they were made",
                 {{"id", "INTEGER", "the channel's id in the trace (events.chan)"},
                  {"name", "TEXT", "its name"},
                  {"label", "TEXT",
                   "its name as csptrace and the viewer show it: NAME#ID when another channel has "
                   "the same name"},
                  {"buffer", "TEXT", "unbuffered, fixed, dropping, sliding, promise or timer"},
                  {"cap", "INTEGER", "buffer capacity (0 for unbuffered)"},
                  {"duration", "INTEGER", "a timer's duration in ns, else NULL"},
                  {"result_of", "INTEGER", "the process whose result it carries, or NULL"},
                  {"loc", "TEXT", "where it was made, \"file:line\""},
                  {"make_seq", "INTEGER", "its chan_make event"},
                  {"close_seq", "INTEGER", "its first chan_close event, or NULL"}},
                 {},
                 "id"});
  all.push_back({"rendezvous",
                 "one row per transfer: a value that went from one process to another",
                 {{"seq", "INTEGER", "the transfer event"},
                  {"t", "INTEGER", "its time"},
                  {"chan", "INTEGER", "the channel it went through (channels.id)"},
                  {"sender", "INTEGER", "the process that put it (processes.id)"},
                  {"receiver", "INTEGER", "the process that took it (processes.id)"},
                  {"via", "TEXT", "direct (hand to hand) or buffer (taken from the buffer)"},
                  {"value", "", "the value's preview: a number or a text; NULL when not recorded"}},
                 {"chan", "sender", "receiver"},
                 "seq"});
  all.push_back(
      {"states",
       "each process's states over time, from the replay: intervals that touch, the last one "
       "ending at the trace's end",
       {{"proc", "INTEGER", "the process (processes.id)"},
        {"state", "TEXT",
         "running, runnable, parked, blocked, sleeping, exited or failed (docs/analysis.md)"},
        {"op", "TEXT", "for parked, blocked and sleeping: put, take or alts; else NULL"},
        {"chan", "INTEGER",
         "the channel waited on (channels.id); NULL for alts and states that wait on nothing"},
        {"alt", "INTEGER", "for op alts: the alt waited in (alts.proc, alts.alt)"},
        {"t_begin", "INTEGER", "when the state began"},
        {"t_end", "INTEGER", "when it ended (the trace's last time for the last state)"},
        {"begin_seq", "INTEGER", "the event that began it"},
        {"end_seq", "INTEGER", "the event that ended it, or NULL for the last state"}},
       {"chan"},
       "",
       "proc, begin_seq"});
  all.push_back(
      {"occupancy",
       "each channel's buffer level and waiting processes over time, from the replay: a row per "
       "change",
       {{"chan", "INTEGER", "the channel (channels.id)"},
        {"seq", "INTEGER", "the event from which on it holds"},
        {"t", "INTEGER", "that event's time"},
        {"t_end", "INTEGER", "the time of the channel's next row, or the trace's last time"},
        {"level", "INTEGER", "values in the buffer"},
        {"putters", "INTEGER",
         "processes waiting to put (alt guards included) whose put has not completed"},
        {"takers", "INTEGER",
         "processes waiting to take (alt guards included) whose take has not completed"}},
       {},
       "",
       "chan, seq"});
  all.push_back(
      {"alts",
       "one row per alt a process offered",
       {{"proc", "INTEGER", "the process (processes.id)"},
        {"alt", "INTEGER", "the alt's number, unique within its process"},
        {"offer_seq", "INTEGER", "its alt_offer event (NULL when the trace lacks it)"},
        {"t_offer", "INTEGER", "its time"},
        {"loc", "TEXT", "the alt's source location"},
        {"guards", "INTEGER", "guards offered"},
        {"ready", "INTEGER", "of those, guards ready when offered"},
        {"choice_seq", "INTEGER", "its alt_choice event, or NULL when it never completed"},
        {"t_choice", "INTEGER", "its time"},
        {"chosen", "INTEGER", "the index of the guard that won (-1: the default), or NULL"},
        {"chan", "INTEGER", "the channel of the guard that won (channels.id), or NULL"},
        {"value", "", "the value it took or put, when recorded"},
        {"rule", "TEXT", "why it won: random, priority, only, default or waited"}},
       {"proc, alt", "chan"},
       ""});
  all.push_back({"alt_guards",
                 "one row per guard of an alt, in listed order",
                 {{"proc", "INTEGER", "the process (processes.id)"},
                  {"alt", "INTEGER", "the alt (alts.proc, alts.alt)"},
                  {"offer_seq", "INTEGER", "the guard's alt_guard event"},
                  {"guard", "INTEGER", "its index within the alt (alts.chosen)"},
                  {"op", "TEXT", "put or take"},
                  {"chan", "INTEGER", "its channel (channels.id)"},
                  {"value", "", "the value a put guard offers"},
                  {"ready", "INTEGER", "1 when it was ready when offered"},
                  {"chosen", "INTEGER", "1 when it won the alt"}},
                 {"proc, alt", "chan"},
                 ""});
  all.push_back(
      {"findings",
       "what csptrace check reports, in its order",
       {{"id", "INTEGER", "1, 2, ... in the order of csptrace check"},
        {"kind", "TEXT", "global-deadlock, wait-cycle, ... (docs/analysis.md)"},
        {"severity", "TEXT", "error, warning or info"},
        {"strength", "TEXT", "proven, observed or predicted"},
        {"seq", "INTEGER", "the event to look at, or NULL"},
        {"t", "INTEGER", "its time"},
        {"processes", "TEXT", "the processes' labels, most important first, as a JSON array"},
        {"channels", "TEXT", "the channels' labels as a JSON array"},
        {"lines", "TEXT", "the \"file:line\" of the waits as a JSON array"},
        {"text", "TEXT", "the explanation"}},
       {},
       "id"});
  all.push_back({"finding_processes",
                 "the processes of each finding, for joins",
                 {{"finding", "INTEGER", "findings.id"},
                  {"position", "INTEGER", "0 for the most important"},
                  {"proc", "INTEGER", "processes.id"}},
                 {"finding", "proc"},
                 ""});
  all.push_back({"finding_channels",
                 "the channels of each finding, for joins",
                 {{"finding", "INTEGER", "findings.id"},
                  {"position", "INTEGER", "0 for the first named"},
                  {"chan", "INTEGER", "channels.id"}},
                 {"finding", "chan"},
                 ""});
  all.push_back({"wait_for",
                 "the wait-for graph at the end of the trace (docs/analysis.md): waiter waits on "
                 "chan, and releaser could complete that wait",
                 {{"waiter", "INTEGER", "processes.id"},
                  {"releaser", "INTEGER", "processes.id"},
                  {"chan", "INTEGER", "channels.id"},
                  {"op", "TEXT", "the waiter's operation: put or take"}},
                 {},
                 ""});
  return all;
}

// "a, b" -> {"a", "b"}
std::vector<std::string> split_list(const std::string& cols) {
  std::vector<std::string> out;
  size_t from = 0;
  while (from <= cols.size()) {
    size_t comma = cols.find(", ", from);
    if (comma == std::string::npos) comma = cols.size();
    out.push_back(cols.substr(from, comma - from));
    from = comma + 2;
  }
  return out;
}

}  // namespace

const std::vector<SqlTable>& trace_tables() {
  static const std::vector<SqlTable> tables = make_tables();
  return tables;
}

const SqlTable& trace_table(std::string_view name) {
  for (const SqlTable& t : trace_tables())
    if (t.name == name) return t;
  throw std::logic_error("no trace table " + std::string(name));
}

std::string sql_name(std::string_view name) {
  if (!sqlite3_keyword_check(name.data(), static_cast<int>(name.size()))) return std::string(name);
  return "\"" + std::string(name) + "\"";
}

std::string create_table_sql(const SqlTable& t) {
  std::string s = "CREATE TABLE " + t.name + " (  -- " + t.doc;
  for (size_t i = 0; i < t.columns.size(); ++i) {
    const SqlColumn& c = t.columns[i];
    s += "\n  " + sql_name(c.name);
    if (!c.type.empty()) s += " " + c.type;
    if (c.name == t.primary_key) s += " PRIMARY KEY";
    s += i + 1 < t.columns.size() ? ", " : " ";
    s += " -- " + c.doc;
  }
  if (!t.clustered_by.empty()) {
    std::string key;
    for (const std::string& col : split_list(t.clustered_by))
      key += (key.empty() ? "" : ", ") + sql_name(col);
    s += "\n  , PRIMARY KEY (" + key + ")  -- the rows are stored in this order";
    return s + "\n) WITHOUT ROWID;\n";
  }
  return s + "\n);\n";
}

// An index on one column leaves out the rows where it is NULL (states.chan is NULL in the two
// thirds of states that wait on nothing): SQLite uses such a partial index for `col = x`, a
// join on col and a range, all of which imply NOT NULL, and it costs the 10 M-event export
// 1.1 s of CPU instead of 3.9 s for states.chan.
std::string create_indexes_sql(const SqlTable& t) {
  std::string s;
  for (const std::string& cols : t.indexes) {
    std::string name = t.name + "_by";
    std::string list;
    const std::vector<std::string> columns = split_list(cols);
    for (const std::string& col : columns) {
      name += "_" + col;
      list += (list.empty() ? "" : ", ") + sql_name(col);
    }
    s += "CREATE INDEX " + name + " ON " + t.name + " (" + list + ")";
    if (columns.size() == 1) s += " WHERE " + list + " IS NOT NULL";
    s += ";\n";
  }
  return s;
}

std::string insert_sql(const SqlTable& t, size_t rows) {
  std::string tuple = "(";
  for (size_t i = 0; i < t.columns.size(); ++i) tuple += i ? ",?" : "?";
  tuple += ")";
  std::string s = "INSERT INTO " + t.name + " VALUES ";
  for (size_t r = 0; r < rows; ++r) s += r ? "," + tuple : tuple;
  return s;
}

}  // namespace csptrace
