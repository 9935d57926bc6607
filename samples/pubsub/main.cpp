// Publish / subscribe by topic. A publisher sends news items tagged with a topic to a broker;
// the broker forwards each item to the subscribers of its topic, each through a small sliding
// buffer. The "slow" subscriber reads slowly, so its buffer overflows and the oldest items are
// dropped for it alone: a slow reader never holds up the publisher or the other readers.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

namespace {
struct Item {
  std::string topic, text;
};
}  // namespace

template <>
struct csp::Describe<Item> {
  static Preview preview(const Item& item) {
    return Preview::of_text(item.topic + ": " + item.text);
  }
};

int main(int argc, char** argv) {
  csp::Options options = samples::options(argc, argv);
  csp::RunResult result = csp::run(options, []() -> csp::Proc<void> {
    auto news = csp::chan<Item>("news");
    auto sports = csp::chan<Item>("sub-sports", csp::sliding(2));
    auto weather = csp::chan<Item>("sub-weather", csp::sliding(2));
    auto slow = csp::chan<Item>("sub-slow-sports", csp::sliding(2));
    const std::multimap<std::string, csp::Chan<Item>> subscribers = {
        {"sports", sports}, {"sports", slow}, {"weather", weather}};

    auto broker = csp::go("broker", [=]() -> csp::Proc<void> {
      while (auto item = co_await news.take()) {
        auto [from, to] = subscribers.equal_range(item->topic);
        for (auto it = from; it != to; ++it) co_await it->second.put(*item);
      }
      for (auto& [topic, sub] : subscribers) sub.close();
    });
    auto reader = [](std::string name, csp::Chan<Item> in, std::chrono::milliseconds pause) {
      return csp::go(name, [=]() -> csp::Proc<void> {
        while (auto item = co_await in.take()) {
          std::printf("%-16s got %s: %s\n", name.c_str(), item->topic.c_str(), item->text.c_str());
          co_await csp::timeout(pause).take();
        }
      });
    };
    std::vector<csp::Chan<csp::Unit>> readers = {reader("sports-fan", sports, 1ms),
                                                 reader("weather-fan", weather, 1ms),
                                                 reader("slow-sports-fan", slow, 15ms)};
    const std::pair<const char*, const char*> items[] = {
        {"sports", "1-0"},  {"weather", "rain"}, {"sports", "2-0"},       {"sports", "2-1"},
        {"weather", "sun"}, {"sports", "3-1"},   {"sports", "final: 3-1"}};
    for (auto [topic, text] : items) {
      Item item{topic, text};  // not Item{...} inside co_await: GCC 12 destroys that twice
      co_await news.put(std::move(item));
      co_await csp::timeout(2ms).take();
    }
    news.close();
    co_await broker.take();
    for (auto& r : readers) co_await r.take();
  });
  return samples::exit_code(result);
}
