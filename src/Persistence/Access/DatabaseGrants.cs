namespace JlnbCrm.Access;

/// <summary>
/// Who may touch the CRM's objects at all, below row security: only their owner (the migrating login) and the app
/// role. Hosting platforms grant more than that by default — Supabase's default privileges give <c>anon</c>,
/// <c>authenticated</c> and <c>service_role</c> everything on each table, view, sequence and function that
/// <c>postgres</c> creates in <c>public</c> (its Data API then serves them), and PostgreSQL itself lets PUBLIC
/// execute every new function. So after the migrations have created objects, every grant to anyone else is revoked.
/// </summary>
/// <remarks>
/// The CRM stays in <c>public</c> rather than a schema of its own: moving it would rename every object under every
/// migration for no lasting gain, since a platform's "grant on all tables in schema" script or default privileges
/// can name any schema; revoking whatever was granted, whoever the grantee, holds wherever the tables live.
/// The roles are found from the objects' ACLs, not by name, so platform roles of any name are covered.
/// "The CRM's objects" are those in <c>public</c> that the migrating login owns, except extension members
/// (pg_trgm's functions stay callable by all); give the CRM a database of its own.
/// Default privileges are left as the platform set them (they are its configuration, not the CRM's): a migration
/// that creates a table, view, sequence or function must end with <see cref="RevokeFromOtherRoles"/> and give a
/// new table forced row security; <c>DatabaseGrantsTests</c> fails otherwise.
/// </remarks>
public static class DatabaseGrants
{
    /// <summary>Revokes every privilege on the CRM's objects from PUBLIC and any role other than the owner and the app role.</summary>
    public const string RevokeFromOtherRoles = $$"""
        DO $$
        DECLARE
          me oid := (SELECT oid FROM pg_roles WHERE rolname = current_user);
          app oid := (SELECT oid FROM pg_roles WHERE rolname = '{{RowLevelSecurity.AppRole}}');
          g record;
        BEGIN
          FOR g IN
            SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS kind, c.oid::regclass::text AS object, a.grantee
            FROM pg_class c
            CROSS JOIN LATERAL aclexplode(coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", me))) a
            WHERE c.relnamespace = 'public'::regnamespace AND c.relowner = me AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
              AND a.grantee NOT IN (me, app)
            UNION
            SELECT 'FUNCTION', p.oid::regprocedure::text, a.grantee
            FROM pg_proc p CROSS JOIN LATERAL aclexplode(coalesce(p.proacl, acldefault('f', me))) a
            WHERE p.pronamespace = 'public'::regnamespace AND p.proowner = me
              AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
              AND a.grantee NOT IN (me, app)
          LOOP
            EXECUTE format('REVOKE ALL ON %s %s FROM %s CASCADE', g.kind, g.object,
              CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE g.grantee::regrole::text END);
          END LOOP;
        END $$;

        """;
}
