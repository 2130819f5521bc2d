-- When the routes of a deployment last changed (an endpoint registered, edited or retired).
SELECT max(updated_at) AS at FROM delivery_endpoints WHERE deployment = $1
