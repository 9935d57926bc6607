// Mix (core.async's mix / admix / unmix / unmix-all / toggle / solo-mode): the values of a
// changing set of input channels, put on one output channel.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>
#include <csp/take_any.hpp>

#include <algorithm>
#include <csp/source_location.hpp>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

namespace csp {

// What happens to the inputs that are not soloed while some input is (core.async's
// solo-mode): muted (their values are taken and dropped) or paused (not taken).
enum class SoloMode { Mute, Pause };

// A change of one input's modes (core.async's channel-state-map): only the modes given change.
struct MixToggle {
  std::optional<bool> solo{}, mute{}, pause{};  // initialised, so {.mute = true} is warning-free
};

template <class T>
class Mix {
 public:
  // Starts the "mix" process (a daemon: it lives until `out` closes, as in core.async). It
  // waits on a take from every input that is read (take_any) and on the mix's change
  // channel; a value of an input that is soloed, or of an unmuted input while none is soloed,
  // is put on `out`; others are dropped (muted). Paused inputs are not read; nor, in
  // SoloMode::Pause while some input is soloed, the unsoloed ones. An input that closes leaves
  // the mix. Every change (admix, unmix, toggle, solo_mode) closes the change channel the
  // process waits on ("mix-change", a new one each time), so it reads the new state before
  // its next take; the trace shows each change as that channel's close.
  explicit Mix(Chan<T> out, csp::SourceLocation loc = csp::SourceLocation::current())
      : state_(std::make_shared<State>()) {
    state_->loc = loc;
    state_->change = chan<T>("mix-change", BufferSpec{}, loc);
    go(
        "mix",
        [out, state = state_]() -> Proc<void> {
          for (;;) {
            Reads r = state->reads();
            const TakeAnyResult<T> got = co_await take_any(r.chans);
            if (got.index == 0) continue;  // the change channel closed: read the new state
            const Chan<T>& from = r.chans[static_cast<std::size_t>(got.index)];
            if (!got.value) {
              state->remove(from);  // a closed input leaves
              continue;
            }
            if (!state->heard(from)) continue;  // muted (now): dropped
            if (!co_await out.put(std::move(*got.value))) break;
          }
        },
        csp::daemon, loc);
  }

  // Adds an input (no mode set). Admixing one twice keeps one entry.
  void admix(Chan<T> ch) { toggle({{std::move(ch), MixToggle{}}}); }
  // Removes an input; one that is not in the mix is ignored.
  void unmix(const Chan<T>& ch) {
    state_->change_with([&](std::vector<Input>& ins) {
      std::erase_if(ins, [&](const Input& i) { return i.ch == ch; });
    });
  }
  void unmix_all() {
    state_->change_with([](std::vector<Input>& ins) { ins.clear(); });
  }
  // Sets modes of several inputs at once; an input not in the mix is added with them.
  void toggle(std::vector<std::pair<Chan<T>, MixToggle>> changes) {
    state_->change_with([&](std::vector<Input>& ins) {
      for (auto& [ch, t] : changes) {
        auto it = std::find_if(ins.begin(), ins.end(), [&](const Input& i) { return i.ch == ch; });
        if (it == ins.end()) it = ins.insert(ins.end(), Input{ch});
        if (t.solo) it->solo = *t.solo;
        if (t.mute) it->mute = *t.mute;
        if (t.pause) it->pause = *t.pause;
      }
    });
  }
  void solo_mode(SoloMode m) {
    state_->change_with([&](std::vector<Input>&) { state_->mode = m; });
  }

 private:
  struct Input {
    Chan<T> ch;
    bool solo = false, mute = false, pause = false;
  };
  struct Reads {
    std::vector<Chan<T>> chans;  // [0]: the change channel, then the inputs to read
  };
  struct State {
    std::mutex mu;
    // Guarded by mu: the inputs in admix order (so a seed gives one order of guards), the
    // solo mode, the change channel the process waits on.
    std::vector<Input> inputs;
    SoloMode mode = SoloMode::Mute;
    Chan<T> change;
    csp::SourceLocation loc;

    bool any_solo() const {
      return std::any_of(inputs.begin(), inputs.end(), [](const Input& i) { return i.solo; });
    }
    Reads reads() {
      std::lock_guard lk(mu);
      Reads r;
      r.chans.push_back(change);
      const bool solos = any_solo();
      for (const Input& i : inputs) {
        const bool read = (mode == SoloMode::Pause && solos) ? i.solo : (i.solo || !i.pause);
        if (read) r.chans.push_back(i.ch);
      }
      return r;
    }
    // Whether a value of `ch` goes to out now: soloed, or unmuted while none is soloed.
    bool heard(const Chan<T>& ch) {
      std::lock_guard lk(mu);
      auto it =
          std::find_if(inputs.begin(), inputs.end(), [&](const Input& i) { return i.ch == ch; });
      if (it == inputs.end()) return false;  // unmixed meanwhile
      return it->solo || (!any_solo() && !it->mute);
    }
    void remove(const Chan<T>& ch) {
      change_with([&](std::vector<Input>& ins) {
        std::erase_if(ins, [&](const Input& i) { return i.ch == ch; });
      });
    }
    // Applies f to the inputs under mu, then wakes the process: closes the change channel it
    // waits on and puts a fresh one in its place.
    template <class F>
    void change_with(F&& f) {
      Chan<T> old;
      {
        std::lock_guard lk(mu);
        f(inputs);
        old = std::exchange(change, chan<T>("mix-change", BufferSpec{}, loc));
      }
      old.close();
    }
  };
  std::shared_ptr<State> state_;
};

template <class T>
Mix<T> mix(Chan<T> out, csp::SourceLocation loc = csp::SourceLocation::current()) {
  return Mix<T>(std::move(out), loc);
}

}  // namespace csp
