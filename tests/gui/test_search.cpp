#include <catch2/catch.hpp>

#include "event_search.hpp"
#include "fixture_document.hpp"

#include <csptrace/trace_error.hpp>

#include <atomic>

using namespace cspview;

TEST_CASE("search finds events by value, name, kind and number", "[search]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  const SearchResult lint = search_events(*doc, "POCKET lint");  // case-insensitive
  REQUIRE_FALSE(lint.empty());
  for (uint32_t e : lint.events) {
    const auto ev = m.event(e);  // its value, or a mark's label
    const std::string text =
        ev.has(csptrace::Field::label) ? std::string(m.str(ev.label)) : m.value_text(ev.value);
    CHECK(text.find("pocket lint") != std::string::npos);
  }
  const SearchResult refused = search_events(*doc, "refused");
  REQUIRE_FALSE(refused.empty());
  for (uint32_t e : refused.events) CHECK(m.kind(e) == csptrace::EventKind::Refused);
  const SearchResult machine = search_events(*doc, "hot-dog-machine");
  CHECK(machine.events.size() > lint.events.size());
  const SearchResult number = search_events(*doc, "#7");
  REQUIRE(number.events.size() == 1);
  CHECK(m.seq(number.events.front()) == 7);
  CHECK(search_events(*doc, "no such thing").empty());
  CHECK(search_events(*doc, "").empty());
  // by_time holds the same events, in time order.
  CHECK(machine.by_time.size() == machine.events.size());
  for (size_t i = 1; i < machine.by_time.size(); ++i)
    CHECK(m.time(machine.by_time[i - 1]) <= m.time(machine.by_time[i]));
}

TEST_CASE("Enter and Shift+Enter step through matches, wrapping around", "[search]") {
  SearchResult r;
  r.events = {3, 7, 12};
  CHECK(next_match(r, std::nullopt, true) == 3u);
  CHECK(next_match(r, 3, true) == 7u);
  CHECK(next_match(r, 5, true) == 7u);
  CHECK(next_match(r, 12, true) == 3u);  // wraps
  CHECK(next_match(r, 7, false) == 3u);
  CHECK(next_match(r, 3, false) == 12u);  // wraps
  CHECK(next_match(r, std::nullopt, false) == 12u);
  CHECK_FALSE(next_match(SearchResult{}, 3, true).has_value());
}

TEST_CASE("a search is cancelled when a newer one starts", "[search]") {
  auto doc = fixture("hotdog.jsonl");
  std::atomic<bool> cancel{true};
  CHECK_THROWS_AS(search_events(*doc, "main", &cancel), csptrace::LoadCancelled);
}
