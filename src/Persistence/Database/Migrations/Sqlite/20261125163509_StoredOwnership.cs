using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <remarks>
    /// Ownership stored where visibility reads it: clients.team_id (the RM's team) and the client's RM and team on
    /// holdings, interactions, queries and requests, with the indexes lists and queues page by (docs/access.md).
    /// </remarks>
    public partial class StoredOwnership : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "client_rm_id",
                table: "service_requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "client_team_id",
                table: "service_requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "client_rm_id",
                table: "queries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "client_team_id",
                table: "queries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "client_rm_id",
                table: "interactions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "client_team_id",
                table: "interactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "team_id",
                table: "clients",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "client_rm_id",
                table: "client_products",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "client_team_id",
                table: "client_products",
                type: "INTEGER",
                nullable: true);

            // Fill the stored ownership from its sources before anything compares it (Access/StoredOwnershipMigration.cs).
            migrationBuilder.Sql(JlnbCrm.Access.StoredOwnershipMigration.Backfill);

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_client_rm_id_due_at_id",
                table: "service_requests",
                columns: new[] { "client_rm_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_client_team_id_due_at_id",
                table: "service_requests",
                columns: new[] { "client_team_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_desk_id_due_at_id",
                table: "service_requests",
                columns: new[] { "desk_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_queries_client_rm_id_due_at_id",
                table: "queries",
                columns: new[] { "client_rm_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_queries_client_team_id_due_at_id",
                table: "queries",
                columns: new[] { "client_team_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_client_rm_id_occurred_at_id",
                table: "interactions",
                columns: new[] { "client_rm_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_client_team_id_occurred_at_id",
                table: "interactions",
                columns: new[] { "client_team_id", "occurred_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_clients_team_id_name_id",
                table: "clients",
                columns: new[] { "team_id", "name", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_client_products_client_rm_id",
                table: "client_products",
                column: "client_rm_id");

            migrationBuilder.CreateIndex(
                name: "ix_client_products_client_team_id",
                table: "client_products",
                column: "client_team_id");


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.DropIndex(
                name: "ix_service_requests_client_rm_id_due_at_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_client_team_id_due_at_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_service_requests_desk_id_due_at_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_queries_client_rm_id_due_at_id",
                table: "queries");

            migrationBuilder.DropIndex(
                name: "ix_queries_client_team_id_due_at_id",
                table: "queries");

            migrationBuilder.DropIndex(
                name: "ix_interactions_client_rm_id_occurred_at_id",
                table: "interactions");

            migrationBuilder.DropIndex(
                name: "ix_interactions_client_team_id_occurred_at_id",
                table: "interactions");

            migrationBuilder.DropIndex(
                name: "ix_clients_team_id_name_id",
                table: "clients");

            migrationBuilder.DropIndex(
                name: "ix_client_products_client_rm_id",
                table: "client_products");

            migrationBuilder.DropIndex(
                name: "ix_client_products_client_team_id",
                table: "client_products");

            migrationBuilder.DropColumn(
                name: "client_rm_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "client_team_id",
                table: "service_requests");

            migrationBuilder.DropColumn(
                name: "client_rm_id",
                table: "queries");

            migrationBuilder.DropColumn(
                name: "client_team_id",
                table: "queries");

            migrationBuilder.DropColumn(
                name: "client_rm_id",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "client_team_id",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "team_id",
                table: "clients");

            migrationBuilder.DropColumn(
                name: "client_rm_id",
                table: "client_products");

            migrationBuilder.DropColumn(
                name: "client_team_id",
                table: "client_products");

        }
    }
}
