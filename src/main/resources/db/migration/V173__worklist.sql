-- Follow-up worklist (issue 17, docs/casework.md): ended enrollments by exit date (follow-ups due 3, 6 and 12 months
-- after exit), enrollments still ENROLLED by enrollment date, open enrollments (age limit) and planned tranches with
-- a condition are each found through an index rather than a scan of their table (outcomes: their unique
-- (enrollment_id, follow_up_month) index).
CREATE INDEX enrollment_exited_on_idx ON enrollment (exited_on) WHERE status IN ('COMPLETED', 'DROPPED_OUT');
CREATE INDEX enrollment_enrolled_idx ON enrollment (enrolled_on) WHERE status = 'ENROLLED';
