// GoKer goker/blocking/cockroach/13755 (cockroach PR 13755, database/sql Rows).
//
// initContextClose() derives a cancellable context and starts awaitDone(), which waits for the
// context's Done channel, a channel only ever closed. Nothing cancels the context: Rows.close()
// does not call rs.cancel(), and the test never closes the rows. The goroutine waits forever
// for a close that never comes: a leak at test exit.
// The fix (marked in the kernel): close() calls rs.cancel(), and the test closes the rows.
#include "../realbugs.hpp"

#include <memory>

namespace {

// context.WithCancel: the Done channel is only ever closed; cancel closes it (idempotent).
struct Context {
  csp::Chan<csp::Unit> done;
  void cancel() const { done.close(); }
};

struct Rows {
  std::shared_ptr<Context> ctx;  // rs.cancel
  bool fixed = false;
};

void close(const Rows& rs) {
  if (rs.fixed) rs.ctx->cancel();  // rs.cancel()
}

csp::Proc<void> awaitDone(Rows rs, Context ctx) {
  co_await ctx.done.take();  // <-ctx.Done()
  close(rs);                 // rs.close(ctx.Err())
}

void initContextClose(Rows& rs) {
  Context ctx{csp::chan<csp::Unit>("ctx.Done")};  // ctx, rs.cancel = context.WithCancel(ctx)
  rs.ctx = std::make_shared<Context>(ctx);
  csp::spawn("G2 awaitDone", [rs, ctx]() -> csp::Proc<void> { co_await awaitDone(rs, ctx); });
}

csp::Proc<void> TestCockroach13755(realbugs::Flags f) {
  Rows rs;
  rs.fixed = f.fixed;
  initContextClose(rs);
  if (f.fixed) close(rs);  // FIX: rs.close()
  co_return;
}

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestCockroach13755); }
