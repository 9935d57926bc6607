// A channel with a transform: core.async's `(chan buf xform ex-handler)`. Every put goes through
// the transducer (csp/transducers.hpp) inside the channel's lock; what it passes on enters the
// buffer. The rules (when a put waits, expanding steps, reduced, completion on close) are
// runtime/src/channel_transform.cpp's.
//
//   auto inc = csp::chan<int>("inc", csp::fixed(1), csp::map([](int x) { return x + 1; }));
//   auto pairs = csp::chan<int>("pairs", csp::fixed(1), csp::partition_all(2));
//   co_await pairs.put(1);                  // puts an int ...
//   std::optional<std::vector<int>> g = co_await pairs.take();   // ... takes a vector<int>
//
// When the transducer passes on the type it takes, the channel is a Chan<T>; else a
// TransformChan<In, Out>: puts of In, takes of Out, and the two views in() and out().
// A buffer is required (core.async: "buffer must be supplied when transducer is").
//
// The transducer's functions and the ex-handler run under the channel's lock, on the thread of
// whichever operation feeds the channel (a put, a take that lets a waiting put in, a close):
// they must not operate on the same channel.
#pragma once

#include <csp/chan.hpp>
#include <csp/detail/channel_transform.hpp>
#include <csp/ex_handler.hpp>
#include <csp/report_exception.hpp>
#include <csp/send_chan.hpp>
#include <csp/transducers.hpp>

#include <csp/source_location.hpp>
#include <cstdint>
#include <deque>
#include <exception>
#include <new>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>

namespace csp {

namespace detail {

// The typed side of a channel's transform: the transducer's step (its state), the
// ex-handler, and the overflow of an expanding step. Lock contract: ChannelTransform's.
template <class In, class Out, class Xf>
class TypedTransform final : public ChannelTransform {
  // The last step: hands each output to the channel.
  struct ToChannel {
    TransformSink** sink;
    bool put(Out&& v) {
      (*sink)->add(&v);
      return true;
    }
    void complete() {}
  };

 public:
  TypedTransform(const Xf& xform, ExHandler<Out> handler, csp::SourceLocation loc)
      : step_(xform.template bind<In>(ToChannel{&sink_})),
        handler_(std::move(handler)),
        loc_(loc) {}

  bool step(void* in, TransformSink& sink) noexcept override {
    if (reduced_) return false;
    sink_ = &sink;
    try {
      if (!step_.put(std::move(*static_cast<In*>(in)))) reduced_ = true;
    } catch (...) {
      handle(std::current_exception());
    }
    return !reduced_;
  }
  void complete(TransformSink& sink) noexcept override {
    if (completed_) return;
    completed_ = true;
    sink_ = &sink;
    try {
      step_.complete();
    } catch (...) {
      handle(std::current_exception());
    }
  }
  Preview preview_input(const void* in) const override {
    return Describe<In>::preview(*static_cast<const In*>(in));
  }
  void push_overflow(void* out, std::uint32_t from) override {
    overflow_.emplace_back(std::move(*static_cast<Out*>(out)), from);
  }
  bool pop_overflow_into(void* slot, std::uint32_t* from) override {
    if (overflow_.empty()) return false;
    ::new (slot) Out(std::move(overflow_.front().first));
    *from = overflow_.front().second;
    overflow_.pop_front();
    return true;
  }
  std::size_t overflow_size() const noexcept override { return overflow_.size(); }

 private:
  // core.async: the handler's value, if any, goes into the buffer; without a handler the
  // exception is reported (core.async: to the uncaught-exception handler) and nothing is added.
  void handle(std::exception_ptr e) noexcept {
    if (!handler_) {
      report_exception("exception in a channel's transform (value dropped)", e, loc_);
      return;
    }
    try {
      if (std::optional<Out> v = handler_(e)) sink_->add(&*v);
    } catch (...) {
      report_exception("exception in a channel's ex-handler (value dropped)",
                       std::current_exception(), loc_);
    }
  }

