using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ClientReach : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "client_reach",
                columns: table => new
                {
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    principal_id = table.Column<long>(type: "INTEGER", nullable: false),
                    client_id = table.Column<long>(type: "INTEGER", nullable: false),
                    works = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_reach", x => new { x.kind, x.principal_id, x.client_id });
                    table.ForeignKey(
                        name: "fk_client_reach_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_client_reach_client_id_kind_principal_id",
                table: "client_reach",
                columns: new[] { "client_id", "kind", "principal_id" });

            // Clients reached through work, kept by triggers and read by the row filters (Access/ClientReachMaintenance.cs,
            // Access/ClientReachMigration.cs): the triggers, the backfill.
            migrationBuilder.Sql(JlnbCrm.Access.ClientReachMigration.SqliteUp());
            migrationBuilder.Sql(JlnbCrm.Kyc.KycStatusDefaultRepair.Rows);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Access.ClientReachMigration.SqliteDown());
            migrationBuilder.DropTable(
                name: "client_reach");
        }
    }
}
