-- Releases in the published cache, and in the next one once the swap has carried the service's
-- own releases over (carried: publish_carried.sql).
SELECT (SELECT count(*) FROM public.release) AS published,
       (SELECT count(*) FROM discogs_next.release) + (SELECT count(*) FROM ({carried}) c) AS next
