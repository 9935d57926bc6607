#include <catch2/catch.hpp>
#include <csp/csp.hpp>

TEST_CASE("smoke: rendezvous between main and a go process", "[channel]") {
  csp::Options opt;
  int got = 0;
  auto r = csp::run(opt, [&] {
    auto c = csp::chan<int>("ping");
    auto res = csp::go("echo", [=]() -> csp::Proc<int> {
      auto v = co_await c.take();
      co_return *v + 1;
    });
    REQUIRE(c.put_blocking(41));
    got = *res.take_blocking();
  });
  CHECK(r.ok());
  CHECK(got == 42);
}
