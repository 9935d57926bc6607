// mult(source): broadcast. Every value taken from `source` is put on every channel tapped at
// that moment, and the next value is taken only when all taps have accepted it (core.async
// mult), so the slowest tap sets the pace — give a slow tap a dropping or sliding buffer.
// When `source` closes, the taps tapped with close = true are closed. A tap whose put is
// refused (it was closed) is untapped.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>

#include <algorithm>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace csp {

namespace detail {

// Channels registered to receive values, shared by a distributing process and its users.
template <class T>
class TapSet {
 public:
  struct Tap {
    Chan<T> ch;
    bool close;
  };
  void add(Chan<T> ch, bool close) {
    std::lock_guard lock(mu_);
    taps_.push_back({std::move(ch), close});
  }
  void remove(const Chan<T>& ch) {
    std::lock_guard lock(mu_);
    std::erase_if(taps_, [&](const Tap& t) { return t.ch == ch; });
  }
  void clear() {
    std::lock_guard lock(mu_);
    taps_.clear();
  }
  // A copy, so that the distributing process never holds mu_ across a put.
  std::vector<Tap> snapshot() const {
    std::lock_guard lock(mu_);
    return taps_;
  }

 private:
  mutable std::mutex mu_;  // guards taps_
  std::vector<Tap> taps_;
};

}  // namespace detail

template <class T>
class Mult {
 public:
  Mult(std::shared_ptr<detail::TapSet<T>> taps, Chan<Unit> done)
      : taps_(std::move(taps)), done_(std::move(done)) {}
  // Adds `ch` to the taps. With close, ch is closed when the source closes.
  void tap(Chan<T> ch, bool close = true) const { taps_->add(std::move(ch), close); }
  void untap(const Chan<T>& ch) const { taps_->remove(ch); }
  void untap_all() const { taps_->clear(); }
  // The distributing process's result channel: closes when the source has closed.
  const Chan<Unit>& done() const { return done_; }

 private:
  std::shared_ptr<detail::TapSet<T>> taps_;
  Chan<Unit> done_;
};

template <class T>
Mult<T> mult(Chan<T> source, std::string name = {}) {
  if (name.empty()) name = "mult " + source.name();
  auto taps = std::make_shared<detail::TapSet<T>>();
  auto done = go(std::move(name), [source, taps]() -> Proc<void> {
    while (auto v = co_await source.take())
      for (const auto& t : taps->snapshot())
        if (!co_await t.ch.put(*v)) taps->remove(t.ch);
    for (const auto& t : taps->snapshot())
      if (t.close) t.ch.close();
  });
  return Mult<T>(std::move(taps), std::move(done));
}

template <class T>
void tap(const Mult<T>& m, Chan<T> ch, bool close = true) {
  m.tap(std::move(ch), close);
}

template <class T>
void untap(const Mult<T>& m, const Chan<T>& ch) {
  m.untap(ch);
}

}  // namespace csp
