// transduce (core.async's transduce): reduce over a channel through a transducer.
#pragma once

#include <csp/chan.hpp>
#include <csp/combinators/reduce.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>
#include <csp/transducers.hpp>

#include <csp/source_location.hpp>
#include <type_traits>
#include <utility>

namespace csp {

namespace detail {
// The last step of a transduction: folds each value into `acc` with f; false once f returns
// csp::reduced (when f returns ReduceStep<A>).
template <class A, class F, class V>
struct ReduceInto {
  F* f;
  A* acc;
  bool put(V&& v) {
    if constexpr (IsReduceStep<std::invoke_result_t<F&, A, V>>::value) {
      ReduceStep<A> step = (*f)(std::move(*acc), std::move(v));
      *acc = std::move(step.value);
      return !step.done;
    } else {
      *acc = (*f)(std::move(*acc), std::move(v));
      return true;
    }
  }
  void complete() {}
};
}  // namespace detail

// Takes every value of `ch` until it closes (or the transduction is reduced), feeds it through
// `xform` and folds what comes out with f, starting from init; the completion step runs at the
// end (partition_all's last group is folded too). The returned channel gets the result, then
// closes. A process "transduce"; as reduce, the rest of `ch` is left untaken when it stops early.
template <class T, class Xf, class A, class F>
Chan<A> transduce(Xf xform, F f, A init, Chan<T> ch,
                  csp::SourceLocation loc = csp::SourceLocation::current()) {
  return go(
      "transduce",
      [xform = std::move(xform), f = std::move(f), init = std::move(init),
       ch]() mutable -> Proc<A> {
        A acc = std::move(init);
        auto step = xform.template bind<T>(detail::ReduceInto<A, F, transduced_t<Xf, T>>{&f, &acc});
        bool more = true;
        while (more) {
          std::optional<T> v = co_await ch.take();
          if (!v) break;
          more = step.put(std::move(*v));
        }
        step.complete();
        co_return acc;
      },
      loc);
}

}  // namespace csp
