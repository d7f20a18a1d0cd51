#pragma once
// One embedded Catalogs for the whole test binary (loading it takes about a second in Debug).
#include "portal/catalog/catalogs.hpp"

inline const portal::catalog::Catalogs& catalogs() {
  static const auto c = portal::catalog::Catalogs::embedded();
  return *c;
}