  TransformSink* sink_ = nullptr;  // the current call's; step_ reaches it through ToChannel
  decltype(std::declval<const Xf&>().template bind<In>(std::declval<ToChannel>())) step_;
  ExHandler<Out> handler_;
  csp::SourceLocation loc_;  // where the channel was made, for reports
  std::deque<std::pair<Out, std::uint32_t>> overflow_;
  bool reduced_ = false;
  bool completed_ = false;
};

}  // namespace detail

// A channel whose transform passes on another type than it takes: puts of In, takes of Out.
// A handle like Chan (copyable, keeps the channel alive); in() and out() are its two views,
// for alts guards and anything that takes a SendChan<In> or RecvChan<Out>.
template <class In, class Out>
class TransformChan {
 public:
  using value_type = Out;
  using input_type = In;

  TransformChan() noexcept = default;
  // Adopts one reference of `core`.
  explicit TransformChan(detail::ChannelCore* core) noexcept : out_(core) {
    core->retain();
    in_ = Chan<In>(core);
  }

  PutOperation<In> put(In v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return in().put(std::move(v), loc);
  }
  bool put_blocking(In v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return in().put_blocking(std::move(v), loc);
  }
  bool offer(In v, csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return in().offer(std::move(v), loc);
  }
  TakeOperation<Out> take(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return out_.take(loc);
  }
  std::optional<Out> take_blocking(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return out_.take_blocking(loc);
  }
  std::optional<Out> poll(csp::SourceLocation loc = csp::SourceLocation::current()) const {
    return out_.poll(loc);
  }
  void close(csp::SourceLocation loc = csp::SourceLocation::current()) const { out_.close(loc); }

  SendChan<In> in() const noexcept { return in_; }
  RecvChan<Out> out() const noexcept { return out_; }
  bool valid() const noexcept { return out_.valid(); }
  std::string name() const { return out_.name(); }
  bool closed() const noexcept { return out_.closed(); }
  // Values buffered now, an expanding step's overflow included.
  std::size_t size() const noexcept { return out_.size(); }
  std::size_t capacity() const noexcept { return out_.capacity(); }

 private:
  // Two handles on one channel; the Chan<In> is only ever used to put.
  Chan<In> in_;
  Chan<Out> out_;
};

// Chan<T> when the transducer passes on what it takes, else TransformChan<In, Out>.
template <class In, class Out>
using TransformedChan =
    std::conditional_t<std::is_same_v<In, Out>, Chan<In>, TransformChan<In, Out>>;

template <class Xf, class In>
concept TransducerOf = requires {
  typename Xf::template output<In>;
};

// A channel of puts of In through `xform` (a buffer is required); the ex-handler gets what the
// transducer throws, and its value, if any, enters the buffer in that put's place.
template <class In, TransducerOf<In> Xf>
TransformedChan<In, transduced_t<Xf, In>> chan(
    std::string_view name, BufferSpec buffer, const Xf& xform,
    ExHandler<transduced_t<Xf, In>> ex_handler = {},
    csp::SourceLocation loc = csp::SourceLocation::current()) {
  using Out = transduced_t<Xf, In>;
  auto* x = new detail::TypedTransform<In, Out, Xf>(xform, std::move(ex_handler), loc);
  return TransformedChan<In, Out>(
      detail::ChannelCore::make(detail::value_ops<Out>(), detail::buffer_kind(buffer),
                                buffer.capacity, name, loc, -1, nullptr, x));
}
template <class In, TransducerOf<In> Xf>
TransformedChan<In, transduced_t<Xf, In>> chan(
    BufferSpec buffer, const Xf& xform, ExHandler<transduced_t<Xf, In>> ex_handler = {},
    csp::SourceLocation loc = csp::SourceLocation::current()) {
  return chan<In>(std::string_view{}, buffer, xform, std::move(ex_handler), loc);
}

}  // namespace csp
