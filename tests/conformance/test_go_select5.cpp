// Go test/chan/select5.go, translated to csp::. The Go program generates a test of every way
// of phrasing one send or one receive: as a plain operation or as a select, with or without a
// default (before or after the case), with dummy send/receive cases on a channel nobody uses
// and with nil-channel cases; the values must arrive and no other case may be chosen. Here
// each guard list is a template instantiation over a bit mask of the optional cases.
//
// What does not carry over: the five forms of a receive's assignment target (`x =`, `*f(&x) =`,
// `y :=`, an interface, a map element) and the default's position are syntax; the recvOrder and
// sendOrder templates check Go's left-to-right evaluation of the case expressions, which C++
// does not define for the arguments of csp::alts. Nil-channel cases are guards on a private
// channel nobody uses (never ready, as Go's nil channel); csp:: refuses a null Chan itself,
// see test_go_select3.cpp.
#include "conformance.hpp"

#include <tuple>
#include <utility>

using conformance::on_every_scheduler;
using conformance::Scheduler;

namespace {

struct Channels {
  csp::Chan<int> c = csp::chan<int>("c", csp::fixed(1));  // buffered: one process does it all
  csp::Chan<int> dummy = csp::chan<int>("dummy");
  csp::Chan<int> nilch = csp::chan<int>("nil");
};

template <bool B, class G>
auto maybe(G g) {
  if constexpr (B)
    return std::tuple<G>(std::move(g));
  else
    return std::tuple<>();
}

template <class Tuple>
auto alts_of(Tuple guards) {
  return std::apply([](auto&... g) { return csp::alts_blocking(std::move(g)...); }, guards);
}

// The optional cases of the recv and send templates: bit 0 a default, bit 1 a dummy send,
// bit 2 a dummy receive, bit 3 a nil send, bit 4 a nil receive.
template <int Mask>
auto optional_cases(const Channels& ch) {
  return std::tuple_cat(
      maybe<(Mask & 2) != 0>(csp::put(ch.dummy, 1)), maybe<(Mask & 4) != 0>(csp::take(ch.dummy)),
      maybe<(Mask & 8) != 0>(csp::put(ch.nilch, 1)), maybe<(Mask & 16) != 0>(csp::take(ch.nilch)),
      maybe<(Mask & 1) != 0>(csp::otherwise));
}

// recv: send n, receive it into x through a select with the receive listed first; it must win
// (not the default, not a dummy or nil case) and bring n.
template <int Mask>
bool recv_case(const Channels& ch, int n) {
  ch.c.put_blocking(n);
  auto r = alts_of(std::tuple_cat(std::tuple(csp::take(ch.c)), optional_cases<Mask>(ch)));
  return r.index == 0 && r.template get<0>() == n;
}

// send: send n through a select, receive it, check.
template <int Mask>
bool send_case(const Channels& ch, int n) {
  auto r = alts_of(std::tuple_cat(std::tuple(csp::put(ch.c, n)), optional_cases<Mask>(ch)));
  return r.index == 0 && ch.c.take_blocking() == n;
}

// nonblock: a select of non-ready cases and a default takes the default and leaves x alone.
// Bit 0 a dummy send, bit 1 a nil send, bits 2-3 how many dummy receives (`<-dummy`,
// `x = <-dummy`, `**nil = <-dummy`), bits 4-5 how many nil receives.
template <int Mask>
bool nonblock_case(const Channels& ch) {
  constexpr int dummy_recvs = (Mask >> 2) & 3, nil_recvs = (Mask >> 4) & 3;
  auto r = alts_of(std::tuple_cat(
      maybe<(Mask & 1) != 0>(csp::put(ch.dummy, 1)), maybe<(Mask & 2) != 0>(csp::put(ch.nilch, 1)),
      maybe<(dummy_recvs >= 1)>(csp::take(ch.dummy)),
      maybe<(dummy_recvs >= 2)>(csp::take(ch.dummy)),
      maybe<(dummy_recvs >= 3)>(csp::take(ch.dummy)), maybe<(nil_recvs >= 1)>(csp::take(ch.nilch)),
      maybe<(nil_recvs >= 2)>(csp::take(ch.nilch)), maybe<(nil_recvs >= 3)>(csp::take(ch.nilch)),
      std::tuple(csp::otherwise)));
  return r.index == -1;  // the receive targets (x) are written only by a chosen case
}

// Runs every instantiation; returns how many failed.
template <int... M>
int all_recv_send(const Channels& ch, int& n, std::integer_sequence<int, M...>) {
  int failed = 0;
  ((failed += recv_case<M>(ch, n++) ? 0 : 1), ...);
  ((failed += send_case<M>(ch, n++) ? 0 : 1), ...);
  return failed;
}
template <int... M>
int all_nonblock(const Channels& ch, std::integer_sequence<int, M...>) {
  int failed = 0;
  ((failed += nonblock_case<M + 1>(ch) ? 0 : 1), ...);  // mask 0, `select { default: }`, has
                                                        // no csp:: form
  return failed;
}

}  // namespace

TEST_CASE("go test/chan/select5.go", "[conformance][go]") {
  on_every_scheduler([](const Scheduler&) {
    Channels ch;
    int n = 1;
    // The plain operations: `x = <-c` and `c <- n`.
    ch.c.put_blocking(n);
    CHECK(ch.c.take_blocking() == n++);
    CHECK(ch.c.put_blocking(n));
    CHECK(ch.c.take_blocking() == n++);
    CHECK(all_recv_send(ch, n, std::make_integer_sequence<int, 32>{}) == 0);
    CHECK(all_nonblock(ch, std::make_integer_sequence<int, 63>{}) == 0);
  });
}
