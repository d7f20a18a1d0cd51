// portalctl: operator commands. OPS-6: `portalctl catalog import <name> <file.csv> --out <dir>`
// validates a full official table, prints the rejected lines with their reasons, and writes the
// accepted rows into <dir>/<name>.csv, which services load at start-up with PORTAL_CATALOG_DIR=<dir>.
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "portal/catalog/catalogs.hpp"
#include "portal/catalog/import.hpp"

namespace {

int usage() {
  std::cerr << "usage:\n"
               "  portalctl catalog import <name> <file.csv> [--out <dir>]   validate (and write) a catalog\n"
               "  portalctl catalog list                                     catalog names, sizes and versions\n"
               "  portalctl catalog check [<dir>]                            load <dir> (or PORTAL_CATALOG_DIR) as a service would\n"
               "names:";
  for (const auto& n : portal::catalog::importable_names()) std::cerr << ' ' << n;
  std::cerr << '\n';
  return 2;
}

int import(const std::vector<std::string>& args) {
  if (args.size() < 2) return usage();
  std::optional<std::filesystem::path> out;
  for (std::size_t i = 2; i < args.size(); ++i) {
    if (args[i] == "--out" && i + 1 < args.size()) out = args[++i];
    else return usage();
  }
  const auto report = portal::catalog::import_csv(args[0], args[1], out);
  if (!report.ok()) {
    std::cerr << "error: " << report.error << '\n';
    return 1;
  }
  for (const auto& r : report.rejected) std::cout << args[1] << ':' << r.line << ": rejected: " << r.reason << '\n';
  std::cout << report.name << ": " << report.loaded << " loaded, " << report.rejected.size() << " rejected";
  if (out) std::cout << "; written to " << (*out / portal::catalog::file_name(report.name)).string();
  std::cout << '\n';
  return report.rejected.empty() ? 0 : 3;
}

int list(const std::optional<std::filesystem::path>& dir) {
  const auto catalogs = dir ? portal::catalog::Catalogs::load(dir) : portal::catalog::Catalogs::from_environment();
  for (const auto& n : catalogs->names()) {
    const auto* c = catalogs->get(n);
    std::cout << n << '\t' << c->size() << '\t' << c->version() << '\n';
  }
  std::cout << "cie10_limits\t" << catalogs->cie10_limits().size() << '\n';
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() < 2 || args[0] != "catalog") return usage();
  try {
    if (args[1] == "import") return import({args.begin() + 2, args.end()});
    if (args[1] == "list" && args.size() == 2) return list(std::nullopt);
    if (args[1] == "check" && args.size() <= 3) {
      return list(args.size() == 3 ? std::optional<std::filesystem::path>(args[2]) : std::nullopt);
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << '\n';
    return 1;
  }
  return usage();
}
