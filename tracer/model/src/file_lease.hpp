// Read leases on trace files whose records a model reads on demand (file_records.hpp).
//
// A lease break is a signal (SIGIO, with F_SETSIG so that it carries the file descriptor): its
// handler only writes the descriptor to a pipe, and one watcher thread, started with the first
// lease, reads it, has the FileRecords take the file into memory, and lets the lease go. The
// writer that broke the lease waits in open(2) or truncate(2) until then (the kernel gives up
// waiting after /proc/sys/fs/lease-break-time, 45 s by default).
//
// Thread contract: take() and forget() may be called on any thread; the registry of leased
// descriptors is guarded by a mutex that the signal handler never takes.
#pragma once

#include <memory>

namespace csptrace {

class FileRecords;

namespace file_lease {

// Takes a read lease on fd (open read-only) for `records`; false when the kernel refuses it
// (another owner's file, a file system without leases, the file open for writing somewhere).
bool take(int fd, const std::weak_ptr<FileRecords>& records);
// Forgets fd, before it is closed (closing lets the lease go).
void forget(int fd);

}  // namespace file_lease
}  // namespace csptrace
