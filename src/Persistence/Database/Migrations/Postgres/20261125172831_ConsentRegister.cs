using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    /// <remarks>
    /// The consent register (DPDP Act 2023): consents per client and purpose, the data-principal request types with
    /// their statutory service level, and the marketing opt-out view every cross-sell list reads.
    /// </remarks>
    public partial class ConsentRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_service_requests_type",
                table: "service_requests");

            migrationBuilder.DropCheckConstraint(
                name: "ck_service_levels_subject",
                table: "service_levels");

            migrationBuilder.DropCheckConstraint(
                name: "ck_desk_routes_type",
                table: "desk_routes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<long>(type: "bigint", nullable: false),
                    purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    given_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    given_by_id = table.Column<long>(type: "bigint", nullable: false),
                    evidence = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    withdrawn_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by_id = table.Column<long>(type: "bigint", nullable: true),
                    withdrawal_evidence = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.id);
                    table.CheckConstraint("ck_consents_evidence", "length(trim(evidence)) > 0");
                    table.CheckConstraint("ck_consents_purpose", "purpose IN ('Marketing', 'Service communication', 'Data sharing with partners')");
                    table.CheckConstraint("ck_consents_withdrawal", "(withdrawn_at IS NULL) = (withdrawn_by_id IS NULL) AND (withdrawn_at IS NULL) = (withdrawal_evidence IS NULL)");
                    table.CheckConstraint("ck_consents_withdrawn_after_given", "withdrawn_at IS NULL OR withdrawn_at >= given_at");
                    table.ForeignKey(
                        name: "fk_consents_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_consents_users_given_by_id",
                        column: x => x.given_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_consents_users_withdrawn_by_id",
                        column: x => x.withdrawn_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "service_levels",
                columns: new[] { "id", "created_at", "subject", "updated_at", "working_days" },
                values: new object[,]
                {
                    { 11L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Data Access Request", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 60 },
                    { 12L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Data Correction Request", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 60 },
                    { 13L, new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), "Data Erasure Request", new DateTime(2026, 11, 25, 0, 0, 0, 0, DateTimeKind.Utc), 60 }
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_service_requests_type",
                table: "service_requests",
                sql: "type IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other', 'Data Access Request', 'Data Correction Request', 'Data Erasure Request')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_service_levels_subject",
                table: "service_levels",
                sql: "subject IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other', 'Data Access Request', 'Data Correction Request', 'Data Erasure Request', 'Client Query')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_desk_routes_type",
                table: "desk_routes",
                sql: "type IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other', 'Data Access Request', 'Data Correction Request', 'Data Erasure Request')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('Insert', 'Update', 'Delete', 'Bulk Insert', 'SLA Breached', 'Data Export')");

            migrationBuilder.CreateIndex(
                name: "ix_consents_client_id_purpose_withdrawn_at",
                table: "consents",
                columns: new[] { "client_id", "purpose", "withdrawn_at" });

            migrationBuilder.CreateIndex(
                name: "ix_consents_created_at",
                table: "consents",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_consents_current",
                table: "consents",
                columns: new[] { "client_id", "purpose" },
                unique: true,
                filter: "withdrawn_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_consents_given_by_id",
                table: "consents",
                column: "given_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_consents_withdrawn_by_id",
                table: "consents",
                column: "withdrawn_by_id");

            // Consents are seen by whoever sees the client and written by whoever may edit it; the marketing opt-out view.
            migrationBuilder.Sql(JlnbCrm.Consents.ConsentSecurity.Enable());
            migrationBuilder.Sql(JlnbCrm.Access.DatabaseGrants.RevokeFromOtherRoles);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(JlnbCrm.Consents.ConsentSecurity.Disable());
            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropCheckConstraint(
                name: "ck_service_requests_type",
                table: "service_requests");

            migrationBuilder.DropCheckConstraint(
                name: "ck_service_levels_subject",
                table: "service_levels");

            migrationBuilder.DropCheckConstraint(
                name: "ck_desk_routes_type",
                table: "desk_routes");

            migrationBuilder.DropCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log");

            migrationBuilder.DeleteData(
                table: "service_levels",
                keyColumn: "id",
                keyValue: 11L);

            migrationBuilder.DeleteData(
                table: "service_levels",
                keyColumn: "id",
                keyValue: 12L);

            migrationBuilder.DeleteData(
                table: "service_levels",
                keyColumn: "id",
                keyValue: 13L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_service_requests_type",
                table: "service_requests",
                sql: "type IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_service_levels_subject",
                table: "service_levels",
                sql: "subject IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other', 'Client Query')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_desk_routes_type",
                table: "desk_routes",
                sql: "type IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_audit_log_action",
                table: "audit_log",
                sql: "action IN ('Insert', 'Update', 'Delete', 'Bulk Insert', 'SLA Breached')");
        }
    }
}
