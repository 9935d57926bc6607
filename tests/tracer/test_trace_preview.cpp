// The preview of a trace (trace_preview.hpp, issue 26) gives the same answers as the whole
// model: the same processes and channels with the same names, the same number of events, the
// run's span as cspview computes it, and, for every lane and every time bucket, exactly the
// events the whole model puts on that lane within the bucket. Checked on every trace under
// tests/ that loads, on random runs recorded to both encodings, with times out of order and
// with long idle gaps (the buckets widen many times while some lanes sleep); and LaneDensity
// on its own against a direct count.
#include <csptrace/binary_codec.hpp>
#include <csptrace/event_format.hpp>
#include <csptrace/lane_density.hpp>
#include <csptrace/trace_file_writer.hpp>
#include <csptrace/trace_preview.hpp>
#include <csptrace/trace_reader.hpp>

#include "loadable_traces.hpp"
#include "random_trace.hpp"
#include "temp_path.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <random>

using namespace csptrace;
using Side = LaneDensity::Side;

namespace {

constexpr size_t K = LaneDensity::kBuckets;

// Bucket of time t, as LaneDensity's invariant defines it.
size_t bucket_of(int64_t t, int64_t origin, int64_t width) {
  return t <= origin ? 0 : size_t(uint64_t(t - origin) / uint64_t(width));
}

// The counts the whole model gives lane k of `side` in `d`'s buckets.
std::vector<uint32_t> expected_counts(const TraceModel& m, Side side, uint32_t k,
                                      const LaneDensity& d) {
  std::vector<uint32_t> c(K, 0);
  bool any = false;
  for (size_t i = 0; i < m.size(); ++i) {
    const uint32_t lane = side == Side::Process ? m.proc_index(i) : m.chan_index(i);
    if (lane != k) continue;
    const size_t b = bucket_of(m.time(i), d.origin(), d.width());
    REQUIRE(b < K);  // the width fits every time: nothing is clamped
    ++c[b];
    any = true;
  }
  if (!any) c.clear();
  return c;
}

void check_preview(const std::string& path) {
  INFO(path);
  const TraceModel m = load_trace(path);
  const TracePreview p = preview_trace(path);
  REQUIRE(p.events == m.size());
  const TraceModel& s = p.skeleton;
  REQUIRE(s.processes().size() == m.processes().size());
  REQUIRE(s.channels().size() == m.channels().size());
  for (uint32_t k = 0; k < m.processes().size(); ++k) {
    REQUIRE(s.processes()[k].id == m.processes()[k].id);
    REQUIRE(s.str(s.processes()[k].name) == m.str(m.processes()[k].name));
    REQUIRE(s.processes()[k].parent == m.processes()[k].parent);
    REQUIRE(process_label(s, k) == process_label(m, k));
  }
  for (uint32_t k = 0; k < m.channels().size(); ++k) {
    REQUIRE(s.channels()[k].id == m.channels()[k].id);
    REQUIRE(channel_label(s, k) == channel_label(m, k));
    REQUIRE(s.channels()[k].cap == m.channels()[k].cap);
  }
  REQUIRE(s.complete() == m.complete());
  REQUIRE(s.warnings() == m.warnings());
  // The run's span, as cspview's run_span_of takes it from the whole model.
  if (m.size() > 0) {
    const bool ended = m.kind(m.size() - 1) == EventKind::End;
    const size_t real = ended && m.size() > 1 ? m.size() - 1 : m.size();
    int64_t first = m.time(0), last = m.time(0);
    for (size_t i = 0; i < real; ++i) {
      first = std::min(first, m.time(i));
      last = std::max(last, m.time(i));
    }
    int64_t end = ended ? std::max(last, m.time(m.size() - 1)) : last;
    if (ended && m.size() == 1) first = last = end;
    CHECK(p.first == first);
    CHECK(p.last == last);
    CHECK(p.end == end);
  }
  // The origin is the first event on a lane; the width the narrowest power of two that fits.
  const LaneDensity& d = p.density;
  int64_t latest = d.origin();
  bool on_lanes = false;
  for (size_t i = 0; i < m.size(); ++i) {
    if (m.proc_index(i) == kNone && m.chan_index(i) == kNone) continue;
    if (!on_lanes) REQUIRE(d.origin() == m.time(i));
    on_lanes = true;
    latest = std::max(latest, m.time(i));
  }
  if (d.width() > 1) REQUIRE(uint64_t(latest - d.origin()) / uint64_t(d.width() / 2) >= K);
  for (uint32_t k = 0; k < m.processes().size() && LaneDensity::counted(k); ++k) {
    INFO("process " << k);
    const auto got = d.lane(Side::Process, k);
    REQUIRE(std::vector<uint32_t>(got.begin(), got.end()) ==
            expected_counts(m, Side::Process, k, d));
  }
  for (uint32_t k = 0; k < m.channels().size() && LaneDensity::counted(k); ++k) {
    INFO("channel " << k);
    const auto got = d.lane(Side::Channel, k);
    REQUIRE(std::vector<uint32_t>(got.begin(), got.end()) ==
            expected_counts(m, Side::Channel, k, d));
  }
}

// A random run's events, their times changed by `retime`, written in `encoding`.
template <class Retime>
std::string random_file(uint64_t seed, size_t n, TraceEncoding encoding, Retime retime) {
  const TraceModel m = testing::random_trace(seed, n);
  std::vector<Event> events;
  for (size_t i = 0; i < m.size(); ++i) {
    events.push_back(m.event(i));
    events.back().t = retime(i, events.back().t);
  }
  const std::string path =
      csp_test::temp_path("preview-" + std::to_string(seed) +
                          (encoding == TraceEncoding::Binary ? ".csptrace" : ".jsonl"));
  write_trace_file(path, encoding, m.header(), events, m.strings());
  return path;
}

}  // namespace

