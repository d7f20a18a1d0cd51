#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <regex>

#include "portal/security/jwt.hpp"

namespace fs = std::filesystem;
using portal::security::base64url_decode;
using portal::security::KeyStore;
using portal::security::SigningKey;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    std::random_device rd;
    path = fs::temp_directory_path() / ("portal-keys-" + std::to_string(rd()) + std::to_string(rd()));
  }
  ~TempDir() { fs::remove_all(path); }
};

std::vector<fs::path> pem_files(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pem") out.push_back(e.path());
  return out;
}

unsigned mode_of(const fs::path& p) {
  struct stat st {};
  ::stat(p.c_str(), &st);
  return st.st_mode & 0777;
}

}  // namespace

TEST_CASE("KeyStore creates one private key file, owner-only, named <ts>-<kid>.pem") {
  TempDir dir;
  auto store = KeyStore::load_or_create((dir.path / "keys").string());
  REQUIRE(store.keys().size() == 1);
  CHECK(std::regex_match(store.current().kid(), std::regex("[0-9a-f]{16}")));
  auto files = pem_files(dir.path / "keys");
  REQUIRE(files.size() == 1);
  CHECK(std::regex_match(files[0].filename().string(), std::regex("[0-9]+-" + store.current().kid() + "\\.pem")));
  CHECK(mode_of(files[0]) == 0600);
  CHECK(mode_of(dir.path / "keys") == 0700);

  SECTION("a restart loads the same key") {
    auto again = KeyStore::load_or_create((dir.path / "keys").string());
    REQUIRE(again.keys().size() == 1);
    CHECK(again.current().kid() == store.current().kid());
    CHECK(again.current().private_pem() == store.current().private_pem());
  }
}

TEST_CASE("KeyStore rotation keeps the previous key published and deletes older ones (AUTH-4)") {
  TempDir dir;
  auto store = KeyStore::load_or_create(dir.path.string());
  const std::string first = store.current().kid();
  store.rotate(2);
  const std::string second = store.current().kid();
  REQUIRE(store.keys().size() == 2);
  CHECK(second != first);
  CHECK(store.keys().front().kid() == first);
  CHECK(store.jwks_json().find(first) != std::string::npos);
  CHECK(store.jwks_json().find(second) != std::string::npos);

  store.rotate(2);
  REQUIRE(store.keys().size() == 2);
  CHECK(store.keys().front().kid() == second);
  CHECK(store.jwks_json().find(first) == std::string::npos);
  CHECK(pem_files(dir.path).size() == 2);

  auto reloaded = KeyStore::load_or_create(dir.path.string());
  REQUIRE(reloaded.keys().size() == 2);
  CHECK(reloaded.current().kid() == store.current().kid());
  CHECK(reloaded.keys().front().kid() == second);
}

TEST_CASE("SigningKey PEM round trip and public JWK") {
  auto key = SigningKey::generate("k1");
  auto copy = SigningKey::from_private_pem("k1", key.private_pem());
  CHECK(copy.public_jwk() == key.public_jwk());
  const std::string jwk = key.public_jwk();
  CHECK(jwk.find(R"("kty":"RSA")") != std::string::npos);
  CHECK(jwk.find(R"("alg":"RS256")") != std::string::npos);
  CHECK(jwk.find(R"("kid":"k1")") != std::string::npos);
  CHECK(jwk.find(R"("e":"AQAB")") != std::string::npos);
  auto n_start = jwk.find(R"("n":")") + 5;
  auto n = base64url_decode(jwk.substr(n_start, jwk.find('"', n_start) - n_start));
  REQUIRE(n);
  CHECK(n->size() == 256);

  CHECK_THROWS(SigningKey::from_private_pem("bad", "-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----\n"));
  CHECK_THROWS(SigningKey::generate("small", 1024));
}
