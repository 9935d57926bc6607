// GoKer goker/blocking/grpc/1275 (grpc-go PR 1275, transport TestInflightStreamClosing).
//
// A goroutine reads from a stream; the reader waits on the stream's receive buffer. The test
// closes the stream, which should tell in-flight readers, but CloseStream() sends nothing: the
// test times out after 300 ns and returns, and the reader waits forever on a channel nobody will
// ever send on. A goroutine leak at test exit.
// The fix: CloseStream() sends an error message to the stream ("notify in-flight streams, before
// the deletion"); the read returns that error and the reader ends. (The kernel's reader returns
// (0, nil) for any message, which io.ReadFull would call again; the port lets the message carry
// the error, true, as the real recvMsg does, so that ReadFull stops on it.)
#include "../realbugs.hpp"

using namespace std::chrono_literals;

namespace {

struct recvBuffer {
  csp::Chan<bool> c;  // a message: true when it carries an error
};

// recvBufferReader.Read: (bytes read, error).
csp::Proc<bool> Read(recvBuffer recv) {
  std::optional<bool> msg = co_await recv.c.take();  // select { case <-r.recv.get(): }
  co_return msg.value_or(false);
}

struct Stream {
  recvBuffer trReader;
};

// io.ReadFull(s.trReader, p) with len(p) == 1: Read until a byte or an error.
csp::Proc<void> StreamRead(Stream s) {
  for (bool err = false; !err;) err = co_await Read(s.trReader);
}

Stream NewStream() { return Stream{recvBuffer{csp::chan<bool>("recv.c")}}; }

csp::Proc<void> CloseStream(Stream s, bool fixed) {
  if (fixed) co_await s.trReader.c.put(true);  // s.write(recvMsg{err: err})
}

csp::Proc<void> testInflightStreamClosing(bool fixed) {
  Stream stream = NewStream();            // client.NewStream()
  auto donec = csp::chan<bool>("donec");  // only ever closed
  csp::spawn("G2 stream.Read", [stream, donec]() -> csp::Proc<void> {
    co_await StreamRead(stream);
    donec.close();  // defer close(donec)
  });
  co_await CloseStream(stream, fixed);
  // timeout := time.NewTimer(300 * time.Nanosecond); a timer that is never read is not waited
  // for, so the port leaves out `if !timeout.Stop() { <-timeout.C }`.
  co_await csp::alts(csp::take(donec), csp::take(csp::timeout(300ns)));
}

csp::Proc<void> TestGrpc1293(realbugs::Flags f) { co_await testInflightStreamClosing(f.fixed); }

}  // namespace

int main(int argc, char** argv) { return realbugs::run_kernel(argc, argv, TestGrpc1293); }
