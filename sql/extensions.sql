-- Extensions and the immutable unaccent wrapper every trigram index is built on.
-- Always in schema public: the lookup service calls f_unaccent unqualified and the index
-- expressions must stay exactly lower(f_unaccent(col)).
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

-- unaccent() is only STABLE (its dictionary could change), so it cannot appear in an index
-- expression; naming the dictionary explicitly makes the wrapper safe to declare IMMUTABLE.
CREATE OR REPLACE FUNCTION public.f_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
