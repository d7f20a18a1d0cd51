#pragma once
// A route for those who may read payments (finance_access): 403 for anyone else, before the handler runs.
#include "finance_access.hpp"
#include "finance_context.hpp"
#include "portal/http/server.hpp"

namespace portal::finance {

template <class Handler>
http::Handler readers(FinanceContext& ctx, Handler handler) {
  return [&ctx, handler](http::Request& req) {
    const auto access = finance_access(*req.principal);
    if (!access.read) return http::problem(req, http::forbidden());
    return handler(ctx, req, access);
  };
}

}  // namespace portal::finance
