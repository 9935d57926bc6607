// The trace table: one row, the recording's header and what the reader found.
#include "table_fillers.hpp"
#include "table_writer.hpp"

#include <string>
#include <type_traits>

namespace csptrace {

void fill_trace_row(SqlDatabase& db, const TraceModel& m, const TraceFileStamp& stamp) {
  TableWriter w(db, "trace");
  const TraceHeader& h = m.header();
  w.text(m.source()).integer(h.version);
  auto put = [&](const auto& v) {
    using T = std::decay_t<decltype(v)>;
    if constexpr (std::is_same_v<T, std::string>)
      w.text(v);
    else if constexpr (std::is_same_v<T, uint64_t>)
      w.unsigned64(v);
    else
      w.integer(static_cast<int64_t>(v));
  };
#define CSPTRACE_SQL_HEADER_VALUE(member, key, type, doc) put(h.member);
  CSPTRACE_HEADER_FIELDS(CSPTRACE_SQL_HEADER_VALUE)
#undef CSPTRACE_SQL_HEADER_VALUE
  w.integer(static_cast<int64_t>(m.size()))
      .integer(static_cast<int64_t>(m.processes().size()))
      .integer(static_cast<int64_t>(m.channels().size()))
      .integer(m.empty() ? 0 : m.time(0))
      .integer(m.empty() ? 0 : m.time(m.size() - 1))
      .integer(m.complete() ? 1 : 0)
      .text(to_string(m.end_reason()))
      .integer_or_null(stamp.known, stamp.bytes)
      .integer_or_null(stamp.known, stamp.mtime_ns)
      .row();
  w.finish();
}

}  // namespace csptrace
