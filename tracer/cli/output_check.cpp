// Every write the CLI does is checked: standard output is flushed when the verb is done, and a
// failed write (a full disk, /dev/full, a closed terminal) turns the verb's status into
// kUnreadable with the reason, instead of an exit 0 with the output lost.
#include "cli.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <unistd.h>

namespace csptrace::cli {

int finish_output(const std::string& verb, int status) {
  std::cout.flush();
  errno = 0;
  const bool flushed = std::fflush(stdout) == 0;
  int err = errno;
  if (flushed && !std::ferror(stdout) && !std::cout.fail()) return status;
  // The write that failed was an earlier flush, whose errno is gone: one more byte of an output
  // that is already incomplete asks the device for the reason again.
  if (err == 0 && ::write(STDOUT_FILENO, "\n", 1) < 0) err = errno;
  std::cerr << "csptrace " << verb << ": cannot write to standard output: "
            << (err != 0 ? std::strerror(err) : "a write failed")
            << "; the output is incomplete (redirect it to a file system with free space)\n";
  return kUnreadable;
}

}  // namespace csptrace::cli
