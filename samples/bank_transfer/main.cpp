// A deadlock that happens about once in a hundred runs. Two accounts are guarded by one-token
// channels (take the token to lock, put it back to unlock). A clerk serves transfer requests
// from two queues with an alt: a normal transfer locks the source account first, an express
// one (the bug) locks the destination first. An auditor locks A, then B, in between its own
// bookkeeping. The run deadlocks only when the alt picks the express request (one alt choice)
// *and* the auditor takes A's token between the clerk's two locks (one interleaving): the
// clerk holds B and waits for A, the auditor holds A and waits for B. Most runs are fine, which
// is why a recorded good run says nothing: `csptrace explore -- bank_transfer` finds the bad one
// (docs/explore.md). With --fixed the express transfer locks in the same order as the rest.
#include <csp/csp.hpp>

#include "../sample_cli.hpp"

#include <cstdio>
#include <string>

namespace {

struct Transfer {
  char from, to;
  int amount;
};

}  // namespace

int main(int argc, char** argv) {
  const bool fixed = samples::has_flag(argc, argv, "--fixed");
  const long rounds = samples::int_flag(argc, argv, "--rounds", 6);
  const long audit_steps = samples::int_flag(argc, argv, "--audit-steps", 3 * rounds + 2);
  csp::Options options = samples::options(argc, argv, {"--fixed", "--audit-steps", "--rounds"});
  csp::RunResult result = csp::run(options, [=] {
    auto lock_a = csp::chan<int>("lock-A", csp::fixed(1)),
         lock_b = csp::chan<int>("lock-B", csp::fixed(1));
    lock_a.put_blocking(1);
    lock_b.put_blocking(1);
    auto lock_of = [=](char account) { return account == 'A' ? lock_a : lock_b; };
    // Requests and the ledger are unbuffered: every line written waits for the bookkeeper,
    // which is where the scheduler may let someone else run.
    auto normal = csp::chan<Transfer>("normal"),
         express = csp::chan<Transfer>("express", csp::fixed(1));
    auto ledger = csp::chan<std::string>("ledger");

    csp::go("bookkeeper", [=]() -> csp::Proc<void> {
      while (co_await ledger.take()) {
      }
    });
    auto clerk = csp::go("clerk", [=]() -> csp::Proc<void> {
      for (long served = 0; served <= rounds; ++served) {
        auto r = co_await csp::alts(csp::take(normal), csp::take(express));
        const std::optional<Transfer> t = r.index == 0 ? r.get<0>() : r.get<1>();
        if (!t) co_return;
        const bool reversed = r.index == 1 && !fixed;  // the bug: express locks `to` first
        auto first = lock_of(reversed ? t->to : t->from),
             second = lock_of(reversed ? t->from : t->to);
        co_await first.take();
        co_await ledger.put("clerk holds the first lock");
        co_await second.take();
        co_await ledger.put(std::string(1, t->from) + "->" + std::string(1, t->to));
        co_await second.put(1);
        co_await first.put(1);
      }
    });
    auto auditor = csp::go("auditor", [=]() -> csp::Proc<void> {
      for (long step = 0; step < audit_steps; ++step) co_await ledger.put("audit step");
      co_await lock_a.take();
      co_await ledger.put("auditor holds A");
      co_await lock_b.take();
      co_await ledger.put("audit A+B");
      co_await lock_b.put(1);
      co_await lock_a.put(1);
    });
    for (long i = 0; i < rounds; ++i) {
      if (i == rounds / 2) express.put_blocking(Transfer{'A', 'B', 99});
      normal.put_blocking(Transfer{'A', 'B', 10});
    }
    clerk.take_blocking();
    auditor.take_blocking();
    ledger.close();
    std::printf("all transfers done\n");
  });
  if (result.status == csp::RunStatus::Deadlock) std::printf("%s\n", result.message.c_str());
  return samples::exit_code(result);
}
