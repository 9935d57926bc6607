// Go test/chan/nonblock.go, translated to csp::: non-blocking sends and receives (a select
// with a default, retried with pauses) on unbuffered and one-slot channels of int32, int64,
// bool and string, against a process on the other side.
#include "conformance.hpp"

#include <cstdint>
#include <string>

using namespace std::chrono_literals;
using conformance::make_chan;
using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

constexpr int maxTries = 10000;

// sleep(): two ticks of a 10 us ticker, then three Gosched (main is a thread: yield_blocking).
void pause() {
  conformance::sleep_blocking(10us);
  conformance::sleep_blocking(10us);
  for (int i = 0; i < 3; ++i) csp::yield_blocking();
}

// A non-blocking receive on an empty channel takes the default ("blocked ...sender").
template <class T>
bool recv_takes_default(const csp::Chan<T>& c) {
  return csp::alts_blocking(csp::take(c), csp::otherwise).index == -1;
}

// The receiver/sender pair of one type: a process receives `to_receiver` (and reports whether
// it got that, where Go's receiver panics), main sends it with non-blocking sends; then a
// process sends `from_sender` and main receives it with non-blocking receives. Returns what
// went wrong, empty when nothing did.
template <class T>
std::string exchange(std::size_t buffer, T to_receiver, T from_sender,
                     const csp::Chan<bool>& sync) {
  auto c = make_chan<T>(buffer, "c");
  csp::spawn("receiver", [c, sync, to_receiver]() -> csp::Proc<void> {
    std::optional<T> v = co_await c.take();
    co_await sync.put(v == to_receiver);
  });
  int tries = 0;
  while (csp::alts_blocking(csp::put(c, to_receiver), csp::otherwise).index != 0) {
    if (++tries > maxTries) return "receiver: the send never went through";
    pause();
  }
  if (sync.take_blocking() != true) return "receiver: wrong value";

  csp::spawn("sender", [c, sync, from_sender]() -> csp::Proc<void> {
    co_await c.put(from_sender);
    co_await sync.put(true);
  });
  if (buffer > 0) sync.take_blocking();
  tries = 0;
  std::optional<T> got;
  for (;;) {
    auto r = csp::alts_blocking(csp::take(c), csp::otherwise);
    if (r.index == 0) {
      got = r.template get<0>();
      break;
    }
    if (++tries > maxTries) return "sender: the receive never went through";
    pause();
  }
  if (got != from_sender) return "sender: wrong value";
  if (buffer == 0) sync.take_blocking();
  return "";
}

}  // namespace

TEST_CASE("go test/chan/nonblock.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto sync = csp::chan<bool>("sync");
    for (std::size_t buffer = 0; buffer < 2; ++buffer) {
      INFO("buffer " << buffer);
      CHECK(recv_takes_default(make_chan<int32_t>(buffer, "c32")));
      CHECK(recv_takes_default(make_chan<int64_t>(buffer, "c64")));
      CHECK(recv_takes_default(make_chan<bool>(buffer, "cb")));
      CHECK(recv_takes_default(make_chan<std::string>(buffer, "cs")));
      CHECK(exchange<int32_t>(buffer, 123, 234, sync) == "");
      CHECK(exchange<int64_t>(buffer, 123456, 234567, sync) == "");
      CHECK(exchange<bool>(buffer, true, true, sync) == "");
      CHECK(exchange<std::string>(buffer, "hello", "hello again", sync) == "");
    }
  });
}
