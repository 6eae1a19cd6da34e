using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>
    /// Operations desks (docs/access.md): teams get a kind and a default-desk flag, requests the desk whose queue holds
    /// them (stored on the row, so row security compares it directly), admins route request types in desk_routes.
    /// </remarks>
    public partial class OperationsDesks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "is_default_desk",
                table: "teams",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "kind",
                table: "teams",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "Relationship"); // every team so far is an RM team

            migrationBuilder.AddColumn<long>(
                name: "desk_id",
                table: "service_requests",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "reopen_reason",
                table: "service_requests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            // Requests raised before desks existed need one: a firm with requests gets an "Operations desk" (its
            // default desk, with no members yet) holding them, for the admin to staff or re-route. A fresh firm gets
            // none, and raising a request is refused (NO_DESK) until an admin makes a team an operations desk.
            migrationBuilder.Sql("""
                INSERT INTO teams (name, kind, is_default_desk, version, created_at, updated_at)
                  SELECT 'Operations desk', 'Operations', true, 0, now(), now() WHERE EXISTS (SELECT 1 FROM service_requests);
                UPDATE service_requests SET desk_id = (SELECT id FROM teams WHERE is_default_desk);
                """);

            migrationBuilder.CreateTable(
                name: "desk_routes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    team_id = table.Column<long>(type: "bigint", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

            // Service-request visibility by desk (Access/RowLevelSecurity.cs), routes readable by all, written by admins.
            migrationBuilder.Sql(JlnbCrm.Access.RowLevelSecurity.DropPolicies());
            migrationBuilder.Sql(JlnbCrm.Access.RowLevelSecurity.EnableWithDesks());
            // Enable grants the app role every table; the migration history stays the owner's (OnlyTheAppRole).
            migrationBuilder.Sql($"REVOKE ALL ON __ef_migrations_history FROM {JlnbCrm.Access.RowLevelSecurity.AppRole};");
            migrationBuilder.Sql(JlnbCrm.Desks.DeskRouteSecurity.Enable());
            migrationBuilder.Sql(JlnbCrm.Access.DatabaseGrants.RevokeFromOtherRoles);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The policies read desk_id: put back the ones from before desks first.
            migrationBuilder.Sql(JlnbCrm.Access.RowLevelSecurity.DropPolicies());
            migrationBuilder.Sql(JlnbCrm.Access.RowLevelSecurity.EnableBeforeDesks());
            migrationBuilder.Sql(JlnbCrm.Desks.DeskRouteSecurity.Disable());

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
