using JlnbCrm.Access;

namespace JlnbCrm.Consents;

/// <summary>
/// Row-level security for consents (PostgreSQL), the same rule as the EF filter in CrmDbContext.Visibility.cs:
/// a consent is seen by whoever sees its client (the EXISTS reads clients through clients' own policy), and written by
/// whoever may edit the client (admins, the team's head, its RM: <c>AccessRules.MayEditClient</c>). Nobody deletes one
/// (they are withdrawn); the client's own delete cascades as the owner. Their history in audit_log is read by the
/// same people (a second permissive select policy beside <see cref="RowLevelSecurity.AuditSelectPolicy"/>).
/// </summary>
public static class ConsentSecurity
{
    private const string Table = "consents", App = RowLevelSecurity.AppRole;
    private const string ClientVisible = "EXISTS (SELECT FROM clients c WHERE c.id = consents.client_id)";
    private const string ClientEditable = "crm_client_rm(client_id) = ANY ((SELECT crm_visible_user_ids())::bigint[])";

    public static string Enable() => $"""
        ALTER TABLE {Table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {Table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY owner_all ON {Table} TO CURRENT_USER USING (true) WITH CHECK (true);
        CREATE POLICY app_select ON {Table} FOR SELECT TO {App} USING ({ClientVisible});
        CREATE POLICY app_insert ON {Table} FOR INSERT TO {App} WITH CHECK ({ClientEditable});
        CREATE POLICY app_update ON {Table} FOR UPDATE TO {App} USING ({ClientEditable}) WITH CHECK ({ClientEditable});
        CREATE POLICY app_select_consents ON audit_log FOR SELECT TO {App} USING (audit_log.entity = '{Table}'
          AND EXISTS (SELECT FROM {Table} r WHERE r.id = audit_log.entity_id));
        {MarketingOptOut.CreateView}
        GRANT SELECT ON {MarketingOptOut.View} TO {App};
        """;

    public static string Disable() => $"""
        {MarketingOptOut.DropView}
        DROP POLICY IF EXISTS app_select_consents ON audit_log;

        """;
}
