#include <csptrace/file_records.hpp>

#include "file_lease.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <new>

namespace csptrace {

thread_local FileRecords::Last FileRecords::last_;

namespace {
std::atomic<uint64_t> g_next_id{1};
}  // namespace

FileRecords::FileRecords(int fd, std::string path, uint64_t size)
    : id_(g_next_id.fetch_add(1)), fd_(fd), path_(std::move(path)), size_(size) {}

FileRecords::~FileRecords() {
  file_lease::forget(fd_);
  ::close(fd_);  // lets the lease go
}

std::shared_ptr<FileRecords> FileRecords::open(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return nullptr;
  const int own = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  if (own < 0) return nullptr;
  std::shared_ptr<FileRecords> r(new FileRecords(own, path, static_cast<uint64_t>(st.st_size)));
  if (!file_lease::take(own, r)) return nullptr;
  return r;
}

const uint8_t* FileRecords::at(uint64_t offset) const {
  if (const uint8_t* m = memory_.load(std::memory_order_acquire)) return m + offset;
  const Last& last = last_;
  if (last.owner == id_ && offset - last.begin < kBlockBytes)
    return last.block.get() + (offset - last.begin);
  return miss(offset);
}

const uint8_t* FileRecords::miss(uint64_t offset) const {
  const uint64_t begin = offset / kBlockBytes * kBlockBytes;
  Block block;
  {
    std::lock_guard lock(mutex_);
    if (const uint8_t* m = memory_.load(std::memory_order_acquire)) return m + offset;
    ++stamp_;
    for (Cached& c : cache_) {
      if (c.begin == begin) {
        c.used = stamp_;
        block = c.block;
        break;
      }
    }
    if (!block) {
      Cached* slot = nullptr;
      if (cache_.size() < kCachedBlocks) {
        slot = &cache_.emplace_back();
      } else {
        slot = &*std::min_element(cache_.begin(), cache_.end(),
                                  [](const Cached& a, const Cached& b) { return a.used < b.used; });
        // Reused in place when no thread holds it: every other copy is taken under mutex_, and
        // a thread's reads of it happen before it lets its copy go (hence the fence).
        if (slot->block.use_count() == 1)
          std::atomic_thread_fence(std::memory_order_acquire);
        else
          slot->block.reset();
      }
      // Not zeroed: read_at writes every byte. A fresh allocation per block cost a page fault
      // and a memset per 256 KiB of a replay's reading.
      if (!slot->block) slot->block.reset(new uint8_t[kBlockBytes + kTailBytes]);
      read_at(begin, slot->block.get(), kBlockBytes + kTailBytes);
      slot->begin = begin;
      slot->used = stamp_;
      block = slot->block;
    }
  }
  last_ = {id_, begin, std::move(block)};
  return last_.block.get() + (offset - begin);
}

void FileRecords::read_at(uint64_t offset, uint8_t* out, size_t n) const {
  size_t got = 0;
  while (got < n && offset + got < size_) {
    const ssize_t r = ::pread(fd_, out + got, n - got, static_cast<off_t>(offset + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;  // shorter than loaded: only past a lease the kernel took back
    got += static_cast<size_t>(r);
  }
  std::memset(out + got, 0, n - got);
}

void FileRecords::take_in() {
  {
    std::lock_guard lock(mutex_);
    if (!whole_) {
      try {
        std::unique_ptr<uint8_t[]> whole(new uint8_t[size_ + kTailBytes]);
        read_at(0, whole.get(), size_ + kTailBytes);
        whole_ = std::move(whole);
        memory_.store(whole_.get(), std::memory_order_release);
        cache_.clear();
      } catch (const std::bad_alloc&) {
        std::fprintf(stderr,
                     "cspscope: %s is being rewritten and there is no memory to keep the trace "
                     "loaded from it; details of its events may be wrong until it is opened "
                     "again\n",
                     path_.c_str());
      }
    }
  }
  ::fcntl(fd_, F_SETLEASE, F_UNLCK);
}

size_t FileRecords::memory_bytes() const {
  std::lock_guard lock(mutex_);
  return cache_.size() * (kBlockBytes + kTailBytes) + (whole_ ? size_ + kTailBytes : 0);
}

}  // namespace csptrace
