#include "multipart_file.hpp"

#include <catch2/catch.hpp>

using namespace portal::affiliates;

TEST_CASE("AFF-4 upload: the file part of a form") {
  const std::string form =
      "--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhola\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"roster\"; filename=\"r.csv\"\r\nContent-Type: "
      "text/csv\r\n\r\n"
      "a,b\r\n1,2\r\n--B--\r\n";
  CHECK(multipart_file(form, "B") == std::optional<std::string_view>{"a,b\r\n1,2"});
  const std::string named = "--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx,y\n--B--";
  CHECK(multipart_file("--B\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nx,y\r\n--B--", "B") ==
        std::optional<std::string_view>{"x,y"});
  CHECK_FALSE(multipart_file(named, "B"));  // the part is never closed by CRLF + delimiter
  CHECK_FALSE(multipart_file("--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nz\r\n--B--", "B"));
  CHECK_FALSE(multipart_file("garbage", "B"));
  CHECK_FALSE(multipart_file("--B\r\nno blank line", "B"));
}
