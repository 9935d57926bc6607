// Fitting a "what (where)" label into the room there is: the source path goes first (its
// folders, then all of it), the words last, so a narrow window still reads
// "stuck: take fork-1", never "stuck: take…ain.cpp:52)". Qt-free: the caller passes the text
// width function (font metrics on screen, a fixed advance in tests).
#pragma once

#include <functional>
#include <string>

namespace cspview {

using TextWidth = std::function<double(const std::string&)>;

// The longest of: "what (where)", "what (file:line)" (folders dropped), "what", and `what`
// cut at the end with "…"; empty when not even "…" fits.
std::string fit_label(const std::string& what, const std::string& where, double max_width,
                      const TextWidth& width);

}  // namespace cspview
