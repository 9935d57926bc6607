#include <csptrace/huge_page_allocator.hpp>

#include <sys/mman.h>

#include <cstdint>

namespace csptrace::huge_pages {

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
constexpr size_t round_up(size_t n) { return (n + kHugePage - 1) & ~(kHugePage - 1); }
}  // namespace

void* map(size_t bytes) {
  const size_t len = round_up(bytes);
  if (len < bytes || len + kHugePage < len) throw std::bad_alloc();
  // Map one huge page more than needed and give back the unaligned head and the tail, so that
  // what remains is exactly [aligned, aligned + len): unmap() can return it by its size.
  void* raw =
      ::mmap(nullptr, len + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto start = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (start + kHugePage - 1) & ~(uintptr_t{kHugePage} - 1);
  if (aligned > start) ::munmap(raw, aligned - start);
  const uintptr_t end = start + len + kHugePage;
  if (end > aligned + len) ::munmap(reinterpret_cast<void*>(aligned + len), end - (aligned + len));
  // Advice only: without transparent huge pages (or with them off) the block is ordinary memory.
  ::madvise(reinterpret_cast<void*>(aligned), len, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
}

void* remap(void* p, size_t old_bytes, size_t new_bytes) {
  const size_t len = round_up(new_bytes);
  if (len < new_bytes) throw std::bad_alloc();
  // The kernel grows the mapping in place when the addresses after it are free, else moves its
  // pages: nothing is copied, and only the growth counts against the address-space limit. A
  // moved block may start off a 2 MiB boundary; it then loses huge pages at its two ends only.
  void* q = ::mremap(p, round_up(old_bytes), len, MREMAP_MAYMOVE);
  if (q == MAP_FAILED) throw std::bad_alloc();
  ::madvise(q, len, MADV_HUGEPAGE);
  return q;
}

void shrink(void* p, size_t old_bytes, size_t new_bytes) noexcept {
  const size_t from = round_up(old_bytes), to = round_up(new_bytes);
  if (to < from) ::munmap(static_cast<char*>(p) + to, from - to);
}

void unmap(void* p, size_t bytes) noexcept { ::munmap(p, round_up(bytes)); }

void release(void* p, size_t bytes) noexcept {
  constexpr uintptr_t kPage = 4096;
  const uintptr_t begin = (reinterpret_cast<uintptr_t>(p) + kPage - 1) & ~(kPage - 1);
  const uintptr_t end = (reinterpret_cast<uintptr_t>(p) + bytes) & ~(kPage - 1);
  if (begin < end) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

}  // namespace csptrace::huge_pages
