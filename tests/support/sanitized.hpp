// Whether this test binary (and so the programs it runs, built alike) is built with ASan or
// TSan: their shadow memory, quarantine and reserved address space make bounds on a process's
// memory meaningless, so tests that check one skip it and say so.
#pragma once

namespace csp_test {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool kSanitized = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool kSanitized = true;
#else
inline constexpr bool kSanitized = false;
#endif
#else
inline constexpr bool kSanitized = false;
#endif

}  // namespace csp_test
