// Text from a trace is bytes until proven UTF-8: names, locations and previews come from the
// traced program, and a binary trace carries any bytes. Every output that must be UTF-8 (JSON,
// SARIF, the viewer) passes them through valid_utf8, the one policy: each byte that does not
// start a well-formed sequence becomes U+FFFD, visibly, and nothing else changes.
#pragma once

#include <string>
#include <string_view>

namespace csptrace {

// True when s is well-formed UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF).
bool is_valid_utf8(std::string_view s) noexcept;

// s with every byte that is not part of a well-formed sequence replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

}  // namespace csptrace
