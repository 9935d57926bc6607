// Go src/runtime/chan_test.go, translated to csp::.
//
// A goroutine is a csp::spawn'd (or csp::go'd, when someone waits for it) process, a select a
// csp::alts (`default:` is csp::otherwise), time.Sleep a timeout channel, a sync.WaitGroup the
// processes' result channels. Go's nil channel disables a select case; csp:: refuses a null
// Chan (docs/runtime.md), so a disabled case is a guard on a private channel nobody else uses,
// which is never ready either. Go receives (zero, false) from a closed channel; csp:: gives an
// empty std::optional, the same information. len/cap (the end of TestChan) are missing from
// csp:: (README.md); the stack-shrinking tests do not apply.
#include "conformance.hpp"

#include <any>
#include <array>
#include <atomic>
#include <cmath>
#include <map>
#include <memory>
#include <vector>

using namespace std::chrono_literals;
using conformance::make_chan;
using conformance::on_every_scheduler;
using conformance::Scheduler;

TEST_CASE("go runtime/chan_test.go: TestChan", "[conformance][go]") {
  static constexpr int N = 200;
  on_every_scheduler([](const Scheduler&) {
    for (int chanCap = 0; chanCap < N; ++chanCap) {
      INFO("chan[" << chanCap << "]");
      const auto cap = static_cast<std::size_t>(chanCap);
      {  // Ensure that receive from empty chan blocks.
        auto c = make_chan<int>(cap, "c");
        auto recv1 = std::make_shared<std::atomic<bool>>(false);
        auto recv2 = std::make_shared<std::atomic<bool>>(false);
        csp::spawn("recv1", [=]() -> csp::Proc<void> {
          co_await c.take();
          *recv1 = true;
        });
        csp::spawn("recv2", [=]() -> csp::Proc<void> {
          co_await c.take();
          *recv2 = true;
        });
        conformance::sleep_blocking(1ms);
        REQUIRE_FALSE((*recv1 || *recv2));
        // Ensure that non-blocking receive does not block.
        REQUIRE(csp::alts_blocking(csp::take(c), csp::otherwise).index == -1);
        REQUIRE(csp::alts_blocking(csp::take(c), csp::otherwise).index == -1);
        c.put_blocking(0);
        c.put_blocking(0);
      }
      {  // Ensure that send to full chan blocks.
        auto c = make_chan<int>(cap, "c");
        for (int i = 0; i < chanCap; ++i) c.put_blocking(i);
        auto sent = std::make_shared<std::atomic<bool>>(false);
        csp::spawn("sender", [=]() -> csp::Proc<void> {
          co_await c.put(0);
          *sent = true;
        });
        conformance::sleep_blocking(1ms);
        REQUIRE_FALSE(*sent);
        // Ensure that non-blocking send does not block.
        REQUIRE(csp::alts_blocking(csp::put(c, 0), csp::otherwise).index == -1);
        c.take_blocking();
      }
      {  // Ensure that we receive 0 from closed chan.
        auto c = make_chan<int>(cap, "c");
        for (int i = 0; i < chanCap; ++i) c.put_blocking(i);
        c.close();
        for (int i = 0; i < chanCap; ++i) REQUIRE(c.take_blocking() == i);
        REQUIRE_FALSE(c.take_blocking());  // v == 0
        REQUIRE_FALSE(c.take_blocking());  // v == 0, ok == false
      }
      {  // Ensure that close unblocks receive.
        auto c = make_chan<int>(cap, "c");
        auto done = csp::chan<bool>("done");
        csp::spawn("receiver", [=]() -> csp::Proc<void> {
          std::optional<int> v = co_await c.take();
          co_await done.put(!v.has_value());
        });
        conformance::sleep_blocking(1ms);
        c.close();
        REQUIRE(done.take_blocking() == true);
      }
      {  // Send 100 integers, ensure that we receive them non-corrupted in FIFO order.
        auto c = make_chan<int>(cap, "c");
        for (int round = 0; round < 2; ++round) {  // <-c, then v, ok := <-c
          csp::spawn("sender", [=]() -> csp::Proc<void> {
            for (int i = 0; i < 100; ++i) co_await c.put(i);
          });
          for (int i = 0; i < 100; ++i) REQUIRE(c.take_blocking() == i);
        }
        // Send 1000 integers in 4 goroutines, ensure that we receive what we send.
        constexpr int P = 4, L = 1000;
        for (int p = 0; p < P; ++p)
          csp::spawn("sender", [=]() -> csp::Proc<void> {
            for (int i = 0; i < L; ++i) co_await c.put(i);
          });
        auto done = csp::chan<std::map<int, int>>("done");
        for (int p = 0; p < P; ++p)
          csp::spawn("receiver", [=]() -> csp::Proc<void> {
            std::map<int, int> recv;
            for (int i = 0; i < L; ++i) ++recv[(co_await c.take()).value_or(-1)];
            co_await done.put(std::move(recv));
          });
        std::map<int, int> recv;
        for (int p = 0; p < P; ++p)
          for (auto [k, v] : done.take_blocking().value_or(std::map<int, int>{})) recv[k] += v;
        REQUIRE(recv.size() == static_cast<std::size_t>(L));
        for (auto [k, v] : recv) REQUIRE(v == P);
      }
    }
  });
}

