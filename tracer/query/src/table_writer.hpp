// Appends rows to one table of a trace database, column by column in the order of the table's
// definition (trace_tables.cpp). row() checks that every column got a value, so a filler and
// its table's definition cannot drift apart unnoticed.
//
// Rows are kept and written kBatch at a time through one prepared INSERT of kBatch tuples:
// SQLite's cost per statement run (step, reset, the program's prologue) is then paid once per
// batch, which made the export of a 1 M-event trace 1.5x faster (docs/performance.md, "SQL
// export"). finish() writes what is left, one row per run of a one-tuple INSERT; a writer
// destroyed with rows it has not written is a programming error and aborts, unless an
// exception is on its way (the build is then thrown away whole).
//
// Texts are copied into the writer's arena, so a caller's temporary may be given. SQLite keeps
// a statement's bindings from one run to the next, so a NULL is bound only where the parameter
// held something else in the run before: most of the events table's columns are NULL.
#pragma once

#include <csptrace/event.hpp>
#include <csptrace/sql_database.hpp>
#include <csptrace/trace_model.hpp>
#include <csptrace/trace_tables.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace csptrace {

class TableWriter {
 public:
  static constexpr size_t kBatch = 128;

  TableWriter(SqlDatabase& db, std::string_view table);
  ~TableWriter();
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  TableWriter& integer(int64_t v) { return cell(Cell::Int, v, 0); }
  TableWriter& text(std::string_view v) {
    const size_t at = arena_.size();
    arena_.append(v);
    return cell(Cell::Text, static_cast<int64_t>(at), static_cast<uint32_t>(v.size()));
  }
  TableWriter& null() { return cell(Cell::Null, 0, 0); }
  TableWriter& integer_or_null(bool present, int64_t v) { return present ? integer(v) : null(); }
  // A uint64 past SQLite's integers is kept as its decimal text (the column has no type).
  TableWriter& unsigned64(uint64_t v) {
    return v <= uint64_t(INT64_MAX) ? integer(static_cast<int64_t>(v)) : text(std::to_string(v));
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

  // Ends a row; writes the batch when it is full.
  void row();
  // Writes the rows not written yet. The writer can take more rows after it.
  void finish();

 private:
  struct Cell {
    enum Type : uint8_t { Null, Int, Text };
    int64_t v;     // the integer, or a text's offset in arena_
    uint32_t len;  // a text's length
    Type type;
  };
  // One prepared INSERT and, by parameter number, whether its binding is NULL.
  struct Insert {
    SqlStatement statement;
    std::vector<bool> null;
  };

  TableWriter& cell(Cell::Type type, int64_t v, uint32_t len) {
    if (used_ == cells_.size()) too_many_values();
    cells_[used_++] = {v, len, type};
    return *this;
  }
  [[noreturn]] void too_many_values() const;
  // Binds rows [first, first + rows) of cells_ to ins and runs it.
  void run(Insert& ins, size_t first, size_t rows);

  const SqlTable& table_;
  const size_t columns_;
  Insert batch_;             // kBatch tuples
  Insert single_;            // one tuple, for what finish() writes
  std::vector<Cell> cells_;  // room for kBatch rows; the first used_ hold values
  size_t used_ = 0;
  std::string arena_;
  int uncaught_ = 0;  // std::uncaught_exceptions() when the writer was made
};

}  // namespace csptrace
