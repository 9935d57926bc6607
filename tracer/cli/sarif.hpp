// `csptrace check --format sarif`: findings as a SARIF 2.1.0 log (OASIS Static Analysis Results
// Interchange Format), which code-scanning services show on the source lines of a change.
#pragma once

#include <csptrace/finding.hpp>
#include <csptrace/trace_model.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace csptrace::cli {

// One run of the tool `csptrace`, one rule per finding kind, one result per finding with its
// source locations ("file:line" split into an artifact and a start line) and the explanation as
// the message. `srcroot`, when not empty, is taken off the front of each file and given as the
// %SRCROOT% base of the relative paths that remain.
nlohmann::ordered_json sarif_log(const TraceModel& m, const std::vector<Finding>& findings,
                                 const std::string& srcroot);

}  // namespace csptrace::cli
