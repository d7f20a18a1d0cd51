-- Issue 11 (SPEC §13): the Res. 2335 de 2023 procedure-2 fields of an emergency notification. Added as
-- nullable columns so every row stored before this migration stays readable: a NULL is a notification
-- received before issue 11, whose 2335 values are mapped from its 3047 ones when it is read
-- (res3047_mapping, docs/regulation.md). Codes are the catalogs' (care_causes, admission_routes,
-- condition_destinations); "" means the client's 3047 value had no mapping.
ALTER TABLE notifications ADD COLUMN care_address TEXT;           -- field 20
ALTER TABLE notifications ADD COLUMN care_cause TEXT;             -- field 23
ALTER TABLE notifications ADD COLUMN admission_route TEXT;        -- field 26
ALTER TABLE notifications ADD COLUMN condition_destination TEXT;  -- field 32
-- The body shape the client sent: res3047 | res2335 (NULL: before issue 11, always res3047).
ALTER TABLE notifications ADD COLUMN submitted_format TEXT;
