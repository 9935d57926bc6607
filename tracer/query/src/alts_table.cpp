// The alts and alt_guards tables, from the alt_offer, alt_guard and alt_choice events: the one
// place they are read as alts is here and the replay, and the replay keeps only the alt being
// offered or waited in, not the history.
//
// A process offers one alt at a time (its alt_offer, its guards, then its alt_choice), so one
// open alt per process is kept; an alt is written when its choice comes, or at the end of the
// trace (never completed), or when the same process offers the next one first (a trace cut or
// written by hand).
#include "table_fillers.hpp"
#include "table_writer.hpp"

#include <vector>

namespace csptrace {

namespace {

struct OpenAlt {
  bool open = false;
  uint32_t alt = 0;
  size_t offer = kNone;        // its alt_offer event
  std::vector<size_t> guards;  // its alt_guard events, in listed order
};

class AltsFiller {
 public:
  AltsFiller(SqlDatabase& db, const TraceModel& m)
      : m_(m), alts_(db, "alts"), guards_(db, "alt_guards"), open_(m.processes().size()) {}

  void run() {
    for (size_t i = 0; i < m_.size(); ++i) {
      const EventKind k = m_.kind(i);
      if (k != EventKind::AltOffer && k != EventKind::AltGuard && k != EventKind::AltChoice)
        continue;
      const uint32_t p = m_.proc_index(i);
      OpenAlt& a = open_[p];
      const uint32_t alt = m_.field<Field::alt>(i);
      if (k == EventKind::AltOffer) {
        if (a.open) write(p, kNone);
        a = {true, alt, i, {}};
      } else if (k == EventKind::AltGuard) {
        if (!a.open || a.alt != alt) {
          if (a.open) write(p, kNone);
          a = {true, alt, kNone, {}};
        }
        a.guards.push_back(i);
      } else {
        if (a.open && a.alt != alt) write(p, kNone);
        if (!a.open || a.alt != alt) a = {true, alt, kNone, {}};
        write(p, i);
      }
    }
    for (uint32_t p = 0; p < open_.size(); ++p)
      if (open_[p].open) write(p, kNone);
    alts_.finish();
    guards_.finish();
  }

 private:
  // Writes the open alt of p, completed by `choice` (an alt_choice event) or never (kNone).
  void write(uint32_t p, size_t choice) {
    OpenAlt& a = open_[p];
    const Event c = choice == kNone ? Event() : m_.event(choice);
    const bool chosen = choice != kNone;
    int64_t ready = 0;
    for (size_t g : a.guards) ready += m_.field<Field::ready>(g) ? 1 : 0;
    alts_.process(m_, p).integer(a.alt).event(m_, a.offer);
    alts_.integer_or_null(a.offer != kNone, a.offer != kNone ? m_.time(a.offer) : 0);
    if (a.offer != kNone && (m_.present(a.offer) & f::loc))
      alts_.text(m_.str(m_.field<Field::loc>(a.offer)));
    else
      alts_.null();
    alts_.integer(static_cast<int64_t>(a.guards.size()))
        .integer(ready)
        .event(m_, choice)
        .integer_or_null(chosen, chosen ? m_.time(choice) : 0)
        .integer_or_null(chosen, c.index)
        .channel(m_, chosen && c.has(Field::chan) ? m_.chan_index(choice) : kNone);
    if (chosen)
      alts_.value(m_, c.value).text(to_string(c.rule));
    else
      alts_.null().null();
    alts_.row();
    for (size_t g : a.guards) {
      const Event e = m_.event(g);
      guards_.process(m_, p)
          .integer(a.alt)
          .event(m_, g)
          .integer(e.index)
          .text(to_string(e.op))
          .channel(m_, m_.chan_index(g))
          .value(m_, e.value)
          .integer(e.ready ? 1 : 0)
          .integer(chosen && c.index == e.index ? 1 : 0)
          .row();
    }
    a = {};
  }

  const TraceModel& m_;
  TableWriter alts_, guards_;
  std::vector<OpenAlt> open_;  // per process
};

}  // namespace

void fill_alts(SqlDatabase& db, const TraceModel& m) { AltsFiller(db, m).run(); }

}  // namespace csptrace
