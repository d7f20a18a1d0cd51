#include "api_reference.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "swagger_ui_spec.hpp"

namespace portal::gateway {
namespace {

// The page links only these; Swagger UI's "standalone" layout (a top bar to explore any URL) is not used.
struct PackagedFile {
  const char* name;
  const char* content_type;
};
constexpr PackagedFile kPackagedFiles[] = {
    {"swagger-ui-bundle.js", "text/javascript; charset=utf-8"},
    {"swagger-ui.css", "text/css; charset=utf-8"},
};

constexpr std::string_view kPage = R"(<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Portal de Prestadores EPS — API</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/assets/portal-docs.js"></script>
</body>
</html>
)";

// No validator badge (it would load an image from validator.swagger.io); "Try it out" calls the servers
// entry of the document ("/": this gateway) with the token given in "Authorize".
constexpr std::string_view kStartScript = R"(window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/docs/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout'
  });
});
)";

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

ApiReference::ApiReference(const std::string& swagger_ui_dir, std::string_view openapi_yaml) {
  for (const auto& f : kPackagedFiles) {
    const std::string path = swagger_ui_dir + "/" + f.name;
    auto body = read_file(path);
    if (!body) {
      reason_ = "cannot read " + path + " (install python3-flasgger or set PORTAL_SWAGGER_UI_DIR)";
      return;
    }
    assets_.push_back({f.name, f.content_type, std::move(*body)});
  }
  assets_.push_back({"portal-docs.js", "text/javascript; charset=utf-8", std::string{kStartScript}});
  try {
    openapi_json_ = openapi_for_swagger_ui(openapi_yaml);
  } catch (const std::exception& e) {
    reason_ = e.what();
  }
}

std::string_view ApiReference::page() { return kPage; }
std::string_view ApiReference::start_script() { return kStartScript; }

const ApiReferenceFile* ApiReference::asset(std::string_view name) const {
  for (const auto& a : assets_)
    if (a.name == name) return &a;
  return nullptr;
}

}  // namespace portal::gateway
