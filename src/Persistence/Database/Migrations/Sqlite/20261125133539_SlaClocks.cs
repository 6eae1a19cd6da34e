using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SlaClocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.AddColumn<DateTime>(
                name: "breach_recorded_at",
                table: "service_requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "due_at",
                table: "service_requests",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "breach_recorded_at",
                table: "queries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "due_at",
                table: "queries",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.CreateTable(
                name: "holidays",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_holidays", x => x.id);
                    table.CheckConstraint("ck_holidays_name", "length(trim(name)) > 0");
                });

            migrationBuilder.CreateTable(
                name: "service_levels",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    working_days = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_levels", x => x.id);
                    table.CheckConstraint("ck_service_levels_subject", "subject IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other', 'Client Query')");
                    table.CheckConstraint("ck_service_levels_working_days", "working_days BETWEEN 1 AND 60");
                });

            migrationBuilder.InsertData(
                table: "service_levels",
                columns: new[] { "id", "created_at", "subject", "updated_at", "working_days" },
                values: new object[,]
                {
                    { 1L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Account Opening", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 5 },
                    { 2L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Address Change", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 3 },
                    { 3L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Bank Mandate", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 3 },
                    { 4L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Contact Update", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 3 },
                    { 5L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "KYC Update", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 2 },
                    { 6L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Nominee Update", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 3 },
                    { 7L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Other", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 3 },
                    { 8L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Redemption", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 1 },
                    { 9L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Switch", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 3 },
                    { 10L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Client Query", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 3 }
                });

            // Existing work gets a due-at from its created-at and today's targets. SQL has no firm calendar, so the
            // backfill approximates working days with calendar days (a little early across Sundays and holidays);
            // every record created from now on is dated by WorkingCalendar.
            migrationBuilder.Sql("""
                UPDATE service_requests SET due_at = strftime('%Y-%m-%d %H:%M:%f', created_at, '+' ||
                  (SELECT working_days FROM service_levels l WHERE l.subject = service_requests.type) || ' days');
                UPDATE queries SET due_at = strftime('%Y-%m-%d %H:%M:%f', created_at, '+' ||
                  (SELECT working_days FROM service_levels WHERE subject = 'Client Query') || ' days');
                """);


            migrationBuilder.CreateIndex(
                name: "ix_service_requests_due_at",
                table: "service_requests",
                column: "due_at");

            migrationBuilder.AddCheckConstraint(
                name: "ck_service_requests_due_at",
                table: "service_requests",
                sql: "due_at >= created_at");

            migrationBuilder.CreateIndex(
                name: "ix_queries_due_at",
                table: "queries",
                column: "due_at");

            migrationBuilder.AddCheckConstraint(
                name: "ck_queries_due_at",
                table: "queries",
                sql: "due_at >= created_at");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('Insert', 'Update', 'Delete', 'Bulk Insert', 'SLA Breached')");

            migrationBuilder.CreateIndex(
                name: "ix_holidays_created_at",
                table: "holidays",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_holidays_date",
                table: "holidays",
                column: "date",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_service_levels_created_at",
                table: "service_levels",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_service_levels_subject",
                table: "service_levels",
                column: "subject",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "holidays");

            migrationBuilder.DropTable(
                name: "service_levels");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_due_at",
                table: "service_requests");

            migrationBuilder.DropCheckConstraint(
                name: "ck_service_requests_due_at",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_queries_due_at",
                table: "queries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_queries_due_at",
                table: "queries");

            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "breach_recorded_at",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "breach_recorded_at",
                table: "queries");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "queries");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('Insert', 'Update', 'Delete', 'Bulk Insert')");
        }
    }
}
