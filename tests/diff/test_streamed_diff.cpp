// Run A digested and run B followed one event at a time, as `csptrace diff` does a batch at a
// time, give diff_traces's answer on whole models: on every ordered pair of the fixtures (the
// same program and others), with each of diff's options.
#include <csptrace/analysis.hpp>
#include <csptrace/diff_follower.hpp>
#include <csptrace/run_digest.hpp>
#include <csptrace/trace_reader.hpp>

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

using namespace csptrace;

namespace {

std::vector<std::string> fixtures() {
  std::vector<std::string> all;
  for (const auto& e : std::filesystem::directory_iterator(CSP_FIXTURES))
    if (e.path().extension() == ".jsonl") all.push_back(e.path().string());
  std::sort(all.begin(), all.end());
  return all;
}

std::vector<Finding> findings_of(const TraceModel& m) { return analyze(Replay(m)); }

// Every field of a comparison, one line each, to compare two of them and show where they part.
std::string dump(const TraceDiff& d) {
  std::ostringstream o;
  auto list = [&](const char* what, const std::vector<uint32_t>& v) {
    o << what;
    for (uint32_t x : v) o << ' ' << x;
    o << '\n';
  };
  list("proc_b", d.match.proc_b);
  list("proc_a", d.match.proc_a);
  list("chan_b", d.match.chan_b);
  list("chan_a", d.match.chan_a);
  o << "matched " << d.match.procs_matched << ' ' << d.match.chans_matched << '\n';
  for (const ProcessDivergence& v : d.processes)
    o << "process " << v.proc_a << ' ' << v.proc_b << " step " << v.step << " events " << v.event_a
      << ' ' << v.event_b << " steps " << v.steps_a << ' ' << v.steps_b << " cut " << v.cut << '\n';
  for (const ChannelDifference& c : d.channels) {
    o << "channel " << c.chan_a << ' ' << c.chan_b << " kind " << int(c.kind) << " transfer "
      << c.transfer << " events " << c.event_a << ' ' << c.event_b << " transfers " << c.transfers_a
      << ' ' << c.transfers_b << " only " << c.only_a_total << ' ' << c.only_b_total << ':';
    for (size_t e : c.only_a) o << ' ' << e;
    o << " /";
    for (size_t e : c.only_b) o << ' ' << e;
    o << '\n';
  }
  for (const Finding& f : d.outcome.only_a) o << "only in A: " << to_string(f.kind) << '\n';
  for (const Finding& f : d.outcome.only_b) o << "only in B: " << to_string(f.kind) << '\n';
  o << "ends " << to_string(d.outcome.end_a) << ' ' << to_string(d.outcome.end_b) << '\n';
  const DecisionParting& p = d.decisions;
  o << "decisions " << p.decisions_a << ' ' << p.decisions_b << " parted " << p.parted << " at "
    << p.decision << " events " << p.event_a << ' ' << p.event_b << '\n';
  return o.str();
}

// diff of the two files with A digested and B followed after every event as it loads.
TraceDiff diff_event_by_event(const std::string& file_a, const std::string& file_b,
                              const DiffOptions& options) {
  RunDigest digest(options);
  LoadOptions la;
  la.on_event = [&](const TraceModel& so_far, size_t) { digest.take(so_far); };
  const TraceModel a = load_trace(file_a, la);
  digest.finish(a, findings_of(a));
  DiffFollower follower(digest);
  LoadOptions lb;
  lb.on_event = [&](const TraceModel& so_far, size_t) { follower.take(so_far); };
  const TraceModel b = load_trace(file_b, lb);
  return follower.finish(b, findings_of(b));
}

}  // namespace

TEST_CASE("run B followed event by event gives diff_traces answer on every pair of fixtures",
          "[diff][streamed]") {
  const std::vector<std::string> all = fixtures();
  REQUIRE(all.size() >= 20);
  std::vector<DiffOptions> variants(3);
  variants[1].ignore_values = true;
  variants[2].ignore_order_within_channel = true;
  size_t differing = 0;
  for (const std::string& fa : all) {
    const TraceModel a = load_trace(fa);
    for (const std::string& fb : all) {
      const TraceModel b = load_trace(fb);
      for (const DiffOptions& o : variants) {
        const TraceDiff whole = diff_traces(a, b, o);
        INFO(fa << " against " << fb << " ignore_values " << o.ignore_values << " ignore_order "
                << o.ignore_order_within_channel);
        CHECK(dump(diff_event_by_event(fa, fb, o)) == dump(whole));
        differing += !whole.equivalent();
      }
    }
  }
  // Most pairs are of two programs: the comparison of differing runs is exercised too.
  CHECK(differing > all.size() * all.size());
}
