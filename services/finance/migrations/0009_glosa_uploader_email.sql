-- FIN-6 (issue 19): the result of a glosa response goes to the provider's registered address and to the
-- uploading user's own (manual 003 §8.4: "al correo electrónico del administrador y/o correo del usuario").
ALTER TABLE glosa_responses ADD COLUMN uploader_email TEXT;
