// Runs the cspview executable as a user would, for the command-line tests: its exit code and
// what it said on standard error.
#pragma once

#include <QProcess>
#include <QString>
#include <QStringList>

struct CspviewRun {
  int exit_code = -1;
  QString err;
};

inline CspviewRun run_cspview(const QStringList& args, int timeout_ms = 30000) {
  QProcess p;
  p.start(QStringLiteral(CSPVIEW_EXE), args);
  if (!p.waitForFinished(timeout_ms)) return {};
  return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1,
          QString::fromUtf8(p.readAllStandardError())};
}
