// SharedChunks<T>: a fixed-size array of T kept in chunks of kChunk elements that copies of it
// share until one of them writes: copying costs a pointer per chunk, and a write (mut) copies
// only the chunk it touches, and only while another copy holds it. The replay keeps every
// process's and channel's state in one; its checkpoints, the end state and the viewer's cursor
// states are copies, so a run of millions of processes pays for the chunks that changed between
// two of them, not for every process in each (docs/reliability.md).
//
// Invariants: size() elements in ceil(size() / kChunk) chunks, each chunk non-null; every chunk
// but the last holds kChunk elements, the last one the rest (a state of three processes keeps
// three, not 256: checkpoints of a small run copy its chunks often). A chunk whose count of
// holders is 1 belongs to this copy alone and is written in place. Reads never copy.
//
// Thread contract: like a std::vector, one copy must not be used by two threads while one of
// them writes; distinct copies may be read and written on different threads (a write copies a
// chunk that another copy holds). The counts are atomic: a copy dropped on one thread releases
// its count, and the acquire of the writer that then finds itself the only holder orders that
// copy's last reads before the write (the viewer's live follow hands copies to the GUI thread
// and goes on writing its own).
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <utility>
#include <vector>

namespace csptrace {

template <class T>
class SharedChunks {
 public:
  static constexpr size_t kChunk = 256;

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  const T& operator[](size_t i) const { return chunks_[i / kChunk]->items[i % kChunk]; }
  // The element for writing: its chunk is copied first when another copy holds it.
  T& mut(size_t i) {
    Ref& c = chunks_[i / kChunk];
    if (!c.alone()) c = Ref(new Chunk(*c));
    return c->items[i % kChunk];
  }
  // n default elements. Every full chunk starts as one shared chunk of defaults, so a state of
  // a million processes that have not started costs one chunk.
  void assign_default(size_t n) {
    chunks_.clear();
    size_ = 0;
    grow_to(n);
  }
  // Appends default elements up to n (no change when n <= size()): the last chunk grows to
  // its new length (copied first when another copy holds it), new full chunks share one chunk
  // of defaults.
  void grow_to(size_t n) {
    if (n <= size_) return;
    if (!chunks_.empty()) {
      const size_t last = chunks_.size() - 1, want = std::min(kChunk, n - last * kChunk);
      Ref& c = chunks_[last];
      if (c->items.size() < want) {
        if (!c.alone()) c = Ref(new Chunk(*c));
        c->items.resize(want);
      }
    }
    const size_t chunks = (n + kChunk - 1) / kChunk;
    // Reserved before the loop, so that `defaults` stays where it is; by doubling, so that a
    // state grown a batch of processes at a time (a streaming check) is not copied each time.
    if (chunks > chunks_.capacity()) chunks_.reserve(std::max(chunks, 2 * chunks_.capacity()));
    const Ref* defaults = nullptr;
    for (size_t k = chunks_.size(); k < chunks; ++k) {
      const size_t len = std::min(kChunk, n - k * kChunk);
      if (len < kChunk) {
        chunks_.push_back(Ref(new Chunk(len)));
      } else if (defaults) {
        chunks_.push_back(*defaults);
      } else {
        chunks_.push_back(Ref(new Chunk(kChunk)));
        defaults = &chunks_.back();
      }
    }
    size_ = n;
  }

  class const_iterator {
   public:
    using iterator_category = std::forward_iterator_tag;
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    using pointer = const T*;
    using reference = const T&;
    const_iterator(const SharedChunks* s, size_t i) : s_(s), i_(i) {}
    const T& operator*() const { return (*s_)[i_]; }
    const T* operator->() const { return &(*s_)[i_]; }
    const_iterator& operator++() {
      ++i_;
      return *this;
    }
    const_iterator operator++(int) {
      const_iterator old = *this;
      ++i_;
      return old;
    }
    bool operator==(const const_iterator& o) const { return i_ == o.i_; }

   private:
    const SharedChunks* s_;
    size_t i_;
  };
  const_iterator begin() const { return {this, 0}; }
  const_iterator end() const { return {this, size_}; }

  // How many chunks this copy and o hold in common (what sharing saves; for tests and reports).
  size_t chunks_shared_with(const SharedChunks& o) const {
    size_t n = 0;
    for (size_t c = 0; c < std::min(chunks_.size(), o.chunks_.size()); ++c)
      n += chunks_[c] == o.chunks_[c];
    return n;
  }
  size_t chunks() const { return chunks_.size(); }

  bool operator==(const SharedChunks& o) const {
    if (size_ != o.size_) return false;
    for (size_t c = 0; c < chunks_.size(); ++c) {
      if (chunks_[c] == o.chunks_[c]) continue;  // shared: equal without a look
      const size_t n = std::min(kChunk, size_ - c * kChunk);
      for (size_t k = 0; k < n; ++k)
        if (!(chunks_[c]->items[k] == o.chunks_[c]->items[k])) return false;
    }
    return true;
  }

 private:
  struct Chunk {
    std::atomic<uint32_t> holders{1};
    std::vector<T> items;
    explicit Chunk(size_t n) : items(n) {}
    Chunk(const Chunk& o) : items(o.items) {}
  };
  // A counted pointer to a chunk (std::shared_ptr reads its count relaxed, which orders
  // nothing: see the thread contract).
  class Ref {
   public:
    explicit Ref(Chunk* p) : p_(p) {}
    Ref(const Ref& o) : p_(o.p_) { p_->holders.fetch_add(1, std::memory_order_relaxed); }
    Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
    Ref& operator=(Ref o) noexcept {
      std::swap(p_, o.p_);
      return *this;
    }
    ~Ref() {
      if (p_ && p_->holders.fetch_sub(1, std::memory_order_acq_rel) == 1) delete p_;
    }
    bool alone() const { return p_->holders.load(std::memory_order_acquire) == 1; }
    Chunk* operator->() const { return p_; }
    Chunk& operator*() const { return *p_; }
    bool operator==(const Ref& o) const { return p_ == o.p_; }

   private:
    Chunk* p_;
  };
  std::vector<Ref> chunks_;
  size_t size_ = 0;
};

}  // namespace csptrace
