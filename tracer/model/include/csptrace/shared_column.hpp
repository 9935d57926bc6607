// An append-only array whose prefix can be shared, without copying, with snapshots taken while
// it grows: the model's event columns and records (TraceModel::snapshot) and the viewer's lane
// lists, so that a trace being followed reaches the view at a cost per refresh that does not grow
// with the events already shown.
//
// Invariants:
//  - elements [0, size()) are in storage that stays where it is for as long as any column that
//    shares it exists: growing past the capacity moves the owner to new storage (a copy of the
//    prefix) and leaves the old storage to the snapshots that hold it;
//  - a share() is never written to; the owner writes only at or past the size of every share it
//    handed out, except through insert_sorted, which copies the storage first when the place to
//    insert at was already handed out (shared_upto()).
// Thread contract: one thread owns a column and appends to it; a share may be read on another
// thread once handed over with a happens-before (a queued signal, a mutex). Reading touches only
// data() and size() of the share itself, never the owner's bookkeeping.
//
// T is trivially copyable (kinds, times, indices, bytes): elements are moved with memcpy and the
// storage is not zero-filled.
#pragma once

#include <csptrace/huge_page_allocator.hpp>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <span>
#include <type_traits>

namespace csptrace {

template <class T>
class SharedColumn {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  SharedColumn() = default;
  SharedColumn(SharedColumn&& o) noexcept { *this = std::move(o); }
  SharedColumn& operator=(SharedColumn&& o) noexcept {
    store_ = std::move(o.store_);
    data_ = o.data_, size_ = o.size_, cap_ = o.cap_, shared_upto_ = o.shared_upto_;
    o.data_ = nullptr;
    o.size_ = o.cap_ = o.shared_upto_ = 0;
    return *this;
  }
  SharedColumn(const SharedColumn&) = delete;
  SharedColumn& operator=(const SharedColumn&) = delete;

  // The first size() elements, sharing this column's storage; O(1). The share is read-only.
  SharedColumn share() const {
    SharedColumn s;
    s.store_ = store_;
    s.data_ = data_;
    s.size_ = size_;
    s.cap_ = size_;  // a share never appends in place
    shared_upto_ = std::max(shared_upto_, size_);
    return s;
  }
  // A copy in storage of its own (for a column that is then changed out of append order).
  SharedColumn clone() const {
    SharedColumn c;
    c.reserve(size_);
    if (size_) std::memcpy(c.data_, data_, size_ * sizeof(T));
    c.size_ = size_;
    return c;
  }

  const T& operator[](size_t i) const { return data_[i]; }
  const T* data() const { return data_; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return cap_; }
  operator std::span<const T>() const { return {data_, size_}; }

