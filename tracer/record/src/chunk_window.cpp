#include "chunk_window.hpp"

#include <sys/uio.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace csptrace {

bool write_all(int fd, const void* data, size_t n) noexcept {
  binary::ChunkBuilder::Pieces p{{static_cast<const uint8_t*>(data), n}, {nullptr, 0}};
  return write_all(fd, p);
}

bool write_all(int fd, binary::ChunkBuilder::Pieces p) noexcept {
  iovec iov[2] = {{const_cast<uint8_t*>(p.a.data), p.a.size},
                  {const_cast<uint8_t*>(p.b.data), p.b.size}};
  int first = 0;
  while (first < 2) {
    ssize_t n = ::writev(fd, iov + first, 2 - first);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    size_t left = static_cast<size_t>(n);
    while (first < 2 && left >= iov[first].iov_len) left -= iov[first++].iov_len;
    if (first < 2) {
      iov[first].iov_base = static_cast<uint8_t*>(iov[first].iov_base) + left;
      iov[first].iov_len -= left;
    }
  }
  return true;
}

void ChunkWindow::add(binary::ChunkBuilder::Pieces chunk) {
  Chunk c;
  c.size = chunk.size();
  // A dropped chunk's memory is used again (fresh memory for every chunk cost a page fault per
  // 4 KiB written and an mmap per chunk): the smallest spare that fits, and only one at most
  // twice the chunk, since the memory a chunk holds is what it counts against the bytes.
  std::size_t best = spare_.size();
  for (std::size_t i = 0; i < spare_.size(); ++i) {
    const size_t cap = spare_[i].capacity;
    if (cap >= c.size && cap <= 2 * c.size + kGrain &&
        (best == spare_.size() || cap < spare_[best].capacity))
      best = i;
  }
  if (best < spare_.size()) {
    c.bytes = std::move(spare_[best].bytes);
    c.capacity = spare_[best].capacity;
    spare_.erase(spare_.begin() + static_cast<std::ptrdiff_t>(best));
  } else {
    c.capacity = (c.size + kGrain - 1) / kGrain * kGrain;
    c.bytes = std::make_unique_for_overwrite<uint8_t[]>(c.capacity);
  }
  // A piece may be empty with a null pointer, which memcpy may not be given.
  if (chunk.a.size != 0) std::memcpy(c.bytes.get(), chunk.a.data, chunk.a.size);
  if (chunk.b.size != 0) std::memcpy(c.bytes.get() + chunk.a.size, chunk.b.data, chunk.b.size);
  gens_.back().bytes += c.capacity;
  kept_ += c.capacity;
  gens_.back().chunks.push_back(std::move(c));
  evict();
}

void ChunkWindow::start_generation(uint64_t mark) {
  Generation g;
  g.mark = mark;
  g.complete = false;
  if (early_mark_ == mark) {
    g.snapshot = std::move(early_snapshot_);
    g.complete = true;
    early_mark_ = 0;
  }
  awaiting_ = !g.complete && abandoned_mark_ != mark;
  if (abandoned_mark_ == mark) abandoned_mark_ = 0;
  gens_.push_back(std::move(g));
}

bool ChunkWindow::attach_snapshot(uint64_t mark, std::vector<uint8_t> encoded) {
  for (Generation& g : gens_)
    if (g.mark == mark) {
      if (g.trimmed) return false;  // its first events are gone: the snapshot would not fit
      g.snapshot = std::move(encoded);
      g.complete = true;
      if (&g == &gens_.back()) awaiting_ = false;
      evict();
      return true;
    }
  if (mark > gens_.back().mark) {  // its chunk is not emitted yet
    early_mark_ = mark;
    early_snapshot_ = std::move(encoded);
    return true;
  }
  return false;
}

void ChunkWindow::abandon(uint64_t mark) noexcept {
  if (gens_.back().mark == mark) awaiting_ = false;
  if (mark > gens_.back().mark) abandoned_mark_ = mark;  // not emitted yet
  if (early_mark_ == mark) early_mark_ = 0;
}

bool ChunkWindow::wants_generation() const noexcept {
  return !awaiting_ && early_mark_ == 0 && gens_.back().bytes >= limit_ / 2;
}

void ChunkWindow::evict() {
  const uint64_t hard = kHardFactor * limit_;
  while (gens_.size() > 1 && kept_ > limit_) {
    // The window's only start, while the next one's snapshot is still being taken: kept for
    // it, up to the hard bound.
    const bool later_start =
        std::any_of(gens_.begin() + 1, gens_.end(), [](const Generation& g) { return g.complete; });
    const bool only_start = gens_[0].complete && !later_start;
    if (only_start && kept_ <= hard) return;
    if (only_start) warn_lost_start();
    kept_ -= gens_[0].bytes;
    for (Chunk& c : gens_[0].chunks) keep_spare(std::move(c));
    gens_.pop_front();
  }
  // One generation past the hard bound (no new start was taken): drop its oldest chunks; it
  // has lost its start, and a snapshot of it that comes later is refused.
  Generation& g = gens_.front();
  while (gens_.size() == 1 && kept_ > hard && g.chunks.size() > 1) {
    if (g.complete) warn_lost_start();
    g.complete = false;
    g.trimmed = true;
    g.bytes -= g.chunks.front().capacity;
    kept_ -= g.chunks.front().capacity;
    keep_spare(std::move(g.chunks.front()));
    g.chunks.pop_front();
  }
}

void ChunkWindow::keep_spare(Chunk c) {
  if (spare_.size() < kMaxSpare) spare_.push_back(std::move(c));
}

void ChunkWindow::warn_lost_start() {
  if (warned_) return;
  warned_ = true;
  std::fprintf(stderr,
               "cspscope: the flight recorder dropped a window's start because the next one was "
               "not taken in time (the run records faster than it can be cut); until one is, a "
               "window cannot be written. A larger --trace-ring leaves more time.\n");
}

const ChunkWindow::Generation* ChunkWindow::first() const noexcept {
  for (const Generation& g : gens_)
    if (g.complete) return &g;
  return nullptr;
}

uint64_t ChunkWindow::window_start() const noexcept {
  const Generation* g = first();
  return g ? g->mark : 0;
}

bool ChunkWindow::write(int fd) const noexcept {
  const Generation* start = first();
  if (start == nullptr) return true;
  if (!write_all(fd, start->snapshot.data(), start->snapshot.size())) return false;
  bool in = false;
  for (const Generation& g : gens_) {
    in = in || &g == start;
    if (!in) continue;
    for (const Chunk& c : g.chunks)
      if (!write_all(fd, c.bytes.get(), c.size)) return false;
  }
  return true;
}

}  // namespace csptrace
