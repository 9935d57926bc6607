// The records of a binary trace left in its file and read on demand: what lets a model of
// 100 M events hold its columns and offsets (about 12 bytes an event) without its records
// (about 7 more). The viewer asks for it (LoadOptions::records_in_file); passes that read every
// record once keep copying them (the model's own record bytes).
//
// A record is read with pread(2) in blocks of kBlockBytes, never through a mapping: a file
// truncated under a mapping faults with SIGBUS (input_file.hpp). The file is guarded by a read
// lease (fcntl F_SETLEASE): a process that opens it for writing, or truncates it (the recorder
// rewrites its trace in place), is held by the kernel until the lease is let go, and before
// letting it go the lease watcher (file_lease.hpp) reads the whole file into memory, so that
// the model keeps reading the trace it loaded. Where no lease can be had (another owner's file,
// a file system without leases, a file open for writing), open() returns null and the model
// copies its records as before.
//
// Thread contract: at() may be called on any thread at once. Blocks read are immutable and
// shared: each thread keeps the last block it used (a thread_local), the rest sit in a small
// LRU under mutex_, which also orders every pread before the switch to memory (take_in).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace csptrace {

class FileRecords : public std::enable_shared_from_this<FileRecords> {
 public:
  static constexpr size_t kBlockBytes = size_t{256} << 10;
  // Bytes readable at at(offset): a record is at most binary::kMaxRecordBytes long.
  static constexpr size_t kTailBytes = 512;
  static constexpr size_t kCachedBlocks = 32;

  // The records of the file open as fd (a regular file opened read-only; fd is duplicated, the
  // caller keeps its own), guarded by a read lease; null when the lease cannot be had.
  static std::shared_ptr<FileRecords> open(int fd, const std::string& path);
  ~FileRecords();
  FileRecords(const FileRecords&) = delete;
  FileRecords& operator=(const FileRecords&) = delete;

  // kTailBytes bytes from file offset `offset` (zeros past the file's end). Valid until this
  // thread's next at() on any FileRecords.
  const uint8_t* at(uint64_t offset) const;

  // True once the file's bytes were taken into memory (its lease was broken by a writer).
  bool in_memory() const { return memory_.load(std::memory_order_acquire) != nullptr; }
  // The bytes held in memory: the cached blocks, and the whole file once taken in.
  size_t memory_bytes() const;
  const std::string& path() const { return path_; }

  // The lease watcher's: reads the whole file into memory, then lets the lease go. Idempotent.
  void take_in();

 private:
  // kBlockBytes + kTailBytes bytes, never changed while a thread other than the cache's may
  // hold it (a block is reused only when the cache holds its one reference).
  using Block = std::shared_ptr<uint8_t[]>;
  struct Last {
    uint64_t owner = 0;  // id_ of the FileRecords the block is of; 0: none
    uint64_t begin = 0;
    Block block;
  };
  struct Cached {
    uint64_t begin;
    uint64_t used;  // stamp of the last use, for the LRU
    Block block;
  };
  FileRecords(int fd, std::string path, uint64_t size);
  const uint8_t* miss(uint64_t offset) const;
  // Reads n bytes at offset into out, zeros past the end of the file. Caller holds mutex_.
  void read_at(uint64_t offset, uint8_t* out, size_t n) const;

  static thread_local Last last_;
  const uint64_t id_;  // unique among every FileRecords of the process, never 0
  const int fd_;
  const std::string path_;
  const uint64_t size_;  // the file's size when loaded
  mutable std::mutex mutex_;
  mutable std::vector<Cached> cache_;  // guarded by mutex_
  mutable uint64_t stamp_ = 0;         // guarded by mutex_
  std::unique_ptr<uint8_t[]> whole_;   // the file, once taken in; written under mutex_
  std::atomic<const uint8_t*> memory_{nullptr};
};

}  // namespace csptrace
