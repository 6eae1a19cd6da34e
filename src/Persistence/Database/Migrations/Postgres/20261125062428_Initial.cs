using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace JlnbCrm.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: true),
                    entity = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    entity_id = table.Column<long>(type: "bigint", nullable: false),
                    action = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                    table.CheckConstraint("ck_audit_log_action", "action IN ('Insert', 'Update', 'Delete', 'Bulk Insert')");
                });

            migrationBuilder.CreateTable(
                name: "products",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_products", x => x.id);
                    table.CheckConstraint("ck_products_category", "category IN ('Mutual Fund', 'PMS', 'AIF', 'Insurance', 'Bonds', 'Fixed Deposit', 'Equity')");
                    table.CheckConstraint("ck_products_name", "length(trim(name)) > 0");
                });

            migrationBuilder.CreateTable(
                name: "roles",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "teams",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_teams", x => x.id);
                    table.CheckConstraint("ck_teams_name", "length(trim(name)) > 0");
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    role_id = table.Column<int>(type: "integer", nullable: false),
                    team_id = table.Column<long>(type: "bigint", nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false, defaultValue: true),
                    password_hash = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    security_stamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.CheckConstraint("ck_users_email", "email LIKE '_%@_%'");
                    table.CheckConstraint("ck_users_team", "role_id = 0 OR team_id IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_users_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_users_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "client_products",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<long>(type: "bigint", nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    subscribed_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_client_products", x => x.id);
                    table.ForeignKey(
                        name: "fk_client_products_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "clients",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    pan = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    account_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    mobile = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    address = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    date_of_birth = table.Column<DateOnly>(type: "date", nullable: true),
                    assigned_rm_id = table.Column<long>(type: "bigint", nullable: false),
                    source_lead_id = table.Column<long>(type: "bigint", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_clients", x => x.id);
                    table.CheckConstraint("ck_clients_name", "length(trim(name)) > 0");
                    table.CheckConstraint("ck_clients_pan", "pan ~ '^[A-Z]{5}[0-9]{4}[A-Z]$'");
                    table.ForeignKey(
                        name: "fk_clients_users_assigned_rm_id",
                        column: x => x.assigned_rm_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "queries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<long>(type: "bigint", nullable: false),
                    assigned_rm_id = table.Column<long>(type: "bigint", nullable: false),
                    details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    resolution = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    resolved_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queries", x => x.id);
                    table.CheckConstraint("ck_queries_details", "length(trim(details)) > 0");
                    table.CheckConstraint("ck_queries_resolution", "status IN ('Open', 'In Progress') OR (resolution IS NOT NULL AND length(trim(resolution)) > 0 AND resolved_at IS NOT NULL)");
                    table.CheckConstraint("ck_queries_status", "status IN ('Open', 'In Progress', 'Resolved', 'Closed')");
                    table.ForeignKey(
                        name: "fk_queries_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_queries_users_assigned_rm_id",
                        column: x => x.assigned_rm_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "service_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    assigned_user_id = table.Column<long>(type: "bigint", nullable: true),
                    rejection_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    closed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_service_requests", x => x.id);
                    table.CheckConstraint("ck_service_requests_details", "length(trim(details)) > 0");
                    table.CheckConstraint("ck_service_requests_rejection_reason", "(status = 'Rejected') = (rejection_reason IS NOT NULL AND length(trim(rejection_reason)) > 0)");
                    table.CheckConstraint("ck_service_requests_status", "status IN ('Pending', 'In Progress', 'Completed', 'Rejected')");
                    table.CheckConstraint("ck_service_requests_type", "type IN ('Account Opening', 'Contact Update', 'Address Change', 'Nominee Update', 'Bank Mandate', 'Redemption', 'Switch', 'KYC Update', 'Other')");
                    table.ForeignKey(
                        name: "fk_service_requests_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_service_requests_users_assigned_user_id",
                        column: x => x.assigned_user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "interactions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    client_id = table.Column<long>(type: "bigint", nullable: false),
                    user_id = table.Column<long>(type: "bigint", nullable: false),
                    type = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    details = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    related_product_id = table.Column<long>(type: "bigint", nullable: true),
                    related_query_id = table.Column<long>(type: "bigint", nullable: true),
                    occurred_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_interactions", x => x.id);
                    table.CheckConstraint("ck_interactions_details", "length(trim(details)) > 0");
                    table.CheckConstraint("ck_interactions_query", "type <> 'Query Resolution' OR related_query_id IS NOT NULL");
                    table.CheckConstraint("ck_interactions_type", "type IN ('New Business', 'Query Resolution', 'Portfolio Review')");
                    table.ForeignKey(
                        name: "fk_interactions_client_queries_related_query_id",
                        column: x => x.related_query_id,
                        principalTable: "queries",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_interactions_clients_client_id",
                        column: x => x.client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_interactions_products_related_product_id",
                        column: x => x.related_product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_interactions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    prospect_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    mobile = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    pan = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    ref_obtained_by_id = table.Column<long>(type: "bigint", nullable: false),
                    ref_given_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ref_given_by_client_id = table.Column<long>(type: "bigint", nullable: true),
                    conversion_rm_id = table.Column<long>(type: "bigint", nullable: true),
                    mode_of_communication = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    product_id = table.Column<long>(type: "bigint", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    denial_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    converted_client_id = table.Column<long>(type: "bigint", nullable: true),
                    origin_interaction_id = table.Column<long>(type: "bigint", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false, defaultValue: 0L),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leads", x => x.id);
                    table.CheckConstraint("ck_leads_contact", "mobile IS NOT NULL OR email IS NOT NULL");
                    table.CheckConstraint("ck_leads_converted_client", "(status = 'Converted') = (converted_client_id IS NOT NULL)");
                    table.CheckConstraint("ck_leads_denial_reason", "(status = 'Denied') = (denial_reason IS NOT NULL AND length(trim(denial_reason)) > 0)");
                    table.CheckConstraint("ck_leads_mode_of_communication", "mode_of_communication IN ('Call', 'Mail', 'WhatsApp')");
                    table.CheckConstraint("ck_leads_pan", "pan IS NULL OR (pan ~ '^[A-Z]{5}[0-9]{4}[A-Z]$')");
                    table.CheckConstraint("ck_leads_status", "status IN ('New', 'WIP', 'Converted', 'Denied')");
                    table.ForeignKey(
                        name: "fk_leads_clients_converted_client_id",
                        column: x => x.converted_client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_clients_ref_given_by_client_id",
                        column: x => x.ref_given_by_client_id,
                        principalTable: "clients",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_leads_interactions_origin_interaction_id",
                        column: x => x.origin_interaction_id,
                        principalTable: "interactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_leads_products_product_id",
                        column: x => x.product_id,
                        principalTable: "products",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_users_conversion_rm_id",
                        column: x => x.conversion_rm_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_leads_users_ref_obtained_by_id",
                        column: x => x.ref_obtained_by_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "roles",
                columns: new[] { "id", "description", "name" },
                values: new object[,]
                {
                    { 0, "Sees and does everything, including user, team and product management.", "Admin" },
                    { 1, "Sees and assigns everything of their team.", "Ops/RM Head" },
                    { 2, "Works the clients, leads, queries and requests assigned to them.", "Ops Exec/Junior RM" }
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_entity_id_at",
                table: "audit_log",
                columns: new[] { "entity", "entity_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_user_id_at",
                table: "audit_log",
                columns: new[] { "user_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_client_products_client_id_product_id",
                table: "client_products",
                columns: new[] { "client_id", "product_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_client_products_product_id",
                table: "client_products",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_clients_account_id",
                table: "clients",
                column: "account_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clients_assigned_rm_id_name_id",
                table: "clients",
                columns: new[] { "assigned_rm_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_clients_created_at",
                table: "clients",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_clients_mobile",
                table: "clients",
                column: "mobile");

            migrationBuilder.CreateIndex(
                name: "ix_clients_name",
                table: "clients",
                column: "name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_clients_name_id",
                table: "clients",
                columns: new[] { "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_clients_pan",
                table: "clients",
                column: "pan",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clients_source_lead_id",
                table: "clients",
                column: "source_lead_id");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_client_id_occurred_at_id",
                table: "interactions",
                columns: new[] { "client_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_created_at",
                table: "interactions",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_occurred_at",
                table: "interactions",
                column: "occurred_at");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_related_product_id",
                table: "interactions",
                column: "related_product_id");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_related_query_id",
                table: "interactions",
                column: "related_query_id");

            migrationBuilder.CreateIndex(
                name: "ix_interactions_user_id_occurred_at",
                table: "interactions",
                columns: new[] { "user_id", "occurred_at" });

            migrationBuilder.CreateIndex(
                name: "ix_leads_conversion_rm_id",
                table: "leads",
                column: "conversion_rm_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_converted_client_id",
                table: "leads",
                column: "converted_client_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_created_at",
                table: "leads",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_leads_origin_interaction_id",
                table: "leads",
                column: "origin_interaction_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_pan",
                table: "leads",
                column: "pan");

            migrationBuilder.CreateIndex(
                name: "ix_leads_product_id",
                table: "leads",
                column: "product_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_ref_given_by_client_id",
                table: "leads",
                column: "ref_given_by_client_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_ref_obtained_by_id",
                table: "leads",
                column: "ref_obtained_by_id");

            migrationBuilder.CreateIndex(
                name: "ix_leads_status_created_at",
                table: "leads",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_products_category",
                table: "products",
                column: "category");

            migrationBuilder.CreateIndex(
                name: "ix_products_created_at",
                table: "products",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_products_name",
                table: "products",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_queries_assigned_rm_id",
                table: "queries",
                column: "assigned_rm_id");

            migrationBuilder.CreateIndex(
                name: "ix_queries_client_id",
                table: "queries",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_queries_created_at",
                table: "queries",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_queries_status_created_at",
                table: "queries",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assigned_user_id",
                table: "service_requests",
                column: "assigned_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_client_id",
                table: "service_requests",
                column: "client_id");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_created_at",
                table: "service_requests",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_status_created_at",
                table: "service_requests",
                columns: new[] { "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_type",
                table: "service_requests",
                column: "type");

            migrationBuilder.CreateIndex(
                name: "ix_teams_created_at",
                table: "teams",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_teams_name",
                table: "teams",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_created_at",
                table: "users",
                column: "created_at");

            migrationBuilder.CreateIndex(
                name: "ix_users_email",
                table: "users",
                column: "email",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_users_name",
                table: "users",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_users_role_id",
                table: "users",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_users_team_id",
                table: "users",
                column: "team_id");

            migrationBuilder.AddForeignKey(
                name: "fk_client_products_clients_client_id",
                table: "client_products",
                column: "client_id",
                principalTable: "clients",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "fk_clients_leads_source_lead_id",
                table: "clients",
                column: "source_lead_id",
                principalTable: "leads",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_interactions_clients_client_id",
                table: "interactions");

            migrationBuilder.DropForeignKey(
                name: "fk_leads_clients_converted_client_id",
                table: "leads");

            migrationBuilder.DropForeignKey(
                name: "fk_leads_clients_ref_given_by_client_id",
                table: "leads");

            migrationBuilder.DropForeignKey(
                name: "fk_queries_clients_client_id",
                table: "queries");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "client_products");

            migrationBuilder.DropTable(
                name: "service_requests");

            migrationBuilder.DropTable(
                name: "clients");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropTable(
                name: "interactions");

            migrationBuilder.DropTable(
                name: "queries");

            migrationBuilder.DropTable(
                name: "products");

            migrationBuilder.DropTable(
                name: "users");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "teams");
        }
    }
}
