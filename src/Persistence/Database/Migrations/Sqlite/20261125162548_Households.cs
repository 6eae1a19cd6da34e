using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <remarks>Households (family groups): a client may belong to one.</remarks>
    public partial class Households : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // SQLite rebuilds clients (at the end of this migration) to add its foreign key; the view over clients must
            // not exist then, so HouseholdsClientOwners, the next migration, creates it again.
            migrationBuilder.Sql($"DROP VIEW IF EXISTS {JlnbCrm.Access.ClientOwner.View};");
            migrationBuilder.AddColumn<long>(
                name: "household_id",
                table: "clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    head_client_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_households", x => x.id);
                    table.CheckConstraint("ck_households_name", "length(trim(name)) > 0");
                    table.ForeignKey(
                        name: "fk_households_clients_head_client_id",
                        column: x => x.head_client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_clients_household_id_name_id",
                table: "clients",
                columns: new[] { "household_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_households_created_at",
                table: "households",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_households_head_client_id",
                table: "households",
                column: "head_client_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_households_name_id",
                table: "households",
                columns: new[] { "name", "id" });

            migrationBuilder.AddForeignKey(
                name: "fk_clients_households_household_id",
                table: "clients",
                column: "household_id",
                principalTable: "households",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite rebuilds clients to add its foreign key; the view over clients must not be there meanwhile.
            migrationBuilder.Sql($"DROP VIEW IF EXISTS {JlnbCrm.Access.ClientOwner.View};");
            migrationBuilder.DropForeignKey(
                name: "fk_clients_households_household_id",
                table: "clients");

            migrationBuilder.DropTable(
                name: "households");

            migrationBuilder.DropIndex(
                name: "ix_clients_household_id_name_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "household_id",
                table: "clients");

            // The rebuild of clients runs after this method's operations, so the view cannot be created again here:
            // a database rolled back this far gets it from re-applying the migrations (RowSecurityAtScale's view).
        }
    }
}
