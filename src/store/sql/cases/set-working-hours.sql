-- The working hours (calendar and hours of delivery.workingHours) a case took to answer and to close.
UPDATE alerts
SET ack_working_hours = coalesce(ack_working_hours, $2),
    resolve_working_hours = coalesce(resolve_working_hours, $3)
WHERE id = $1