TEST_CASE("a preview answers as the whole model on every trace in tests", "[model][preview]") {
  size_t checked = 0;
  for (const std::string& path : testing::loadable_traces()) {
    check_preview(path);
    ++checked;
  }
  REQUIRE(checked > 50);
}

TEST_CASE("a preview answers as the whole model on random runs in both encodings",
          "[model][preview]") {
  for (uint64_t seed = 1; seed <= 6; ++seed)
    for (TraceEncoding enc : {TraceEncoding::Binary, TraceEncoding::Jsonl}) {
      // As recorded; with times out of order (a pool recording); with idle gaps that make the
      // buckets widen many times while most lanes have no events.
      check_preview(random_file(seed, 3000, enc, [](size_t, int64_t t) { return t; }));
      std::mt19937 rng(static_cast<uint32_t>(seed));
      check_preview(random_file(seed, 3000, enc, [&rng](size_t, int64_t t) {
        return std::max<int64_t>(0, t - int64_t(rng() % 5000));
      }));
      check_preview(random_file(seed, 3000, enc, [](size_t i, int64_t t) {
        return t + int64_t(i / 500) * (int64_t{1} << (20 + 3 * (i / 500)));
      }));
    }
}

TEST_CASE("a preview of a trace cut inside a chunk warns as the load does", "[model][preview]") {
  const std::string whole =
      random_file(7, 20000, TraceEncoding::Binary, [](size_t, int64_t t) { return t; });
  const std::string cut = csp_test::temp_path("preview-cut.csptrace");
  std::filesystem::copy_file(whole, cut, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(cut, std::filesystem::file_size(whole) - 100);
  const TracePreview p = preview_trace(cut);
  REQUIRE(!p.skeleton.warnings().empty());
  check_preview(cut);
}

TEST_CASE("a preview checks only the events that declare lanes", "[model][preview]") {
  // A park by a process no spawn declared: the load refuses it, the preview counts it on no
  // process lane (but on its channel's) and leaves the judgement to the load.
  StringTable strings;
  std::vector<Event> events;
  events.push_back(
      Event(EventKind::Spawn).with_seq(1).with_t(0).with_proc(1).with_mode(ProcMode::Main));
  events.push_back(Event(EventKind::ChanMake)
                       .with_seq(2)
                       .with_t(5)
                       .with_chan(1)
                       .with_buffer(BufferKind::Unbuffered)
                       .with_proc(1));
  events.push_back(Event(EventKind::Park)
                       .with_seq(3)
                       .with_t(9)
                       .with_proc(42)
                       .with_op(WaitOp::Take)
                       .with_chan(1));
  const std::string path = csp_test::temp_path("preview-undeclared.csptrace");
  write_trace_file(path, TraceEncoding::Binary, TraceHeader{}, events, strings);
  REQUIRE_THROWS(load_trace(path));
  const TracePreview p = preview_trace(path);
  REQUIRE(p.events == 3);
  REQUIRE(p.skeleton.size() == 2);
  const auto proc = p.density.lane(Side::Process, 0);
  const auto chan = p.density.lane(Side::Channel, 0);
  REQUIRE(std::accumulate(proc.begin(), proc.end(), uint64_t{0}) == 2);  // spawn, chan_make
  REQUIRE(std::accumulate(chan.begin(), chan.end(), uint64_t{0}) == 2);  // chan_make, park
}

TEST_CASE("lane density counts as a direct count at the final width", "[model][preview]") {
  // An event on both sides at once, as a park on a channel is.
  {
    LaneDensity d;
    d.add(2, 5, 100);
    d.add(2, kNone, 40000);
    REQUIRE(d.lane(Side::Process, 2)[0] == 1);
    REQUIRE(d.lane(Side::Channel, 5)[0] == 1);
    REQUIRE(d.lane(Side::Process, 0).empty());
    REQUIRE(d.lane(Side::Channel, 2).empty());
  }
  std::mt19937_64 rng(11);
  for (int round = 0; round < 20; ++round) {
    LaneDensity d;
    struct Added {
      Side side;
      uint32_t lane;
      int64_t t;
    };
    std::vector<Added> added;
    int64_t t = int64_t(rng() % 1000);
    const int lanes = 1 + int(rng() % 40);
    for (int i = 0; i < 5000; ++i) {
      // Mostly forward in small steps, now and then a long jump or a step back.
      const uint64_t r = rng() % 100;
      t += r < 2 ? int64_t(rng() % (uint64_t{1} << (10 + rng() % 40))) : int64_t(rng() % 50);
      const int64_t at = r == 99 ? std::max<int64_t>(0, t - int64_t(rng() % 10000)) : t;
      const Side side = rng() % 2 ? Side::Process : Side::Channel;
      // Lanes past kMaxLanes are ignored: a few land there.
      const uint32_t lane = rng() % 50 == 0 ? LaneDensity::kMaxLanes + uint32_t(rng() % 3)
                                            : uint32_t(rng() % uint64_t(lanes));
      if (side == Side::Process)
        d.add(lane, kNone, at);
      else
        d.add(kNone, lane, at);
      added.push_back({side, lane, at});
    }
    for (Side side : {Side::Process, Side::Channel})
      for (uint32_t k = 0; k < uint32_t(lanes) + 1; ++k) {
        std::vector<uint32_t> want(K, 0);
        bool any = false;
        for (const Added& a : added)
          if (a.side == side && a.lane == k) {
            const size_t b = bucket_of(a.t, d.origin(), d.width());
            REQUIRE(b < K);
            ++want[b];
            any = true;
          }
        if (!any) want.clear();
        const auto got = d.lane(side, k);
        REQUIRE(std::vector<uint32_t>(got.begin(), got.end()) == want);
      }
    REQUIRE(d.lane(Side::Process, LaneDensity::kMaxLanes).empty());
    REQUIRE(d.origin() == added.front().t);
  }
}

TEST_CASE(
    "skim_record steps over exactly the bytes decode_record reads, on every event in tests and "
    "random runs",
    "[model][preview][codec]") {
  std::vector<TraceModel> models;
  for (const std::string& path : testing::loadable_traces()) models.push_back(load_trace(path));
  for (uint64_t seed = 1; seed <= 5; ++seed) models.push_back(testing::random_trace(seed, 3000));
  size_t events = 0;
  for (const TraceModel& m : models) {
    INFO(m.source());
    for (size_t i = 0; i < m.size(); ++i) {
      const Event e = m.event(i);
      uint8_t buf[binary::kMaxRecordBytes];
      uint64_t seq = e.seq - 1;
      int64_t t = e.t - 7;
      const uint8_t* end = binary::encode_record(buf, e, seq, t);
      binary::Cursor whole{buf, buf, end}, skim{buf, buf, end};
      Event decoded, skimmed;
      uint64_t s1 = e.seq - 1, s2 = e.seq - 1;
      int64_t t1 = e.t - 7, t2 = e.t - 7;
      binary::decode_record(whole, decoded, s1, t1);
      binary::skim_record(skim, skimmed, s2, t2);
      REQUIRE(skim.p == whole.p);
      REQUIRE(skim.p == end);
      REQUIRE(skimmed.kind == e.kind);
      REQUIRE(skimmed.seq == e.seq);
      REQUIRE(skimmed.t == e.t);
      REQUIRE(skimmed.present == (e.present & binary::kSkimmedFields));
      if (e.has(Field::proc)) REQUIRE(skimmed.proc == e.proc);
      if (e.has(Field::chan)) REQUIRE(skimmed.chan == e.chan);
      // Cut short anywhere, it throws rather than reading past the end.
      for (const uint8_t* cut = buf; cut < end; cut += 1 + (end - buf) / 7) {
        binary::Cursor part{buf, buf, cut};
        Event x;
        uint64_t s3 = e.seq - 1;
        int64_t t3 = e.t - 7;
        REQUIRE_THROWS_AS(binary::skim_record(part, x, s3, t3), std::invalid_argument);
      }
      ++events;
    }
  }
  REQUIRE(events > 10000);
}
