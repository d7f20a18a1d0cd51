#pragma once
// Accent- and case-insensitive comparison for catalog search: "Neumonía", "NEUMONIA" and "neumonia"
// fold to the same text.
#include <string>
#include <string_view>

namespace portal::catalog {

// Lower-cases ASCII letters, maps the Latin-1 accented letters of Spanish (á é í ó ú ü ñ and their
// capitals, plus à è ì ò ù â ê î ô û ç) to their base letter, keeps digits, and turns every other
// character into a single space; leading/trailing spaces are dropped.
std::string fold(std::string_view utf8);

}  // namespace portal::catalog
