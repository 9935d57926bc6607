// The events table: every field of every event, one column per field of CSPTRACE_FIELDS.
#include "table_fillers.hpp"
#include "table_writer.hpp"

#include <type_traits>

namespace csptrace {

namespace {

// One field of an event, by its C++ type. Process and channel fields keep the trace's ids, as
// the trace and `csptrace print` show them.
template <class T>
void put(TableWriter& w, const TraceModel& m, const Event& e, FieldMask bit, const T& v) {
  if (!(e.present & bit)) {
    w.null();
  } else if constexpr (std::is_same_v<T, Value>) {
    w.value(m, v);
  } else if constexpr (std::is_enum_v<T>) {
    w.text(to_string(v));
  } else if constexpr (std::is_same_v<T, bool>) {
    w.integer(v ? 1 : 0);
  } else if constexpr (std::is_same_v<T, uint64_t>) {
    w.unsigned64(v);
  } else {
    if (kTextFields & bit)
      w.text(m.str(static_cast<StrId>(v)));
    else
      w.integer(static_cast<int64_t>(v));
  }
}

}  // namespace

void fill_events(SqlDatabase& db, const TraceModel& m) {
  TableWriter w(db, "events");
  for (size_t i = 0; i < m.size(); ++i) {
    const Event e = m.event(i);
    if (e.seq > uint64_t(INT64_MAX))
      throw std::runtime_error("event " + std::to_string(i + 1) + " has seq " +
                               std::to_string(e.seq) +
                               ", past 2^63 - 1, the largest key SQLite's events table can hold");
    w.integer(static_cast<int64_t>(e.seq)).integer(e.t).text(to_string(e.kind));
#define CSPTRACE_SQL_EVENT_FIELD(member, key, type, doc) \
  if constexpr (f::member != f::seq && f::member != f::t) put(w, m, e, f::member, e.member);
    CSPTRACE_FIELDS(CSPTRACE_SQL_EVENT_FIELD)
#undef CSPTRACE_SQL_EVENT_FIELD
    w.row();
  }
  w.finish();
}

}  // namespace csptrace
