#pragma once
// FIN-4 e-mails (manual 003 §6.1): the acknowledgement when a request is registered and the notice with the
// download link when its result is ready. Pure: the caller enqueues them in the transaction that registers or
// completes the request (libs/mail outbox).
#include <string>

#include "portal/mail/outbox.hpp"
#include "portfolio.hpp"

namespace portal::finance {

mail::Message portfolio_received_notice(const PortfolioRequest& r, const std::string& to,
                                        const std::string& public_url);
mail::Message portfolio_ready_notice(const PortfolioRequest& r, const std::string& to,
                                     const std::string& public_url);

}  // namespace portal::finance
