// The level-of-detail summaries (issue 26) give the answers the full data gives: for every
// bucket of every level of every lane, the counts of changes, the state held longest, and a
// channel's lowest and highest level and its waiters, each computed again from the timeline's
// intervals and steps over the bucket's time range; and the state (or level) at a time inside
// a bucket where nothing changes. On every trace under tests/ that loads (the fixtures, the
// recorded samples in the fuzz corpora) and on random traces, with options that summarise
// every lane at several bucket sizes.
#include "loadable_traces.hpp"
#include "random_trace.hpp"

#include <csptrace/replay.hpp>
#include <csptrace/timeline_summary.hpp>
#include <csptrace/trace_error.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <climits>
#include <functional>
#include <map>

using namespace csptrace;

namespace {

// The full data's answer for process p over [lo, hi): the intervals that overlap it, found by
// the timeline's own search.
ProcessBucket process_truth(const Timeline& tl, uint32_t p, int64_t lo, int64_t hi) {
  const IntervalList iv = tl.intervals(p);
  std::map<std::pair<unsigned, unsigned>, int64_t> held;  // (state, op) -> time
  ProcessBucket out;
  for (size_t k = tl.first_interval_from(p, lo); k < iv.size() && iv[k].t_begin < hi; ++k) {
    const StateInterval x = iv[k];
    const int64_t len = std::min(hi, x.t_end) - std::max(lo, x.t_begin);
    if (len > 0) held[{unsigned(x.state), unsigned(x.op)}] += len;
  }
  // Intervals that begin in the range, including those of no length that the search skips.
  for (size_t k = 0; k < iv.size(); ++k)
    if (iv[k].t_begin >= lo && iv[k].t_begin < hi) ++out.changes;
  int64_t best = 0;
  for (const auto& [look, t] : held)  // by state, then operation: the first longest wins
    if (t > best) {
      best = t;
      out.state = ProcState(look.first);
      out.op = WaitOp(look.second);
    }
  out.covered = best > 0;
  return out;
}

// The full data's answer for channel c over [lo, hi): the step in force at lo and those that
// begin before hi.
ChannelBucket channel_truth(const Timeline& tl, uint32_t c, int64_t lo, int64_t hi) {
  const OccupancyList st = tl.occupancy(c);
  ChannelBucket out;
  auto take = [&out](const OccupancyStep& s) {
    out.low = out.covered ? std::min(out.low, s.level) : s.level;
    out.high = out.covered ? std::max(out.high, s.level) : s.level;
    out.putters = out.putters || s.putters > 0;
    out.takers = out.takers || s.takers > 0;
    out.covered = true;
  };
  const size_t at = tl.occupancy_at(c, lo);
  if (st[at].t <= lo) take(st[at]);
  for (size_t k = 0; k < st.size(); ++k)
    if (st[k].t >= lo && st[k].t < hi) {
      take(st[k]);
      ++out.steps;
    }
  return out;
}

// Checks every bucket of every summarised lane of m against the full data; returns how many
// buckets it checked.
size_t check_against_full_data(const TraceModel& m, const SummaryOptions& o) {
  const Replay replay(m, Replay::kDefaultCheckpointInterval, Replay::Keep::Timeline);
  const Timeline& tl = replay.timeline();
  const TimelineSummary summary(tl, m, o);
  size_t checked = 0;
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    INFO("process " << p);
    const ProcessLevels* lv = summary.process(p);
    REQUIRE((lv != nullptr) == (tl.intervals(p).size() >= o.min_changes));
    if (!lv) continue;
    CHECK(lv->buckets(0).size() <= o.max_buckets);
    CHECK(lv->buckets(lv->levels() - 1).size() == 1);
    for (size_t k = 0; k < lv->levels(); ++k) {
      const auto buckets = lv->buckets(k);
      CHECK(double(lv->origin()) + double(lv->width(k)) * double(buckets.size()) >
            double(tl.end_time()));
      for (size_t b = 0; b < buckets.size(); ++b, ++checked) {
        INFO("level " << k << " bucket " << b);
        const int64_t lo = lv->origin() + int64_t(b) * lv->width(k), hi = lo + lv->width(k);
        const ProcessBucket truth = process_truth(tl, p, lo, hi);
        CHECK(buckets[b].changes == truth.changes);
        REQUIRE(buckets[b].covered == truth.covered);
        if (!truth.covered) continue;
        CHECK(buckets[b].state == truth.state);
        CHECK(buckets[b].op == truth.op);
      }
    }
    // The state at a time: where nothing changes in a bucket, the bucket's state is the
    // process's state at any time in it.
    const IntervalList iv = tl.intervals(p);
    for (size_t i = 0; i < iv.size(); ++i) {
      const StateInterval x = iv[i];
      const int64_t t = x.t_begin + (x.t_end - x.t_begin) / 2;
      for (size_t k = 0; k < lv->levels(); ++k) {
        const ProcessBucket& b = lv->buckets(k)[lv->bucket_at(k, t)];
        if (b.changes != 0 || !b.covered) continue;
        const StateInterval at = iv[tl.first_interval_from(p, t)];
        CHECK(b.state == at.state);
        CHECK(b.op == at.op);
      }
    }
  }
  for (uint32_t c = 0; c < m.channels().size(); ++c) {
    INFO("channel " << c);
    const ChannelLevels* lv = summary.channel(c);
    REQUIRE((lv != nullptr) == (tl.occupancy(c).size() >= o.min_changes));
    if (!lv) continue;
    for (size_t k = 0; k < lv->levels(); ++k) {
      const auto buckets = lv->buckets(k);
      size_t steps = 0;
      for (size_t b = 0; b < buckets.size(); ++b, ++checked) {
        INFO("level " << k << " bucket " << b);
        const int64_t lo = lv->origin() + int64_t(b) * lv->width(k), hi = lo + lv->width(k);
        const ChannelBucket truth = channel_truth(tl, c, lo, hi);
        CHECK(buckets[b].steps == truth.steps);
        steps += buckets[b].steps;
        REQUIRE(buckets[b].covered == truth.covered);
        if (!truth.covered) continue;
        CHECK(buckets[b].low == truth.low);
        CHECK(buckets[b].high == truth.high);
        CHECK(buckets[b].putters == truth.putters);
        CHECK(buckets[b].takers == truth.takers);
        // The level at a time: where no step begins, the one in force holds throughout.
        if (buckets[b].steps == 0) {
          CHECK(buckets[b].low == buckets[b].high);
          CHECK(tl.occupancy(c)[tl.occupancy_at(c, lo + (hi - lo) / 2)].level == buckets[b].low);
        }
      }
      CHECK(steps == tl.occupancy(c).size());
    }
  }
  return checked;
}

