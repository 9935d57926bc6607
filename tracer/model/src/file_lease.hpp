// Read leases on trace files whose records a model reads on demand (file_records.hpp).
//
// A lease break is a signal (SIGIO, with F_SETSIG so that it carries the file descriptor) sent
// to one watcher thread (F_SETOWN_EX), started with the first lease, which blocks SIGIO and
// takes it with sigwaitinfo: no handler is installed and no other thread is interrupted. The
// watcher has the FileRecords take the file into memory and lets the lease go. The writer that
// broke the lease waits in open(2) or truncate(2) until then (the kernel gives up waiting after
// /proc/sys/fs/lease-break-time, 45 s by default).
//
// Thread contract: take() and forget() may be called on any thread; the registry of leased
// descriptors is guarded by a mutex.
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
