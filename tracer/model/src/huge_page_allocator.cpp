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

void unmap(void* p, size_t bytes) noexcept { ::munmap(p, round_up(bytes)); }

}  // namespace csptrace::huge_pages
