// Mult (core.async's mult / tap / untap): every value of a source goes to every tap.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <algorithm>
#include <memory>
#include <mutex>
#include <csp/source_location.hpp>
#include <utility>
#include <vector>

namespace csp {

template <class T>
class Mult {
 public:
  // Starts the "mult" process that takes from `source` and puts each value to every tap (one
  // after the other; the next value is taken when all taps accepted this one). Values arriving
  // while there is no tap are dropped. When the source closes, taps added with close = true
  // are closed.
  explicit Mult(Chan<T> source, csp::SourceLocation loc = csp::SourceLocation::current())
      : state_(std::make_shared<State>()) {
    go(
        "mult",
        [source, state = state_]() -> Proc<void> {
          while (auto v = co_await source.take()) {
            for (const Tap& t : state->snapshot()) {
              if (!co_await t.ch.put(*v)) state->remove(t.ch);  // a closed tap leaves
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
