#pragma once
// What the Res. 3047 forms (Anexo 2 in urgencies, Anexo 3 in authorizations) print in a field: a stored
// value or its fallback, a catalog code's name, and a catalog as check boxes.
#include <string>
#include <string_view>
#include <vector>

#include "portal/documents/document.hpp"

namespace portal::catalog {
class Catalogs;
}

namespace portal::documents {

// `value`, or `fallback` when value is empty (the provider's registered name or NIT when the directory
// has none).
std::string or_fallback(const std::string& value, const std::string& fallback);

// The catalog's name for a code, or the code itself when the catalog does not know it (a snapshot
// stored before a catalog update still prints); "" for "".
std::string describe(const catalog::Catalogs& catalogs, std::string_view name, std::string_view code);

// Every option of a catalog in file order, the one with `code` marked; none when there is no such catalog.
std::vector<Option> catalog_options(const catalog::Catalogs& catalogs, std::string_view name,
                                    std::string_view code);

}  // namespace portal::documents
