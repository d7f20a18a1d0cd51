#pragma once
// The portal as real processes for end-to-end tests (issue 2 §7): portal-auth with demo data and
// portal-gateway in front of it, each on a free port, sharing one temporary data directory that the
// test owns (so it can read auth's signing keys). With `with_affiliates`, portal-affiliates (demo data,
// its own data directory, auth for JWKS) runs too and the gateway routes to it (issue 3). Auth can be killed
// and started again on the same port and data directory to test how the gateway behaves while an upstream is
// down. With `with_urgencies` (implies affiliates), portal-urgencies runs too, asking affiliates and auth
// with the caller's token (issue 4); affiliates can be stopped and started again to test what urgencies does
// without it. With `with_authorizations` (implies affiliates), portal-authorizations runs too (issue 12).
// With `with_finance`, portal-finance runs too (issue 18).
#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "support/process.hpp"

namespace portal::test {

struct PortalSystemOptions {
  std::map<std::string, std::string> auth_env;     // added to the defaults below
  std::map<std::string, std::string> gateway_env;  // idem
  bool with_affiliates = false;
  std::map<std::string, std::string> affiliates_env;  // idem
  bool with_urgencies = false;                        // implies with_affiliates
  std::map<std::string, std::string> urgencies_env;   // idem
  // GW-6 / issue 8: this many portal-urgencies processes (same environment, one shared database, which
  // urgencies_env must then point at a PostgreSQL server); the gateway lists them all.
  int urgencies_replicas = 1;
  bool with_authorizations = false;                       // issue 12; implies with_affiliates
  std::map<std::string, std::string> authorizations_env;  // idem
  bool with_finance = false;                              // issue 18 (needs auth only)
  bool with_referrals = false;                            // issue 16; implies with_affiliates
  std::map<std::string, std::string> referrals_env;       // idem
  std::map<std::string, std::string> finance_env;         // idem
  // Issue 15: portal-events, started before authorizations, which then ships its events there (both get
  // the same PORTAL_FORWARDING_KEY, the relay's signing key).
  bool with_events = false;
  std::map<std::string, std::string> events_env;  // idem
  // Issue 17: portal-inconsistencies (implies with_affiliates), with auth's demo service client secret.
  bool with_inconsistencies = false;
  std::map<std::string, std::string> inconsistencies_env;  // idem
  std::chrono::milliseconds ready_timeout{20000};
};

class PortalSystem {
 public:
  // Starts auth, waits for its /readyz, then the gateway and its /readyz (it is ready once it holds
  // auth's JWKS). Throws std::runtime_error with the tail of the logs when either does not come up.
  explicit PortalSystem(PortalSystemOptions options = {});
  ~PortalSystem();

  const std::string& gateway_url() const { return gateway_url_; }
  const std::string& auth_url() const { return auth_url_; }
  // Empty without `with_affiliates`.
  const std::string& affiliates_url() const { return affiliates_url_; }
  // Empty without `with_urgencies`.
  const std::string& urgencies_url() const { return urgencies_url_; }
  // Empty without `with_authorizations`.
  const std::string& authorizations_url() const { return authorizations_url_; }
  // Empty without `with_finance`.
  const std::string& finance_url() const { return finance_url_; }
  // Empty without `with_referrals`.
  const std::string& referrals_url() const { return referrals_url_; }
  // Empty without `with_events`.
  const std::string& events_url() const { return events_url_; }
  // Empty without `with_inconsistencies`.
  const std::string& inconsistencies_url() const { return inconsistencies_url_; }
  int auth_port() const { return auth_port_; }
  int gateway_port() const { return gateway_port_; }
  // <temp>/var: PORTAL_DATA_DIR of both services; auth keeps its keys in <data_dir>/keys.
  std::string data_dir() const;

  Process& auth() { return *auth_; }
  Process& gateway() { return *gateway_; }
  void kill_auth();
  // Starts auth again on the same port and data directory and waits for /readyz.
  void restart_auth();
  void kill_affiliates();
  // Starts affiliates again on the same port and data directory and waits for /readyz.
  void restart_affiliates();
  Process& urgencies() { return *urgencies_; }
  Process& urgencies_replica(std::size_t i) { return i == 0 ? *urgencies_ : *more_urgencies_.at(i - 1); }
  const std::string& urgencies_replica_url(std::size_t i) const { return urgencies_urls_.at(i); }
  // Starts one more gateway (same auth) with extra settings, e.g. a tiny rate limit; the caller owns it.
  std::unique_ptr<Process> start_extra_gateway(const std::map<std::string, std::string>& env, int& port);

  // Both logs' tails, for failure messages.
  std::string logs() const;

 private:
  std::unique_ptr<Process> spawn_auth();
  std::unique_ptr<Process> spawn_affiliates();
  void start_affiliates();
  std::unique_ptr<Process> spawn_urgencies();
  void start_urgencies();
  std::unique_ptr<Process> spawn_authorizations();
  std::unique_ptr<Process> spawn_finance();
  std::unique_ptr<Process> spawn_referrals();
  std::unique_ptr<Process> spawn_events();
  std::unique_ptr<Process> spawn_inconsistencies();
  // Spawns with `spawn` on a free port until /readyz answers (a free port can be taken meanwhile).
  void start_on_free_port(const char* name, int& port, std::string& url, std::unique_ptr<Process>& process,
                          std::unique_ptr<Process> (PortalSystem::*spawn)());
  std::unique_ptr<Process> spawn_gateway(int port, const std::map<std::string, std::string>& extra,
                                         const std::string& log_name);
  PortalSystemOptions options_;
  TempDir dir_;
  int auth_port_ = 0;
  int gateway_port_ = 0;
  std::string auth_url_;
  std::string gateway_url_;
  int affiliates_port_ = 0;
  std::string affiliates_url_;
  std::unique_ptr<Process> affiliates_;
  int urgencies_port_ = 0;
  std::string urgencies_url_;
  std::unique_ptr<Process> urgencies_;
  std::vector<std::unique_ptr<Process>> more_urgencies_;  // replicas 1.. (GW-6)
  std::vector<std::string> urgencies_urls_;
  std::size_t spawning_replica_ = 0;
  int authorizations_port_ = 0;
  std::string authorizations_url_;
  std::unique_ptr<Process> authorizations_;
  int finance_port_ = 0;
  std::string finance_url_;
  std::unique_ptr<Process> finance_;
  int referrals_port_ = 0;
  std::string referrals_url_;
  std::unique_ptr<Process> referrals_;
  int events_port_ = 0;
  std::string events_url_;
  std::unique_ptr<Process> events_;
  int inconsistencies_port_ = 0;
  std::string inconsistencies_url_;
  std::unique_ptr<Process> inconsistencies_;
  std::unique_ptr<Process> auth_;
  std::unique_ptr<Process> gateway_;
  int extra_gateways_ = 0;
};

}  // namespace portal::test
