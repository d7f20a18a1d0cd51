// Issue 9: what the anonymous contact lookup shows of a contact.
#include "contact_masking.hpp"

#include <catch2/catch.hpp>

using namespace portal::auth;

TEST_CASE("issue 9 names are shown as initials") {
  struct Row {
    const char* in;
    const char* out;
  };
  for (auto [in, out] : {Row{"María Fernanda Gómez", "M*** F*** G***"}, Row{"Andrés Rodríguez", "A*** R***"},
                         Row{"Ángela  Ñáñez ", "Á*** Ñ***"},  // two-byte initials, extra spaces
                         Row{"  Li", "L***"}, Row{"", ""}, Row{"   ", ""}}) {
    CAPTURE(in);
    CHECK(mask_name(in) == out);
  }
}

TEST_CASE("issue 9 e-mails keep the first characters of the mailbox and the domain") {
  struct Row {
    const char* in;
    const char* out;
  };
  for (auto [in, out] :
       {Row{"maria.gomez@ips.example", "ma***@ips.example"},
        Row{"andres.rodriguez@cmdemo.example", "an***@cmdemo.example"},
        Row{"abc@x.example", "a***@x.example"},  // short mailbox: one character
        Row{"a@x.example", "a***@x.example"}, Row{"ñandú@x.example", "ña***@x.example"},
        Row{"no-at-sign", "***"}, Row{"@x.example", "***"}, Row{"someone@", "***"}, Row{"", "***"}}) {
    CAPTURE(in);
    CHECK(mask_email(in) == out);
  }
}

TEST_CASE("issue 9 phones show their last two digits") {
  struct Row {
    const char* in;
    const char* out;
  };
  for (auto [in, out] : {Row{"3009876543", "********43"}, Row{"6053000000", "********00"},
                         Row{"123456", "****56"}, Row{"12345", "*****"}, Row{"", ""}}) {
    CAPTURE(in);
    CHECK(mask_phone(in) == out);
  }
  CHECK(mask_optional(std::nullopt, mask_phone) == std::nullopt);
  CHECK(mask_optional(std::string{"3001112233"}, mask_phone) == std::optional<std::string>{"********33"});
}
