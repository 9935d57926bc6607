// Mult (core.async's mult / tap / untap): every value of a source goes to every tap.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>
#include <csp/put_any.hpp>

#include <algorithm>
#include <csp/source_location.hpp>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace csp {

template <class T>
class Mult {
 public:
  // Starts the "mult" process that takes from `source` and offers each value to every tap at
  // once (core.async: "each item is distributed to all taps in parallel and synchronously"):
  // it waits on a put to every tap that has not accepted the value yet (put_any), so one slow
  // tap's reader never waits for another's, and the next value is taken only when every tap
  // accepted this one. A tap that is closed leaves the mult. Values arriving while there is no
  // tap are dropped. When the source closes, taps added with close = true are closed.
  // The taps of a value are those at the moment it was taken.
  explicit Mult(Chan<T> source, csp::SourceLocation loc = csp::SourceLocation::current())
      : state_(std::make_shared<State>()) {
    go(
        "mult",
        [source, state = state_]() -> Proc<void> {
          while (auto v = co_await source.take()) {
            std::vector<Chan<T>> waiting;
            for (const Tap& t : state->snapshot()) waiting.push_back(t.ch);
            while (!waiting.empty()) {
              const PutAnyResult r = co_await put_any(waiting, *v);
              const auto won = waiting.begin() + r.index;
              if (!r.ok) state->remove(*won);  // a closed tap leaves
              waiting.erase(won);
            }
          }
          for (const Tap& t : state->snapshot())
            if (t.close) t.ch.close();
        },
        loc);
  }

  // Adds a tap: it receives every later value of the source.
  void tap(Chan<T> ch, bool close = true) {
    std::lock_guard lk(state_->mu);
    state_->taps.push_back(Tap{std::move(ch), close});
  }
  void untap(const Chan<T>& ch) { state_->remove(ch); }
  void untap_all() {
    std::lock_guard lk(state_->mu);
    state_->taps.clear();
  }

 private:
  struct Tap {
    Chan<T> ch;
    bool close;
  };
  struct State {
    std::mutex mu;
    std::vector<Tap> taps;  // guarded by mu
    std::vector<Tap> snapshot() {
      std::lock_guard lk(mu);
      return taps;
    }
    void remove(const Chan<T>& ch) {
      std::lock_guard lk(mu);
      std::erase_if(taps, [&](const Tap& t) { return t.ch == ch; });
    }
  };
  std::shared_ptr<State> state_;
};

template <class T>
Mult<T> mult(Chan<T> source, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return Mult<T>(std::move(source), loc);
}

}  // namespace csp
