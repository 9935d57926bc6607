// A SharedColumn of dense indices (processes, channels) stored 1, 2 or 4 bytes wide: as narrow as
// the largest index appended so far needs. A run of two processes and two channels then costs 3
// bytes an event for its proc, chan and other columns, not 12; a run of millions, as before.
//
// Invariants:
//  - exactly one of the three columns is in use, the one of width_; the others are empty;
//  - a stored value of all ones at that width means kNone; every other value is the index, so
//    an index fits a width when it is below all ones of it;
//  - widening copies the values into a wider column (kNone kept as kNone) and leaves the
//    narrower storage to the shares handed out from it, as SharedColumn does when it moves.
// Thread contract: SharedColumn's. A share has the width of its column when it was taken.
#pragma once

#include <csptrace/shared_column.hpp>

#include <algorithm>
#include <cstdint>
#include <type_traits>

namespace csptrace {

class IndexColumn {
 public:
  static constexpr uint32_t kNoIndex = 0xffffffffu;  // kNone (trace_model.hpp)

  uint32_t operator[](size_t i) const {
    switch (width_) {
      case 1: return widen(narrow_[i]);
      case 2: return widen(middle_[i]);
      default: return wide_[i];
    }
  }
  size_t size() const {
    return width_ == 1 ? narrow_.size() : width_ == 2 ? middle_.size() : wide_.size();
  }
  int width() const { return width_; }
  // The bytes n indices take at the present width.
  size_t bytes_for(size_t n) const { return n * size_t(width_); }

  IndexColumn share() const {
    IndexColumn s;
    s.width_ = width_;
    if (width_ == 1) s.narrow_ = narrow_.share();
    if (width_ == 2) s.middle_ = middle_.share();
    if (width_ == 4) s.wide_ = wide_.share();
    return s;
  }

  // Owner only, below (SharedColumn's contracts).
  void reserve(size_t n) {
    if (width_ == 1) narrow_.reserve(n);
    if (width_ == 2) middle_.reserve(n);
    if (width_ == 4) wide_.reserve(n);
  }
  void push_back(uint32_t v) {
    switch (width_) {
      case 1:
        if (fits<uint8_t>(v)) return narrow_.push_back(static_cast<uint8_t>(v));
        break;
      case 2:
        if (fits<uint16_t>(v)) return middle_.push_back(static_cast<uint16_t>(v));
        break;
      default: return wide_.push_back(v);
    }
    widen_and_push(v);
  }
  void drop_front(size_t n) {
    if (width_ == 1) narrow_.drop_front(n);
    if (width_ == 2) middle_.drop_front(n);
    if (width_ == 4) wide_.drop_front(n);
  }
  void shrink_to_fit() {
    if (width_ == 1) narrow_.shrink_to_fit();
    if (width_ == 2) middle_.shrink_to_fit();
    if (width_ == 4) wide_.shrink_to_fit();
  }

 private:
  template <class N>
  static constexpr N kAllOnes = static_cast<N>(~N{0});
  template <class N>
  static bool fits(uint32_t v) {
    return v == kNoIndex || v < kAllOnes<N>;
  }
  template <class N>
  static uint32_t widen(N v) {
    return v == kAllOnes<N> ? kNoIndex : v;
  }
  template <class N>
  static N narrow(uint32_t v) {
    return v == kNoIndex ? kAllOnes<N> : static_cast<N>(v);
  }
  // v does not fit width_: widens to what it needs, then appends it. Out of line: it happens
  // at most twice in a column's life.
  [[gnu::noinline]] void widen_and_push(uint32_t v) {
    widen_to(fits<uint16_t>(v) ? 2 : 4);
    push_back(v);
  }
  // Copies the values into a column of width w (> width_), keeping the capacity.
  void widen_to(int w) {
    const size_t n = size();
    const size_t cap = width_ == 1 ? narrow_.capacity() : middle_.capacity();
    auto copy = [&](auto& to) {
      using N = std::remove_reference_t<decltype(to[0])>;
      std::remove_cvref_t<decltype(to)> fresh;
      fresh.reserve(std::max(cap, n + 1));
      auto* out = fresh.reserve_tail(n);
      for (size_t i = 0; i < n; ++i) out[i] = narrow<std::remove_cv_t<N>>((*this)[i]);
      fresh.commit(out + n);
      to = std::move(fresh);
    };
    if (w == 2) copy(middle_);
    if (w == 4) copy(wide_);
    narrow_ = {};
    if (w == 4) middle_ = {};
    width_ = w;
  }

  int width_ = 1;
  SharedColumn<uint8_t> narrow_;
  SharedColumn<uint16_t> middle_;
  SharedColumn<uint32_t> wide_;
};

}  // namespace csptrace
