#include "channel_registry.hpp"

#include <csp/detail/channel_core.hpp>

#include <unordered_map>

namespace csp::detail {

namespace {

// Never freed: channels may be freed after main returns, during static destruction.
std::unordered_map<ChannelCore*, ChannelFacts>& table() {
  static auto* t = new std::unordered_map<ChannelCore*, ChannelFacts>();
  return *t;
}

}  // namespace

std::mutex& ChannelRegistry::mu() {
  static auto* m = new std::mutex();
  return *m;
}

void ChannelRegistry::add(ChannelCore* c, const ChannelFacts& facts,
                          const std::function<void()>& while_locked) {
  std::lock_guard lk(mu());
  table()[c] = facts;
  while_locked();
}

void ChannelRegistry::remove(ChannelCore* c) noexcept {
  std::lock_guard lk(mu());
  table().erase(c);
}

void ChannelRegistry::retain_all_locked(uint64_t generation,
                                        std::vector<std::pair<ChannelCore*, ChannelFacts>>& out) {
  for (const auto& [c, facts] : table())
    if (facts.run == generation && c->try_retain()) out.emplace_back(c, facts);
}

}  // namespace csp::detail
