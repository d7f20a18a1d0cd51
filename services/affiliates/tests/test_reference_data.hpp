#pragma once
// A small ReferenceData mirroring libs/catalog's tables (document types with their age hints, a few
// DIVIPOLA municipalities, part of Tabla 4.1) for the pure rule tests.
#include "reference_data.hpp"

namespace portal::affiliates::test {

const ReferenceData& reference_data();

}  // namespace portal::affiliates::test
