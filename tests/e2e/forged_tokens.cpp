#include "forged_tokens.hpp"

#include <openssl/bio.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "portal/security/jwt.hpp"

namespace portal::e2e {

using security::base64url_decode;
using security::base64url_encode;

std::optional<JwtParts> decode_jwt(std::string_view token) {
  const auto dot1 = token.find('.');
  if (dot1 == std::string_view::npos) return std::nullopt;
  const auto dot2 = token.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return std::nullopt;
  auto header = base64url_decode(token.substr(0, dot1));
  auto payload = base64url_decode(token.substr(dot1 + 1, dot2 - dot1 - 1));
  if (!header || !payload) return std::nullopt;
  return JwtParts{*header, *payload, std::string(token.substr(dot2 + 1))};
}

std::string edit_json(const std::string& json, const std::function<void(rapidjson::Document&)>& edit) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (doc.HasParseError() || !doc.IsObject()) throw std::runtime_error("not a JSON object: " + json);
  edit(doc);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  doc.Accept(w);
  return buf.GetString();
}

void set_string(rapidjson::Document& doc, const char* name, const std::string& value) {
  remove_member(doc, name);
  doc.AddMember(rapidjson::Value(name, doc.GetAllocator()),
                rapidjson::Value(value.c_str(), static_cast<rapidjson::SizeType>(value.size()), doc.GetAllocator()),
                doc.GetAllocator());
}

void set_int(rapidjson::Document& doc, const char* name, long long value) {
  remove_member(doc, name);
  doc.AddMember(rapidjson::Value(name, doc.GetAllocator()), rapidjson::Value(static_cast<int64_t>(value)),
                doc.GetAllocator());
}

void remove_member(rapidjson::Document& doc, const char* name) {
  if (doc.HasMember(name)) doc.RemoveMember(name);
}

std::string jws_unsigned(const std::string& header_json, const std::string& payload_json) {
  return base64url_encode(header_json) + "." + base64url_encode(payload_json);
}

std::string sign_rs256(EVP_PKEY* key, const std::string& header_json, const std::string& payload_json) {
  const std::string input = jws_unsigned(header_json, payload_json);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  std::size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1)
    throw std::runtime_error("RS256 signing failed");
  std::vector<unsigned char> sig(len);
  if (EVP_DigestSign(ctx.get(), sig.data(), &len, reinterpret_cast<const unsigned char*>(input.data()),
                     input.size()) != 1)
    throw std::runtime_error("RS256 signing failed");
  return input + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(sig.data()), len));
}

std::string sign_hs256(std::string_view secret, const std::string& header_json, const std::string& payload_json) {
  const std::string input = jws_unsigned(header_json, payload_json);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), secret.data(), static_cast<int>(secret.size()),
       reinterpret_cast<const unsigned char*>(input.data()), input.size(), mac, &len);
  return input + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(mac), len));
}

std::string public_key_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) throw std::runtime_error("cannot write public key");
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(n));
}

std::string rs256_header(const std::string& kid) {
  return R"({"alg":"RS256","typ":"JWT","kid":)" + std::string("\"") + kid + "\"}";
}

}  // namespace portal::e2e
