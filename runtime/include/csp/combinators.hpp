// The combinators, each built from the primitives as named, traced processes (core.async's
// pipe, pipeline, merge, split, mult/tap, pub/sub, onto-chan/to-chan, reduce/into).
#pragma once

#include <csp/combinators/collections.hpp>
#include <csp/combinators/merge.hpp>
#include <csp/combinators/mult.hpp>
#include <csp/combinators/pipe.hpp>
#include <csp/combinators/pipeline.hpp>
#include <csp/combinators/pub.hpp>
#include <csp/combinators/split.hpp>
