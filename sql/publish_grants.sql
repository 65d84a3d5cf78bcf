-- Privileges other roles hold on a published table (the lookup service's role, a read-only
-- role): a grant belongs to the table, and the swap replaces the table, so each one is repeated
-- on its successor inside the swap. The owner's own rights come with ownership. Parameter: table.
SELECT a.privilege_type, CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END AS grantee,
       a.is_grantable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL aclexplode(c.relacl) a
WHERE n.nspname = 'public' AND c.relname = %(table)s AND a.grantee <> c.relowner
ORDER BY 2, 1
