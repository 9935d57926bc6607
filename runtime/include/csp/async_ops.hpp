// put_async, take_async (core.async's put!, take!): a put or take that never waits; a
// callback gets the outcome.
//
//   csp::put_async(c, 42, [](bool ok) { ... });                     // ok: false if c was closed
//   csp::take_async(c, [](std::optional<int> v) { ... });           // empty: closed and drained
//
// If the operation completes at once, the callback runs on the caller before the call returns
// (on_caller, the default), or in a new go process ("put!-callback", "take!-callback") with
// on_caller = false. Otherwise the operation is queued on the channel now, in call order with
// every other operation on it, as the waiter of a new go process ("put!", "take!") that is
// parked from its start: the trace shows that process spawn and park, the partner's transfer
// to or from it, and its wake; then it runs the callback and ends. So a callback never runs
// under a channel's lock or inside another process's operation, and an exception escaping it
// is reported like any process's (RunResult::errors; the callback's own process's exit). On
// the caller (on_caller), the exception goes to the caller.
// Pending put_asyncs and take_asyncs count toward the channel's pending-operation cap
// (Options::max_pending, 1024): the next one throws csp::ChannelError to the caller.
#pragma once

#include <csp/chan.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>

#include <csp/source_location.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace csp {

namespace detail {

// The state of one queued put_async / take_async, owned by its process's callable. The waiter
// is queued on `ch` with the process as owner; the partner completes it (sets its result,
// moves the value) and wakes the process, whose body then runs `done`.
template <class T, bool IsPut>
struct AsyncOp {
  using Callback =
      std::conditional_t<IsPut, std::function<void(bool)>, std::function<void(std::optional<T>)>>;
  AsyncOp(Chan<T> c, Callback cb, csp::SourceLocation l)
      : ch(std::move(c)), done(std::move(cb)), loc(l), waiter(Waiter::Lazy{}, ch.core_ptr(), l) {}
  AsyncOp(const AsyncOp&) = delete;
  AsyncOp& operator=(const AsyncOp&) = delete;
  // At shutdown the process is freed while still queued: unlink its waiter (under the lock).
  ~AsyncOp() { ch.core_ptr()->cancel(&waiter); }

  // The process's first step, on the caller (GoProcess::spawn): queue the operation, or, if it
  // can complete now after all (a partner came meanwhile), complete it and make the process
  // runnable to report it. Throws ChannelError at the pending cap.
  static void first_step(Process& p, void* arg) {
    AsyncOp& op = *static_cast<AsyncOp*>(arg);
    const OpContext ctx{&p, op.loc, WaitMode::Park};
    ChannelCore* c = op.ch.core_ptr();
    OpStatus st;
    if constexpr (IsPut)
      st = c->put(&*op.value, &op.waiter, ctx);  // the T itself
    else
      st = c->take(&op.taken, &op.waiter, ctx);  // the std::optional<T>
    if (st == OpStatus::Waiting) return;         // the partner that completes it wakes p
    op.waiter.result = st == OpStatus::Done ? WaitResult::Done : WaitResult::Closed;
    start_go(p);
  }
  // In the process, once completed.
  void report() {
    if (!done) return;
    if constexpr (IsPut)
      done(waiter.result == WaitResult::Done);
    else
      done(std::move(taken));
  }

  Chan<T> ch;
  Callback done;
  csp::SourceLocation loc;
  std::optional<T> value;  // put: the value, moved out by the partner
  std::optional<T> taken;  // take: filled by the partner
  Waiter waiter;
};

// Starts the parked process of a queued operation (see the top).
template <class T, bool IsPut>
void queue_async(std::unique_ptr<AsyncOp<T, IsPut>> op, const char* name) {
  Runtime& rt = runtime_for(name, op->loc);
  AsyncOp<T, IsPut>* raw = op.get();
  const csp::SourceLocation loc = op->loc;
  auto body = [op = std::move(op)]() -> Proc<void> {
    op->report();
    co_return;
  };
  GoProcess<decltype(body), void, false>::spawn(rt, name, std::move(body), loc,
                                                csptrace::ProcRole::User,
                                                &AsyncOp<T, IsPut>::first_step, raw);
}

}  // namespace detail

// core.async's put!: puts v on ch without waiting (see the top). Returns false if ch was
// already closed (the callback, if any, then gets false too), else true.
template <class T, class U>
bool put_async(const Chan<T>& ch, U&& v, std::function<void(bool)> done = {}, bool on_caller = true,
               csp::SourceLocation loc = csp::SourceLocation::current()) {
  T value(std::forward<U>(v));
  detail::ChannelCore* c = ch.core_ptr();
  if (c == nullptr) (void)ch.offer(std::move(value), loc);  // throws: a null channel
  detail::Process& caller = detail::process_for("put_async", c, loc);
  const detail::OpStatus st = c->put(&value, nullptr, {&caller, loc, detail::WaitMode::None});
  if (st == detail::OpStatus::WouldWait) {
    auto op = std::make_unique<detail::AsyncOp<T, true>>(ch, std::move(done), loc);
    op->value.emplace(std::move(value));
    detail::queue_async<T, true>(std::move(op), "put!");
    return true;
  }
  const bool ok = st == detail::OpStatus::Done;
  if (done) {
    if (on_caller) {
      done(ok);
    } else {
      spawn(
          "put!-callback",
          [done = std::move(done), ok]() -> Proc<void> {
            done(ok);
            co_return;
          },
          loc);
    }
  }
  return ok;
}

// core.async's take!: takes from ch without waiting (see the top); the callback gets the value,
// or an empty optional once ch is closed and drained.
template <class T>
void take_async(const Chan<T>& ch, std::type_identity_t<std::function<void(std::optional<T>)>> done,
                bool on_caller = true, csp::SourceLocation loc = csp::SourceLocation::current()) {
  detail::ChannelCore* c = ch.core_ptr();
  if (c == nullptr) (void)ch.poll(loc);  // throws: a null channel
  detail::Process& caller = detail::process_for("take_async", c, loc);
  std::optional<T> got;
  const detail::OpStatus st = c->take(&got, nullptr, {&caller, loc, detail::WaitMode::None});
  if (st == detail::OpStatus::WouldWait) {
    detail::queue_async<T, false>(
        std::make_unique<detail::AsyncOp<T, false>>(ch, std::move(done), loc), "take!");
    return;
  }
  if (!done) return;
  if (on_caller) {
    done(std::move(got));
  } else {
    spawn(
        "take!-callback",
        [done = std::move(done), got = std::move(got)]() mutable -> Proc<void> {
          done(std::move(got));
          co_return;
        },
        loc);
  }
}

}  // namespace csp