TEST_CASE("go runtime/chan_test.go: TestChan (len/cap block)", "[conformance][go]") {
  static constexpr int N = 200;
  on_every_scheduler([](const Scheduler&) {
    for (int chanCap = 0; chanCap < N; ++chanCap) {
      INFO("chan[" << chanCap << "]");
      const auto cap = static_cast<std::size_t>(chanCap);
      auto c = make_chan<int>(cap, "c");
      REQUIRE(c.size() == 0);
      REQUIRE(c.capacity() == cap);
      for (int i = 0; i < chanCap; ++i) c.put_blocking(i);
      REQUIRE(c.size() == cap);
      REQUIRE(c.capacity() == cap);
    }
  });
}

TEST_CASE("go runtime/chan_test.go: TestNonblockRecvRace", "[conformance][go]") {
  static constexpr int n = 10000;
  on_every_scheduler([](const Scheduler&) {
    int not_ready = 0;
    for (int i = 0; i < n; ++i) {
      auto c = csp::chan<int>("c", csp::fixed(1));
      c.put_blocking(1);
      auto ready = csp::go("select", [=]() -> csp::Proc<bool> {
        co_return (co_await csp::alts(csp::take(c), csp::otherwise)).index != -1;
      });
      c.close();
      c.take_blocking();
      not_ready += ready.take_blocking() == true ? 0 : 1;  // "chan is not ready"
    }
    CHECK(not_ready == 0);
  });
}

namespace {
// TestNonblockSelectRace and TestNonblockSelectRace2: c2 made ready by a put, or by a close.
void nonblock_select_race(int n, bool close_c2) {
  auto done = csp::chan<bool>("done", csp::fixed(1));
  int no_chan_ready = 0;
  for (int i = 0; i < n; ++i) {
    auto c1 = csp::chan<int>("c1", csp::fixed(1));
    auto c2 = close_c2 ? csp::chan<int>("c2") : csp::chan<int>("c2", csp::fixed(1));
    c1.put_blocking(1);
    csp::spawn("select", [=]() -> csp::Proc<void> {
      auto r = co_await csp::alts(csp::take(c1), csp::take(c2), csp::otherwise);
      co_await done.put(r.index != -1);
    });
    if (close_c2)
      c2.close();
    else
      c2.put_blocking(1);
    csp::alts_blocking(csp::take(c1), csp::otherwise);
    no_chan_ready += done.take_blocking() == true ? 0 : 1;
  }
  CHECK(no_chan_ready == 0);
}
}  // namespace

TEST_CASE("go runtime/chan_test.go: TestNonblockSelectRace", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) { nonblock_select_race(100000, false); });
}

TEST_CASE("go runtime/chan_test.go: TestNonblockSelectRace2", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) { nonblock_select_race(100000, true); });
}

// Send and receive on the same channel in one select neither crash nor deadlock, and on an
// unbuffered channel a select never receives its own value.
TEST_CASE("go runtime/chan_test.go: TestSelfSelect", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    for (std::size_t chanCap : {std::size_t{0}, std::size_t{10}}) {
      INFO("chanCap " << chanCap);
      auto c = make_chan<int>(chanCap, "c");
      std::vector<csp::Chan<int>> wg;
      for (int p = 0; p < 2; ++p)
        wg.push_back(csp::go("selector", [=]() -> csp::Proc<int> {
          int self_receives = 0;
          for (int i = 0; i < 1000; ++i) {
            std::optional<int> v;
            if (p == 0 || i % 2 == 0) {
              auto r = co_await csp::alts(csp::put(c, p), csp::take(c));
              if (r.index == 1) v = r.get<1>();
            } else {
              auto r = co_await csp::alts(csp::take(c), csp::put(c, p));
              if (r.index == 0) v = r.get<0>();
            }
            if (chanCap == 0 && v == p) ++self_receives;
          }
          co_return self_receives;
        }));
      for (auto& w : wg) CHECK(w.take_blocking() == 0);  // "self receive"
    }
  });
}

