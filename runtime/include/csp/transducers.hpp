// Transducers (Clojure's map, filter, remove, mapcat, partition-all, take-while and comp) for
// channels (csp::chan with a transform, transform_chan.hpp) and csp::transduce.
//
//   auto xf = csp::comp(csp::map([](int x) { return x + 1; }), csp::filter(is_even));
//
// A transducer is a value with
//   template <class In> using output = ...;              // the type of what it passes on
//   template <class In, class Next> auto bind(Next) const; // its step, feeding `next`
// and a step (what bind returns, one per channel or reduction, holding any state) has
//   bool put(In&& v);   // feeds one value; false once reduced: no more values are wanted
//   void complete();    // end of input: flushes what it holds (partition_all), then next's
// A step's `next` is the step of the transducer to its right, and the last one the sink (the
// channel's buffer, or transduce's reducing function). comp(a, b) feeds a's outputs to b, as
// Clojure's (comp a b) does.
#pragma once

#include <cstddef>
#include <functional>
#include <iterator>
#include <ranges>
#include <type_traits>
#include <utility>
#include <vector>

namespace csp {

namespace xf {

template <class F>
struct Map {
  F f;
  template <class In>
  using output = std::decay_t<std::invoke_result_t<const F&, In&&>>;
  template <class In, class Next>
  struct Step {
    F f;
    Next next;
    bool put(In&& v) { return next.put(std::invoke(f, std::move(v))); }
    void complete() { next.complete(); }
  };
  template <class In, class Next>
  Step<In, Next> bind(Next next) const {
    return {f, std::move(next)};
  }
};

// Keeps the values for which pred is `keep` (filter: true, remove: false).
template <class P, bool keep>
struct Filter {
  P pred;
  template <class In>
  using output = In;
  template <class In, class Next>
  struct Step {
    P pred;
    Next next;
    bool put(In&& v) {
      if (static_cast<bool>(std::invoke(pred, std::as_const(v))) != keep) return true;
      return next.put(std::move(v));
    }
    void complete() { next.complete(); }
  };
  template <class In, class Next>
  Step<In, Next> bind(Next next) const {
    return {pred, std::move(next)};
  }
};

template <class F>
struct Mapcat {
  F f;
  template <class In>
  using output =
      std::ranges::range_value_t<std::remove_cvref_t<std::invoke_result_t<const F&, In&&>>>;
  template <class In, class Next>
  struct Step {
    F f;
    Next next;
    bool put(In&& v) {
      auto&& values = std::invoke(f, std::move(v));
      for (auto&& x : values) {
        output<In> out(std::move(x));
        if (!next.put(std::move(out))) return false;
      }
      return true;
    }
    void complete() { next.complete(); }
  };
  template <class In, class Next>
  Step<In, Next> bind(Next next) const {
    return {f, std::move(next)};
  }
};

struct PartitionAll {
  std::size_t n;
  template <class In>
  using output = std::vector<In>;
  template <class In, class Next>
  struct Step {
    std::size_t n;
    Next next;
    std::vector<In> group{};
    bool put(In&& v) {
      group.push_back(std::move(v));
      if (group.size() < n) return true;
      return next.put(std::exchange(group, {}));
    }
    void complete() {
      if (!group.empty()) next.put(std::exchange(group, {}));
      next.complete();
    }
  };
  template <class In, class Next>
  Step<In, Next> bind(Next next) const {
    return {n, std::move(next)};
  }
};

template <class P>
struct TakeWhile {
  P pred;
  template <class In>
  using output = In;
  template <class In, class Next>
  struct Step {
    P pred;
    Next next;
    bool put(In&& v) {
      if (!std::invoke(pred, std::as_const(v))) return false;  // reduced: the rest is unwanted
      return next.put(std::move(v));
    }
    void complete() { next.complete(); }
  };
  template <class In, class Next>
  Step<In, Next> bind(Next next) const {
    return {pred, std::move(next)};
  }
};

template <class A, class B>
struct Comp {
  A a;
  B b;
  template <class In>
  using output = typename B::template output<typename A::template output<In>>;
  template <class In, class Next>
  auto bind(Next next) const {
    return a.template bind<In>(b.template bind<typename A::template output<In>>(std::move(next)));
  }
};

}  // namespace xf

// (map f): each value v becomes f(v).
template <class F>
xf::Map<std::decay_t<F>> map(F&& f) {
  return {std::forward<F>(f)};
}
// (filter pred): keeps the values for which pred is true.
template <class P>
xf::Filter<std::decay_t<P>, true> filter(P&& pred) {
  return {std::forward<P>(pred)};
}
// (remove pred): drops the values for which pred is true.
template <class P>
xf::Filter<std::decay_t<P>, false> remove(P&& pred) {
  return {std::forward<P>(pred)};
}
// (mapcat f): f returns a range; each of its elements is passed on, in order.
template <class F>
xf::Mapcat<std::decay_t<F>> mapcat(F&& f) {
  return {std::forward<F>(f)};
}
// (partition-all n): vectors of n values; completion passes on the last, shorter one. n > 0.
inline xf::PartitionAll partition_all(std::size_t n) { return {n == 0 ? 1 : n}; }
// (take-while pred): passes values on while pred holds; the first that fails reduces (ends)
// the transduction: on a channel, it closes.
template <class P>
xf::TakeWhile<std::decay_t<P>> take_while(P&& pred) {
  return {std::forward<P>(pred)};
}
// (comp a b c ...): a's outputs feed b, b's feed c.
template <class A>
A comp(A a) {
  return a;
}
template <class A, class B, class... Rest>
auto comp(A a, B b, Rest... rest) {
  return xf::Comp<A, decltype(comp(std::move(b), std::move(rest)...))>{
      std::move(a), comp(std::move(b), std::move(rest)...)};
}

// The type a transducer passes on for inputs of type In.
template <class Xf, class In>
using transduced_t = typename Xf::template output<In>;

}  // namespace csp
