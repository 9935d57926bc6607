// A verb that runs out of memory says so and exits 2 (a trace larger than the memory available
// or the address-space limit), instead of an uncaught std::bad_alloc aborting the program.
// Every write the CLI does is checked: standard output is flushed when the verb is done, and a
// failed write (a full disk, /dev/full, a closed terminal) turns the verb's status into
// kUnreadable with the reason, instead of an exit 0 with the output lost. A verb stopped by
// Ctrl-C or SIGTERM while it read a trace or built a database (interrupt.hpp) exits with 128 +
// the signal's number, as the shell expects, after removing what it had begun to write.
#include "cli.hpp"
#include "interrupt.hpp"

#include <csptrace/trace_database.hpp>
#include <csptrace/trace_error.hpp>

#include <unistd.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <new>

namespace csptrace::cli {

int run_verb(const std::string& verb, int (*run)(const Args&), const Args& args) {
  int status;
  try {
    status = run(args);
  } catch (const LoadCancelled&) {
    std::cerr << "csptrace " << verb << ": interrupted while reading the trace\n";
    status = kUnreadable;
  } catch (const BuildCancelled& ex) {
    std::cerr << "csptrace " << verb << ": " << ex.what() << "\n";
    status = kUnreadable;
  } catch (const std::bad_alloc&) {
    std::cerr << "csptrace " << verb
              << ": out of memory: the trace needs more memory than this process may use "
                 "(docs/reliability.md gives the bounds; raise ulimit -v or use a larger "
                 "machine)\n";
    status = kUnreadable;
  }
  status = finish_output(verb, status);
  if (const int sig = interrupting_signal()) return 128 + sig;
  return status;
}

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
