-- One upgrade step applied (or, in a database nothing was published to yet, the layout the
-- first build publishes at that version).
INSERT INTO public.schema_version (version, name) VALUES (%(version)s, %(name)s)
