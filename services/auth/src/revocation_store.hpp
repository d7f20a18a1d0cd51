#pragma once
// SQL of access-token revocations (issue 9 item 5, migration 0009).
#include <string>

#include "portal/db/database.hpp"
#include "portal/http/revocations.hpp"

namespace portal::auth::revocation_store {

// Tokens of `subject` issued before `not_before` (unix seconds) are void from now on; a later revocation
// of the same subject moves the time forward, never back.
void revoke(db::Connection& c, const std::string& subject, long long not_before, const std::string& reason,
            const std::string& now);

// Every revocation that can still matter: not_before after `since` (older ones only void tokens that
// have expired anyway).
http::Revocations live(db::Connection& c, long long since);

}  // namespace portal::auth::revocation_store
