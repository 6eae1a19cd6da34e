using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>Households (family groups): a client may belong to one; row security from HouseholdSecurity.</remarks>
    public partial class Households : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "household_id",
                table: "clients",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "households",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    head_client_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            migrationBuilder.Sql(JlnbCrm.Households.HouseholdSecurity.Enable());
            migrationBuilder.Sql(JlnbCrm.Access.DatabaseGrants.RevokeFromOtherRoles);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Households.HouseholdSecurity.Disable());

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
        }
    }
}
