using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OperationsDesks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_default_desk",
                table: "teams",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "teams",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "Relationship"); // every team so far is an RM team

            migrationBuilder.AddColumn<long>(
                name: "desk_id",
                table: "service_requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "reopen_reason",
                table: "service_requests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            // Requests raised before desks existed need one: a firm with requests gets an "Operations desk" (its
            // default desk, with no members yet) holding them, for the admin to staff or re-route. A fresh firm gets
            // none, and raising a request is refused (NO_DESK) until an admin makes a team an operations desk.
            migrationBuilder.Sql("""
                INSERT INTO teams (name, kind, is_default_desk, version, created_at, updated_at)
                  SELECT 'Operations desk', 'Operations', 1, 0, strftime('%Y-%m-%d %H:%M:%S', 'now'), strftime('%Y-%m-%d %H:%M:%S', 'now') WHERE EXISTS (SELECT 1 FROM service_requests);
                UPDATE service_requests SET desk_id = (SELECT id FROM teams WHERE is_default_desk);
                """);

            migrationBuilder.CreateTable(
                name: "desk_routes",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    team_id = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_desk_routes", x => x.id);
                    table.CheckConstraint("ck_desk_routes_type", "type IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other')");
                    table.ForeignKey(
                        name: "fk_desk_routes_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_teams_is_default_desk",
                table: "teams",
                column: "is_default_desk",
                unique: true,
                filter: "is_default_desk");

            migrationBuilder.AddCheckConstraint(
                name: "ck_teams_default_desk",
                table: "teams",
                sql: "NOT is_default_desk OR kind = 'Operations'");

            migrationBuilder.AddCheckConstraint(
                name: "ck_teams_kind",
                table: "teams",
                sql: "kind IN ('Relationship', 'Operations')");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_desk_id_assigned_user_id_client_id",
                table: "service_requests",
                columns: new[] { "desk_id", "assigned_user_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_desk_id_status_due_at",
                table: "service_requests",
                columns: new[] { "desk_id", "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_desk_routes_created_at",
                table: "desk_routes",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_desk_routes_team_id",
                table: "desk_routes",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_desk_routes_type",
                table: "desk_routes",
                column: "type",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_service_requests_teams_desk_id",
                table: "service_requests",
                column: "desk_id",
                principalTable: "teams",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_service_requests_teams_desk_id",
                table: "service_requests");

            migrationBuilder.DropTable(
                name: "desk_routes");

            migrationBuilder.DropIndex(
                name: "ix_teams_is_default_desk",
                table: "teams");

            migrationBuilder.DropCheckConstraint(
                name: "ck_teams_default_desk",
                table: "teams");

            migrationBuilder.DropCheckConstraint(
                name: "ck_teams_kind",
                table: "teams");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_desk_id_assigned_user_id_client_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_desk_id_status_due_at",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "is_default_desk",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "teams");

            migrationBuilder.DropColumn(
                name: "desk_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "reopen_reason",
                table: "service_requests");
        }
    }
}
