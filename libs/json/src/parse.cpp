// Iterative parsing with a depth limit (ARCHITECTURE "Facts": recursive RapidJSON parsing crashes on
// ~100,000 nested '['), strict UTF-8 validation, and errors that say where the body went wrong.
#include <rapidjson/encodedstream.h>
#include <rapidjson/error/en.h>
#include <rapidjson/memorystream.h>
#include <rapidjson/reader.h>

#include <string>

#include "depth_limited_handler.hpp"
#include "portal/json/json.hpp"

namespace portal::json {
namespace {

constexpr unsigned kParseFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

ParseError malformed(std::size_t offset, bool bad_encoding) {
  const std::string at = std::to_string(offset);
  if (bad_encoding) {
    return {"malformed_json", offset,
            {"El cuerpo contiene texto que no es UTF-8 válido (posición " + at + ")",
             "The body contains invalid UTF-8 text (offset " + at + ")"}};
  }
  return {"malformed_json", offset,
          {"El cuerpo no es JSON válido (posición " + at + ")", "The body is not valid JSON (offset " + at + ")"}};
}

ParseError too_deep(std::size_t offset, int max_depth) {
  const std::string max = std::to_string(max_depth);
  return {"too_deep", offset,
          {"El JSON tiene demasiados niveles de anidamiento (máximo " + max + ")",
           "The JSON is nested too deeply (at most " + max + " levels)"}};
}

ParseError not_an_object() {
  return {"not_an_object", 0, {"El cuerpo debe ser un objeto JSON", "The body must be a JSON object"}};
}

}  // namespace

Parsed parse(std::string_view body, int max_depth, bool require_object) {
  Parsed result;
  // A NUL byte is never valid JSON text, and RapidJSON's streams treat it as end of input, which would
  // accept `{}\0anything`.
  if (const auto nul = body.find('\0'); nul != std::string_view::npos) {
    result.error = malformed(nul, false);
    return result;
  }

  rapidjson::MemoryStream memory(body.data(), body.size());
  rapidjson::EncodedInputStream<rapidjson::UTF8<>, rapidjson::MemoryStream> input(memory);
  rapidjson::Reader reader;
  rapidjson::ParseResult outcome;
  bool limit_hit = false;
  auto generator = [&](rapidjson::Document& doc) {
    detail::DepthLimitedHandler<rapidjson::Document> handler(doc, max_depth);
    outcome = reader.Parse<kParseFlags>(input, handler);
    limit_hit = handler.too_deep();
    return !outcome.IsError();
  };
  result.doc.Populate(generator);

  if (outcome.IsError()) {
    if (limit_hit) {
      result.error = too_deep(outcome.Offset(), max_depth);
    } else {
      result.error = malformed(outcome.Offset(), outcome.Code() == rapidjson::kParseErrorStringInvalidEncoding);
    }
    return result;
  }
  if (require_object && !result.doc.IsObject()) result.error = not_an_object();
  return result;
}

}  // namespace portal::json
