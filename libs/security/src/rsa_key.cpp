#include "rsa_key.hpp"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/param_build.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>

#include <memory>
#include <stdexcept>

namespace portal::security::detail {

namespace {

struct BnFree {
  void operator()(BIGNUM* b) const { BN_free(b); }
};
struct MdCtxFree {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct ParamBldFree {
  void operator()(OSSL_PARAM_BLD* b) const { OSSL_PARAM_BLD_free(b); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
using Bn = std::unique_ptr<BIGNUM, BnFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

Bn bn_from_bytes(std::string_view bytes) {
  return Bn{BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()), nullptr)};
}

}  // namespace

std::string openssl_error() {
  unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown OpenSSL error";
  char buf[256];
  ERR_error_string_n(code, buf, sizeof buf);
  return buf;
}

std::optional<std::string> rsa_param_bytes(EVP_PKEY* key, const char* param) {
  BIGNUM* raw = nullptr;
  if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  Bn bn{raw};
  std::string out(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
  BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(out.data()));
  return out;
}

EvpKey rsa_public_key(std::string_view n, std::string_view e) {
  // Leading zero bytes are tolerated by BN_bin2bn; an empty or even exponent is not a usable key.
  if (n.empty() || e.empty() || n.size() > 2048 || e.size() > 16) return nullptr;
  Bn bn_n = bn_from_bytes(n);
  Bn bn_e = bn_from_bytes(e);
  if (!bn_n || !bn_e || BN_num_bits(bn_n.get()) < kMinRsaBits || !BN_is_odd(bn_e.get()) || BN_is_one(bn_e.get()))
    return nullptr;
  std::unique_ptr<OSSL_PARAM_BLD, ParamBldFree> bld{OSSL_PARAM_BLD_new()};
  if (!bld || OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  std::unique_ptr<OSSL_PARAM, ParamFree> params{OSSL_PARAM_BLD_to_param(bld.get())};
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> ctx{EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr)};
  EVP_PKEY* key = nullptr;
  if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    ERR_clear_error();
    return nullptr;
  }
  return EvpKey{key};
}

std::optional<std::string> rs256_sign(EVP_PKEY* key, std::string_view input) {
  MdCtx ctx{EVP_MD_CTX_new()};
  std::size_t len = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return std::nullopt;
  }
  std::string sig(len, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                     reinterpret_cast<const unsigned char*>(input.data()), input.size()) != 1) {
    return std::nullopt;
  }
  sig.resize(len);
  return sig;
}

bool rs256_verify(EVP_PKEY* key, std::string_view input, std::string_view signature) {
  MdCtx ctx{EVP_MD_CTX_new()};
  EVP_PKEY_CTX* pctx = nullptr;
  bool ok = ctx && EVP_DigestVerifyInit(ctx.get(), &pctx, EVP_sha256(), nullptr, key) == 1 &&
            EVP_PKEY_CTX_set_rsa_padding(pctx, RSA_PKCS1_PADDING) == 1 &&
            EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                             reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
  if (!ok) ERR_clear_error();  // a bad signature leaves an error on this thread's queue
  return ok;
}

std::string random_kid() {
  unsigned char bytes[8];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed: " + openssl_error());
  constexpr char kHex[] = "0123456789abcdef";
  std::string kid;
  for (unsigned char b : bytes) {
    kid += kHex[b >> 4];
    kid += kHex[b & 15];
  }
  return kid;
}

}  // namespace portal::security::detail
