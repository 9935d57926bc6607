#include "command_line.hpp"

#include <QCommandLineParser>
#include <QRegularExpression>

#include <cstring>

namespace cspview {

bool wants_screenshot(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0) return true;
  return false;
}

CommandLine parse_command_line(const QStringList& args) {
  CommandLine out;
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral("cspview: view, step through and debug cspscope traces."));
  p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("trace to open (.jsonl or .csptrace)"));
  QCommandLineOption at(QStringLiteral("at"), QStringLiteral("put the cursor after event EVENT_INDEX (0 is the first event)"),
                        QStringLiteral("EVENT_INDEX"));
  QCommandLineOption shot(QStringLiteral("screenshot"),
                          QStringLiteral("render the window to OUT.png and exit (offscreen when there is no display)"),
                          QStringLiteral("OUT.png"));
  QCommandLineOption size(QStringLiteral("size"), QStringLiteral("window size, default 1280x800"), QStringLiteral("WxH"));
  QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("dark theme"));
  QCommandLineOption present(QStringLiteral("presentation"), QStringLiteral("presentation mode: large fonts, panels hidden"));
  QCommandLineOption help = p.addHelpOption();
  p.addOptions({at, shot, size, dark, present});
  out.help_text = p.helpText();
  if (!p.parse(args)) {
    out.error = p.errorText();
    return out;
  }
  out.help = p.isSet(help);
  const QStringList pos = p.positionalArguments();
  if (pos.size() > 1) {
    out.error = QStringLiteral("one trace file at a time, got %1: %2").arg(pos.size()).arg(pos.join(QStringLiteral(", ")));
    return out;
  }
  if (!pos.isEmpty()) out.file = pos.front();
  if (p.isSet(at)) {
    bool ok = false;
    const qulonglong v = p.value(at).toULongLong(&ok);
    if (!ok) {
      out.error = QStringLiteral("--at takes an event index (0, 1, 2, …), not \"%1\"").arg(p.value(at));
      return out;
    }
    out.at = size_t(v);
  }
  if (p.isSet(size)) {
    static const QRegularExpression wxh(QStringLiteral("^(\\d+)x(\\d+)$"));
    const auto mt = wxh.match(p.value(size));
    const int w = mt.hasMatch() ? mt.captured(1).toInt() : 0, h = mt.hasMatch() ? mt.captured(2).toInt() : 0;
    if (w < 320 || h < 240 || w > 10000 || h > 10000) {
      out.error = QStringLiteral("--size takes WIDTHxHEIGHT between 320x240 and 10000x10000, e.g. 1600x900, not \"%1\"")
                      .arg(p.value(size));
      return out;
    }
    out.size = QSize(w, h);
  }
  out.screenshot = p.value(shot);
  if (p.isSet(shot) && out.screenshot.isEmpty()) out.error = QStringLiteral("--screenshot needs a file name");
  out.dark = p.isSet(dark);
  out.presentation = p.isSet(present);
  return out;
}

}  // namespace cspview
