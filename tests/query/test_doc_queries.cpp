// The ten example queries of docs/query.md, run as the page prints them on traces recorded from
// the samples, each checked against what csptrace stats --json and check --json already say
// (issue 27, "Done when": "agree with csptrace stats --json / check --json where they
// overlap"), or, where neither says it, against the trace's own events read here as JSON.
#include "query_harness.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

using namespace query_test;
using nlohmann::json;

namespace {

std::vector<std::string> sample_traces() {
  return {record_sample(PHILOSOPHERS_EXE, "--deadlock"),
          record_sample(ALTS_UPLOAD_EXE),
          record_sample(BUFFERS_EXE),
          record_sample(TIMEOUT_LEAK_EXE),
          record_sample(WORKER_POOL_EXE),
          record_sample(PIPELINE_EXE)};
}

json stats(const std::string& trace) { return cli_json("stats --json " + quoted(trace), 0); }

// One wait of a process, from the trace's events: a park or block until the process's next
// resume, unblock or exit, or the trace's last event.
struct Wait {
  int64_t proc, chan;
  std::string op;
  uint64_t begin_seq;
  int64_t begin_t, end_t;
  bool ended;
  std::string loc;
};

std::vector<Wait> waits_of(const std::vector<json>& events) {
  std::vector<Wait> done;
  std::map<int64_t, Wait> open;
  const int64_t last_t = events.back()["t"];
  for (const json& e : events) {
    const std::string k = e["kind"];
    if (!e.contains("proc")) continue;
    const int64_t p = e["proc"];
    if (k == "park" || k == "block") {
      open[p] = {p,     e.value("chan", int64_t(-1)), e["op"], e["seq"], e["t"], last_t,
                 false, e.value("loc", std::string())};
    } else if ((k == "resume" || k == "unblock" || k == "exit") && open.count(p)) {
      Wait w = open[p];
      w.end_t = e["t"];
      w.ended = true;
      done.push_back(w);
      open.erase(p);
    }
  }
  for (auto& [p, w] : open) done.push_back(w);
  return done;
}

// Ids to names of the processes (spawn, proc) or channels (chan_make, chan), as labels: the
// name, plus "#ID" when another has the same name (event_format.hpp).
std::map<int64_t, std::string> names_of(const std::vector<json>& events, const char* kind,
                                        const char* id) {
  std::map<int64_t, std::string> names;
  std::map<std::string, int> uses;
  for (const json& e : events)
    if (e["kind"] == kind) {
      names[e[id].get<int64_t>()] = e["name"];
      ++uses[e["name"]];
    }
  for (auto& [i, name] : names)
    if (uses[name] > 1) name += "#" + std::to_string(i);
  return names;
}

}  // namespace

TEST_CASE("query.md 1, waits per channel = stats put_wait_ns and take_wait_ns (issue 27)",
          "[query][docs]") {
  for (const std::string& trace : sample_traces()) {
    INFO(trace);
    const json s = stats(trace), rows = query_json(trace, doc_example(1));
    REQUIRE(rows.size() == s["channel_stats"].size());
    for (size_t c = 0; c < rows.size(); ++c) {
      CHECK(rows[c]["id"] == s["channel_stats"][c]["id"]);
      CHECK(rows[c]["put_wait_ns"] == s["channel_stats"][c]["put_wait_ns"]);
      CHECK(rows[c]["take_wait_ns"] == s["channel_stats"][c]["take_wait_ns"]);
    }
  }
}

TEST_CASE("query.md 2, transfers and max level per channel = stats (issue 27)", "[query][docs]") {
  for (const std::string& trace : sample_traces()) {
    INFO(trace);
    const json s = stats(trace), rows = query_json(trace, doc_example(2));
    REQUIRE(rows.size() == s["channel_stats"].size());
    for (size_t c = 0; c < rows.size(); ++c) {
      CHECK(rows[c]["id"] == s["channel_stats"][c]["id"]);
      CHECK(rows[c]["transfers"] == s["channel_stats"][c]["transfers"]);
      CHECK(rows[c]["max_level"] == s["channel_stats"][c]["max_level"]);
    }
  }
}

