-- Issue 19: the name of the file as the provider sent it (Content-Disposition filename), shown in the
-- job's JSON and its e-mails («Archivo», manual 003 §8.4). Stored files keep their server-made names.
ALTER TABLE portfolio_requests ADD COLUMN uploaded_file_name TEXT;
ALTER TABLE glosa_responses ADD COLUMN uploaded_file_name TEXT;
