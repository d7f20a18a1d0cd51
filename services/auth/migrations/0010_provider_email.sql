-- Issue 11: the provider's institutional e-mail, the reporting entity's e-mail of the Res. 2335 de 2023
-- reports (procedure 2 onwards). Nullable: providers loaded before it have none until an admin sets it.
ALTER TABLE providers ADD COLUMN email TEXT;
