// The snag-quotes queue of the core.async chapter: several producers fetch a quote each (here
// from a local list, after a random delay instead of a web request) and put it on one channel;
// a single writer process takes them one at a time and appends them to a file, so quotes never
// interleave in the file.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace {

const char* const kQuotes[] = {
    "Do not communicate by sharing memory; instead, share memory by communicating.",
    "Concurrency is not parallelism.",
    "The bigger the interface, the weaker the abstraction.",
    "A little copying is better than a little dependency.",
    "Clear is better than clever.",
    "Errors are values.",
};

std::string format_quote(const std::string& quote) {
  return "=== BEGIN QUOTE ===\n" + quote + "\n=== END QUOTE ===\n\n";
}

}  // namespace

int main(int argc, char** argv) {
  const long num_quotes = samples::int_flag(argc, argv, "--quotes", 4);
  const std::string filename =
      (std::filesystem::temp_directory_path() / "cspscope-quotes.txt").string();
  csp::Options options = samples::options(argc, argv, {"--quotes"});
  csp::RunResult result = csp::run(options, [&] {
    std::ofstream(filename, std::ios::trunc);  // start with an empty file
    auto c = csp::chan<std::string>("quotes");
    auto writer = csp::go("append-to-file", [=]() -> csp::Proc<void> {
      while (auto q = co_await c.take()) std::ofstream(filename, std::ios::app) << *q;
    });
    std::vector<csp::Chan<csp::Unit>> producers;
    for (long n = 0; n < num_quotes; ++n)
      producers.push_back(csp::go("random-quote-" + std::to_string(n), [=]() -> csp::Proc<void> {
        co_await csp::timeout(std::chrono::milliseconds(5 + (n * 7) % 11)).take();  // "fetching"
        co_await c.put(format_quote(kQuotes[n % std::size(kQuotes)]));
      }));
    for (auto& p : producers) p.take_blocking();
    c.close();
    writer.take_blocking();
    std::printf("appended %ld quotes to %s\n", num_quotes, filename.c_str());
  });
  return samples::exit_code(result);
}
