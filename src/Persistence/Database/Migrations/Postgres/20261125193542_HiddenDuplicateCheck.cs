using JlnbCrm.Access;
using JlnbCrm.Leads;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HiddenDuplicateCheck : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('Insert', 'Update', 'Delete', 'Bulk Insert', 'SLA Breached', 'Data Export', 'Hidden Duplicate')");

            migrationBuilder.Sql(HiddenDuplicates.Create());
            migrationBuilder.Sql(DatabaseGrants.RevokeFromOtherRoles);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(HiddenDuplicates.Drop());

            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('Insert', 'Update', 'Delete', 'Bulk Insert', 'SLA Breached', 'Data Export')");
        }
    }
}
