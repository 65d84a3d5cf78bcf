-- The schema version recorded by a published cache: 0 when it records none (published before
-- versions were recorded, or nothing published yet).
SELECT coalesce(max(version), 0) FROM public.schema_version