TEST_CASE("go runtime/chan_test.go: TestSelectStress", "[conformance][go]") {
  static constexpr int N = 100000;
  on_every_scheduler([](const Scheduler&) {
    const std::array<csp::Chan<int>, 4> c{csp::chan<int>("c0"), csp::chan<int>("c1"),
                                          csp::chan<int>("c2", csp::fixed(2)),
                                          csp::chan<int>("c3", csp::fixed(3))};
    // 4 goroutines send N values on each of the chans, 4 receive N values on each, one sends
    // N values on each in a single select and one receives N values on each in a single
    // select. All this must not deadlock.
    std::vector<csp::Chan<csp::Unit>> wg;
    for (int k = 0; k < 4; ++k) {
      wg.push_back(csp::go("sender", [=]() -> csp::Proc<void> {
        for (int i = 0; i < N; ++i) co_await c[static_cast<size_t>(k)].put(0);
      }));
      wg.push_back(csp::go("receiver", [=]() -> csp::Proc<void> {
        for (int i = 0; i < N; ++i) co_await c[static_cast<size_t>(k)].take();
      }));
    }
    wg.push_back(csp::go("select sender", [=]() -> csp::Proc<void> {
      const auto disabled = csp::chan<int>("nil");  // never ready: Go's nil channel
      std::array<int, 4> n{};
      std::array<csp::Chan<int>, 4> c1 = c;
      for (int i = 0; i < 4 * N; ++i) {
        auto r = co_await csp::alts(csp::put(c1[3], 0), csp::put(c1[2], 0), csp::put(c1[0], 0),
                                    csp::put(c1[1], 0));
        const std::size_t k = r.index == 0 ? 3 : r.index == 1 ? 2 : r.index == 2 ? 0 : 1;
        if (++n[k] == N) c1[k] = disabled;
      }
    }));
    wg.push_back(csp::go("select receiver", [=]() -> csp::Proc<void> {
      const auto disabled = csp::chan<int>("nil");
      std::array<int, 4> n{};
      std::array<csp::Chan<int>, 4> c1 = c;
      for (int i = 0; i < 4 * N; ++i) {
        auto r = co_await csp::alts(csp::take(c1[0]), csp::take(c1[1]), csp::take(c1[2]),
                                    csp::take(c1[3]));
        const auto k = static_cast<std::size_t>(r.index);
        if (++n[k] == N) c1[k] = disabled;
      }
    }));
    for (auto& w : wg) w.take_blocking();  // wg.Wait()
  });
}

TEST_CASE("go runtime/chan_test.go: TestSelectFairness", "[conformance][go]") {
  static constexpr int trials = 10000;
  on_every_scheduler([](const Scheduler&) {
    auto c1 = csp::chan<int>("c1", csp::fixed(trials + 1));
    auto c2 = csp::chan<int>("c2", csp::fixed(trials + 1));
    for (int i = 0; i < trials + 1; ++i) {
      c1.put_blocking(1);
      c2.put_blocking(2);
    }
    auto c3 = csp::chan<int>("c3");
    auto c4 = csp::chan<int>("c4");
    auto out = csp::chan<int>("out");
    auto done = csp::chan<int>("done");
    auto wg = csp::go("selector", [=]() -> csp::Proc<void> {
      for (;;) {
        auto r = co_await csp::alts(csp::take(c3), csp::take(c4), csp::take(c1), csp::take(c2));
        std::optional<int> b = r.index == 0   ? r.get<0>()
                               : r.index == 1 ? r.get<1>()
                               : r.index == 2 ? r.get<2>()
                                              : r.get<3>();
        auto s = co_await csp::alts(csp::put(out, b.value_or(0)), csp::take(done));
        if (s.index == 1) co_return;
      }
    });
    int cnt1 = 0, cnt2 = 0, unexpected = 0;
    for (int i = 0; i < trials; ++i) {
      const int b = out.take_blocking().value_or(0);
      if (b == 1)
        ++cnt1;
      else if (b == 2)
        ++cnt2;
      else
        ++unexpected;
    }
    REQUIRE(unexpected == 0);
    // Within 10 sigma of the mean of a fair coin.
    const double mean = trials * 0.5, stddev = std::sqrt(trials * 0.5 * (1 - 0.5));
    INFO("in " << trials << " trials, results were " << cnt1 << ", " << cnt2);
    CHECK(std::abs(cnt1 - mean) <= 10 * stddev);
    done.close();
    wg.take_blocking();
  });
}

// The original checks only that nothing crashes; with the buffer full neither send can
// proceed, so each select must take its default, which is checked too.
TEST_CASE("go runtime/chan_test.go: TestChanSendInterface", "[conformance][go]") {
  struct mt {};
  on_every_scheduler([](const Scheduler&) {
    std::any m = std::make_shared<mt>();
    auto c = csp::chan<std::any>("c", csp::fixed(1));
    c.put_blocking(m);
    CHECK(csp::alts_blocking(csp::put(c, m), csp::otherwise).index == -1);
    CHECK(csp::alts_blocking(csp::put(c, m), csp::put(c, std::any(std::make_shared<mt>())),
                             csp::otherwise)
              .index == -1);
  });
}

