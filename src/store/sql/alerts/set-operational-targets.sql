UPDATE operational_alerts SET targets = $2::text[] WHERE id = $1
