// The fast recorder from several threads: every event reaches the file exactly once, each
// thread's events keep their order, and a causal hand-off between threads orders seq.
#include <csptrace/binary_recorder.hpp>
#include <csptrace/trace_reader.hpp>
#include <csptrace/utf8_text.hpp>

#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <latch>
#include <thread>
#include <vector>

using namespace csptrace;

namespace {

std::string temp(const std::string& name) { return csp_test::temp_path(name); }

void spawn(Recorder& r, ProcId p) {
  Event e = Event(EventKind::Spawn)
                .with_proc(p)
                .with_name(r.intern("p" + std::to_string(p)))
                .with_mode(ProcMode::Thread);
  r.record(e);
}

// More events than one thread's ring holds (an entry takes at least 23 bytes), so that a test
// recording this many runs into back-pressure and laps the ring.
constexpr uint32_t kMoreThanARing = uint32_t(ThreadRing::kBytes / 16);

void offer(Recorder& r, ProcId p, uint32_t i) {
  Event e = Event(EventKind::AltOffer).with_proc(p).with_alt(i);
  r.record(e);
}

}  // namespace

TEST_CASE("several threads: every event once, in each thread's order", "[recorder]") {
  const std::string file = temp("threads.csptrace");
  constexpr int kThreads = 4;
  constexpr uint32_t kEach = kMoreThanARing;  // exercises back-pressure
  {
    auto rec = open_recorder(file, {});
    for (ProcId p = 1; p <= kThreads; ++p) spawn(*rec, p);
    std::vector<std::thread> threads;
    for (ProcId p = 1; p <= kThreads; ++p)
      threads.emplace_back([&, p] {
        for (uint32_t i = 0; i < kEach; ++i) offer(*rec, p, i);
      });
    for (auto& t : threads) t.join();
    rec->finish(EndReason::Normal);
  }
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  REQUIRE(m.size() == kThreads * (kEach + 1) + 1);
  std::vector<uint32_t> next(kThreads, 0);
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.kind(i) != EventKind::AltOffer) continue;
    Event e = m.event(i);
    REQUIRE(e.alt == next[e.proc - 1]++);
    if (i > 0) REQUIRE(m.time(i) >= m.time(i - 1));
  }
  for (uint32_t n : next) CHECK(n == kEach);
}

TEST_CASE("a hand-off between threads orders their events by seq", "[recorder]") {
  const std::string file = temp("causal.csptrace");
  constexpr uint32_t kRounds = 2000;
  {
    auto rec = open_recorder(file, {});
    spawn(*rec, 1);
    spawn(*rec, 2);
    std::atomic<uint32_t> turn{0};  // even: thread 1's turn, odd: thread 2's
    auto player = [&](ProcId p) {
      for (uint32_t i = 0; i < kRounds; ++i) {
        while (turn.load(std::memory_order_acquire) % 2 != p - 1) std::this_thread::yield();
        offer(*rec, p, i);
        turn.fetch_add(1, std::memory_order_release);
      }
    };
    std::thread a(player, 1), b(player, 2);
    a.join();
    b.join();
  }  // the destructor finishes the trace
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  size_t k = 0;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.kind(i) != EventKind::AltOffer) continue;
    Event e = m.event(i);
    REQUIRE(e.proc == 1 + k % 2);
    REQUIRE(e.alt == k / 2);
    ++k;
  }
  CHECK(k == 2 * kRounds);
}

TEST_CASE("flush puts recorded events in the file before finish", "[recorder]") {
  const std::string file = temp("flush.csptrace");
  auto rec = open_recorder(file, {});
  spawn(*rec, 1);
  for (uint32_t i = 0; i < 100; ++i) offer(*rec, 1, i);
  rec->flush();
  TraceModel m = load_trace(file);
  CHECK(m.size() == 101);
  CHECK(!m.complete());
  rec->finish(EndReason::Deadlock, "2 processes can never run again");
  TraceModel done = load_trace(file);
  CHECK(done.end_reason() == EndReason::Deadlock);
  CHECK(done.str(done.event(done.size() - 1).message) == "2 processes can never run again");
  Event late = Event(EventKind::AltOffer).with_proc(1).with_alt(999);
  rec->record(late);  // ignored after finish
  CHECK(load_trace(file).size() == 102);
}

TEST_CASE("threads beyond the ring limit share the overflow ring and lose nothing", "[recorder]") {
  const std::string file = temp("many-threads.csptrace");
  const int kThreads = int(BinaryRecorder::kMaxRings) + 20;
  constexpr uint32_t kEach = 20;
  {
    auto rec = open_recorder(file, {});
    for (int p = 1; p <= kThreads; ++p) spawn(*rec, ProcId(p));
    std::latch started(kThreads), done(kThreads);
    std::vector<std::thread> threads;
    for (int p = 1; p <= kThreads; ++p)
      threads.emplace_back([&, p] {
        started.arrive_and_wait();  // all alive at once: no ring is handed back and reused
        for (uint32_t i = 0; i < kEach; ++i) offer(*rec, ProcId(p), i);
        done.arrive_and_wait();
      });
    for (auto& t : threads) t.join();
  }
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  std::vector<uint32_t> next(kThreads, 0);
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == EventKind::AltOffer) {
      Event e = m.event(i);
      REQUIRE(e.alt == next[e.proc - 1]++);
    }
  for (uint32_t n : next) REQUIRE(n == kEach);
}

