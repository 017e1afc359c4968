-- PACS-lite index, version 2: person names matchable by any component group, and by word for
-- fuzzy matching (docs/query.md). Migrations fills these columns for existing rows after this
-- script (Names.fillColumns): folding a name is not something SQL can do.

ALTER TABLE patient ADD COLUMN patient_name_ideographic VARCHAR(400);
ALTER TABLE patient ADD COLUMN patient_name_phonetic VARCHAR(400);
ALTER TABLE patient ADD COLUMN patient_name_words VARCHAR(600);
CREATE INDEX patient_name_ideographic_idx ON patient (patient_name_ideographic);
CREATE INDEX patient_name_phonetic_idx ON patient (patient_name_phonetic);

ALTER TABLE study ADD COLUMN referring_physician_name_ideographic VARCHAR(400);
ALTER TABLE study ADD COLUMN referring_physician_name_phonetic VARCHAR(400);
ALTER TABLE study ADD COLUMN referring_physician_name_words VARCHAR(600);

-- The order of study query results (docs/query.md), so that a page of the study list is read
-- in index order instead of sorting every study.
CREATE INDEX study_order_idx ON study (study_date DESC NULLS LAST, study_time DESC NULLS LAST, pk DESC);
