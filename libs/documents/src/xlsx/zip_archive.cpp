#include "xlsx/zip_archive.hpp"

#include <zip.h>

#include <array>

namespace portal::documents::xlsx {

Error make_error(std::string code, std::string es, std::string en) {
  return Error{std::move(code), core::Text{std::move(es), std::move(en)}};
}

namespace {

Error not_a_workbook() {
  return make_error("not_xlsx", "El archivo no es un libro de Excel (.xlsx): no es un archivo zip válido",
                    "The file is not an Excel workbook (.xlsx): it is not a valid zip archive");
}

Error corrupt(std::string_view name) {
  return make_error("zip_corrupt", "El archivo .xlsx está dañado: no se pudo leer " + std::string(name),
                    "The .xlsx file is damaged: " + std::string(name) + " could not be read");
}

Error too_large(std::uint64_t limit) {
  const auto mb = std::to_string(limit >> 20);
  return make_error("zip_too_large", "El contenido del archivo .xlsx supera " + mb + " MB descomprimido",
                    "The .xlsx file inflates to more than " + mb + " MB");
}

}  // namespace

ZipArchive::~ZipArchive() {
  if (archive_ != nullptr) zip_discard(archive_);
}

std::optional<Error> ZipArchive::open(std::string_view bytes, const Limits& limits) {
  limits_ = limits;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (source == nullptr) {
    zip_error_fini(&error);
    return not_a_workbook();
  }
  archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_fini(&error);
  if (archive_ == nullptr) {
    zip_source_free(source);
    return not_a_workbook();
  }
  const zip_int64_t entries = zip_get_num_entries(archive_, 0);
  if (entries < 0 || static_cast<std::uint64_t>(entries) > limits.max_entries) {
    const auto max = std::to_string(limits.max_entries);
    return make_error("zip_too_many_entries", "El archivo .xlsx tiene más de " + max + " partes",
                      "The .xlsx file has more than " + max + " parts");
  }
  // The central directory's declared sizes, before anything is inflated (a bomb is refused here).
  std::uint64_t total = 0, total_compressed = 0;
  for (zip_int64_t i = 0; i < entries; ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(archive_, static_cast<zip_uint64_t>(i), 0, &st) != 0)
      return corrupt("#" + std::to_string(i));
    const std::string name = (st.valid & ZIP_STAT_NAME) != 0 && st.name != nullptr ? st.name : "";
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) != 0 && st.encryption_method != ZIP_EM_NONE)
      return make_error("zip_encrypted",
                        "El archivo .xlsx está cifrado o protegido con contraseña (" + name + ")",
                        "The .xlsx file is encrypted or password protected (" + name + ")");
    if ((st.valid & ZIP_STAT_SIZE) == 0 || (st.valid & ZIP_STAT_COMP_SIZE) == 0) return corrupt(name);
    total += st.size;
    total_compressed += st.comp_size;
    if (total > limits.max_inflated_bytes) return too_large(limits.max_inflated_bytes);
    if (st.size > limits.ratio_floor_bytes &&
        st.size / std::max<std::uint64_t>(st.comp_size, 1) > limits.max_ratio)
      return make_error("zip_ratio",
                        "El archivo .xlsx se descomprime más de " + std::to_string(limits.max_ratio) +
                            " veces su tamaño (" + name + "): se rechaza como bomba de compresión",
                        "The .xlsx file inflates more than " + std::to_string(limits.max_ratio) +
                            " times its size (" + name + "): refused as a compression bomb");
  }
  if (total > limits.ratio_floor_bytes &&
      total / std::max<std::uint64_t>(total_compressed, 1) > limits.max_ratio)
    return make_error("zip_ratio",
                      "El archivo .xlsx se descomprime más de " + std::to_string(limits.max_ratio) +
                          " veces su tamaño: se rechaza como bomba de compresión",
                      "The .xlsx file inflates more than " + std::to_string(limits.max_ratio) +
                          " times its size: refused as a compression bomb");
  return std::nullopt;
}

bool ZipArchive::contains(std::string_view name) const {
  return zip_name_locate(archive_, std::string(name).c_str(), 0) >= 0;
}

std::optional<Error> ZipArchive::read_chunks(std::string_view name,
                                             const std::function<bool(std::string_view)>& on_chunk) {
  const std::string entry(name);
  zip_file_t* file = zip_fopen(archive_, entry.c_str(), 0);
  if (file == nullptr) return corrupt(entry);
  std::array<char, 64 * 1024> buffer;
  std::optional<Error> failure;
  for (;;) {
    const zip_int64_t n = zip_fread(file, buffer.data(), buffer.size());
    if (n < 0) {
      failure = corrupt(entry);
      break;
    }
    if (n == 0) break;
    // Counted as it inflates: declared sizes can lie, the inflated bytes cannot.
    inflated_so_far_ += static_cast<std::uint64_t>(n);
    if (inflated_so_far_ > limits_.max_inflated_bytes) {
      failure = too_large(limits_.max_inflated_bytes);
      break;
    }
    if (!on_chunk(std::string_view(buffer.data(), static_cast<std::size_t>(n)))) break;
  }
  zip_fclose(file);
  return failure;
}

std::optional<Error> ZipArchive::read_whole(std::string_view name, std::string& out) {
  out.clear();
  std::optional<Error> too_big;
  auto failure = read_chunks(name, [&](std::string_view chunk) {
    if (out.size() + chunk.size() > limits_.max_part_bytes) {
      too_big = too_large(limits_.max_part_bytes);
      return false;
    }
    out.append(chunk);
    return true;
  });
  return failure ? failure : too_big;
}

}  // namespace portal::documents::xlsx
