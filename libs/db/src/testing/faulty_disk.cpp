// A SQLite VFS for the storage-failure tests (issue 8): it passes everything to the default VFS, except
// that while the disk is "full" every write to a file answers SQLITE_FULL, as a full file system does.
// Selected per database by its URL (sqlite:<path>?vfs=portal-faulty), so other databases are untouched.
#include <sqlite3.h>

#include <atomic>
#include <mutex>

#include "portal/db/testing/test_database.hpp"

namespace portal::db::testing {
namespace {

std::atomic<bool> g_full{false};
sqlite3_vfs* g_base = nullptr;
sqlite3_vfs g_vfs;
sqlite3_io_methods g_io;

struct FaultyFile {
  sqlite3_file base;
  sqlite3_file* real;  // the default VFS's file, allocated right after this struct
};

sqlite3_file* real(sqlite3_file* f) { return reinterpret_cast<FaultyFile*>(f)->real; }
const sqlite3_io_methods* io(sqlite3_file* f) { return real(f)->pMethods; }

int x_close(sqlite3_file* f) { return io(f)->xClose(real(f)); }
int x_read(sqlite3_file* f, void* b, int n, sqlite3_int64 o) { return io(f)->xRead(real(f), b, n, o); }
int x_write(sqlite3_file* f, const void* b, int n, sqlite3_int64 o) {
  if (g_full.load()) return SQLITE_FULL;
  return io(f)->xWrite(real(f), b, n, o);
}
int x_truncate(sqlite3_file* f, sqlite3_int64 size) { return io(f)->xTruncate(real(f), size); }
int x_sync(sqlite3_file* f, int flags) { return io(f)->xSync(real(f), flags); }
int x_file_size(sqlite3_file* f, sqlite3_int64* size) { return io(f)->xFileSize(real(f), size); }
int x_lock(sqlite3_file* f, int l) { return io(f)->xLock(real(f), l); }
int x_unlock(sqlite3_file* f, int l) { return io(f)->xUnlock(real(f), l); }
int x_check_reserved(sqlite3_file* f, int* out) { return io(f)->xCheckReservedLock(real(f), out); }
int x_file_control(sqlite3_file* f, int op, void* arg) { return io(f)->xFileControl(real(f), op, arg); }
int x_sector_size(sqlite3_file* f) { return io(f)->xSectorSize(real(f)); }
int x_device(sqlite3_file* f) { return io(f)->xDeviceCharacteristics(real(f)); }
int x_shm_map(sqlite3_file* f, int pg, int size, int extend, void volatile** p) {
  return io(f)->xShmMap(real(f), pg, size, extend, p);
}
int x_shm_lock(sqlite3_file* f, int offset, int n, int flags) {
  return io(f)->xShmLock(real(f), offset, n, flags);
}
void x_shm_barrier(sqlite3_file* f) { io(f)->xShmBarrier(real(f)); }
int x_shm_unmap(sqlite3_file* f, int del) { return io(f)->xShmUnmap(real(f), del); }
int x_fetch(sqlite3_file* f, sqlite3_int64 o, int n, void** p) { return io(f)->xFetch(real(f), o, n, p); }
int x_unfetch(sqlite3_file* f, sqlite3_int64 o, void* p) { return io(f)->xUnfetch(real(f), o, p); }

int x_open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* f, int flags, int* out_flags) {
  auto* file = reinterpret_cast<FaultyFile*>(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  const int rc = g_base->xOpen(g_base, name, file->real, flags, out_flags);
  file->base.pMethods = file->real->pMethods != nullptr ? &g_io : nullptr;
  return rc;
}
int x_delete(sqlite3_vfs*, const char* name, int sync) { return g_base->xDelete(g_base, name, sync); }
int x_access(sqlite3_vfs*, const char* name, int flags, int* out) {
  return g_base->xAccess(g_base, name, flags, out);
}
int x_full_pathname(sqlite3_vfs*, const char* name, int n, char* out) {
  return g_base->xFullPathname(g_base, name, n, out);
}
int x_randomness(sqlite3_vfs*, int n, char* out) { return g_base->xRandomness(g_base, n, out); }
int x_sleep(sqlite3_vfs*, int us) { return g_base->xSleep(g_base, us); }
int x_current_time(sqlite3_vfs*, double* t) { return g_base->xCurrentTime(g_base, t); }
int x_last_error(sqlite3_vfs*, int n, char* out) { return g_base->xGetLastError(g_base, n, out); }
int x_current_time64(sqlite3_vfs*, sqlite3_int64* t) { return g_base->xCurrentTimeInt64(g_base, t); }

void register_vfs() {
  static std::once_flag once;
  std::call_once(once, [] {
    g_base = sqlite3_vfs_find(nullptr);
    g_vfs = sqlite3_vfs{};
    g_vfs.iVersion = 2;
    g_vfs.szOsFile = static_cast<int>(sizeof(FaultyFile)) + g_base->szOsFile;
    g_vfs.mxPathname = g_base->mxPathname;
    g_vfs.zName = "portal-faulty";
    g_vfs.xOpen = x_open;
    g_vfs.xDelete = x_delete;
    g_vfs.xAccess = x_access;
    g_vfs.xFullPathname = x_full_pathname;
    g_vfs.xRandomness = x_randomness;
    g_vfs.xSleep = x_sleep;
    g_vfs.xCurrentTime = x_current_time;
    g_vfs.xGetLastError = x_last_error;
    g_vfs.xCurrentTimeInt64 = x_current_time64;
    g_io = sqlite3_io_methods{};
    g_io.iVersion = 3;
    g_io.xClose = x_close;
    g_io.xRead = x_read;
    g_io.xWrite = x_write;
    g_io.xTruncate = x_truncate;
    g_io.xSync = x_sync;
    g_io.xFileSize = x_file_size;
    g_io.xLock = x_lock;
    g_io.xUnlock = x_unlock;
    g_io.xCheckReservedLock = x_check_reserved;
    g_io.xFileControl = x_file_control;
    g_io.xSectorSize = x_sector_size;
    g_io.xDeviceCharacteristics = x_device;
    g_io.xShmMap = x_shm_map;
    g_io.xShmLock = x_shm_lock;
    g_io.xShmBarrier = x_shm_barrier;
    g_io.xShmUnmap = x_shm_unmap;
    g_io.xFetch = x_fetch;
    g_io.xUnfetch = x_unfetch;
    sqlite3_vfs_register(&g_vfs, 0);
  });
}

// PostgreSQL: every table of the test schema refuses changes with disk_full (53100), the error a server
// out of space raises.
constexpr const char* kPgFull = R"sql(
CREATE OR REPLACE FUNCTION portal_test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$;
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT table_name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' LOOP
    EXECUTE format('CREATE TRIGGER portal_test_disk_full BEFORE INSERT OR UPDATE OR DELETE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION portal_test_disk_full()', t);
  END LOOP;
END $$;
)sql";
constexpr const char* kPgNotFull = R"sql(
DO $$ DECLARE t text; BEGIN
  FOR t IN SELECT table_name FROM information_schema.tables
           WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' LOOP
    EXECUTE format('DROP TRIGGER IF EXISTS portal_test_disk_full ON %I', t);
  END LOOP;
END $$;
)sql";

}  // namespace

std::string faulty_sqlite_vfs() {
  register_vfs();
  return "portal-faulty";
}

void TestDatabase::set_disk_full(bool full) const {
  if (dialect_ == Dialect::sqlite) {
    g_full.store(full);
    return;
  }
  exec_script(full ? kPgFull : kPgNotFull);
}

}  // namespace portal::db::testing
