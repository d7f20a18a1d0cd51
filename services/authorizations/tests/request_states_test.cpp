// AUT-3: the transition table, every pair.
#include "request_states.hpp"

#include <catch2/catch.hpp>

using namespace portal::authorizations;

TEST_CASE("AUT-3 allowed transitions, and nothing else") {
  using S = RequestStatus;
  const S all[] = {S::pending, S::approved, S::denied, S::partially_approved, S::referred, S::annulled};
  struct Row {
    S from;
    S to;
  };
  const Row allowed[] = {{S::pending, S::approved},
                         {S::pending, S::denied},
                         {S::pending, S::partially_approved},
                         {S::pending, S::referred},
                         {S::pending, S::annulled},
                         {S::approved, S::annulled},
                         {S::partially_approved, S::annulled},
                         {S::referred, S::annulled}};
  for (S from : all) {
    for (S to : all) {
      const bool expected = std::any_of(std::begin(allowed), std::end(allowed),
                                        [&](const Row& r) { return r.from == from && r.to == to; });
      CAPTURE(to_string(from), to_string(to));
      CHECK(can_transition(from, to) == expected);
    }
  }
  CHECK(allowed_transitions().size() == 8);
  CHECK(is_final(S::denied));
  CHECK(is_final(S::annulled));
  CHECK_FALSE(is_final(S::pending));
  CHECK_FALSE(is_final(S::referred));
  CHECK(annulment_can_be_requested(S::pending));
  CHECK(annulment_can_be_requested(S::approved));
  CHECK_FALSE(annulment_can_be_requested(S::denied));
  CHECK_FALSE(annulment_can_be_requested(S::annulled));
}

TEST_CASE("status names round-trip") {
  for (auto s : {RequestStatus::pending, RequestStatus::approved, RequestStatus::denied,
                 RequestStatus::partially_approved, RequestStatus::referred, RequestStatus::annulled}) {
    CHECK(parse_status(to_string(s)) == s);
  }
  CHECK_FALSE(parse_status("auto_denied"));
}
