#pragma once
// Memory for the big columns of a trace (the model's event columns and records, the replay's
// per-event arrays). A block of kHugeBlockBytes or more is mapped on its own, aligned to 2 MiB
// and advised MADV_HUGEPAGE, so that the kernel backs it with transparent huge pages where it
// can: a 6 M-event model then takes a few hundred page faults instead of ~55 000, and as many
// fewer TLB misses while it is filled and read (docs/performance.md, "Huge pages"). Smaller
// blocks come from operator new, as with std::allocator.
//
// Invariant: deallocate(p, n) is called with the n that allocate returned p for (as every
// standard container does), so the size alone says which of the two kinds a block is.
#include <cstddef>
#include <new>
#include <vector>

namespace csptrace {

namespace huge_pages {
inline constexpr size_t kHugeBlockBytes = size_t{4} << 20;
// Maps at least `bytes` (>= kHugeBlockBytes), 2 MiB aligned; throws std::bad_alloc on failure.
void* map(size_t bytes);
void unmap(void* p, size_t bytes) noexcept;
// Gives back the tail of a block map() returned, keeping new_bytes (>= kHugeBlockBytes) of it.
void shrink(void* p, size_t old_bytes, size_t new_bytes) noexcept;
// Grows a block map() returned (old_bytes, new_bytes >= kHugeBlockBytes) without copying it;
// returns where it now is. Throws std::bad_alloc on failure, the block then left as it was.
void* remap(void* p, size_t old_bytes, size_t new_bytes);
// Gives back the memory of the whole pages inside [p, p + bytes) of a block this process
// allocated (its data is lost: the pages read as zeros when touched again); keeps the address
// space. For storage moved elsewhere in its block, so that the move costs no more memory.
void release(void* p, size_t bytes) noexcept;
}  // namespace huge_pages

template <class T>
struct HugePageAllocator {
  using value_type = T;

  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    if (n > size_t(-1) / sizeof(T)) throw std::bad_array_new_length();
    const size_t bytes = n * sizeof(T);
    if (bytes >= huge_pages::kHugeBlockBytes) return static_cast<T*>(huge_pages::map(bytes));
    return static_cast<T*>(::operator new(bytes, std::align_val_t(alignof(T))));
  }
  void deallocate(T* p, size_t n) noexcept {
    const size_t bytes = n * sizeof(T);
    if (bytes >= huge_pages::kHugeBlockBytes) huge_pages::unmap(p, bytes);
    // The unsized form: clang (before 19) leaves out sized deallocation unless asked to.
    else
      ::operator delete(p, std::align_val_t(alignof(T)));
  }

  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};

// A vector of one entry per event (or per step of a lane): the kind of array worth huge pages.
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace csptrace
