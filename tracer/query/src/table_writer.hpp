// Appends rows to one table of a trace database through one prepared INSERT, column by column
// in the order of the table's definition (trace_tables.cpp). row() checks that every column
// got a value, so a filler and its table's definition cannot drift apart unnoticed.
//
// SQLite keeps a statement's bindings from one row to the next, so a NULL is bound only where
// the column held something else in the row before: most of the events table's columns are
// NULL in most rows, and a bind is a call with checks (docs/performance.md, "SQL export").
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/sql_database.hpp>
#include <csptrace/trace_model.hpp>
#include <csptrace/trace_tables.hpp>

#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace csptrace {

class TableWriter {
 public:
  TableWriter(SqlDatabase& db, std::string_view table)
      : table_(trace_table(table)),
        insert_(db.prepare(insert_sql(table_))),
        null_(table_.columns.size() + 1, true) {}

  TableWriter& integer(int64_t v) {
    insert_.bind_int(++bound_, v);
    null_[bound_] = false;
    return *this;
  }
  // Texts must live until row() (the model's strings, the schema's names, a caller's string).
  TableWriter& text(std::string_view v) {
    insert_.bind_text(++bound_, v);
    null_[bound_] = false;
    return *this;
  }
  TableWriter& null() {
    if (!null_[++bound_]) insert_.bind_null(bound_);
    null_[bound_] = true;
    return *this;
  }
  TableWriter& integer_or_null(bool present, int64_t v) { return present ? integer(v) : null(); }
  // A uint64 past SQLite's integers is kept as its decimal text (the column has no type).
  TableWriter& unsigned64(uint64_t v) {
    if (v <= uint64_t(INT64_MAX)) return integer(static_cast<int64_t>(v));
    insert_.bind_text_copy(++bound_, std::to_string(v));
    null_[bound_] = false;
    return *this;
  }
  // A value preview: an integer, a text of m's string table, or NULL.
  TableWriter& value(const TraceModel& m, const Value& v) {
    switch (v.kind) {
      case Value::Kind::Int: return integer(v.num);
      case Value::Kind::Text: return text(m.str(v.text));
      case Value::Kind::None: break;
    }
    return null();
  }
  // A process or channel by dense index, as its id in the trace; NULL for kNone.
  TableWriter& process(const TraceModel& m, uint32_t p) {
    return p == kNone ? null() : integer(m.processes()[p].id);
  }
  TableWriter& channel(const TraceModel& m, uint32_t c) {
    return c == kNone ? null() : integer(m.channels()[c].id);
  }
  // An event by index, as its seq; NULL for kNone.
  TableWriter& event(const TraceModel& m, size_t i) {
    return i == kNone || i >= m.size() ? null() : unsigned64(m.seq(i));
  }

  void row() {
    if (bound_ != static_cast<int>(table_.columns.size()))
      throw std::logic_error("table " + table_.name + ": a row of " + std::to_string(bound_) +
                             " values for " + std::to_string(table_.columns.size()) + " columns");
    insert_.run();
    bound_ = 0;
  }

 private:
  const SqlTable& table_;
  SqlStatement insert_;
  int bound_ = 0;
  std::vector<bool> null_;  // by parameter number: the binding the statement holds is NULL
};

}  // namespace csptrace
