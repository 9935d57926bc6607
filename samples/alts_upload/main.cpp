// alts from the core.async chapter: three headshot uploads raced with alts; an upload that
// loses against a 20 ms timeout; and an alts with a put guard.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <chrono>
#include <cstdio>
#include <string>

using namespace std::chrono_literals;

// Uploads a headshot "somewhere" (takes a while), then reports on c.
void upload(const std::string& headshot, csp::Chan<std::string> c, std::chrono::milliseconds took) {
  csp::go("upload " + headshot, [=]() -> csp::Proc<void> {
    co_await csp::timeout(took).take();  // the upload itself
    co_await c.put(headshot);
  });
}

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, [] {
    // 1. Three uploads; whichever finishes first is announced.
    {
      auto c1 = csp::chan<std::string>("c1"), c2 = csp::chan<std::string>("c2"),
           c3 = csp::chan<std::string>("c3");
      upload("serious.jpg", c1, 30ms);
      upload("fun.jpg", c2, 10ms);
      upload("sassy.jpg", c3, 20ms);
      csp::mark("race three uploads");
      auto r = csp::alts_blocking(csp::take(c1), csp::take(c2), csp::take(c3));
      const std::optional<std::string>& headshot = r.index == 0   ? r.get<0>()
                                                   : r.index == 1 ? r.get<1>()
                                                                  : r.get<2>();
      std::printf("Sending headshot notification for %s\n", headshot->c_str());
      // Collect the two slower uploads too, so that no upload waits forever.
      for (int i = 0; i < 2; ++i) csp::alts_blocking(csp::take(c1), csp::take(c2), csp::take(c3));
    }
    // 2. An upload that takes too long loses against a 20 ms timeout. Its channel has room for
    //    one value, so the late upload can still deliver and end (compare samples/timeout_leak).
    {
      auto c = csp::chan<std::string>("slow-upload", csp::fixed(1));
      upload("slow.jpg", c, 60ms);
      csp::mark("upload against a 20 ms timeout");
      auto r = csp::alts_blocking(csp::take(c), csp::take(csp::timeout(20ms)));
      std::printf(r.index == 0 ? "Sending headshot notification\n" : "Timed out!\n");
      if (r.index != 0) c.take_blocking();  // the late upload still arrives, and ends
    }
    // 3. A put guard: the alt offers "put!" on c2 while also waiting to take from c1.
    {
      auto c1 = csp::chan<std::string>("take-c1"), c2 = csp::chan<std::string>("put-c2");
      auto reader = csp::go("reader", [=]() -> csp::Proc<void> { co_await c2.take(); });
      csp::mark("alts with a put guard");
      auto r = csp::alts_blocking(csp::take(c1), csp::put(c2, std::string("put!")));
      std::printf("%s\n", r.index == 1 ? "true (the put on c2 won)" : "false");
      reader.take_blocking();
    }
  });
  return samples::exit_code(result);
}
