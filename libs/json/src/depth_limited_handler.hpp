#pragma once
// A SAX handler that forwards to another handler (the Document) and refuses nesting deeper than a
// limit. RapidJSON's own reader has no depth limit; iterative parsing alone keeps the stack safe but
// would still build a 100,000-level document that recursive consumers (Writer, Accept) then crash on.
#include <rapidjson/rapidjson.h>

#include <cstdint>

namespace portal::json::detail {

template <typename Inner>
class DepthLimitedHandler {
 public:
  using Ch = typename Inner::Ch;

  DepthLimitedHandler(Inner& inner, int max_depth) : inner_(inner), max_depth_(max_depth) {}

  bool too_deep() const { return too_deep_; }

  bool Null() { return inner_.Null(); }
  bool Bool(bool b) { return inner_.Bool(b); }
  bool Int(int i) { return inner_.Int(i); }
  bool Uint(unsigned i) { return inner_.Uint(i); }
  bool Int64(std::int64_t i) { return inner_.Int64(i); }
  bool Uint64(std::uint64_t i) { return inner_.Uint64(i); }
  bool Double(double d) { return inner_.Double(d); }
  bool RawNumber(const Ch* s, rapidjson::SizeType n, bool copy) { return inner_.RawNumber(s, n, copy); }
  bool String(const Ch* s, rapidjson::SizeType n, bool copy) { return inner_.String(s, n, copy); }
  bool Key(const Ch* s, rapidjson::SizeType n, bool copy) { return inner_.Key(s, n, copy); }
  bool StartObject() { return enter() && inner_.StartObject(); }
  bool EndObject(rapidjson::SizeType members) {
    --depth_;
    return inner_.EndObject(members);
  }
  bool StartArray() { return enter() && inner_.StartArray(); }
  bool EndArray(rapidjson::SizeType elements) {
    --depth_;
    return inner_.EndArray(elements);
  }

 private:
  bool enter() {
    if (++depth_ > max_depth_) {
      too_deep_ = true;
      return false;  // the reader stops at once with kParseErrorTermination
    }
    return true;
  }

  Inner& inner_;
  int max_depth_;
  int depth_ = 0;
  bool too_deep_ = false;
};

}  // namespace portal::json::detail
