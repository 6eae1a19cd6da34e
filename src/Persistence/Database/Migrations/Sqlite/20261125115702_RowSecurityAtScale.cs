using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace JlnbCrm.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    /// <remarks>The client-ownership view the visibility rules read, and the index changes made for PostgreSQL's sake.</remarks>
    public partial class RowSecurityAtScale : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_service_requests_assigned_user_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_queries_assigned_rm_id",
                table: "queries");

            migrationBuilder.DropIndex(
                name: "ix_clients_mobile",
                table: "clients");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assigned_user_id_client_id",
                table: "service_requests",
                columns: new[] { "assigned_user_id", "client_id" });

            migrationBuilder.CreateIndex(
                name: "ix_queries_assigned_rm_id_client_id",
                table: "queries",
                columns: new[] { "assigned_rm_id", "client_id" });

            migrationBuilder.Sql(JlnbCrm.Access.ClientOwner.CreateView);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP VIEW IF EXISTS {JlnbCrm.Access.ClientOwner.View};");
            migrationBuilder.DropIndex(
                name: "ix_service_requests_assigned_user_id_client_id",
                table: "service_requests");

            migrationBuilder.DropIndex(
                name: "ix_queries_assigned_rm_id_client_id",
                table: "queries");

            migrationBuilder.CreateIndex(
                name: "ix_service_requests_assigned_user_id",
                table: "service_requests",
                column: "assigned_user_id");

            migrationBuilder.CreateIndex(
                name: "ix_queries_assigned_rm_id",
                table: "queries",
                column: "assigned_rm_id");

            migrationBuilder.CreateIndex(
                name: "ix_clients_mobile",
                table: "clients",
                column: "mobile");
        }
    }
}