namespace {
// TestPseudoRandomSend for one capacity: a receiver that pauses before each receive, and a
// sender whose select offers 1 and 0 on the same channel; both values must be well mixed.
void pseudo_random_send(std::size_t chanCap) {
  static constexpr int n = 100;
  auto c = make_chan<int>(chanCap, "c");
  auto receiver = csp::go("receiver", [=]() -> csp::Proc<std::vector<int>> {
    std::vector<int> l(n);
    for (int i = 0; i < n; ++i) {
      // Go: runtime.Gosched(), which lets the sender reach its select first.
      co_await csp::yield();
      l[static_cast<size_t>(i)] = (co_await c.take()).value_or(-1);
    }
    co_return l;
  });
  // The sender is a go process, as Go's main is a goroutine.
  auto sender = csp::go("sender", [c]() -> csp::Proc<void> {
    for (int i = 0; i < n; ++i) co_await csp::alts(csp::put(c, 1), csp::put(c, 0));
  });
  sender.take_blocking();
  const std::vector<int> l = receiver.take_blocking().value_or(std::vector<int>{});
  int n0 = 0, n1 = 0;
  for (int i : l) {
    n0 += (i + 1) % 2;
    n1 += i;
  }
  INFO("Want pseudorandom, got " << n0 << " zeros and " << n1 << " ones (chan cap " << chanCap
                                 << ")");
  CHECK(n0 > n / 10);
  CHECK(n1 > n / 10);
}
}  // namespace

TEST_CASE("go runtime/chan_test.go: TestPseudoRandomSend (chan cap n)", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) { pseudo_random_send(100); });
}

// The sender's select parks with both put guards on `c`; the scheduler picks which guard is
// enqueued first (Go enqueues a select's cases in its random poll order), so the receiver gets
// both values.
TEST_CASE("go runtime/chan_test.go: TestPseudoRandomSend (chan cap 0)", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) { pseudo_random_send(0); });
}

TEST_CASE("go runtime/chan_test.go: TestMultiConsumer", "[conformance][go]") {
  static constexpr int nwork = 23, niter = 271828;
  static constexpr std::array<int, 10> pn{2, 3, 7, 11, 13, 17, 19, 23, 27, 31};
  on_every_scheduler([](const Scheduler&) {
    auto q = csp::chan<int>("q", csp::fixed(nwork * 3));
    auto r = csp::chan<int>("r", csp::fixed(nwork * 3));
    std::vector<csp::Chan<csp::Unit>> wg;  // workers
    for (int w = 0; w < nwork; ++w)
      wg.push_back(csp::go("worker", [=]() -> csp::Proc<void> {
        while (std::optional<int> v = co_await q.take()) {
          // mess with the fifo-ish nature of range
          if (pn[static_cast<size_t>(w) % pn.size()] == *v) co_await csp::yield();
          co_await r.put(*v);
        }
      }));
    auto expect = csp::go("feeder & closer", [=]() -> csp::Proc<long> {
      long sum = 0;
      for (int i = 0; i < niter; ++i) {
        const int v = pn[static_cast<size_t>(i) % pn.size()];
        sum += v;
        co_await q.put(v);
      }
      q.close();                                   // no more work
      for (const auto& w : wg) co_await w.take();  // workers done
      r.close();                                   // ... so there can be no more results
      co_return sum;
    });
    long n = 0, s = 0;
    while (std::optional<int> v = r.take_blocking()) {
      ++n;
      s += *v;
    }
    CHECK(n == niter);
    CHECK(s == expect.take_blocking());
  });
}

// A select queued twice on one channel leaves that channel's queue intact when another case
// wins: the later receiver B must still be woken (else the last send deadlocks).
TEST_CASE("go runtime/chan_test.go: TestSelectDuplicateChannel", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    auto c = csp::chan<int>("c");
    auto d = csp::chan<int>("d");
    auto e = csp::chan<int>("e");
    csp::spawn("A", [=]() -> csp::Proc<void> {
      co_await csp::alts(csp::take(c), csp::take(c), csp::take(d));
      co_await e.put(9);
    });
    conformance::sleep_blocking(1ms);  // make sure goroutine A gets queued first on c
    auto b = csp::go("B", [=]() -> csp::Proc<int> { co_return (co_await c.take()).value_or(-1); });
    conformance::sleep_blocking(1ms);  // make sure goroutine B gets queued on c before continuing
    d.put_blocking(7);                 // wake up A, it dequeues itself from c
    CHECK(e.take_blocking() == 9);     // A tells us it's done
    c.put_blocking(8);                 // wake up B
    CHECK(b.take_blocking() == 8);
  });
}
