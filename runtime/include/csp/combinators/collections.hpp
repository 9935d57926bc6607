// Between channels and collections (core.async onto-chan!, to-chan!, reduce, into).
//   onto_chan(ch, items)  a process puts every item on ch, then closes it (unless close is false)
//   to_chan(items)        a new channel holding the items, closed after the last
//   reduce(f, init, ch)   a channel that receives f(...f(init, v1)..., vn) once ch closes
//   into(coll, ch)        a channel that receives coll with every value of ch appended
#pragma once

#include <csp/buffer_spec.hpp>
#include <csp/chan.hpp>
#include <csp/go.hpp>

#include <string>
#include <utility>
#include <vector>

namespace csp {

template <class T, class Range>
Chan<Unit> onto_chan(Chan<T> ch, Range items, bool close = true) {
  return go("onto-chan " + ch.name(), [ch, items = std::move(items), close]() -> Proc<void> {
    for (const auto& item : items)
      if (!co_await ch.put(T(item))) break;
    if (close) ch.close();
  });
}

template <class T>
Chan<T> to_chan(std::vector<T> items, std::string name = "to-chan") {
  auto ch = chan<T>(std::move(name), fixed(items.empty() ? 1 : items.size()));
  for (auto& item : items) ch.offer(std::move(item));  // room for all: never refused
  ch.close();
  return ch;
}

template <class T, class F, class R>
Chan<R> reduce(F f, R init, Chan<T> ch) {
  return go("reduce " + ch.name(), [f, acc = std::move(init), ch]() mutable -> Proc<R> {
    while (auto v = co_await ch.take()) acc = f(std::move(acc), std::move(*v));
    co_return acc;
  });
}

template <class Coll, class T>
Chan<Coll> into(Coll coll, Chan<T> ch) {
  return go("into " + ch.name(), [coll = std::move(coll), ch]() mutable -> Proc<Coll> {
    while (auto v = co_await ch.take()) coll.insert(coll.end(), std::move(*v));
    co_return coll;
  });
}

}  // namespace csp
