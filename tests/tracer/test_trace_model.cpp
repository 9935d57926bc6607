// The packed model answers every accessor as the plain columns did: process indices of each
// role, seq with gaps, present masks, whole events.
#include <csptrace/trace_model.hpp>

#include "random_trace.hpp"

#include <catch2/catch.hpp>

using namespace csptrace;

TEST_CASE("the model's accessors after packing", "[model]") {
  TraceModelBuilder b("mem");
  const StrId main = b.strings().intern("main"), worker = b.strings().intern("worker");
  const StrId ch = b.strings().intern("ch"), hello = b.strings().intern("hello");
  auto at = [](Event e, uint64_t seq, int64_t t) {
    e.seq = seq;
    e.t = t;
    return e;
  };
  b.add(at(Event(EventKind::Spawn).with_proc(10).with_name(main).with_mode(ProcMode::Main), 1, 0));
  b.add(at(Event(EventKind::Spawn)
               .with_proc(20)
               .with_name(worker)
               .with_mode(ProcMode::Go)
               .with_partner(10),
           2, 5));
  b.add(at(Event(EventKind::ChanMake)
               .with_chan(7)
               .with_name(ch)
               .with_buffer(BufferKind::Unbuffered)
               .with_cap(0),
           3, 9));
  b.add(at(Event(EventKind::Park).with_proc(20).with_chan(7).with_op(WaitOp::Take).with_thread(3),
           10, 12));
  b.add(at(Event(EventKind::Transfer)
               .with_chan(7)
               .with_from(10)
               .with_to(20)
               .with_via(Via::Direct)
               .with_value(Value::text_id(hello)),
           11, 20));
  b.add(at(Event(EventKind::Resume).with_proc(20).with_partner(10).with_chan(7), 12, 21));
  b.add(at(Event(EventKind::End).with_reason(EndReason::Normal), 40, 30));
  TraceModel m = std::move(b).finish();

  REQUIRE(m.size() == 7);
  CHECK(m.complete());
  std::vector<uint64_t> seqs;
  for (size_t i = 0; i < m.size(); ++i) seqs.push_back(m.seq(i));
  CHECK(seqs == std::vector<uint64_t>{1, 2, 3, 10, 11, 12, 40});
  CHECK(m.time(4) == 20);
  CHECK(m.kind(4) == EventKind::Transfer);
  CHECK(m.proc_index(4) == kNone);
  CHECK(m.from_index(4) == 0);
  CHECK(m.to_index(4) == 1);
  CHECK(m.partner_index(4) == kNone);
  CHECK(m.chan_index(4) == 0);
  CHECK(m.proc_index(5) == 1);
  CHECK(m.partner_index(5) == 0);
  CHECK(m.to_index(5) == kNone);
  CHECK(m.partner_index(1) == 0);
  CHECK(m.proc_index(2) == kNone);
  CHECK(m.present(3) == (f::seq | f::t | f::thread | f::proc | f::chan | f::op));
  Event tr = m.event(4);
  CHECK(tr.seq == 11);
  CHECK(tr.t == 20);
  CHECK(tr.from == 10);
  CHECK(tr.to == 20);
  CHECK(m.value_text(tr.value) == "\"hello\"");
  CHECK(m.event(3).thread == 3);
  CHECK(m.process_index(20) == 1);
  CHECK(m.channel_index(7) == 0);
  CHECK(m.process_index(99) == kNone);
  CHECK(m.memory_bytes() < 7 * 40 + m.strings().bytes() + 64);
}

namespace {

// field<F>(i) and event(i, wanted) must read what event(i) decodes, for every field of every
// event.
void check_fields_match_events(const TraceModel& m) {
  for (size_t i = 0; i < m.size(); ++i) {
    const Event e = m.event(i);
    INFO("event " << i << " (" << to_string(e.kind) << ")");
#define CHECK_FIELD(member, key, T, doc) CHECK(m.field<Field::member>(i) == e.member);
    CSPTRACE_FIELDS(CHECK_FIELD)
#undef CHECK_FIELD
    // Some fields at once: the wanted ones as in e, the others at their defaults.
    for (FieldMask wanted : {f::op | f::alt | f::value | f::loc, f::op | f::value | f::ready,
                             f::seq | f::t | f::via, f::thread, f::none}) {
      const Event part = m.event(i, wanted);
      const Event none;
      CHECK(part.kind == e.kind);
      CHECK(part.present == (e.present & wanted));
#define CHECK_PART(member, key, T, doc) \
  CHECK(part.member == ((wanted & f::member) ? e.member : none.member));
      CSPTRACE_FIELDS(CHECK_PART)
#undef CHECK_PART
    }
  }
}

}  // namespace

TEST_CASE("field<F>(i) and event(i, wanted) equal the fields of event(i)", "[model]") {
  SECTION("extreme values, absent fields and multi-byte numbers") {
    TraceModelBuilder b("mem");
    const StrId name = b.strings().intern("p"), loc = b.strings().intern("main.cpp:12345");
    const StrId text = b.strings().intern("a value");
    b.add(Event(EventKind::Spawn)
              .with_seq(1)
              .with_t(0)
              .with_proc(1)
              .with_name(name)
              .with_mode(ProcMode::Thread)
              .with_thread(1u << 30)
              .with_loc(loc));
    b.add(Event(EventKind::ChanMake)
              .with_seq(2)
              .with_t(300)
              .with_chan(5000)
              .with_name(name)
              .with_buffer(BufferKind::Timer)
              .with_cap(0)
              .with_duration(-(int64_t{1} << 50)));
    b.add(Event(EventKind::Park)
              .with_seq(9)
              .with_t(70000)
              .with_proc(1)
              .with_chan(5000)
              .with_op(WaitOp::Put)
              .with_value(Value::integer(-123456789012))
              .with_alt(77777)
              .with_loc(loc));
    b.add(Event(EventKind::AltGuard)
              .with_seq(10)
              .with_t(70001)
              .with_proc(1)
              .with_alt(3)
              .with_index(-1)
              .with_op(WaitOp::Take)
              .with_chan(5000)
              .with_ready(true)
              .with_value(Value::text_id(text)));
    b.add(Event(EventKind::Exit)
              .with_seq(11)
              .with_t(70002)
              .with_proc(1)
              .with_status(ExitStatus::Error)
              .with_message(text));
    check_fields_match_events(std::move(b).finish());
  }
  SECTION("random runs") {
    for (uint64_t seed = 1; seed <= 5; ++seed)
      check_fields_match_events(testing::random_trace(seed, 400));
  }
}
