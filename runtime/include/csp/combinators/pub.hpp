// pub(source, topic_fn): publish/subscribe. Each value taken from `source` goes to the channels
// subscribed to its topic, topic_fn(value) (core.async pub/sub). Values with no subscriber are
// dropped. Like mult, the next value is taken once every subscriber of this one accepted it.
// When `source` closes, the subscriptions made with close = true are closed.
#pragma once

#include <csp/combinators/mult.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

namespace csp {

namespace detail {

// Subscriptions by topic, shared by the distributing process and its users.
template <class T, class Topic>
class Subscriptions {
 public:
  std::shared_ptr<TapSet<T>> topic(const Topic& t) {
    std::lock_guard lock(mu_);
    auto& set = by_topic_[t];
    if (!set) set = std::make_shared<TapSet<T>>();
    return set;
  }
  std::shared_ptr<TapSet<T>> find(const Topic& t) const {
    std::lock_guard lock(mu_);
    auto it = by_topic_.find(t);
    return it == by_topic_.end() ? nullptr : it->second;
  }
  std::vector<std::shared_ptr<TapSet<T>>> all() const {
    std::lock_guard lock(mu_);
    std::vector<std::shared_ptr<TapSet<T>>> out;
    for (const auto& [t, set] : by_topic_) out.push_back(set);
    return out;
  }
  void erase(const Topic& t) {
    std::lock_guard lock(mu_);
    by_topic_.erase(t);
  }

 private:
  mutable std::mutex mu_;  // guards by_topic_ (each TapSet guards itself)
  std::map<Topic, std::shared_ptr<TapSet<T>>> by_topic_;
};

}  // namespace detail

template <class T, class Topic>
class Pub {
 public:
  Pub(std::shared_ptr<detail::Subscriptions<T, Topic>> subs, Chan<Unit> done)
      : subs_(std::move(subs)), done_(std::move(done)) {}
  void sub(const Topic& topic, Chan<T> ch, bool close = true) const {
    subs_->topic(topic)->add(std::move(ch), close);
  }
  void unsub(const Topic& topic, const Chan<T>& ch) const {
    if (auto set = subs_->find(topic)) set->remove(ch);
  }
  void unsub_all(const Topic& topic) const { subs_->erase(topic); }
  // The distributing process's result channel: closes when the source has closed.
  const Chan<Unit>& done() const { return done_; }

 private:
  std::shared_ptr<detail::Subscriptions<T, Topic>> subs_;
  Chan<Unit> done_;
};

template <class T, class F>
auto pub(Chan<T> source, F topic_fn, std::string name = {}) {
  using Topic = std::decay_t<std::invoke_result_t<F&, const T&>>;
  if (name.empty()) name = "pub " + source.name();
  auto subs = std::make_shared<detail::Subscriptions<T, Topic>>();
  auto done = go(std::move(name), [source, subs, topic_fn]() mutable -> Proc<void> {
    while (auto v = co_await source.take()) {
      auto set = subs->find(topic_fn(static_cast<const T&>(*v)));
      if (!set) continue;
      for (const auto& s : set->snapshot())
        if (!co_await s.ch.put(*v)) set->remove(s.ch);
    }
    for (const auto& set : subs->all())
      for (const auto& s : set->snapshot())
        if (s.close) s.ch.close();
  });
  return Pub<T, Topic>(std::move(subs), std::move(done));
}

template <class T, class Topic>
void sub(const Pub<T, Topic>& p, const Topic& topic, Chan<T> ch, bool close = true) {
  p.sub(topic, std::move(ch), close);
}

}  // namespace csp
