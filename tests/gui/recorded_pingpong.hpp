// A ping-pong of `rounds` round trips recorded into dir by the pingpong sample, in the binary
// encoding: about 6 events a round, on two processes and their channels. For the viewer tests
// that need a real recording of some size.
#pragma once

#include "../tracer/child_process.hpp"

#include <QString>
#include <QTemporaryDir>

#include <catch2/catch.hpp>

#include <cstdio>
#include <string>

inline std::string record_pingpong(const QTemporaryDir& dir, int rounds) {
  const std::string path = dir.filePath(QStringLiteral("pingpong.csptrace")).toStdString();
  auto child =
      csp_test::start_child(PINGPONG_EXE, {"--rounds", std::to_string(rounds), "--trace", path});
  char line[256];
  while (std::fgets(line, sizeof line, child.out)) {
  }
  std::fclose(child.out);
  REQUIRE(csp_test::wait_signal(child.pid) == -1);
  return path;
}
