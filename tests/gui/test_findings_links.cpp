#include <catch2/catch.hpp>

#include "finding_links.hpp"
#include "fixture_document.hpp"

using namespace cspview;

namespace {

const csptrace::Finding* first_of(const TraceDocument& doc, csptrace::FindingKind k) {
  for (const auto& f : doc.findings())
    if (f.kind == k) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("an explanation's processes, channels and events become links", "[findings][links]") {
  auto doc = fixture("finding-stranded-wait.jsonl");
  const auto& m = doc->model();
  const std::string text =
      "consumer is parked at stats.cpp:22 waiting to take from \"data\" (since 3.200 µs). "
      "producer exited at 2.300 µs (event 10).";
  const auto pieces = link_names(*doc, text);
  std::string joined;
  int procs = 0, chans = 0, events = 0;
  for (const TextPiece& p : pieces) {
    joined += p.text;
    if (p.kind == TextPiece::Kind::Process) ++procs;
    if (p.kind == TextPiece::Kind::Channel) {
      ++chans;
      CHECK(doc->channel_label(uint32_t(p.target)) == "data");
    }
    if (p.kind == TextPiece::Kind::Event) {
      ++events;
      CHECK(m.seq(p.target) == 10);
    }
  }
  CHECK(joined == text);  // nothing lost or added
  CHECK(procs == 2);      // consumer, producer
  CHECK(chans == 1);
  CHECK(events == 1);
  // A name inside a file name is not a process.
  auto phil = fixture("finding-recorded-philosophers.jsonl");
  for (const TextPiece& p : link_names(*phil, "main is blocked at main.cpp:59"))
    if (p.kind == TextPiece::Kind::Process) CHECK(p.text == "main");
  CHECK(link_names(*phil, "main is blocked at main.cpp:59").size() == 2);
}

TEST_CASE("a stranded wait's cause is the producer's exit", "[findings][links]") {
  auto doc = fixture("finding-stranded-wait.jsonl");
  const auto* f = first_of(*doc, csptrace::FindingKind::StrandedWait);
  REQUIRE(f);
  const auto causes = finding_causes(*doc, *f);
  REQUIRE(causes.size() == 1);
  CHECK(doc->model().kind(causes.front()) == csptrace::EventKind::Exit);
  CHECK(doc->process_label(doc->model().proc_index(causes.front())) == "producer");
  // The overlay carries it to the timeline.
  for (size_t i = 0; i < doc->findings().size(); ++i)
    if (&doc->findings()[i] == f) CHECK(doc->overlay_for(i).causes == causes);
}

TEST_CASE("a lost message's cause is the alt giving up on its timeout", "[findings][links]") {
  auto doc = fixture("finding-timeout-masked-loss.jsonl");
  const auto* f = first_of(*doc, csptrace::FindingKind::TimeoutMaskedLoss);
  REQUIRE(f);
  const auto causes = finding_causes(*doc, *f);
  REQUIRE_FALSE(causes.empty());
  const auto& m = doc->model();
  CHECK(m.kind(causes.front()) == csptrace::EventKind::AltChoice);
  CHECK(m.channels()[m.chan_index(causes.front())].buffer == csptrace::BufferKind::Timer);
}