// Every level of lv counts all n changes of its lane, count(bucket) in each bucket.
template <class Levels, class Count>
void check_counts_all(const Levels& lv, size_t n, Count count) {
  for (size_t k = 0; k < lv.levels(); ++k) {
    size_t sum = 0;
    for (const auto& x : lv.buckets(k)) sum += count(x);
    CHECK(sum == n);
  }
}

// Every lane summarised, at fine, coarse and capped grids.
const SummaryOptions kEveryLane[] = {{1, 1, size_t{1} << 16}, {1, 3, 8}, {2, 1, 1}};

}  // namespace

TEST_CASE("timeline summaries equal the full data on every fixture and recorded sample",
          "[summary]") {
  size_t traces = 0, buckets = 0;
  for (const std::string& path : testing::loadable_traces()) {
    INFO(path);
    const TraceModel m = load_trace(path);
    for (const SummaryOptions& o : kEveryLane) buckets += check_against_full_data(m, o);
    ++traces;
  }
  CHECK(traces >= 29);
  CHECK(buckets > 2000);
}

TEST_CASE("timeline summaries equal the full data on random traces", "[summary]") {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    INFO("seed " << seed);
    const TraceModel m = testing::random_trace(seed, 4000);
    for (const SummaryOptions& o : kEveryLane) check_against_full_data(m, o);
    check_against_full_data(m, SummaryOptions{16, 4, 64});
  }
}

