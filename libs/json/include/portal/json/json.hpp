#pragma once
// RapidJSON helpers. Parsing is iterative (no recursion: 100,000 nested '[' must not crash) with a
// depth limit; ObjectReader reads typed fields and collects *every* field error (SPEC §2) instead of
// stopping at the first.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "portal/core/errors.hpp"

namespace portal::json {

inline constexpr int kDefaultMaxDepth = 32;

struct ParseError {
  std::string code;  // "malformed_json" | "too_deep" | "not_an_object"
  std::size_t offset = 0;
  core::Text message;
};

struct Parsed {
  rapidjson::Document doc;
  std::optional<ParseError> error;  // set when parsing failed; doc is then unusable
  bool ok() const { return !error.has_value(); }
};

// Parses body (must be UTF-8 JSON); require_object additionally demands a top-level object.
Parsed parse(std::string_view body, int max_depth = kDefaultMaxDepth, bool require_object = true);

// Reads the members of one JSON object. Field names in errors are prefixed ("referral.nit").
// A field that is present with the wrong type is an error "invalid_type"; a missing required one
// "required"; an empty/blank required string "required"; a string longer than max_len "too_long";
// a number out of [min,max] "out_of_range". Messages come in Spanish and English.
class ObjectReader {
 public:
  ObjectReader(const rapidjson::Value& object, core::FieldErrors& errors, std::string prefix = "");

  std::optional<std::string> required_string(std::string_view name, std::size_t max_len = 200);
  std::optional<std::string> optional_string(std::string_view name, std::size_t max_len = 200);
  std::optional<long long> required_int(std::string_view name, long long min, long long max);
  std::optional<long long> optional_int(std::string_view name, long long min, long long max);
  std::optional<bool> required_bool(std::string_view name);
  std::optional<bool> optional_bool(std::string_view name);
  // Strings from a closed set; anything else is "invalid_value" listing the allowed values.
  std::optional<std::string> required_enum(std::string_view name,
                                           const std::vector<std::string_view>& allowed);
  std::optional<std::string> optional_enum(std::string_view name,
                                           const std::vector<std::string_view>& allowed);
  // Arrays of strings (each checked against max_len); nullopt when missing/invalid.
  std::optional<std::vector<std::string>> optional_string_array(std::string_view name, std::size_t max_items,
                                                                std::size_t max_len = 200);
  // Nested values; nullptr when missing or of the wrong type (the error is recorded for required ones).
  const rapidjson::Value* required_object(std::string_view name);
  const rapidjson::Value* optional_object(std::string_view name);
  const rapidjson::Value* required_array(std::string_view name);
  const rapidjson::Value* optional_array(std::string_view name);
  bool has(std::string_view name) const;

  // Adds an error for a field of this object (the prefix is applied).
  void add_error(std::string_view name, std::string code, core::Text message);
  // The full name of a member of this object: prefix + name.
  std::string path(std::string_view name) const;

 private:
  const rapidjson::Value* member(std::string_view name) const;
  const rapidjson::Value& object_;
  core::FieldErrors& errors_;
  std::string prefix_;
};

// Common field messages, reused by services for their own checks.
core::Text required_message();
core::Text invalid_type_message(std::string_view expected_es, std::string_view expected_en);

// Serialization helpers.
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;
std::string to_string(const rapidjson::Value& value);
inline void write_string(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
inline void write_key(Writer& w, std::string_view s) {
  w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
// Writes a string or null.
void write_optional(Writer& w, const std::optional<std::string>& s);
// SPEC §2 field errors as `[{field, code, message}]`, messages in `lang` (problem+json and load reports).
void write_field_errors(Writer& w, const core::FieldErrors& errors, core::Lang lang);

// A list of strings stored as one JSON array text (a TEXT column), and back: what is not a JSON array
// reads as empty, and elements that are not strings are skipped.
std::string string_array_json(const std::vector<std::string>& values);
std::vector<std::string> parse_string_array(std::string_view text);

// One text per JSON value, whatever the sender's layout (issue 10: an idempotent retry that re-serializes
// its body is the same request): object members sorted by name (byte order; a duplicated name keeps
// every occurrence, in its order), no insignificant whitespace, strings in UTF-8 with only the escapes
// JSON requires. Numbers are written as parsed (1 and 1.0 stay different). nullopt when `body` is not
// JSON (any top-level value is accepted).
std::optional<std::string> canonical(std::string_view body);

}  // namespace portal::json
