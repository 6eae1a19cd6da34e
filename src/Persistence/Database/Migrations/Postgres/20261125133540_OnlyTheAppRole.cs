using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>
    /// Nothing of the CRM is reachable by any role but its owner and the app role (Access/DatabaseGrants.cs): the
    /// grants a host's default privileges gave others (Supabase's anon and authenticated) and PUBLIC's EXECUTE on
    /// the row-security helpers are revoked, and the tables without row security so far — users (password hashes),
    /// teams, products, roles, the OpenIddict tables, the migration history — get forced row security with explicit
    /// policies (Access/ReferenceTableSecurity.cs).
    /// </remarks>
    public partial class OnlyTheAppRole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Access.ReferenceTableSecurity.Enable());
            migrationBuilder.Sql(JlnbCrm.Access.DatabaseGrants.RevokeFromOtherRoles);
        }

        /// <inheritdoc />
        /// <remarks>The revoked grants are not given back: who held them is not recorded, and none were the CRM's.</remarks>
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Access.ReferenceTableSecurity.Disable());
        }
    }
}
