-- PACS-lite index, version 6: radiology reports and study corrections (docs/dicomweb.md,
-- "Reports" and "Corrections").
-- superseded_by: the SOP Instance UID of the report that replaced this one; the replaced
-- report is kept (docs/dicomweb.md). Only reports have it.
-- detail: what an audit event changed, such as the before and after values of a
-- correction. The hash chain covers it only when it is set, so older rows verify as before.

ALTER TABLE instance ADD COLUMN superseded_by VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN detail VARCHAR(4000);
