// Go test/chan/sieve2.go, translated to csp::: an Eratosthenesque prime sieve over odd
// candidates. A process merges the (infinite, increasing) channels of odd multiples of each
// prime, kept in a heap ordered by each channel's next value, into the channel of composites;
// another sieves the composites out of the odd numbers and feeds each prime back through a
// proxy that buffers without bound. The first 25 primes must come out.
//
// sendproxy disables its output case with a nil channel while its buffer is empty; here the
// empty case is an alts without that guard. Go's container/ring buffer is a std::deque.
#include "conformance.hpp"

#include <algorithm>
#include <deque>
#include <vector>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

// The odd numbers from 5.
csp::Chan<int> odds() {
  auto out = csp::chan<int>("odds", csp::fixed(50));
  csp::spawn("odds", [out]() -> csp::Proc<void> {
    for (int n = 5;; n += 2) co_await out.put(n);
  });
  return out;
}

// The odd multiples of the prime p, from p*p.
csp::Chan<int> multiples(int p) {
  auto out = csp::chan<int>("multiples", csp::fixed(10));
  csp::spawn("multiples", [out, p]() -> csp::Proc<void> {
    for (int n = p * p;; n += 2 * p) co_await out.put(n);
  });
  return out;
}

struct PeekCh {
  int head;
  csp::Chan<int> ch;
};
// A min-heap on head (std::push_heap keeps the largest first, hence the reversed order).
bool later(const PeekCh& a, const PeekCh& b) { return a.head > b.head; }

// A channel to send to `out` through: a process buffers what it receives without bound, so
// sending to the proxy never blocks for long.
csp::Chan<int> sendproxy(csp::Chan<int> out) {
  auto proxy = csp::chan<int>("proxy", csp::fixed(10));
  csp::spawn("sendproxy", [proxy, out]() -> csp::Proc<void> {
    std::deque<int> buffer;
    for (;;) {
      if (buffer.empty()) {  // buffer empty: output disabled
        buffer.push_back((co_await proxy.take()).value_or(-1));
        continue;
      }
      auto r = co_await csp::alts(csp::take(proxy), csp::put(out, buffer.front()));
      if (r.index == 0)
        buffer.push_back(r.get<0>().value_or(-1));
      else
        buffer.pop_front();
    }
  });
  return proxy;
}

// The primes (run from main, which is a thread: its puts block).
csp::Chan<int> sieve() {
  auto out = csp::chan<int>("out", csp::fixed(10));
  out.put_blocking(2);
  out.put_blocking(3);
  // The channel of all composites to be eliminated, in increasing order.
  auto composites = csp::chan<int>("composites", csp::fixed(50));
  // The feedback loop.
  auto primes = csp::chan<int>("primes", csp::fixed(10));
  primes.put_blocking(3);

  // Merges the channels of multiples of `primes` into `composites`.
  csp::spawn("merge", [primes, composites]() -> csp::Proc<void> {
    std::vector<PeekCh> h;
    int min = 15;
    auto pop = [&h] {
      std::pop_heap(h.begin(), h.end(), later);
      PeekCh top = h.back();
      h.pop_back();
      return top;
    };
    auto push = [&h](PeekCh p) {
      h.push_back(std::move(p));
      std::push_heap(h.begin(), h.end(), later);
    };
    for (;;) {
      csp::Chan<int> m = multiples((co_await primes.take()).value_or(-1));
      const int head = (co_await m.take()).value_or(-1);
      while (min < head) {
        co_await composites.put(min);
        PeekCh minchan = pop();
        min = minchan.head;
        minchan.head = (co_await minchan.ch.take()).value_or(-1);
        push(minchan);
      }
      while (min == head) {
        PeekCh minchan = pop();
        min = minchan.head;
        minchan.head = (co_await minchan.ch.take()).value_or(-1);
        push(minchan);
      }
      co_await composites.put(head);
      const int next = (co_await m.take()).value_or(-1);
      push(PeekCh{next, m});
    }
  });

  // Sieves the composites out of the candidates. Only multiples of primes <= sqrt(nth prime)
  // are needed, so the merger takes from `primes` much more slowly than this process sends:
  // a plain buffer would fill and deadlock; the proxy buffers without bound.
  csp::spawn("sieve", [primes, composites, out]() -> csp::Proc<void> {
    csp::Chan<int> proxied = sendproxy(primes);
    csp::Chan<int> candidates = odds();
    int p = (co_await candidates.take()).value_or(-1);
    for (;;) {
      const int c = (co_await composites.take()).value_or(-1);
      while (p < c) {
        co_await proxied.put(p);
        co_await out.put(p);
        p = (co_await candidates.take()).value_or(-1);
      }
      if (p == c) p = (co_await candidates.take()).value_or(-1);
    }
  });
  return out;
}

}  // namespace

TEST_CASE("go test/chan/sieve2.go", "[conformance][go]") {
  const std::vector<int> a{2,  3,  5,  7,  11, 13, 17, 19, 23, 29, 31, 37, 41,
                           43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97};
  on_every_scheduler([&](const Scheduler&) {
    csp::Chan<int> primes = sieve();
    std::vector<int> got;
    for (std::size_t i = 0; i < a.size(); ++i) got.push_back(primes.take_blocking().value_or(-1));
    CHECK(got == a);
  });
}
