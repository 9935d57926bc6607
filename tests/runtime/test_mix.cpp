// mix: admix, unmix, toggle (solo, mute, pause) and solo_mode, on both schedulers.
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <vector>

using namespace std::chrono_literals;
using rt_test::deterministic;

namespace {

// Lets the mix process read every value that is there to read, and a change take effect (a
// change applies from the mix's next read). Virtual time when deterministic, where it also
// runs everything runnable first.
void settle() { csp::timeout(20ms).take_blocking(); }

}  // namespace

TEST_CASE("mix: mute drops, pause leaves values in the input, solo hears only the soloed",
          "[combinators][mix]") {
  for (csp::Options opt : {deterministic(1), deterministic(5), csp::Options{}}) {
    csp::RunResult r = csp::run(opt, [&] {
      auto out = csp::chan<int>("out", csp::fixed(100));
      auto a = csp::chan<int>("a", csp::fixed(10));
      auto b = csp::chan<int>("b", csp::fixed(10));
      auto mx = csp::mix(out);
      mx.admix(a);
      mx.admix(b);
      mx.toggle({{a, csp::MixToggle{.mute = true}}});
      settle();
      a.put_blocking(1);  // muted: taken and dropped
      b.put_blocking(2);
      settle();
      CHECK(out.poll() == 2);
      CHECK_FALSE(out.poll());
      CHECK(a.size() == 0);

      mx.toggle({{a, csp::MixToggle{.mute = false, .pause = true}}});
      settle();
      a.put_blocking(3);  // paused: stays in a
      settle();
      CHECK_FALSE(out.poll());
      CHECK(a.size() == 1);
      mx.toggle({{a, csp::MixToggle{.pause = false}}});
      settle();
      CHECK(out.poll() == 3);

      mx.toggle({{b, csp::MixToggle{.solo = true}}});  // solo mode mute: a is muted
      settle();
      a.put_blocking(4);
      b.put_blocking(5);
      settle();
      CHECK(out.poll() == 5);
      CHECK_FALSE(out.poll());
      mx.solo_mode(csp::SoloMode::Pause);  // now a is paused instead
      settle();
      a.put_blocking(6);
      settle();
      CHECK(a.size() == 1);
      mx.toggle({{b, csp::MixToggle{.solo = false}}});
      settle();
      CHECK(out.poll() == 6);

      mx.unmix(b);
      settle();
      mx.unmix(csp::chan<int>("never-admixed"));  // ignored
      settle();
      b.put_blocking(7);
      settle();
      CHECK_FALSE(out.poll());
      CHECK(b.size() == 1);
      a.close();  // a closed input leaves the mix
      settle();
      mx.unmix_all();
      out.close();  // the mix ends at its next put
    });
    CHECK(r.ok());
  }
}

TEST_CASE("mix: admix of a closed channel is harmless", "[combinators][mix]") {
  for (csp::Options opt : {deterministic(2), csp::Options{}}) {
    csp::RunResult r = csp::run(opt, [&] {
      auto out = csp::chan<int>("out");
      auto mx = csp::mix(out);
      auto closed = csp::chan<int>("closed");
      closed.close();
      mx.admix(closed);
      mx.admix(csp::to_chan(std::vector<int>{9}));
      CHECK(out.take_blocking() == 9);
    });
    CHECK(r.ok());
  }
}
