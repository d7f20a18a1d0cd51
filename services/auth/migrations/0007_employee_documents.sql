-- AUTH-9: one employee per document. The route checks it inside its transaction; this index also holds it
-- when two creations run at once on two replicas of the service on PostgreSQL (issue 8), where neither
-- transaction sees the other's row before it commits. Provider users are kept unique per document by
-- taking the provider's row first (provider_store::lock).
CREATE UNIQUE INDEX users_employee_document ON users(document_type, document_number) WHERE user_type = 'employee';