TEST_CASE("events of every record length survive laps of the ring intact", "[recorder]") {
  // Entries of varying length (varints of 1 to 10 bytes) straddle the ring's end at every
  // offset over several laps; each must come back field for field.
  const std::string file = temp("lengths.csptrace");
  constexpr uint32_t kEvents = 2 * kMoreThanARing;  // several laps
  std::vector<Event> sent;
  uint64_t x = 88172645463325252ull;  // xorshift: a fixed, varied sequence
  auto next = [&] {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  {
    auto rec = open_recorder(file, {});
    spawn(*rec, 1);
    Event make = Event(EventKind::ChanMake)
                     .with_chan(1)
                     .with_name(rec->intern("c"))
                     .with_buffer(BufferKind::Unbuffered)
                     .with_cap(0);
    rec->record(make);
    const StrId loc = rec->intern("main.cpp:1");
    for (uint32_t i = 0; i < kEvents; ++i) {
      const int bits = int(next() % 63);
      Event e = Event(EventKind::Park).with_proc(1).with_op(WaitOp::Put).with_chan(1);
      if (i % 3) e.with_value(Value::integer(int64_t(next() >> (63 - bits))));
      if (i % 5) e.with_alt(uint32_t(next() >> (bits % 32)));
      if (i % 7 == 0) e.with_loc(loc);
      sent.push_back(e);
      rec->record(sent.back());
    }
    rec->finish(EndReason::Normal);
  }
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  REQUIRE(m.size() == kEvents + 3);
  for (uint32_t i = 0; i < kEvents; ++i) {
    Event got = m.event(i + 2);
    REQUIRE(got.seq == sent[i].seq);
    REQUIRE(got.value == sent[i].value);
    REQUIRE(got.has(Field::alt) == sent[i].has(Field::alt));
    REQUIRE(got.alt == sent[i].alt);
    REQUIRE(got.has(Field::loc) == sent[i].has(Field::loc));
  }
}

TEST_CASE("a recorded pair has consecutive seqs and one time, from several threads", "[recorder]") {
  // Pairs and single events interleaved, more than a ring holds (when the writer falls behind,
  // pairs meet a nearly full ring and wait for room), in both encodings.
  const std::string ext = GENERATE(as<std::string>{}, ".csptrace", ".jsonl");
  const std::string file = temp("pairs" + ext);
  constexpr int kThreads = 2;
  constexpr uint32_t kEach = kMoreThanARing;
  {
    auto rec = open_recorder(file, {});
    for (ProcId p = 1; p <= kThreads; ++p) spawn(*rec, p);
    const StrId effect_loc = rec->intern("effect.cpp:1");  // marks a pair's second event
    std::atomic<uint32_t> unstamped{0};  // pairs whose returned seq / t broke the contract
    std::vector<std::thread> threads;
    for (ProcId p = 1; p <= kThreads; ++p)
      threads.emplace_back([&, p] {
        for (uint32_t i = 0; i < kEach; ++i) {
          if (i % 3 == 0) {
            offer(*rec, p, i);
            continue;
          }
          Event cause = Event(EventKind::AltOffer).with_proc(p).with_alt(i);
          Event effect = Event(EventKind::AltOffer).with_proc(p).with_alt(i).with_loc(effect_loc);
          rec->record_pair(cause, effect);
          if (cause.seq == 0 || effect.seq != cause.seq + 1 || effect.t != cause.t) ++unstamped;
        }
      });
    for (auto& t : threads) t.join();
    rec->finish(EndReason::Normal);
    CHECK(unstamped == 0);
  }
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  const uint32_t pairs = kEach - (kEach + 2) / 3;
  REQUIRE(m.size() == kThreads * (1 + kEach + pairs) + 1);
  uint32_t seen_pairs = 0;
  for (size_t i = 0; i + 1 < m.size(); ++i) {
    Event e = m.event(i);
    if (e.kind != EventKind::AltOffer || e.alt % 3 == 0 || e.has(Field::loc)) continue;
    Event next = m.event(i + 1);  // the model is in seq order: the pair's second comes next
    REQUIRE(next.seq == e.seq + 1);
    REQUIRE(next.proc == e.proc);
    REQUIRE(next.alt == e.alt);
    REQUIRE(next.has(Field::loc));
    REQUIRE(m.time(i + 1) == m.time(i));
    ++seen_pairs;
  }
  CHECK(seen_pairs == kThreads * pairs);
}

TEST_CASE("text ids the recorder never handed out are written as the empty string", "[recorder]") {
  const std::string file = temp("unknown-strings.csptrace");
  {
    auto rec = open_recorder(file, {});
    spawn(*rec, 1);
    const StrId bogus = 1000000;
    Event mark = Event(EventKind::Mark).with_proc(1).with_label(bogus);
    rec->record(mark);
    Event park = Event(EventKind::Park)
                     .with_proc(1)
                     .with_op(WaitOp::Alts)
                     .with_alt(1)
                     .with_value(Value::text_id(bogus))
                     .with_loc(rec->intern("main.cpp:7"));
    rec->record(park);
    rec->finish(EndReason::Normal);
  }
  TraceModel m = load_trace(file);
  REQUIRE(m.complete());
  REQUIRE(m.size() == 4);
  CHECK(m.str(m.event(1).label) == "");
  const Event park = m.event(2);
  CHECK(park.value.kind == Value::Kind::Text);
  CHECK(m.str(park.value.text) == "");
  CHECK(m.str(park.loc) == "main.cpp:7");  // the known id next to them is kept
}

TEST_CASE("the typed path records what record() records, stamped the same way", "[recorder]") {
  const std::string typed_file = temp("typed.csptrace");
  const std::string virtual_file = temp("virtual.csptrace");
  auto record_round = [](BinaryRecorder& rec, bool typed, StrId loc, StrId bogus, uint32_t i) {
    Event park = Event(EventKind::Park)
                     .with_proc(2)
                     .with_chan(1)
                     .with_op(WaitOp::Take)
                     .with_loc(i % 2 ? loc : bogus);
    Event tr = Event(EventKind::Transfer)
                   .with_chan(1)
                   .with_from(1)
                   .with_to(2)
                   .with_via(Via::Direct)
                   .with_value(i % 3 ? Value::integer(-int64_t(i) * 1000) : Value::text_id(loc));
    Event res = Event(EventKind::Resume).with_proc(2).with_partner(1).with_chan(1);
    if (typed) {
      rec.record_as<EventKind::Park>(park);
      rec.record_pair_as<EventKind::Transfer, EventKind::Resume>(tr, res);
    } else {
      rec.record(park);
      rec.record_pair(tr, res);
    }
    return park.seq != 0 && tr.seq > park.seq && res.seq == tr.seq + 1 && res.t == tr.t &&
           tr.t >= park.t && res.has(Field::thread);
  };
  constexpr uint32_t kRounds = kMoreThanARing / 3;  // three events each: more than a ring holds
  for (bool typed : {true, false}) {
    BinaryRecorder rec(typed ? typed_file : virtual_file, {});
    spawn(rec, 1);
    spawn(rec, 2);
    Event make = Event(EventKind::ChanMake)
                     .with_chan(1)
                     .with_name(rec.intern("ball"))
                     .with_buffer(BufferKind::Unbuffered)
                     .with_cap(0);
    rec.record(make);
    const StrId loc = rec.intern("main.cpp:9");
    uint32_t unstamped = 0;
    for (uint32_t i = 0; i < kRounds; ++i)
      if (!record_round(rec, typed, loc, /*bogus=*/1000000 + i, i)) ++unstamped;
    rec.finish(EndReason::Normal, {});
    CHECK(unstamped == 0);
  }
  TraceModel a = load_trace(typed_file), b = load_trace(virtual_file);
  REQUIRE(a.complete());
  REQUIRE(a.size() == b.size());
  REQUIRE(a.size() == 3 + 3 * kRounds + 1);
  for (size_t i = 0; i < a.size(); ++i) {
    Event x = a.event(i), y = b.event(i);
    x.t = y.t = 0;  // the clock differs between the two runs; everything else must not
    INFO("event " << i);
    REQUIRE(x == y);
    if (x.has(Field::loc)) CHECK((a.str(x.loc) == "" || a.str(x.loc) == "main.cpp:9"));
  }
}

TEST_CASE(
    "a text longer than a recorder keeps is cut visibly, at a character, and reads back in "
    "both encodings (issue 21: limits that agree)",
    "[recorder]") {
  // 3 MB of "é" (two bytes each) plus one byte: past the 1 MB JSON Lines line and any cut point
  // that is not at a character boundary.
  const std::string name = "x" + [] {
    std::string s;
    for (int i = 0; i < 3 << 19; ++i) s += "\xC3\xA9";
    return s;
  }();
  for (const char* suffix : {"long.csptrace", "long.jsonl"}) {
    const std::string file = temp(suffix);
    {
      auto rec = open_recorder(file, {});
      Event e = Event(EventKind::Spawn)
                    .with_proc(1)
                    .with_name(rec->intern(name))
                    .with_mode(ProcMode::Main);
      rec->record(e);
      rec->finish(EndReason::Normal, "");
    }
    const TraceModel m = load_trace(file);
    REQUIRE(m.size() == 2);
    const std::string kept(m.str(m.event(0).name));
    CHECK(kept.size() <= 32 * 1024);
    CHECK(is_valid_utf8(kept));
    CHECK(kept.rfind("x\xC3\xA9\xC3\xA9", 0) == 0);
    CHECK(kept.ends_with("\xE2\x80\xA6 [cut from " + std::to_string(name.size()) + " bytes]"));
  }
}
