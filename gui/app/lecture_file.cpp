#include "lecture_file.hpp"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace cspview {

namespace {

int line_of(const QByteArray& data, qsizetype offset) {
  return int(data.left(std::min(offset, data.size())).count('\n')) + 1;
}

// The line where the i-th bookmark object starts, for messages about its contents.
int line_of_bookmark(const QByteArray& data, qsizetype i) {
  const qsizetype list = data.indexOf("\"bookmarks\"");
  qsizetype at = list, seen = -1;
  while (at >= 0 && seen < i) {
    at = data.indexOf('{', at + 1);
    ++seen;
  }
  return at < 0 ? 1 : line_of(data, at);
}

}  // namespace

QString lecture_path(const QString& trace) {
  if (trace.isEmpty() || trace == QStringLiteral("-")) return {};
  return trace + QStringLiteral(".cspview.json");
}

bool read_lecture(const QString& path, LectureScript* script, QString* error) {
  script->clear();
  QFile f(path);
  if (!f.exists()) return true;
  if (!f.open(QIODevice::ReadOnly)) {
    if (error)
      *error = QStringLiteral("%1: cannot read the lecture script (%2)").arg(path, f.errorString());
    return false;
  }
  const QByteArray data = f.readAll();
  QJsonParseError pe;
  const QJsonDocument doc = QJsonDocument::fromJson(data, &pe);
  const QString fix =
      QStringLiteral("; fix or delete the file, the trace opens without its bookmarks");
  if (pe.error != QJsonParseError::NoError) {
    if (error)
      *error = QStringLiteral("%1:%2: not valid JSON: %3")
                   .arg(path)
                   .arg(line_of(data, pe.offset))
                   .arg(pe.errorString()) +
               fix;
    return false;
  }
  const QJsonValue list = doc.object().value(QStringLiteral("bookmarks"));
  if (!doc.isObject() || !list.isArray()) {
    if (error)
      *error = QStringLiteral("%1:1: expected an object with a \"bookmarks\" list").arg(path) + fix;
    return false;
  }
  const QJsonArray arr = list.toArray();
  for (qsizetype i = 0; i < arr.size(); ++i) {
    const QJsonObject o = arr[i].toObject();
    const double event = o.value(QStringLiteral("event")).toDouble(-1);
    if (!arr[i].isObject() || event < 1 || event != double(uint64_t(event))) {
      if (error)
        *error = QStringLiteral(
                     "%1:%2: bookmark %3 needs \"event\": the event number as csptrace prints it "
                     "(1, 2, …)")
                     .arg(path)
                     .arg(line_of_bookmark(data, i))
                     .arg(i + 1) +
                 fix;
      script->clear();
      return false;
    }
    script->add(Bookmark{uint64_t(event), o.value(QStringLiteral("title")).toString().toStdString(),
                         o.value(QStringLiteral("note")).toString().toStdString()});
  }
  return true;
}

bool write_lecture(const QString& path, const LectureScript& script, QString* error) {
  QJsonArray arr;
  for (const Bookmark& b : script.bookmarks())
    arr.append(QJsonObject{{QStringLiteral("event"), qint64(b.event)},
                           {QStringLiteral("title"), QString::fromStdString(b.title)},
                           {QStringLiteral("note"), QString::fromStdString(b.note)}});
  const QJsonObject root{{QStringLiteral("format"), QStringLiteral("cspview-lecture")},
                         {QStringLiteral("version"), 1},
                         {QStringLiteral("bookmarks"), arr}};
  QSaveFile f(path);
  if (path.isEmpty() || !f.open(QIODevice::WriteOnly) ||
      f.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) < 0 || !f.commit()) {
    if (error)
      *error =
          QStringLiteral("%1: cannot write the lecture script (is the folder writable?)").arg(path);
    return false;
  }
  return true;
}

}  // namespace cspview