TEST_CASE("only busy lanes get a summary and it stays a fraction of their changes", "[summary]") {
  const TraceModel m = testing::random_trace(7, 20000);
  const Replay replay(m, Replay::kDefaultCheckpointInterval, Replay::Keep::Timeline);
  const Timeline& tl = replay.timeline();
  const SummaryOptions o{64, 8, 1024};
  const TimelineSummary summary(tl, m, o);
  check_against_full_data(m, o);
  check_against_full_data(m, SummaryOptions{});
  size_t summarised = 0;
  for (uint32_t p = 0; p < m.processes().size(); ++p) {
    const size_t n = tl.intervals(p).size();
    const ProcessLevels* lv = summary.process(p);
    REQUIRE((lv != nullptr) == (n >= o.min_changes));
    if (!lv) continue;
    ++summarised;
    // Level 0 has about n / 8 buckets (a power-of-two width rounds it down), the rest as many
    // again at most.
    size_t all = 0;
    for (size_t k = 0; k < lv->levels(); ++k) all += lv->buckets(k).size();
    CHECK(lv->buckets(0).size() <= std::max<size_t>(n / o.changes_per_bucket, 1));
    CHECK(all <= 2 * lv->buckets(0).size());
    // level_for picks the finest level at least that wide.
    CHECK(lv->level_for(0) == 0);
    CHECK(lv->width(lv->level_for(double(lv->width(1)))) == lv->width(1));
    CHECK(lv->level_for(1e30) == lv->levels() - 1);
  }
  CHECK(summarised > 0);
  CHECK(summary.memory_bytes() > 0);
}

TEST_CASE("a summary stops when asked to", "[summary]") {
  const TraceModel m = testing::random_trace(3, 4000);
  const Replay replay(m, Replay::kDefaultCheckpointInterval, Replay::Keep::Timeline);
  const std::atomic<bool> cancel{true};
  CHECK_THROWS_AS(TimelineSummary(replay.timeline(), m, SummaryOptions{1, 1, 64}, &cancel),
                  LoadCancelled);
}

TEST_CASE("a summary of a run whose times jump back and forth stays within its buckets",
          "[summary]") {
  // The hostile corpus's shapes (make_hostile.py: times that run backwards, times jumping
  // between 0 and INT64_MAX) on a run busy enough to be summarised. A run that ends before it
  // begins, spans more than 2^60 ns or ends too near INT64_MAX gets no summary (its views draw
  // from the full data); one whose times step back here and there does, with intervals that
  // begin before its first time or end after its last counted in its first or last bucket.
  struct Shape {
    const char* name;
    std::function<int64_t(size_t)> t;
    bool summarised;
  };
  const Shape shapes[] = {
      {"backwards", [](size_t i) { return int64_t(1'000'000) - int64_t(i) * 7; }, false},
      {"extremes", [](size_t i) { return i % 3 == 0 ? INT64_MAX : int64_t(i % 5); }, false},
      {"steps back", [](size_t i) { return int64_t(i) * 100 - (i % 2 ? 150 : 0) + 1000; }, true},
      // Its coarsest bucket would end past INT64_MAX.
      {"near INT64_MAX", [](size_t i) { return INT64_MAX - 100'000 + int64_t(i) * 10; }, false}};
  const TraceModel m = testing::random_trace(5, 6000);
  for (const Shape& shape : shapes) {
    INFO(shape.name);
    TraceModelBuilder b(m.source());
    b.set_header(m.header());
    for (StrId id = 0; id < m.strings().size(); ++id) b.strings().intern(m.strings().get(id));
    for (size_t i = 0; i < m.size(); ++i) {
      Event e = m.event(i);
      e.t = shape.t(i);
      b.add(e);
    }
    const TraceModel odd = std::move(b).finish();
    const Replay replay(odd, Replay::kDefaultCheckpointInterval, Replay::Keep::Timeline);
    const Timeline& tl = replay.timeline();
    for (const SummaryOptions& o : kEveryLane) {
      const TimelineSummary summary(tl, odd, o);
      size_t lanes = 0;
      for (uint32_t p = 0; p < odd.processes().size(); ++p)
        if (const ProcessLevels* lv = summary.process(p)) {
          ++lanes;
          check_counts_all(*lv, tl.intervals(p).size(), [](const auto& x) { return x.changes; });
        }
      for (uint32_t c = 0; c < odd.channels().size(); ++c)
        if (const ChannelLevels* lv = summary.channel(c)) {
          ++lanes;
          check_counts_all(*lv, tl.occupancy(c).size(), [](const auto& x) { return x.steps; });
        }
      CHECK((lanes > 0) == shape.summarised);
      CHECK((summary.memory_bytes() > 0) == shape.summarised);
    }
  }
}
