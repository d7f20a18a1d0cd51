#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/pem.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <stdexcept>

#include "rsa_key.hpp"

namespace portal::security {

namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioFree>;

void require_usable_rsa(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "RSA") != 1) throw std::runtime_error("signing key is not an RSA key");
  if (EVP_PKEY_get_bits(key) < detail::kMinRsaBits) throw std::runtime_error("RSA signing key shorter than 2048 bits");
}

}  // namespace

SigningKey SigningKey::generate(std::string kid, int bits) {
  if (bits < detail::kMinRsaBits) throw std::runtime_error("RSA signing key shorter than 2048 bits");
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<std::size_t>(bits));
  if (key == nullptr) throw std::runtime_error("RSA key generation failed: " + detail::openssl_error());
  return SigningKey{std::move(kid), EvpKey{key}};
}

SigningKey SigningKey::from_private_pem(std::string kid, std::string_view pem) {
  Bio bio{BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))};
  if (!bio) throw std::runtime_error("BIO_new_mem_buf failed");
  EvpKey key{PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr)};
  if (!key) throw std::runtime_error("unreadable private key PEM for kid " + kid + ": " + detail::openssl_error());
  require_usable_rsa(key.get());
  return SigningKey{std::move(kid), std::move(key)};
}

std::string SigningKey::private_pem() const {
  Bio bio{BIO_new(BIO_s_mem())};
  if (!bio || PEM_write_bio_PrivateKey(bio.get(), key_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1)
    throw std::runtime_error("PEM_write_bio_PrivateKey failed: " + detail::openssl_error());
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string SigningKey::public_jwk() const {
  auto n = detail::rsa_param_bytes(key_.get(), OSSL_PKEY_PARAM_RSA_N);
  auto e = detail::rsa_param_bytes(key_.get(), OSSL_PKEY_PARAM_RSA_E);
  if (!n || !e) throw std::runtime_error("cannot read RSA public parameters of kid " + kid_);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  w.StartObject();
  w.Key("kty");
  w.String("RSA");
  w.Key("use");
  w.String("sig");
  w.Key("alg");
  w.String("RS256");
  w.Key("kid");
  w.String(kid_.c_str(), static_cast<rapidjson::SizeType>(kid_.size()));
  const std::string n64 = base64url_encode(*n);
  const std::string e64 = base64url_encode(*e);
  w.Key("n");
  w.String(n64.c_str(), static_cast<rapidjson::SizeType>(n64.size()));
  w.Key("e");
  w.String(e64.c_str(), static_cast<rapidjson::SizeType>(e64.size()));
  w.EndObject();
  return buf.GetString();
}

}  // namespace portal::security
