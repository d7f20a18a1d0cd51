# Debian 12 (bookworm) packages; deploy/install-deps.sh installs them.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

pkg_check_modules(PISTACHE REQUIRED IMPORTED_TARGET libpistache)
# Debian builds cpp-httplib as a compiled library: link it and keep its -DCPPHTTPLIB_* flags.
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(PWQUALITY REQUIRED IMPORTED_TARGET pwquality)
pkg_check_modules(YAMLCPP REQUIRED IMPORTED_TARGET yaml-cpp)
# PoDoFo 0.9.8 (PDF documents, libs/documents).
pkg_check_modules(PODOFO REQUIRED IMPORTED_TARGET libpodofo)
# libpqxx 6.4 (PostgreSQL backend of libs/db, OPS-2) and libpq under it.
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
# Issue 18 (FIN-3): the payment spreadsheets (Debian libxlsxwriter-dev 1.1.4).
pkg_check_modules(XLSXWRITER REQUIRED IMPORTED_TARGET xlsxwriter)
# Issue 19: the XLSX reader (libs/documents) over libzip 1.7 and pugixml 1.13.
pkg_check_modules(LIBZIP REQUIRED IMPORTED_TARGET libzip)
pkg_check_modules(PUGIXML REQUIRED IMPORTED_TARGET pugixml)

find_package(OpenSSL REQUIRED)
find_package(CURL REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(RapidJSON REQUIRED)
find_package(prometheus-cpp CONFIG REQUIRED)
# Boost.Asio (header-only) under the gateway's streaming front (issue 14 item 4).
find_package(Boost 1.74 REQUIRED)
if(PORTAL_TESTS)
  find_package(Catch2 2 REQUIRED)
endif()