TEST_CASE("query.md 3, events per kind = stats kinds (issue 27)", "[query][docs]") {
  for (const std::string& trace : sample_traces()) {
    INFO(trace);
    const json s = stats(trace), rows = query_json(trace, doc_example(3));
    json kinds = json::object();
    for (const json& r : rows) kinds[r["kind"].get<std::string>()] = r["events"];
    CHECK(kinds == s["kinds"]);
  }
}

TEST_CASE("query.md 4, the longest waits = the trace's longest park-to-resume (issue 27)",
          "[query][docs]") {
  for (const std::string& trace : sample_traces()) {
    INFO(trace);
    std::vector<Wait> waits = waits_of(trace_events(trace));
    std::sort(waits.begin(), waits.end(), [](const Wait& a, const Wait& b) {
      return std::tuple(b.end_t - b.begin_t, a.begin_seq) <
             std::tuple(a.end_t - a.begin_t, b.begin_seq);
    });
    const json rows = query_json(trace, doc_example(4));
    REQUIRE(rows.size() == std::min<size_t>(5, waits.size()));
    for (size_t i = 0; i < rows.size(); ++i) {
      CHECK(rows[i]["ns"] == waits[i].end_t - waits[i].begin_t);
      CHECK(rows[i]["begin_seq"] == waits[i].begin_seq);
      CHECK(rows[i]["end_seq"].is_null() == !waits[i].ended);
    }
  }
}

TEST_CASE(
    "query.md 5, the values through fork-0 = its transfer events, as many as stats counts "
    "(issue 27)",
    "[query][docs]") {
  const std::string trace = record_sample(PHILOSOPHERS_EXE);  // eats: fork-0 passes many times
  const std::vector<json> events = trace_events(trace);
  int64_t fork0 = -1;
  for (const auto& [id, name] : names_of(events, "chan_make", "chan"))
    if (name == "fork-0") fork0 = id;
  std::vector<json> transfers;
  for (const json& e : events)
    if (e["kind"] == "transfer" && e["chan"] == fork0) transfers.push_back(e);
  const json rows = query_json(trace, doc_example(5));
  REQUIRE(rows.size() == transfers.size());
  CHECK(rows.size() > 1);
  for (size_t i = 0; i < rows.size(); ++i) {
    CHECK(rows[i]["seq"] == transfers[i]["seq"]);
    CHECK(rows[i]["value"] == transfers[i].value("value", json()));
  }
  // Named: a range-for over a member of a temporary reads it after the temporary is gone.
  const json s = stats(trace);
  for (const json& c : s["channel_stats"])
    if (c["name"] == "fork-0") CHECK(c["transfers"] == rows.size());
}

TEST_CASE("query.md 6, who talks to whom adds up to stats transfers per channel (issue 27)",
          "[query][docs]") {
  for (const std::string& trace : sample_traces()) {
    INFO(trace);
    std::map<std::string, int64_t> per_channel;
    for (const json& r : query_json(trace, doc_example(6)))
      per_channel[r["channel"]] += r["values_passed"].get<int64_t>();
    const json s = stats(trace);
    for (const json& c : s["channel_stats"])
      CHECK(per_channel[c["name"]] == c["transfers"].get<int64_t>());
  }
}

