#include "table_writer.hpp"

#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>

namespace csptrace {

TableWriter::TableWriter(SqlDatabase& db, std::string_view table)
    : table_(trace_table(table)),
      columns_(table_.columns.size()),
      batch_{db.prepare(insert_sql(table_, kBatch)),
             std::vector<bool>(columns_ * kBatch + 1, true)},
      single_{db.prepare(insert_sql(table_)), std::vector<bool>(columns_ + 1, true)},
      uncaught_(std::uncaught_exceptions()) {
  cells_.resize(columns_ * kBatch);
}

TableWriter::~TableWriter() {
  if (used_ == 0 || std::uncaught_exceptions() > uncaught_) return;
  std::fprintf(stderr, "internal error: table %s: %zu values were never written (finish())\n",
               table_.name.c_str(), used_);
  std::abort();
}

void TableWriter::too_many_values() const {
  throw std::logic_error("table " + table_.name + ": a row of more than " +
                         std::to_string(columns_) + " values");
}

void TableWriter::row() {
  if (used_ % columns_ != 0)
    throw std::logic_error("table " + table_.name + ": a row of " +
                           std::to_string(used_ % columns_) + " values for " +
                           std::to_string(columns_) + " columns");
  if (used_ < cells_.size()) return;
  run(batch_, 0, kBatch);
  used_ = 0;
  arena_.clear();
}

void TableWriter::finish() {
  if (used_ % columns_ != 0)
    throw std::logic_error("table " + table_.name + ": finish() within a row");
  for (size_t r = 0; r < used_ / columns_; ++r) run(single_, r, 1);
  used_ = 0;
  arena_.clear();
}

void TableWriter::run(Insert& ins, size_t first, size_t rows) {
  const Cell* c = cells_.data() + first * columns_;
  for (int param = 1; param <= static_cast<int>(rows * columns_); ++param, ++c) {
    switch (c->type) {
      case Cell::Null:
        if (!ins.null[param]) ins.statement.bind_null(param);
        break;
      case Cell::Int: ins.statement.bind_int(param, c->v); break;
      case Cell::Text:
        ins.statement.bind_text(param, std::string_view(arena_).substr(c->v, c->len));
        break;
    }
    ins.null[param] = c->type == Cell::Null;
  }
  ins.statement.run();
}

}  // namespace csptrace
