using JlnbCrm.Access;

namespace JlnbCrm.KeyRing;

/// <summary>
/// Row security for <c>data_protection_keys</c>, ASP.NET Core's data-protection key ring kept in the database so
/// that every instance (and every restart) reads cookies and anti-forgery tokens the others wrote. The app role
/// reads the ring and adds keys, before anyone is signed in too (the sign-in form's anti-forgery token needs it);
/// keys are never changed or deleted by the app (an expired key stays to read old payloads until an operator
/// removes it), so it gets no UPDATE or DELETE.
/// </summary>
public static class KeyRingSecurity
{
    public const string Table = "data_protection_keys";

    private const string App = RowLevelSecurity.AppRole;

    public static string Enable() => $"""
        GRANT SELECT, INSERT ON {Table} TO {App};
        GRANT USAGE, SELECT ON SEQUENCE {Table}_id_seq TO {App};
        ALTER TABLE {Table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {Table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_all ON {Table} TO CURRENT_USER USING (true) WITH CHECK (true);
        CREATE POLICY app_select ON {Table} FOR SELECT TO {App} USING (true);
        CREATE POLICY app_insert ON {Table} FOR INSERT TO {App} WITH CHECK (true);

        """;

    /// <summary>The migration's Down drops the table, and its policies with it.</summary>
    public static string Disable() => $"""
        DROP POLICY IF EXISTS app_insert ON {Table};
        DROP POLICY IF EXISTS app_select ON {Table};
        DROP POLICY IF EXISTS owner_all ON {Table};

        """;
}
