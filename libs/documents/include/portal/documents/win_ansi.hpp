#pragma once
// URG-4 (and Anexos 1, 3, 4): the PDFs use the base-14 Helvetica fonts with WinAnsi encoding, which
// covers Spanish (á é í ó ú ü ñ ¿ ¡ and capitals) but not emoji, CJK or most symbols. Any text that
// reaches a page goes through here first: characters outside WinAnsi, invalid UTF-8 and control
// characters are replaced, so user input can never crash PoDoFo nor corrupt the content stream.
#include <span>
#include <string>
#include <string_view>

namespace portal::documents {

// What a character that WinAnsi cannot show becomes.
inline constexpr char32_t kReplacementChar = U'?';

// True when the code point has a glyph in WinAnsiEncoding (PDF 32000 Annex D).
bool in_win_ansi(char32_t cp);
// The code points above U+00FF that WinAnsi has (its 0x80..0x9F block), sorted.
std::span<const char32_t> win_ansi_extra_code_points();

// UTF-8 in, code points out: invalid sequences and characters outside WinAnsi become
// kReplacementChar; tabs become spaces; '\n' is kept (a hard line break); '\r' and other control
// characters are dropped.
std::u32string to_win_ansi(std::string_view utf8);

// The same, re-encoded as UTF-8 (what PoDoFo's PdfString(pdf_utf8*) expects).
std::string sanitize_win_ansi(std::string_view utf8);

std::string to_utf8(std::u32string_view text);

}  // namespace portal::documents
