using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>
    /// A record's history is read by everyone who sees the record, no longer by admins only: audit_log's SELECT policy
    /// lets through the entries of client, reference, interaction, query and service-request rows the reader's own
    /// policies let them see (Access/RowLevelSecurity.cs, AuditSelectPolicy; the same rule as the EF row filter).
    /// </remarks>
    public partial class RecordHistoryForViewers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY IF EXISTS app_select ON audit_log;");
            migrationBuilder.Sql(JlnbCrm.Access.RowLevelSecurity.AuditSelectPolicy);
            migrationBuilder.Sql(JlnbCrm.Access.DatabaseGrants.RevokeFromOtherRoles);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP POLICY IF EXISTS app_select ON audit_log;
                CREATE POLICY app_select ON audit_log FOR SELECT TO jlnb_app
                  USING ((SELECT crm_actor_role()) = 0 OR user_id = (SELECT crm_actor_id()));
                """);
        }
    }
}