TEST_CASE(
    "query.md 7, alt fairness totals = stats alt_guard and the trace's alt_choice events "
    "(issue 27)",
    "[query][docs]") {
  for (const std::string& trace :
       {record_sample(ALTS_UPLOAD_EXE), record_sample(TIMEOUT_LEAK_EXE)}) {
    INFO(trace);
    const json s = stats(trace);
    int64_t offered = 0, ready = 0, chosen = 0;
    for (const json& r : query_json(trace, doc_example(7))) {
      offered += r["offered"].get<int64_t>();
      ready += r["ready"].get<int64_t>();
      chosen += r["chosen"].get<int64_t>();
    }
    int64_t ready_guards = 0, guard_choices = 0;
    for (const json& e : trace_events(trace)) {
      if (e["kind"] == "alt_guard" && e["ready"] == true) ++ready_guards;
      if (e["kind"] == "alt_choice" && e["index"].get<int64_t>() >= 0) ++guard_choices;
    }
    CHECK(offered == s["kinds"].value("alt_guard", 0));
    CHECK(ready == ready_guards);
    CHECK(chosen == guard_choices);
  }
}

TEST_CASE("query.md 8, findings and their processes = check --json (issue 27)", "[query][docs]") {
  for (const std::string& trace : sample_traces()) {
    INFO(trace);
    const Run r = run_csptrace("check --json " + quoted(trace));
    REQUIRE(r.status <= 1);
    const json findings = json::parse(r.out)["findings"];
    const json rows = query_json(trace, doc_example(8));
    size_t row = 0;
    for (size_t f = 0; f < findings.size(); ++f)
      for (const json& p : findings[f]["processes"]) {
        REQUIRE(row < rows.size());
        CHECK(rows[row]["id"] == f + 1);
        CHECK(rows[row]["kind"] == findings[f]["kind"]);
        CHECK(rows[row]["severity"] == findings[f]["severity"]);
        CHECK(rows[row]["strength"] == findings[f]["strength"]);
        CHECK(rows[row]["seq"] == findings[f]["event"]);
        CHECK(rows[row]["process"] == p);
        ++row;
      }
    CHECK(row == rows.size());
  }
}

TEST_CASE(
    "query.md 9, each process's waits per channel = its parks and blocks in the trace "
    "(issue 27)",
    "[query][docs]") {
  for (const std::string& trace : sample_traces()) {
    INFO(trace);
    const std::vector<json> events = trace_events(trace);
    auto procs = names_of(events, "spawn", "proc"), chans = names_of(events, "chan_make", "chan");
    std::map<std::tuple<std::string, std::string, std::string>, std::pair<int64_t, int64_t>> want;
    for (const Wait& w : waits_of(events)) {
      if (w.op == "alts") continue;
      auto& [n, total] = want[{procs[w.proc], chans[w.chan], w.op}];
      ++n;
      total += w.end_t - w.begin_t;
    }
    const json rows = query_json(trace, doc_example(9));
    CHECK(rows.size() == want.size());
    for (const json& r : rows) {
      const auto it = want.find({r["process"], r["channel"], r["op"]});
      REQUIRE(it != want.end());
      CHECK(r["waits"] == it->second.first);
      CHECK(r["total_ns"] == it->second.second);
    }
  }
}

TEST_CASE(
    "query.md 10, the stuck processes = check's global-deadlock, each at its last wait "
    "(issue 27)",
    "[query][docs]") {
  const std::string trace = record_sample(PHILOSOPHERS_EXE, "--deadlock");
  std::set<std::string> deadlocked;
  const json report = cli_json("check --json " + quoted(trace), 1);
  for (const json& f : report["findings"])
    if (f["kind"] == "global-deadlock")
      for (const json& p : f["processes"]) deadlocked.insert(p);
  REQUIRE(!deadlocked.empty());
  std::map<std::string, Wait> last_wait;
  const std::vector<json> events = trace_events(trace);
  auto procs = names_of(events, "spawn", "proc");
  for (const Wait& w : waits_of(events))
    if (!w.ended) last_wait[procs[w.proc]] = w;
  std::set<std::string> stuck;
  for (const json& row : query_json(trace, doc_example(10))) {
    stuck.insert(row["process"].get<std::string>());
    const Wait& w = last_wait.at(row["process"]);
    CHECK(row["since_seq"] == w.begin_seq);
    CHECK(row["op"] == w.op);
    CHECK(row["loc"] == w.loc);
  }
  CHECK(stuck == deadlocked);
}
