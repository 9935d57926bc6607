// Pub (core.async's pub / sub / unsub): route each value to the subscribers of its topic.
#pragma once

#include <csp/chan.hpp>
#include <csp/combinators/mult.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <algorithm>
#include <csp/source_location.hpp>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace csp {

template <class T, class Topic>
class Pub {
 public:
  // Starts the "pub" process. As in core.async, each topic is served by a Mult of its own on a
  // dedicated channel ("pub TOPIC", made with topic_buffer(topic); unbuffered by default): the
  // pub puts each value v of `source` on the channel of topic_of(v), and that topic's mult
  // offers it to every subscriber at once, taking the next value only when all accepted
  // (Mult). Values of a topic without subscribers are dropped. When the source closes, every
  // topic channel is closed, and each mult closes the subscriptions made with close = true.
  Pub(Chan<T> source, std::function<Topic(const T&)> topic_of,
      std::function<BufferSpec(const Topic&)> topic_buffer = {},
      csp::SourceLocation loc = csp::SourceLocation::current())
      : state_(std::make_shared<State>()) {
    state_->topic_buffer = std::move(topic_buffer);
    state_->loc = loc;
    go(
        "pub",
        [source, topic_of = std::move(topic_of), state = state_]() -> Proc<void> {
          while (auto v = co_await source.take()) {
            const Topic topic = topic_of(*v);
            if (std::optional<Chan<T>> ch = state->channel_of(topic)) {
              if (!co_await ch->put(std::move(*v))) state->drop(topic, *ch);
            }
          }
          for (const Chan<T>& ch : state->close_all()) ch.close();
        },
        loc);
  }

  // Subscribes ch to a topic (its mult is made on the first subscription).
  void sub(const Topic& topic, Chan<T> ch, bool close = true) {
    state_->mult_of(topic).tap(std::move(ch), close);
  }
  void unsub(const Topic& topic, const Chan<T>& ch) {
    if (std::optional<Mult<T>> m = state_->find(topic)) m->untap(ch);
  }
  // Removes a topic and its subscriptions (they are not closed).
  void unsub_all(const Topic& topic) {
    std::optional<TopicMult> gone = state_->take_out(topic);
    if (gone) retire(*gone);
  }
  void unsub_all() {
    for (TopicMult& t : state_->take_out_all()) retire(t);
  }

 private:
  struct TopicMult {
    Chan<T> ch;  // the mult's source
    Mult<T> mult;
  };
  // A topic's mult that left the pub: without taps, so closing its channel ends its process
  // and closes no subscriber.
  static void retire(TopicMult& t) {
    t.mult.untap_all();
    t.ch.close();
  }
  struct State {
    std::mutex mu;
    std::map<Topic, TopicMult> mults;  // guarded by mu
    bool closed = false;               // guarded by mu: the source closed
    std::function<BufferSpec(const Topic&)> topic_buffer;
    csp::SourceLocation loc;

    Mult<T> mult_of(const Topic& t) {
      std::lock_guard lk(mu);
      auto it = mults.find(t);
      if (it == mults.end()) {
        Chan<T> ch = chan<T>("pub topic", topic_buffer ? topic_buffer(t) : BufferSpec{}, loc);
        if (closed) ch.close();  // subscribed after the source closed: closes at once
        it = mults.emplace(t, TopicMult{ch, Mult<T>(ch, loc)}).first;
      }
      return it->second.mult;
    }
    std::optional<Mult<T>> find(const Topic& t) {
      std::lock_guard lk(mu);
      auto it = mults.find(t);
      if (it == mults.end()) return std::nullopt;
      return it->second.mult;
    }
    std::optional<Chan<T>> channel_of(const Topic& t) {
      std::lock_guard lk(mu);
      auto it = mults.find(t);
      if (it == mults.end()) return std::nullopt;
      return it->second.ch;
    }
    // The topic's channel refused a value (it was closed): the topic leaves, if still that one.
    void drop(const Topic& t, const Chan<T>& ch) {
      std::lock_guard lk(mu);
      auto it = mults.find(t);
      if (it != mults.end() && it->second.ch == ch) mults.erase(it);
    }
    std::optional<TopicMult> take_out(const Topic& t) {
      std::lock_guard lk(mu);
      auto it = mults.find(t);
      if (it == mults.end()) return std::nullopt;
      TopicMult out = std::move(it->second);
      mults.erase(it);
      return out;
    }
    std::vector<TopicMult> take_out_all() {
      std::lock_guard lk(mu);
      std::vector<TopicMult> out;
      for (auto& [topic, m] : mults) out.push_back(std::move(m));
      mults.clear();
      return out;
    }
    std::vector<Chan<T>> close_all() {
      std::lock_guard lk(mu);
      closed = true;
      std::vector<Chan<T>> out;
      for (auto& [topic, m] : mults) out.push_back(m.ch);
      return out;
    }
  };
  std::shared_ptr<State> state_;
};

template <class T, class F>
auto pub(Chan<T> source, F topic_of, csp::SourceLocation loc = csp::SourceLocation::current()) {
  using Topic = std::decay_t<std::invoke_result_t<F&, const T&>>;
  return Pub<T, Topic>(std::move(source), std::function<Topic(const T&)>(std::move(topic_of)), {},
                       loc);
}
// With the buffer of each topic's channel (core.async's buf-fn), e.g. [](auto&) { return
// csp::fixed(8); }: a topic then runs ahead of the others.
template <class T, class F, class B>
auto pub(Chan<T> source, F topic_of, B topic_buffer,
         csp::SourceLocation loc = csp::SourceLocation::current()) {
  using Topic = std::decay_t<std::invoke_result_t<F&, const T&>>;
  return Pub<T, Topic>(std::move(source), std::function<Topic(const T&)>(std::move(topic_of)),
                       std::function<BufferSpec(const Topic&)>(std::move(topic_buffer)), loc);
}

}  // namespace csp
