#pragma once
// Issue 20: the browsable API reference the gateway serves at /docs — Swagger UI from the Debian package
// python3-flasgger (its static files are read from the package's directory, never copied into the
// repository nor fetched at run time), a page and a start script of our own, and the contract rendered as
// OpenAPI 3.0 (swagger_ui_spec.hpp). docs/api-reference.md explains the choices.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace portal::gateway {

// Where Debian 12's python3-flasgger keeps Swagger UI 3.28 (PORTAL_SWAGGER_UI_DIR overrides it).
inline constexpr const char* kDefaultSwaggerUiDir = "/usr/lib/python3/dist-packages/flasgger/ui3/static";

// The Content-Security-Policy of /docs and below, and only there (every other answer keeps
// "default-src 'none'"): scripts and styles from the gateway itself (no inline script, no eval), the
// stylesheet's data: SVG icons, calls to the same origin ("Try it out", the document), nothing framed.
// React sets styles through the CSSOM, which style-src does not govern, so no 'unsafe-inline' is needed.
inline constexpr const char* kApiReferenceSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

struct ApiReferenceFile {
  std::string name;          // as requested: /docs/assets/<name>
  std::string content_type;  // text/javascript, text/css
  std::string body;
};

class ApiReference {
 public:
  // Reads the Swagger UI files the page needs from `swagger_ui_dir` and renders `openapi_yaml` for it.
  // Missing files or a document that does not convert leave the reference unavailable (reason()).
  ApiReference(const std::string& swagger_ui_dir, std::string_view openapi_yaml);

  bool available() const { return reason_.empty(); }
  // Why it is unavailable ("" when available), for the start-up log.
  const std::string& reason() const { return reason_; }

  // The HTML page (GET /docs): no inline script, no external resource.
  static std::string_view page();
  // Our start script (GET /docs/assets/portal-docs.js): Swagger UI on /docs/openapi.json.
  static std::string_view start_script();
  const std::string& openapi_json() const { return openapi_json_; }
  // A file of /docs/assets by name; nullptr for any other name.
  const ApiReferenceFile* asset(std::string_view name) const;

 private:
  std::vector<ApiReferenceFile> assets_;
  std::string openapi_json_;
  std::string reason_;
};

}  // namespace portal::gateway