  // Owner only, below.
  void reserve(size_t n) {
    if (n > cap_) move_to(n);
  }
  void push_back(const T& v) {
    if (size_ == cap_) move_to(std::max({cap_ * 2, size_ + 1, kMinCapacity}));
    data_[size_++] = v;
  }
  // Room for n more elements, at the returned place; commit() says how many were written.
  T* reserve_tail(size_t n) {
    if (cap_ - size_ < n) move_to(std::max({cap_ * 2, size_ + n, kMinCapacity}));
    return data_ + size_;
  }
  void commit(T* end) { size_ = static_cast<size_t>(end - data_); }
  // The elements in place, for an owner that has handed out no share yet (a sort after a bulk
  // fill). Precondition: shared_upto() == 0.
  std::span<T> mutable_span() { return {data_, size_}; }
  // Inserts v before the first element e with less(v, e) (after equal ones): an append when v
  // sorts last, the usual case. Copies the storage first when that place was handed out.
  template <class Less>
  void insert_sorted(const T& v, Less less) {
    if (size_ == 0 || !less(v, data_[size_ - 1])) return push_back(v);
    const size_t at = static_cast<size_t>(std::upper_bound(data_, data_ + size_, v, less) - data_);
    if (at < shared_upto_ || size_ == cap_) move_to(std::max({cap_ * 2, size_ + 1, kMinCapacity}));
    std::memmove(data_ + at + 1, data_ + at, (size_ - at) * sizeof(T));
    data_[at] = v;
    ++size_;
  }
  // Gives back the capacity past size() when the storage was never shared (no other thread
  // has read it, so nothing orders against it) and both sizes are mapped blocks (no copy: the
  // tail is unmapped); otherwise keeps it. Untouched capacity costs no memory, but it is
  // address space, which a ulimit -v caps.
  void shrink_to_fit() {
    if (never_shared() && store_->shrink(size_)) cap_ = store_->cap;
  }
  // Removes the first n <= size() elements. Storage never shared keeps its place and capacity
  // (the rest moves to the front), so a streaming reader that drops every chunk once replayed
  // reuses the same pages; shared storage is left to its shares and the rest is copied.
  void drop_front(size_t n) {
    const size_t rest = size_ - n;
    if (never_shared() || !store_) {
      if (rest) std::memmove(data_, data_ + n, rest * sizeof(T));
      size_ = rest;
      return;
    }
    auto own = std::make_shared<Store>(std::max(rest, kMinCapacity));
    if (rest) std::memcpy(own->p, data_ + n, rest * sizeof(T));
    store_ = std::move(own);
    data_ = store_->p;
    size_ = rest;
    cap_ = store_->cap;
    shared_upto_ = 0;
  }
  // How many elements some share may read.
  size_t shared_upto() const { return shared_upto_; }

 private:
  static constexpr size_t kMinCapacity = 4096 / sizeof(T) > 0 ? 4096 / sizeof(T) : 1;

  struct Store {
    T* p = nullptr;
    size_t cap = 0;
    explicit Store(size_t n) : p(HugePageAllocator<T>().allocate(n)), cap(n) {}
    ~Store() { HugePageAllocator<T>().deallocate(p, cap); }
    // To n <= cap elements without a copy, when both sizes are mapped blocks; false otherwise.
    bool shrink(size_t n) {
      const size_t old_bytes = cap * sizeof(T), new_bytes = n * sizeof(T);
      if (new_bytes < huge_pages::kHugeBlockBytes || new_bytes >= old_bytes) return false;
      huge_pages::shrink(p, old_bytes, new_bytes);
      cap = n;
      return true;
    }
    // To n elements without a copy, when both sizes are mapped blocks; false otherwise.
    bool grow(size_t n) {
      if (n > size_t(-1) / sizeof(T)) return false;
      const size_t old_bytes = cap * sizeof(T), new_bytes = n * sizeof(T);
      if (old_bytes < huge_pages::kHugeBlockBytes || new_bytes <= old_bytes) return false;
      p = static_cast<T*>(huge_pages::remap(p, old_bytes, new_bytes));
      cap = n;
      return true;
    }
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;
  };

  // New storage of n elements holding the prefix; the old one lives on in the shares of it.
  // Storage never shared grows in place where it can (a big block through mremap: no copy, and
  // no second block beside the first under an address-space limit). Shared storage is left to
  // its shares, which other threads may still read: a loaded model has handed out none, a
  // followed one has.
  void move_to(size_t n) {
    if (never_shared() && store_->grow(n)) {
      data_ = store_->p;
      cap_ = n;
      shared_upto_ = 0;
      return;
    }
    auto bigger = std::make_shared<Store>(n);
    if (size_) std::memcpy(bigger->p, data_, size_ * sizeof(T));
    store_ = std::move(bigger);
    data_ = store_->p;
    cap_ = n;
    shared_upto_ = 0;
  }

  // No share of this storage was ever handed out, and none holds it.
  bool never_shared() const { return store_ && shared_upto_ == 0 && store_.use_count() == 1; }

  std::shared_ptr<Store> store_;
  T* data_ = nullptr;
  size_t size_ = 0, cap_ = 0;
  mutable size_t shared_upto_ = 0;  // the owner's: the largest size handed out by share()
};

}  // namespace csptrace
