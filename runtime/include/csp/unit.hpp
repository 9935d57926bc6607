// The value of a channel that carries no information: timeout channels, done signals.
#pragma once

namespace csp {

struct Unit {
  bool operator==(const Unit&) const = default;
};

}  // namespace csp
