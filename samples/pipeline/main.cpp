// The process pipeline of the core.async chapter: upper-caser -> reverser -> printer.
// "redrum" comes out as MURDER and "repaid" as DIAPER. Unlike the chapter's endless loops,
// each stage stops when its input closes and closes its output, so the run ends cleanly.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <string>

csp::Chan<std::string> upper_caser(csp::Chan<std::string> in) {
  auto out = csp::chan<std::string>("upper-caser-out");
  csp::go("upper-caser", [=]() -> csp::Proc<void> {
    while (auto s = co_await in.take()) {
      std::transform(s->begin(), s->end(), s->begin(),
                     [](unsigned char c) { return std::toupper(c); });
      co_await out.put(*s);
    }
    out.close();
  });
  return out;
}

csp::Chan<std::string> reverser(csp::Chan<std::string> in) {
  auto out = csp::chan<std::string>("reverser-out");
  csp::go("reverser", [=]() -> csp::Proc<void> {
    while (auto s = co_await in.take()) {
      std::reverse(s->begin(), s->end());
      co_await out.put(*s);
    }
    out.close();
  });
  return out;
}

csp::Chan<csp::Unit> printer(csp::Chan<std::string> in) {
  return csp::go("printer", [=]() -> csp::Proc<void> {
    while (auto s = co_await in.take()) std::printf("%s\n", s->c_str());
  });
}

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, [] {
    auto in_chan = csp::chan<std::string>("in-chan");
    auto done = printer(reverser(upper_caser(in_chan)));
    in_chan.put_blocking("redrum");
    in_chan.put_blocking("repaid");
    in_chan.close();
    done.take_blocking();  // the printer has printed both and seen the end
  });
  return samples::exit_code(result);
}
