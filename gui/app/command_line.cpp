#include "command_line.hpp"

#include <csptrace/edit_distance.hpp>

#include <QCommandLineParser>
#include <QRegularExpression>

#include <algorithm>
#include <cstring>
#include <vector>

namespace cspview {

bool wants_screenshot(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--screenshot") == 0 || std::strncmp(argv[i], "--screenshot=", 13) == 0) return true;
  return false;
}

std::optional<double> parse_time(const QString& text) {
  static const QRegularExpression re(QStringLiteral("^\\s*([0-9]*\\.?[0-9]+)\\s*(ns|us|µs|ms|s)?\\s*$"));
  const auto m = re.match(text);
  if (!m.hasMatch()) return std::nullopt;
  const double v = m.captured(1).toDouble();
  const QString unit = m.captured(2);
  const double scale = unit == QStringLiteral("s")    ? 1e9
                       : unit == QStringLiteral("ms") ? 1e6
                       : unit == QStringLiteral("us") || unit == QStringLiteral("µs") ? 1e3
                                                                                       : 1;
  return v * scale;
}

QString nearest_option(const QString& unknown, const QStringList& known) {
  QString best;
  size_t best_d = size_t(-1);
  const std::string word = unknown.toStdString();
  for (const QString& k : known)
    if (const size_t d = csptrace::edit_distance(word, k.toStdString()); d < best_d) best_d = d, best = k;
  return best;
}

CommandLine parse_command_line(const QStringList& args) {
  CommandLine out;
  QCommandLineParser p;
  p.setApplicationDescription(QStringLiteral("cspview: view, step through and debug cspscope traces."));
  p.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("trace to open (.jsonl or .csptrace)"));
  QCommandLineOption at(QStringLiteral("at"),
                        QStringLiteral("put the cursor on event EVENT, numbered as csptrace print numbers it (#1 is "
                                       "the first)"),
                        QStringLiteral("EVENT"));
  QCommandLineOption shot(QStringLiteral("screenshot"),
                          QStringLiteral("render the window to OUT.png and exit (offscreen when there is no display)"),
                          QStringLiteral("OUT.png"));
  QCommandLineOption json(QStringLiteral("view-json"),
                          QStringLiteral("with --screenshot: also write what the window shows as JSON (visible_ns, "
                                         "run_ns, cursor_event, finding, caption, ...)"),
                          QStringLiteral("OUT.json"));
  QCommandLineOption view(QStringLiteral("view"),
                          QStringLiteral("show the time from BEGIN to END (trace time, e.g. 400us:560us; ns without a "
                                         "unit), instead of the whole run"),
                          QStringLiteral("BEGIN:END"));
  QCommandLineOption size(QStringLiteral("size"), QStringLiteral("window size, default 1280x800"), QStringLiteral("WxH"));
  QCommandLineOption dark(QStringLiteral("dark"), QStringLiteral("dark theme"));
  QCommandLineOption present(QStringLiteral("presentation"),
                             QStringLiteral("presentation mode: full screen, large type, panels hidden"));
  QCommandLineOption help = p.addHelpOption();
  QCommandLineOption version = p.addVersionOption();
  p.addOptions({at, shot, json, view, size, dark, present});
  QCommandLineOption source_dir(QStringLiteral("source-dir"),
                                QStringLiteral("look for the program's sources in DIR too (the source pane)"),
                                QStringLiteral("DIR"));
  p.addOption(source_dir);
  // "Usage: cspview ...", whether or not a QCoreApplication exists yet (it may not, see main).
  out.help_text = p.helpText();
  static const QRegularExpression usage(QStringLiteral("^Usage: \\S+"));
  out.help_text.replace(usage, QStringLiteral("Usage: cspview"));
  // An unknown option is named with the nearest known one, before Qt's own message.
  QStringList known;
  for (const QCommandLineOption& o : {at, shot, json, view, size, dark, present, help, version})
    for (const QString& n : o.names()) known << (n.size() == 1 ? QStringLiteral("-") : QStringLiteral("--")) + n;
  known << QStringLiteral("--help-all");  // QCommandLineParser's own
  known << QStringLiteral("--source-dir");
  for (qsizetype i = 1; i < args.size(); ++i) {
    const QString& a = args[i];
    if (a == QStringLiteral("--")) break;
    if (!a.startsWith(QLatin1Char('-')) || a == QStringLiteral("-")) continue;
    const QString name = a.section(QLatin1Char('='), 0, 0);
    if (!known.contains(name)) {
      out.error = QStringLiteral("unknown option %1; did you mean %2?").arg(name, nearest_option(name, known));
      return out;
    }
  }
  if (!p.parse(args)) {
    out.error = p.errorText();
    return out;
  }
  out.help = p.isSet(help) || p.isSet(version);
  if (p.isSet(version)) out.help_text = QStringLiteral("cspview " CSPVIEW_VERSION "\n");
  const QStringList pos = p.positionalArguments();
  if (pos.size() > 1) {
    out.error = QStringLiteral("one trace file at a time, got %1: %2").arg(pos.size()).arg(pos.join(QStringLiteral(", ")));
    return out;
  }
  if (!pos.isEmpty()) out.file = pos.front();
  if (p.isSet(at)) {
    bool ok = false;
    QString v = p.value(at);
    if (v.startsWith(QLatin1Char('#'))) v.remove(0, 1);
    const qulonglong n = v.toULongLong(&ok);
    if (!ok) {
      out.error = QStringLiteral("--at takes an event number as csptrace prints it (1, 2, … or #74), not \"%1\"")
                      .arg(p.value(at));
      return out;
    }
    out.at = n;
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
  if (p.isSet(view)) {
    const QStringList ends = p.value(view).split(QLatin1Char(':'));
    const auto b = ends.size() == 2 ? parse_time(ends[0]) : std::nullopt;
    const auto e = ends.size() == 2 ? parse_time(ends[1]) : std::nullopt;
    if (!b || !e || *e <= *b) {
      out.error = QStringLiteral("--view takes BEGIN:END with BEGIN before END, e.g. 400us:560us, not \"%1\"")
                      .arg(p.value(view));
      return out;
    }
    out.view = std::pair(*b, *e);
  }
  out.screenshot = p.value(shot);
  out.view_json = p.value(json);
  if (p.isSet(shot) && out.screenshot.isEmpty()) out.error = QStringLiteral("--screenshot needs a file name");
  if (p.isSet(json) && out.view_json.isEmpty()) out.error = QStringLiteral("--view-json needs a file name");
  if (p.isSet(json) && !p.isSet(shot)) out.error = QStringLiteral("--view-json goes with --screenshot OUT.png");
  out.dark = p.isSet(dark);
  out.presentation = p.isSet(present);
  out.source_dir = p.value(source_dir);
  return out;
}

}  // namespace cspview
