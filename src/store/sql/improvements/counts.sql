-- Items in scope and items with a negative mention of the topic, before and after the start, per arm.
SELECT arm, period, items, negative FROM improvement_counts($1, $2, $3)
