-- The releases the station pins, filled by COPY (the table: build_schema.sql).
TRUNCATE release_pin;
