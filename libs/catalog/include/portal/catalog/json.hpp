#pragma once
// JSON rendering of catalog items and pages for GET /api/v1/catalogs/{name} (issue 3), so every
// service serves catalogs the same way: {"code","description",<fields>...}.
#include <string>

#include "portal/catalog/item.hpp"

namespace portal::catalog {

std::string to_json(const Item& item);
// {"items":[...],"page":1,"per_page":20,"total":123}
std::string to_json(const Page& page);

}  // namespace portal::catalog
