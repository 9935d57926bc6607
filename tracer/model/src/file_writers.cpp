#include "file_writers.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace csptrace {

namespace {

bool is_number(const char* s) {
  if (!*s) return false;
  for (; *s; ++s)
    if (*s < '0' || *s > '9') return false;
  return true;
}

// The open flags of descriptor `fd_name` of process `pid` ("flags:\t0100001" in fdinfo, octal).
bool opened_for_writing(const std::string& pid, const char* fd_name) {
  const std::string info = "/proc/" + pid + "/fdinfo/" + fd_name;
  FILE* f = std::fopen(info.c_str(), "re");
  if (!f) return false;
  char line[128];
  bool writes = false;
  while (std::fgets(line, sizeof line, f)) {
    if (std::strncmp(line, "flags:", 6) == 0) {
      const long flags = std::strtol(line + 6, nullptr, 8);
      writes = (flags & O_ACCMODE) != O_RDONLY;
      break;
    }
  }
  std::fclose(f);
  return writes;
}

bool process_writes(const std::string& pid, const struct stat& target) {
  const std::string dir = "/proc/" + pid + "/fd";
  DIR* d = ::opendir(dir.c_str());
  if (!d) return false;
  bool found = false;
  while (const dirent* ent = ::readdir(d)) {
    if (!is_number(ent->d_name)) continue;
    struct stat st {};
    if (::stat((dir + "/" + ent->d_name).c_str(), &st) != 0) continue;
    if (st.st_dev != target.st_dev || st.st_ino != target.st_ino) continue;
    if (opened_for_writing(pid, ent->d_name)) {
      found = true;
      break;
    }
  }
  ::closedir(d);
  return found;
}

}  // namespace

bool file_has_writer(int fd) {
  struct stat target {};
  if (::fstat(fd, &target) != 0) return false;
  DIR* proc = ::opendir("/proc");
  if (!proc) return true;  // cannot tell: keep waiting rather than stop a live follow early
  bool found = false;
  while (const dirent* ent = ::readdir(proc)) {
    if (!is_number(ent->d_name)) continue;
    if (process_writes(ent->d_name, target)) {
      found = true;
      break;
    }
  }
  ::closedir(proc);
  return found;
}

}  // namespace csptrace
