// Stress, bounded to about a second and clean under ThreadSanitizer: many processes, random
// alts, concurrent close. Invariant: every put that returned true is taken exactly once (all
// channels are drained at the end, so nothing stays buffered).
#include "trace_helpers.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <vector>

using namespace std::chrono_literals;

namespace {

struct Ledger {
  // Puts that completed with true. The closer closes everything once half of all puts have, so
  // at least half succeed whatever the interleaving (counting puts begun instead, a put begun on
  // one worker could still find the channels closed by the time it ran).
  std::atomic<long> puts_ok{0};
  std::mutex mu;
  std::vector<long> put_ok;
  std::vector<long> taken;
  void add_put(const std::vector<long>& v) {
    std::lock_guard lk(mu);
    put_ok.insert(put_ok.end(), v.begin(), v.end());
  }
  void add_taken(const std::vector<long>& v) {
    std::lock_guard lk(mu);
    taken.insert(taken.end(), v.begin(), v.end());
  }
};

void stress(Ledger& ledger, int producers, int per_producer) {
  std::vector<csp::Chan<long>> ch = {csp::chan<long>("u0"), csp::chan<long>("u1"),
                                     csp::chan<long>("f0", csp::fixed(4)),
                                     csp::chan<long>("f1", csp::fixed(1))};
  auto halfway = csp::chan<csp::Unit>("halfway", csp::fixed(1));
  std::vector<csp::Chan<csp::Unit>> done;
  for (int p = 0; p < producers; ++p) {
    auto body = [=, &ledger](uint64_t seed) -> csp::Proc<void> {
      std::vector<long> ok;
      uint64_t s = seed * 2654435761u + 1;
      auto done_one = [&]() -> bool {
        return ledger.puts_ok.fetch_add(1) + 1 == producers * per_producer / 2;
      };
      for (int k = 0; k < per_producer; ++k) {
        const long v = static_cast<long>(p) * 1'000'000 + k;
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        const size_t i = (s >> 33) % ch.size(), j = (s >> 40) % ch.size();
        bool put = false;
        if ((s >> 50) % 2 == 0) {
          put = co_await ch[i].put(v);
        } else {
          auto r = co_await csp::alts(csp::put(ch[i], v), csp::put(ch[j], v));
          put = r.index >= 0 && (r.index == 0 ? r.get<0>() : r.get<1>());
        }
        if (put) {
          ok.push_back(v);
          if (done_one()) co_await halfway.put(csp::Unit{});
        }
      }
      ledger.add_put(ok);
    };
    done.push_back(csp::go("producer", [=]() -> csp::Proc<void> { co_await body(p); }));
  }
  // Consumers: take (or alts over every channel) until all channels are closed and drained.
  std::vector<csp::Chan<csp::Unit>> consumers;
  for (int c = 0; c < 3; ++c) {
    consumers.push_back(csp::go("consumer", [=, &ledger]() -> csp::Proc<void> {
      std::vector<long> got;
      std::vector<bool> drained(ch.size(), false);
      size_t left = ch.size();
      while (left > 0) {
        auto r = co_await csp::alts(csp::take(ch[0]), csp::take(ch[1]), csp::take(ch[2]),
                                    csp::take(ch[3]));
        std::optional<long> v;
        switch (r.index) {
          case 0: v = r.get<0>(); break;
          case 1: v = r.get<1>(); break;
          case 2: v = r.get<2>(); break;
          default: v = r.get<3>(); break;
        }
        if (v) {
          got.push_back(*v);
        } else if (!drained[static_cast<size_t>(r.index)]) {
          drained[static_cast<size_t>(r.index)] = true;
          --left;
        }
      }
      ledger.add_taken(got);
    }));
  }
  // A closer that closes the channels while producers are still putting.
  auto closer = csp::go("closer", [=]() -> csp::Proc<void> {
    co_await halfway.take();
    for (auto& c : ch) c.close();
  });
  // And a thread putting too, with blocking operations.
  done.push_back(csp::thread("thread-producer", [=, &ledger] {
    std::vector<long> ok;
    for (int k = 0; k < per_producer; ++k) {
      const long v = 900'000'000L + k;
      if (ch[static_cast<size_t>(k) % ch.size()].put_blocking(v)) ok.push_back(v);
    }
    ledger.add_put(ok);
  }));
  for (auto& d : done) d.take_blocking();
  closer.take_blocking();
  for (auto& c : consumers) c.take_blocking();
}

void check_ledger(Ledger& l, size_t at_least) {
  CHECK(l.put_ok.size() >= at_least);  // the first half of the puts completed before the close
  std::sort(l.put_ok.begin(), l.put_ok.end());
  std::sort(l.taken.begin(), l.taken.end());
  CHECK(std::adjacent_find(l.taken.begin(), l.taken.end()) == l.taken.end());  // no duplicate
  CHECK(l.put_ok == l.taken);  // nothing lost, nothing invented
}

}  // namespace

TEST_CASE("stress: random alts and concurrent close lose and duplicate nothing (pool)",
          "[stress]") {
  for (int round = 0; round < 3; ++round) {
    Ledger ledger;
    csp::Options opt;
    opt.workers = 4;  // more workers than cores: more interleavings
    csp::RunResult r = csp::run(opt, [&] { stress(ledger, 16, 300); });
    REQUIRE(r.ok());
    check_ledger(ledger, 16 * 300 / 2);
  }
}

TEST_CASE("stress: the same on the deterministic scheduler", "[stress]") {
  Ledger ledger;
  csp::RunResult r = csp::run(rt_test::deterministic(99), [&] { stress(ledger, 16, 200); });
  REQUIRE(r.ok());
  check_ledger(ledger, 16 * 200 / 2);
}

TEST_CASE("stress: many processes in a ring", "[stress]") {
  csp::RunResult r = csp::run(csp::Options{}, [&] {
    const int n = 2000;
    auto first = csp::chan<int>("ring-0");
    csp::Chan<int> prev = first;
    for (int i = 1; i <= n; ++i) {
      auto next = csp::chan<int>("ring");
      csp::go("hop", [=]() -> csp::Proc<void> {
        while (auto v = co_await prev.take()) co_await next.put(*v + 1);
        next.close();
      });
      prev = next;
    }
    for (int k = 0; k < 20; ++k) {
      first.put_blocking(k);
      CHECK(prev.take_blocking() == k + n);
    }
    first.close();
    CHECK_FALSE(prev.take_blocking());
  });
  CHECK(r.ok());
}
