-- Run once by the postgres image on an empty volume: the cache gets its own database beside
-- Dagster's storage (database "dagster"), so the lookup service's unqualified table names in
-- schema public never meet Dagster's tables.
CREATE DATABASE discogs;
