#include <catch2/catch.hpp>

#include "fixture_document.hpp"
#include "story.hpp"

using namespace cspview;

TEST_CASE("the story names the hand-over at the cursor and says it in words", "[story]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  // Index 6 (#7): main hands "pocket lint" to the machine on "in".
  REQUIRE(m.kind(6) == csptrace::EventKind::Transfer);
  const StoryStep s = story_at(*doc, 6);
  REQUIRE(s.focus == 6u);
  CHECK(s.label == "main → in → hot-dog-machine: \"pocket lint\"");
  CHECK(s.caption ==
        "main hands \"pocket lint\" to hot-dog-machine through in: a rendezvous, both were there.");
  // Index 7 (#8): the machine resumes; the story still shows the hand-over that woke it.
  const StoryStep wake = story_at(*doc, 7);
  CHECK(wake.focus == 6u);
  CHECK(wake.caption.find("hot-dog-machine resumes") == 0);
  // A park moves no value: no focus, but words.
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == csptrace::EventKind::Park) {
      const StoryStep park = story_at(*doc, i);
      CHECK_FALSE(park.focus.has_value());
      CHECK(park.caption.find(" waits to ") != std::string::npos);
      break;
    }
  CHECK(story_at(*doc, std::nullopt).caption.find("Before the first event") == 0);
}

TEST_CASE("a take refused by a closed channel is told as a normal end", "[story][tone]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  bool seen = false;
  for (size_t i = 0; i < m.size(); ++i)
    if (m.kind(i) == csptrace::EventKind::Refused && m.event(i).op == csptrace::WaitOp::Take) {
      CHECK(story_at(*doc, i).caption.find("the normal end of a channel") != std::string::npos);
      seen = true;
    }
  CHECK(seen);
}

TEST_CASE("following the cursor keeps the step and its neighbours readable", "[story]") {
  auto doc = fixture("hotdog.jsonl");
  const auto& m = doc->model();
  const TimeScale fit = TimeScale::fit(double(doc->t_begin()), double(doc->t_end()), 800);
  // In the fitted view of a small trace the neighbours already spread wide: the view stays.
  const size_t mid = m.size() / 2;
  const TimeScale same = follow_view(fit, *doc, mid, 3);
  // Zoomed far in elsewhere: the view moves to show the step and three events each side.
  const TimeScale far = TimeScale::fit(0, 50, 800);
  const TimeScale moved = follow_view(far, *doc, mid, 3);
  for (size_t i = mid - 3; i <= mid + 3; ++i) {
    CHECK(double(m.time(i)) >= moved.start_ns);
    CHECK(double(m.time(i)) <= moved.end_ns());
  }
  CHECK(moved.width_px == 800);
  // Either the fitted view stayed, or it zoomed in on the neighbours; never out.
  CHECK(same.ns_per_px <= fit.ns_per_px);
}
