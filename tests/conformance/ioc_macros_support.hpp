// What the ioc_macros translations share (test_core_async_ioc_macros_test.cpp and
// test_core_async_ioc_macros_ops_test.cpp): enough of Clojure's exception hierarchy for their
// catch clauses, `pause`, and `runner`, which runs a Proc in a go process and hands its value or
// exception back to main.
#pragma once

#include "conformance.hpp"

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>

namespace ioc {

// Clojure's exception hierarchy, enough of it for the catch clauses below.
struct Throwable : std::runtime_error {
  using std::runtime_error::runtime_error;
};
struct Exception : Throwable {
  using Throwable::Throwable;
};
struct RuntimeException : Exception {
  using Exception::Exception;
};
struct ExceptionInfo : RuntimeException {
  ExceptionInfo(const std::string& msg, std::string t)
      : RuntimeException(msg), type(std::move(t)) {}
  std::string type;  // (:type (ex-data ex))
};
struct UnsupportedOperationException : RuntimeException {
  using RuntimeException::RuntimeException;
};
struct Error : Throwable {
  using Throwable::Throwable;
};
struct AssertionError : Error {
  using Error::Error;
};

template <class T>
csp::Proc<T> pause(T x) {
  co_return x;
}

template <class T>
struct Outcome {
  std::optional<T> value;
  std::exception_ptr error;
};

// (runner body...): the Proc made by `body` runs in a go process; main gets its outcome.
template <class F>
auto runner(F body) {
  using T = typename std::invoke_result_t<F&>::value_type;
  auto out = csp::go("runner", [body = std::move(body)]() mutable -> csp::Proc<Outcome<T>> {
    Outcome<T> o;
    try {
      o.value = co_await body();
    } catch (...) {
      o.error = std::current_exception();
    }
    co_return o;
  });
  return out.take_blocking().value_or(Outcome<T>{});
}

// The value of a runner that must not throw.
template <class F>
auto run_value(F body) {
  auto o = runner(std::move(body));
  if (o.error) std::rethrow_exception(o.error);
  if (!o.value) throw std::logic_error("the runner's go process ended without a value");
  return std::move(*o.value);
}

// `assert false`: throws AssertionError.
[[noreturn]] inline void assert_false() { throw AssertionError("Assert failed: false"); }

}  // namespace ioc
