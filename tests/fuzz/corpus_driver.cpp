// Runs a fuzz target over files (or every file in folders) once each, without libFuzzer: this
// is how the corpora and the crash regressions run as ordinary ctest tests under gcc.
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  size_t runs = 0;
  auto run_file = [&](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
    ++runs;
  };
  for (int i = 1; i < argc; ++i) {
    fs::path arg(argv[i]);
    if (fs::is_directory(arg)) {
      for (const auto& e : fs::recursive_directory_iterator(arg))
        if (e.is_regular_file()) run_file(e.path());
    } else if (fs::is_regular_file(arg)) {
      run_file(arg);
    } else {
      std::fprintf(stderr, "corpus_driver: %s is neither a file nor a folder\n", argv[i]);
      return 2;
    }
  }
  std::printf("%zu inputs ran without a finding\n", runs);
  return runs > 0 ? 0 : 1;
}
