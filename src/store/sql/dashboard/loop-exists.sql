-- Whether any root cause or improvement is recorded (the nav then links /improvements).
SELECT EXISTS (SELECT 1 FROM root_causes) OR EXISTS (SELECT 1 FROM improvements) AS present
