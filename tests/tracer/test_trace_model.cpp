// The packed model answers every accessor as the plain columns did: process indices of each
// role, seq with gaps, present masks, whole events.
#include <csptrace/trace_model.hpp>

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
  b.add(at(Event(EventKind::Spawn).with_proc(20).with_name(worker).with_mode(ProcMode::Go).with_partner(10), 2, 5));
  b.add(at(Event(EventKind::ChanMake).with_chan(7).with_name(ch).with_buffer(BufferKind::Unbuffered).with_cap(0), 3, 9));
  b.add(at(Event(EventKind::Park).with_proc(20).with_chan(7).with_op(WaitOp::Take).with_thread(3), 10, 12));
  b.add(at(Event(EventKind::Transfer).with_chan(7).with_from(10).with_to(20).with_via(Via::Direct)
               .with_value(Value::text_id(hello)), 11, 20));
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
