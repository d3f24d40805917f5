-- How often the administrators were brought in for a case: a supervisors' step left undone past its window, a
-- supervisor's own late callback, a decision nobody made by the stated time (CaseFactRecorder). Rows recorded before
-- this migration start at 0; a late callback of a supervisor's own was counted with the supervisors then.
ALTER TABLE ft_case_fact ADD COLUMN administrator_escalations INTEGER DEFAULT 0 NOT NULL;
