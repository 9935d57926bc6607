// Pub (core.async's pub / sub / unsub): route each value to the subscribers of its topic.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <csp/source_location.hpp>
#include <utility>
#include <vector>

namespace csp {

template <class T, class Topic>
class Pub {
 public:
  // Starts the "pub" process: each value v of `source` goes to every subscriber of
  // topic_of(v), one after the other; values of a topic without subscribers are dropped. When
  // the source closes, subscriptions made with close = true are closed.
  Pub(Chan<T> source, std::function<Topic(const T&)> topic_of,
      csp::SourceLocation loc = csp::SourceLocation::current())
      : state_(std::make_shared<State>()) {
    go(
        "pub",
        [source, topic_of = std::move(topic_of), state = state_]() -> Proc<void> {
          while (auto v = co_await source.take()) {
            const Topic topic = topic_of(*v);
            for (const Sub& s : state->subscribers(topic)) {
              if (!co_await s.ch.put(*v)) state->remove(topic, s.ch);
            }
          }
          for (const Sub& s : state->all())
            if (s.close) s.ch.close();
        },
        loc);
  }

  void sub(const Topic& topic, Chan<T> ch, bool close = true) {
    std::lock_guard lk(state_->mu);
    state_->subs[topic].push_back(Sub{std::move(ch), close});
  }
  void unsub(const Topic& topic, const Chan<T>& ch) { state_->remove(topic, ch); }
  void unsub_all(const Topic& topic) {
    std::lock_guard lk(state_->mu);
    state_->subs.erase(topic);
  }

 private:
  struct Sub {
    Chan<T> ch;
    bool close;
  };
  struct State {
    std::mutex mu;
    std::map<Topic, std::vector<Sub>> subs;  // guarded by mu
    std::vector<Sub> subscribers(const Topic& t) {
      std::lock_guard lk(mu);
      auto it = subs.find(t);
      return it == subs.end() ? std::vector<Sub>{} : it->second;
    }
    std::vector<Sub> all() {
      std::lock_guard lk(mu);
      std::vector<Sub> out;
      for (auto& [topic, list] : subs) out.insert(out.end(), list.begin(), list.end());
      return out;
    }
    void remove(const Topic& t, const Chan<T>& ch) {
      std::lock_guard lk(mu);
      auto it = subs.find(t);
      if (it != subs.end()) std::erase_if(it->second, [&](const Sub& s) { return s.ch == ch; });
    }
  };
  std::shared_ptr<State> state_;
};

template <class T, class F>
auto pub(Chan<T> source, F topic_of, csp::SourceLocation loc = csp::SourceLocation::current()) {
  using Topic = std::decay_t<std::invoke_result_t<F&, const T&>>;
  return Pub<T, Topic>(std::move(source), std::function<Topic(const T&)>(std::move(topic_of)), loc);
}

}  // namespace csp
