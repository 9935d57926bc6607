// The cspscope runtime: channels, go processes, threads, alts, timeouts, two schedulers, and a
// trace of all of it. See docs/runtime.md.
#pragma once

#include <csp/alts.hpp>
#include <csp/async_ops.hpp>
#include <csp/buffer_spec.hpp>
#include <csp/buffers/dropping_buffer.hpp>
#include <csp/buffers/fixed_buffer.hpp>
#include <csp/buffers/promise_buffer.hpp>
#include <csp/buffers/sliding_buffer.hpp>
#include <csp/chan.hpp>
#include <csp/combinators/map.hpp>
#include <csp/combinators/merge.hpp>
#include <csp/combinators/mix.hpp>
#include <csp/combinators/mult.hpp>
#include <csp/combinators/onto_chan_blocking.hpp>
#include <csp/combinators/pipe.hpp>
#include <csp/combinators/pipeline.hpp>
#include <csp/combinators/pipeline_async.hpp>
#include <csp/combinators/pub.hpp>
#include <csp/combinators/reduce.hpp>
#include <csp/combinators/split.hpp>
#include <csp/combinators/transduce.hpp>
#include <csp/describe.hpp>
#include <csp/errors.hpp>
#include <csp/go.hpp>
#include <csp/proc.hpp>
#include <csp/put_any.hpp>
#include <csp/report_exception.hpp>
#include <csp/run.hpp>
#include <csp/send_chan.hpp>
#include <csp/take_any.hpp>
#include <csp/timeout.hpp>
#include <csp/transducers.hpp>
#include <csp/transform_chan.hpp>
#include <csp/unit.hpp>
#include <csp/yield.hpp>
