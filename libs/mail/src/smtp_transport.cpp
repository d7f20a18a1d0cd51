#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

#include "transport.hpp"

namespace portal::mail::detail {
namespace {

struct Upload {
  const std::string* data;
  std::size_t pos = 0;
};

std::size_t read_chunk(char* buffer, std::size_t size, std::size_t count, void* user) {
  auto* upload = static_cast<Upload*>(user);
  const std::size_t room = size * count;
  const std::size_t left = upload->data->size() - upload->pos;
  const std::size_t n = left < room ? left : room;
  std::memcpy(buffer, upload->data->data() + upload->pos, n);
  upload->pos += n;
  return n;
}

// curl_global_init is not thread-safe; do it once, before the first sender thread uses curl.
void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

bool send_smtp(const MailOptions& options, const std::string& recipient, const std::string& rfc5322,
               std::string& error) {
  init_curl_once();
  std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
  if (!curl) {
    error = "curl_easy_init failed";
    return false;
  }
  std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(
      curl_slist_append(nullptr, ("<" + recipient + ">").c_str()), &curl_slist_free_all);
  const std::string from = "<" + options.from + ">";
  Upload upload{&rfc5322};
  char error_buffer[CURL_ERROR_SIZE] = {};

  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_URL, options.smtp_url.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
  curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_chunk);
  curl_easy_setopt(c, CURLOPT_READDATA, &upload);
  curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(rfc5322.size()));
  curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);  // we run on our own thread; no SIGALRM tricks
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
  curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  if (!options.smtp_user.empty()) {
    curl_easy_setopt(c, CURLOPT_USERNAME, options.smtp_user.c_str());
    curl_easy_setopt(c, CURLOPT_PASSWORD, options.smtp_password.c_str());
  }
  const CURLcode rc = curl_easy_perform(c);
  if (rc != CURLE_OK) {
    error = std::string("smtp: ") + (error_buffer[0] ? error_buffer : curl_easy_strerror(rc));
    return false;
  }
  return true;
}

}  // namespace portal::mail::detail
